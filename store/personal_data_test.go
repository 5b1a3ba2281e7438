package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"coproduce"
	"coproduce/store"
)

func TestExportAndErase(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		rita := createUser(t, db, "rita@example.org")
		m := &coproduce.Member{GroupID: g.ID, UserID: rita.ID, Role: coproduce.ResidentRepresentative, Constituency: coproduce.Residents}
		if err := db.AddMember(ctx, chair.ID, m); err != nil {
			t.Fatal(err)
		}
		db.CreateSession(ctx, rita.ID, "phone", store.DefaultSessionPolicy)
		issue(t, db, coproduce.PurposeSignIn, rita.Email)
		if err := db.CreateSupportNeed(ctx, rita.ID, &coproduce.SupportNeed{GroupID: g.ID, MemberID: m.ID, Kind: "childcare", Details: "Two children"}); err != nil {
			t.Fatal(err)
		}

		audit, err := db.OpenSkillsAudit(ctx, chair.ID, chairMember, []string{"Viability"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SaveSkillsRatings(ctx, rita.ID, m, audit.ID, map[string]int{"Viability": 2}); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordTrainingReview(ctx, rita.ID, m, &coproduce.TrainingReview{MemberID: m.ID, HeldOn: time.Now().AddDate(0, 0, -1), Agreed: "A planning course."}); err != nil {
			t.Fatal(err)
		}
		if err := db.StartTimeOut(ctx, rita.ID, m, &coproduce.TimeOut{From: time.Now()}); err != nil {
			t.Fatal(err)
		}

		d, err := db.ExportPersonalData(ctx, rita.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Account.Email != "rita@example.org" || len(d.Memberships) != 1 || d.Memberships[0].Group != g.Name || len(d.Sessions) != 1 ||
			len(d.Support) != 1 || d.Support[0].Details != "Two children" {
			t.Fatalf("export: %+v", d)
		}
		if len(d.Skills) != 1 || d.Skills[0].Level != 2 || d.Skills[0].Recorded != "residents" ||
			len(d.Reviews) != 1 || d.Reviews[0].Agreed != "A planning course." || len(d.TimeOut) != 1 || d.TimeOut[0].Until != nil {
			t.Fatalf("export of skills, reviews and time out: %+v %+v %+v", d.Skills, d.Reviews, d.TimeOut)
		}

		if err := db.EraseUser(ctx, rita.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindUserByEmail(ctx, "rita@example.org"); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("account still there: %v", err)
		}
		if needs, _ := db.FindSupportNeeds(ctx, g.ID); len(needs) != 0 {
			t.Errorf("support needs outlive the account: %+v", needs)
		}
		if ratings, _ := db.FindSkillsRatings(ctx, audit.ID); len(ratings) != 0 {
			t.Errorf("skills ratings outlive the account: %+v", ratings)
		}
		if away, _ := db.FindTimeOuts(ctx, g.ID); len(away) != 0 {
			t.Errorf("time out outlives the account: %+v", away)
		}
		if reviews, _ := db.FindTrainingReviews(ctx, g.ID); len(reviews) != 1 || reviews[0].Agreed != "" {
			t.Errorf("training reviews after erasure: want the date kept and what was agreed gone: %+v", reviews)
		}
		all, _ := db.FindMembers(ctx, g.ID, true)
		var former *coproduce.Member
		for _, x := range all {
			if x.ID == m.ID {
				former = x
			}
		}
		if former == nil || !former.Former() || former.Current() || former.Name != "" || former.Email != "" || former.Role != coproduce.ResidentRepresentative {
			t.Fatalf("membership after erasure: %+v", former)
		}
		var left int
		db.raw.QueryRow(`SELECT COUNT(*) FROM outbox WHERE to_address = 'rita@example.org'`).Scan(&left)
		if left != 0 {
			t.Errorf("%d emails to the erased address kept", left)
		}
		check, err := db.VerifyAudit(ctx, g.ID)
		if err != nil || !check.Whole() {
			t.Errorf("audit chain after erasure: %+v, %v", check, err)
		}
		entries, _ := db.FindAuditEntries(ctx, g.ID, 1)
		if entries[0].Action != "member.erased" {
			t.Errorf("last audit entry %q, want member.erased", entries[0].Action)
		}
		if err := db.EraseUser(ctx, rita.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("erasing twice: %v", err)
		}
	})
}
