package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coproduce"
)

func TestProjectContext(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, _ := groupWithChair(t, db)
		p, err := db.FindProjectContext(ctx, g.ID)
		if err != nil || !p.UsesRIBA() || p.StageName() != "Strategic Definition" {
			t.Fatalf("default context: %+v, %v", p, err)
		}
		p.CurrentStage = 3
		if err := db.SetProjectContext(ctx, chair.ID, p); err != nil {
			t.Fatal(err)
		}
		p.Phases, p.CurrentStage = []string{"Listening", "Options", "Ballot", "Building"}, 2
		if err := db.SetProjectContext(ctx, chair.ID, p); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindProjectContext(ctx, g.ID)
		if got.StageName() != "Ballot" || len(got.Stages()) != 4 {
			t.Errorf("context after change: %+v", got)
		}
		var verr *coproduce.ValidationError
		if err := db.SetProjectContext(ctx, chair.ID, &coproduce.ProjectContext{GroupID: g.ID, CurrentStage: 8}); !errors.As(err, &verr) {
			t.Errorf("RIBA stage 8: %v", err)
		}

		due := time.Date(2027, 6, 1, 11, 0, 0, 0, time.UTC)
		m := &coproduce.Milestone{GroupID: g.ID, Title: "Planning application submitted", Due: due}
		if err := db.CreateMilestone(ctx, chair.ID, m); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveMilestone(ctx, chair.ID, g.ID, m.ID, due.AddDate(0, 3, 0), ""); !errors.As(err, &verr) {
			t.Errorf("moving without a reason: %v", err)
		}
		if err := db.MoveMilestone(ctx, chair.ID, g.ID, m.ID, due.AddDate(0, 3, 0), "Highways survey delayed"); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveMilestone(ctx, chair.ID, coproduce.NewID(), m.ID, due, "x"); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("moving through another group: %v", err)
		}
		ms, err := db.FindMilestones(ctx, g.ID)
		if err != nil || len(ms) != 1 || len(ms[0].Changes) != 1 || ms[0].Changes[0].Reason != "Highways survey delayed" || !ms[0].Due.Equal(due.AddDate(0, 3, 0)) {
			t.Fatalf("milestones: %+v, %v", ms, err)
		}

		r := &coproduce.Risk{GroupID: g.ID, Kind: coproduce.KindRisk, Title: "Construction costs rising"}
		if err := db.CreateRisk(ctx, chair.ID, r); err != nil {
			t.Fatal(err)
		}
		db.CreateRisk(ctx, chair.ID, &coproduce.Risk{GroupID: g.ID, Kind: coproduce.KindOpportunity, Title: "Greener heating grant"})
		if err := db.CloseRisk(ctx, chair.ID, g.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		open, _ := db.FindRisks(ctx, g.ID, true)
		all, _ := db.FindRisks(ctx, g.ID, false)
		if len(open) != 1 || len(all) != 2 || open[0].Kind != coproduce.KindOpportunity {
			t.Errorf("risks: %d open, %d in all", len(open), len(all))
		}
		if check, _ := db.VerifyAudit(ctx, g.ID); !check.Whole() {
			t.Errorf("audit: %+v", check)
		}
	})
}

func TestMeetingsAndAgenda(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident := createUser(t, db, "resident@example.org")
		rm := &coproduce.Member{GroupID: g.ID, UserID: resident.ID, Role: coproduce.ResidentRepresentative, Constituency: coproduce.Residents}
		db.AddMember(ctx, chair.ID, rm)

		m := &coproduce.Meeting{GroupID: g.ID, Title: "Steering group", StartsAt: time.Date(2026, 10, 25, 18, 30, 0, 0, time.UTC), Minutes: 90,
			Venue: "Larkhill Community Centre", HostMemberID: rm.ID, Visibility: coproduce.Public}
		if err := db.CreateMeeting(ctx, chair.ID, m); err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		bad := &coproduce.Meeting{GroupID: g.ID, Title: "x", StartsAt: m.StartsAt, Minutes: 90, Venue: "v", HostMemberID: coproduce.NewID(), Visibility: coproduce.GroupOnly}
		if err := db.CreateMeeting(ctx, chair.ID, bad); !errors.As(err, &verr) || verr.Fields[0].Field != "host" {
			t.Errorf("host from outside the group: %v", err)
		}

		for _, title := range []string{"Parking on the estate", "Bin stores", "Community garden"} {
			if err := db.ProposeItem(ctx, resident.ID, rm, m.ID, &coproduce.AgendaItem{Title: title}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ProposeItem(ctx, chair.ID, chairMember, coproduce.NewID(), &coproduce.AgendaItem{Title: "x"}); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("proposing to a missing meeting: %v", err)
		}
		items, err := db.FindAgenda(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := ""
		for _, it := range items {
			kinds += string(it.Kind)[:1]
		}
		if kinds != "crpppqp" {
			// check-in, recap, three proposed, questions, problems
			t.Fatalf("agenda order %q, want check-in, recap, 3 proposed, questions, problems", kinds)
		}
		if items[2].Title != "Parking on the estate" || items[2].ProposerConstituency != coproduce.Residents {
			t.Errorf("first proposed item: %+v", items[2])
		}
		if err := db.MoveItem(ctx, chair.ID, g.ID, m.ID, items[4].ID, -1); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveItem(ctx, chair.ID, g.ID, m.ID, items[0].ID, +1); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("moving a fixed item: %v", err)
		}
		items, _ = db.FindAgenda(ctx, m.ID)
		if items[3].Title != "Community garden" || items[4].Title != "Bin stores" || items[5].Kind != coproduce.ItemQuestions {
			t.Errorf("after moving up: %s, %s, %s", items[3].Title, items[4].Title, items[5].Kind)
		}

		got, err := db.FindMeeting(ctx, g.ID, m.ID)
		if err != nil || !got.StartsAt.Equal(m.StartsAt) || got.HostMemberID != rm.ID {
			t.Fatalf("FindMeeting = %+v, %v", got, err)
		}
		if _, err := db.FindMeeting(ctx, coproduce.NewID(), m.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("meeting through another group: %v", err)
		}
		got.Visibility = coproduce.GroupOnly
		if err := db.UpdateMeeting(ctx, chair.ID, got); err != nil {
			t.Fatal(err)
		}
		public, _ := db.FindMeetings(ctx, g.ID, true)
		all, _ := db.FindMeetings(ctx, g.ID, false)
		if len(public) != 0 || len(all) != 1 {
			t.Errorf("meetings: %d public, %d in all", len(public), len(all))
		}
	})
}

func TestAttendanceAndMinutesLifecycle(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		first := &coproduce.Meeting{GroupID: g.ID, Title: "March", StartsAt: time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		second := &coproduce.Meeting{GroupID: g.ID, Title: "April", StartsAt: time.Date(2026, 4, 14, 17, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		db.CreateMeeting(ctx, chair.ID, first)
		db.CreateMeeting(ctx, chair.ID, second)

		if err := db.RecordAttendance(ctx, chair.ID, g.ID, first.ID, map[int64]coproduce.Attendance{chairMember.ID: coproduce.Present}); err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		if err := db.RecordAttendance(ctx, chair.ID, g.ID, first.ID, map[int64]coproduce.Attendance{coproduce.NewID(): coproduce.Present}); !errors.As(err, &verr) {
			t.Errorf("attendance of a stranger: %v", err)
		}
		att, _ := db.FindAttendance(ctx, first.ID)
		if att[chairMember.ID] != coproduce.Present {
			t.Errorf("attendance: %v", att)
		}

		if _, err := db.FindMinutes(ctx, first.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("minutes before any: %v", err)
		}
		m := &coproduce.Minutes{MeetingID: first.ID, Body: "# March\n\nAgreed the parking survey.", Visibility: coproduce.Public}
		if err := db.SaveMinutes(ctx, chair.ID, g.ID, m); err != nil {
			t.Fatal(err)
		}
		if err := db.ApproveMinutes(ctx, chair.ID, g.ID, first.ID, second.ID); !errors.As(err, &verr) {
			t.Errorf("approving a draft: %v", err)
		}
		if err := db.CirculateMinutes(ctx, chair.ID, g.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveMinutes(ctx, chair.ID, g.ID, m); !errors.As(err, &verr) {
			t.Errorf("editing circulated minutes: %v", err)
		}
		if err := db.AddCorrection(ctx, chair.ID, chairMember, first.ID, "The survey is of the whole estate."); err != nil {
			t.Fatal(err)
		}
		m.Body += "\n\nThe survey covers the whole estate."
		if err := db.SaveMinutes(ctx, chair.ID, g.ID, m); err != nil {
			t.Fatalf("editing during corrections: %v", err)
		}
		if err := db.CirculateMinutes(ctx, chair.ID, g.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.ApproveMinutes(ctx, chair.ID, g.ID, second.ID, first.ID); !errors.As(err, &verr) {
			t.Errorf("approved at an earlier meeting: %v", err)
		}
		if err := db.ApproveMinutes(ctx, chair.ID, g.ID, first.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindMinutes(ctx, first.ID)
		if err != nil || got.Status != coproduce.MinutesApproved || got.ApprovedAtMeeting != second.ID || len(got.Corrections) != 1 || got.CirculatedAt.IsZero() {
			t.Fatalf("minutes: %+v, %v", got, err)
		}
		if check, _ := db.VerifyAudit(ctx, g.ID); !check.Whole() {
			t.Errorf("audit: %+v", check)
		}
	})
}

func TestPapers(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		m := &coproduce.Meeting{GroupID: g.ID, Title: "March", StartsAt: time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		db.CreateMeeting(ctx, chair.ID, m)
		pdf := []byte("%PDF-1.4\n% a tiny test file\n\x00\x01\x02")
		p := &coproduce.Paper{GroupID: g.ID, MeetingID: m.ID, Title: "Viability report", FileName: "viability.pdf", ContentType: "application/pdf",
			Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{chairMember.ID}, Reason: "Commercially confidential until the tender closes"}}
		if err := db.CreatePaper(ctx, chair.ID, p, pdf); err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		bad := &coproduce.Paper{GroupID: g.ID, MeetingID: m.ID, Title: "x", FileName: "x.pdf", Audience: coproduce.Audience{Visibility: coproduce.Restricted}}
		if err := db.CreatePaper(ctx, chair.ID, bad, pdf); !errors.As(err, &verr) {
			t.Errorf("restricted without members or reason: %v", err)
		}
		stranger := &coproduce.Paper{GroupID: g.ID, MeetingID: m.ID, Title: "x", FileName: "x.pdf",
			Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{coproduce.NewID()}, Reason: "r"}}
		if err := db.CreatePaper(ctx, chair.ID, stranger, pdf); !errors.As(err, &verr) {
			t.Errorf("restricted to a non-member: %v", err)
		}
		if err := db.CirculatePaper(ctx, chair.ID, g.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		papers, err := db.FindPapers(ctx, m.ID)
		if err != nil || len(papers) != 1 || papers[0].CirculatedAt.IsZero() || len(papers[0].Audience.MemberIDs) != 1 || papers[0].Size != int64(len(pdf)) {
			t.Fatalf("papers: %+v, %v", papers, err)
		}
		content, err := db.FindPaperContent(ctx, p.ID)
		if err != nil || string(content) != string(pdf) {
			t.Fatalf("content round trip: %q, %v", content, err)
		}
		if _, err := db.FindPaper(ctx, coproduce.NewID(), p.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("paper through another group: %v", err)
		}
		entries, _ := db.FindAuditEntries(ctx, g.ID, 5)
		for _, e := range entries {
			if strings.Contains(e.Summary, "Viability") {
				t.Errorf("a restricted paper's title is in the audit trail: %q", e.Summary)
			}
		}
	})
}
