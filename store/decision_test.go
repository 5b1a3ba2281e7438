package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coproduce"
)

func TestDecisionsLog(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		meeting := &coproduce.Meeting{GroupID: g.ID, Title: "March", StartsAt: time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		db.CreateMeeting(ctx, chair.ID, meeting)
		area := &coproduce.DecisionArea{GroupID: g.ID, Name: "Design of the new homes", Rung: coproduce.Partnership}
		if err := db.CreateDecisionArea(ctx, chair.ID, area); err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		if err := db.CreateDecisionArea(ctx, chair.ID, &coproduce.DecisionArea{GroupID: g.ID, Name: "x", Rung: 9}); !errors.As(err, &verr) {
			t.Errorf("rung 9: %v", err)
		}

		inMeeting := &coproduce.Decision{GroupID: g.ID, Title: "Three storeys on Wharf Walk", Outcome: "Agreed: no block above three storeys.",
			Method: coproduce.Consensus, DecidedOn: meeting.StartsAt, MeetingID: meeting.ID, AreaID: area.ID, Published: true,
			Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.Agreed, coproduce.OrganisationSide: coproduce.Agreed}}
		if err := db.SaveDecision(ctx, chair.ID, inMeeting); err != nil {
			t.Fatal(err)
		}
		outside := &coproduce.Decision{GroupID: g.ID, Title: "Contractor appointed", Outcome: "The council appointed the contractor.",
			Method: coproduce.Delegated, DecidedOn: meeting.StartsAt.AddDate(0, 0, 5), Outside: true, Published: true}
		if err := db.SaveDecision(ctx, chair.ID, outside); !errors.As(err, &verr) || verr.Fields[0].Field != "explanation" {
			t.Fatalf("publishing an unexplained outside decision: %v", err)
		}
		outside.Published = false
		if err := db.SaveDecision(ctx, chair.ID, outside); err != nil {
			t.Fatal(err)
		}
		if !outside.Unexplained() {
			t.Error("an outside decision without an explanation is not flagged")
		}
		outside.Explanation, outside.ExplainedOn, outside.Published = "The cabinet met before the group could.", meeting.StartsAt.AddDate(0, 0, 12), true
		if err := db.SaveDecision(ctx, chair.ID, outside); err != nil {
			t.Fatal(err)
		}
		otherMeeting := &coproduce.Decision{GroupID: g.ID, Title: "x", Outcome: "y", Method: coproduce.Vote, DecidedOn: meeting.StartsAt, MeetingID: coproduce.NewID()}
		if err := db.SaveDecision(ctx, chair.ID, otherMeeting); !errors.As(err, &verr) {
			t.Errorf("a meeting from elsewhere: %v", err)
		}

		all, err := db.FindDecisions(ctx, g.ID, false)
		if err != nil || len(all) != 2 || all[0].Title != "Contractor appointed" {
			t.Fatalf("decisions: %d, %v", len(all), err)
		}
		if all[1].Positions[coproduce.Residents] != coproduce.Agreed || all[1].AreaID != area.ID {
			t.Errorf("in-meeting decision: %+v", all[1])
		}
		got, err := db.FindDecision(ctx, g.ID, outside.ID)
		if err != nil || got.Explanation == "" || got.ExplainedOn.IsZero() || !got.Published {
			t.Fatalf("FindDecision: %+v, %v", got, err)
		}
		if _, err := db.FindDecision(ctx, coproduce.NewID(), outside.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("through another group: %v", err)
		}

		act := &coproduce.Action{GroupID: g.ID, Title: "Send the survey results", OwnerMemberID: chairMember.ID, Due: time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC), DecisionID: inMeeting.ID}
		if err := db.CreateAction(ctx, chair.ID, act); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAction(ctx, chair.ID, &coproduce.Action{GroupID: g.ID, Title: "x", OwnerMemberID: coproduce.NewID()}); !errors.As(err, &verr) {
			t.Errorf("owner from elsewhere: %v", err)
		}
		acts, _ := db.FindActions(ctx, g.ID)
		if len(acts) != 1 || !acts[0].Overdue(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("actions: %+v", acts)
		}
		if err := db.SetActionStatus(ctx, chair.ID, g.ID, act.ID, coproduce.ActionDone); err != nil {
			t.Fatal(err)
		}
		acts, _ = db.FindActions(ctx, g.ID)
		if acts[0].Status != coproduce.ActionDone || acts[0].ClosedAt.IsZero() || acts[0].Overdue(time.Now()) {
			t.Errorf("done action: %+v", acts[0])
		}
		if check, _ := db.VerifyAudit(ctx, g.ID); !check.Whole() {
			t.Errorf("audit: %+v", check)
		}
	})
}

func TestRedLines(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, _ := groupWithChair(t, db)
		day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }
		r := &coproduce.RedLine{GroupID: g.ID, Kind: coproduce.KindConstraint, Title: "At least 500 new homes", Owner: "The council's cabinet",
			Reason: "Needed to pay for the scheme.", RaisedOn: day(1, 10), ReviewBy: day(7, 1)}
		if err := db.SaveRedLine(ctx, chair.ID, r, ""); err != nil {
			t.Fatal(err)
		}
		var verr *coproduce.ValidationError
		if err := db.SaveRedLine(ctx, chair.ID, &coproduce.RedLine{GroupID: g.ID, Kind: coproduce.KindRedLine, Title: "x", RaisedOn: day(3, 1), ReviewBy: day(2, 1)}, ""); !errors.As(err, &verr) || len(verr.Fields) != 3 {
			t.Errorf("no owner, no reason, review before raised: %v", err)
		}
		r.Title, r.ReviewBy = "At least 450 new homes", day(12, 1)
		if err := db.SaveRedLine(ctx, chair.ID, r, ""); !errors.As(err, &verr) || verr.Fields[0].Field != "change_reason" {
			t.Errorf("a change without a reason: %v", err)
		}
		if err := db.SaveRedLine(ctx, chair.ID, r, "A grant closed part of the funding gap."); err != nil {
			t.Fatal(err)
		}
		list, err := db.FindRedLines(ctx, g.ID)
		if err != nil || len(list) != 1 || len(list[0].Changes) != 1 || list[0].Title != "At least 450 new homes" {
			t.Fatalf("red lines: %+v, %v", list, err)
		}
		if c := list[0].Changes[0]; !strings.Contains(c.What, "title changed") || !strings.Contains(c.What, "2026-07-01 → 2026-12-01") || c.Reason == "" {
			t.Errorf("change: %+v", c)
		}
		if !list[0].ReviewOverdue(day(12, 2)) || list[0].ReviewOverdue(day(11, 30)) {
			t.Error("overdue review not worked out from the review date")
		}
	})
}

func TestTermsOfReference(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident := createUser(t, db, "resident@example.org")
		rm := &coproduce.Member{GroupID: g.ID, UserID: resident.ID, Role: coproduce.ResidentRepresentative, Constituency: coproduce.Residents}
		officer := createUser(t, db, "officer@example.org")
		om := &coproduce.Member{GroupID: g.ID, UserID: officer.ID, Role: coproduce.OrganisationRep, Constituency: coproduce.OrganisationSide}
		db.AddMember(ctx, chair.ID, rm)
		db.AddMember(ctx, chair.ID, om)

		v1, err := db.CreateToRDraft(ctx, chair.ID, g.ID, map[string]string{"vision": "A better Larkhill, decided together."})
		if err != nil || v1.Number != 1 || v1.Sections["vision"] == "" {
			t.Fatalf("first draft: %+v, %v", v1, err)
		}
		var verr *coproduce.ValidationError
		if _, err := db.CreateToRDraft(ctx, chair.ID, g.ID, nil); !errors.As(err, &verr) {
			t.Errorf("a second draft at once: %v", err)
		}
		if err := db.SaveToRSections(ctx, chair.ID, g.ID, 1, map[string]string{"vision": "A better Larkhill.", "decisions": "Consensus first."}); err != nil {
			t.Fatal(err)
		}
		if err := db.AgreeToR(ctx, resident.ID, rm, 1); !errors.As(err, &verr) {
			t.Errorf("agreeing to a draft: %v", err)
		}
		if err := db.ProposeToR(ctx, chair.ID, g.ID, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveToRSections(ctx, chair.ID, g.ID, 1, map[string]string{"vision": "changed"}); !errors.As(err, &verr) {
			t.Errorf("editing a proposed version: %v", err)
		}
		db.AgreeToR(ctx, chair.ID, chairMember, 1)
		db.AgreeToR(ctx, resident.ID, rm, 1)
		if err := db.AdoptToR(ctx, chair.ID, g.ID, 1); !errors.As(err, &verr) {
			t.Errorf("adopting without the organisation's agreement: %v", err)
		}
		db.AgreeToR(ctx, officer.ID, om, 1)
		if err := db.AdoptToR(ctx, chair.ID, g.ID, 1); err != nil {
			t.Fatal(err)
		}
		v2, err := db.CreateToRDraft(ctx, chair.ID, g.ID, nil)
		if err != nil || v2.Number != 2 || v2.Sections["decisions"] != "Consensus first." {
			t.Fatalf("second draft copies the first: %+v, %v", v2, err)
		}
		db.SaveToRSections(ctx, chair.ID, g.ID, 2, map[string]string{"vision": "A better Larkhill.", "decisions": "Consensus first; a vote if that fails."})
		db.ProposeToR(ctx, chair.ID, g.ID, 2)
		db.AgreeToR(ctx, resident.ID, rm, 2)
		db.AgreeToR(ctx, officer.ID, om, 2)
		if err := db.AdoptToR(ctx, chair.ID, g.ID, 2); err != nil {
			t.Fatal(err)
		}
		versions, _ := db.FindToRVersions(ctx, g.ID)
		if len(versions) != 2 || versions[0].Status != coproduce.ToRAdopted || versions[1].Status != coproduce.ToRSuperseded {
			t.Fatalf("versions: %+v %+v", versions[0], versions[1])
		}
		got, err := db.FindToR(ctx, g.ID, 1)
		if err != nil || len(got.Agreements) != 3 || got.AdoptedAt.IsZero() {
			t.Fatalf("version 1: %+v, %v", got, err)
		}
		if _, err := db.FindToR(ctx, g.ID, 3); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("version 3: %v", err)
		}
	})
}

func TestInfoRequests(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		clk := withClock(db)
		g, chair, chairMember := groupWithChair(t, db)
		resident := createUser(t, db, "resident@example.org")
		rm := &coproduce.Member{GroupID: g.ID, UserID: resident.ID, Role: coproduce.ResidentRepresentative, Constituency: coproduce.Residents}
		db.AddMember(ctx, chair.ID, rm)

		r := &coproduce.InfoRequest{GroupID: g.ID, AskedBy: rm.ID, Question: "What did the damp survey find?"}
		if err := db.CreateInfoRequest(ctx, resident.ID, r); err != nil {
			t.Fatal(err)
		}
		if want := coproduce.AddWorkingDays(r.AskedAt, 20); !r.DueAt.Equal(want) {
			t.Errorf("due %v, want 20 working days later (%v)", r.DueAt, want)
		}
		var verr *coproduce.ValidationError
		if err := db.CreateInfoRequest(ctx, resident.ID, &coproduce.InfoRequest{GroupID: g.ID, AskedBy: rm.ID, Question: "x", AskedOfMemberID: coproduce.NewID()}); !errors.As(err, &verr) {
			t.Errorf("asking a stranger: %v", err)
		}
		clk.advance(10 * 24 * time.Hour)
		if err := db.AnswerInfoRequest(ctx, chair.ID, chairMember, r.ID, "Damp in 40 flats.", true, ""); !errors.As(err, &verr) {
			t.Errorf("withholding without a reason: %v", err)
		}
		if err := db.AnswerInfoRequest(ctx, chair.ID, chairMember, r.ID, "Damp in 40 flats; addresses withheld.", true, "Personal data: the policy's section on residents' details."); err != nil {
			t.Fatal(err)
		}
		if err := db.AnswerInfoRequest(ctx, chair.ID, chairMember, r.ID, "Again.", false, ""); !errors.As(err, &verr) {
			t.Errorf("answering twice: %v", err)
		}
		list, err := db.FindInfoRequests(ctx, g.ID)
		if err != nil || len(list) != 1 || !list[0].Withheld || list[0].AnsweredBy != chairMember.ID {
			t.Fatalf("requests: %+v, %v", list, err)
		}
		if m, n := coproduce.MedianResponseDays(list); n != 1 || m < 9.9 || m > 10.1 {
			t.Errorf("median response %v days over %d", m, n)
		}
	})
}

func TestOutreachLog(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		m := &coproduce.Meeting{GroupID: g.ID, Title: "March", StartsAt: time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		db.CreateMeeting(ctx, chair.ID, m)
		o := &coproduce.Outreach{GroupID: g.ID, MemberID: chairMember.ID, On: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), Method: "door-knocking", People: 30, Themes: "Damp, parking"}
		if err := db.CreateOutreach(ctx, chair.ID, o); err != nil {
			t.Fatal(err)
		}
		other := &coproduce.Member{ID: coproduce.NewID(), GroupID: g.ID}
		if err := db.MarkOutreachFedBack(ctx, chair.ID, other, o.ID, m.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("marking someone else's outreach: %v", err)
		}
		early := &coproduce.Meeting{GroupID: g.ID, Title: "February", StartsAt: time.Date(2026, 2, 10, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		db.CreateMeeting(ctx, chair.ID, early)
		var v *coproduce.ValidationError
		if err := db.MarkOutreachFedBack(ctx, chair.ID, chairMember, o.ID, early.ID); !errors.As(err, &v) {
			t.Errorf("fed back at a meeting before the outreach: %v", err)
		}
		if err := db.MarkOutreachFedBack(ctx, chair.ID, chairMember, o.ID, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkOutreachFedBack(ctx, chair.ID, chairMember, o.ID, m.ID); !errors.As(err, &v) {
			t.Errorf("fed back a second time: %v", err)
		}
		list, err := db.FindOutreach(ctx, g.ID)
		if err != nil || len(list) != 1 || list[0].FedBackAt != m.ID || list[0].People != 30 {
			t.Fatalf("outreach: %+v, %v", list, err)
		}
	})
}

func TestSupportNeeds(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		n := &coproduce.SupportNeed{GroupID: g.ID, MemberID: chairMember.ID + 1, Kind: "childcare", Details: "Two children under five"}
		if err := db.CreateSupportNeed(ctx, chair.ID, n); err == nil {
			t.Fatal("a need for a member who does not exist was recorded")
		}
		n.MemberID = chairMember.ID
		if err := db.CreateSupportNeed(ctx, chair.ID, n); err != nil {
			t.Fatal(err)
		}
		stranger := &coproduce.Member{ID: coproduce.NewID(), GroupID: g.ID, Role: coproduce.ResidentRepresentative}
		if err := db.SetSupportNeedMet(ctx, chair.ID, stranger, n.ID, true); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("another member marking it met: %v", err)
		}
		if err := db.SetSupportNeedMet(ctx, chair.ID, chairMember, n.ID, true); err != nil {
			t.Fatal(err)
		}
		list, err := db.FindSupportNeeds(ctx, g.ID)
		if err != nil || len(list) != 1 || !list[0].Met() || list[0].Details != "Two children under five" {
			t.Fatalf("needs: %+v, %v", list, err)
		}
		entries, _ := db.FindAuditEntries(ctx, g.ID, 10)
		for _, e := range entries {
			if e.Entity == "support-need" && (strings.Contains(e.Summary, "child") || e.Summary != "") {
				t.Errorf("the audit trail describes the need: %q", e.Summary)
			}
		}
		if err := db.SetSupportNeedMet(ctx, chair.ID, chairMember, n.ID, false); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.FindSupportNeeds(ctx, g.ID); list[0].Met() {
			t.Error("the need is still met after being marked not met")
		}
	})
}

func TestExternalFacilitators(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, chairMember := groupWithChair(t, db)
		resident := &coproduce.Member{GroupID: g.ID, UserID: createUser(t, db, "resident@example.org").ID, Role: coproduce.ResidentRepresentative, Constituency: coproduce.Residents}
		officer := &coproduce.Member{GroupID: g.ID, UserID: createUser(t, db, "officer@example.org").ID, Role: coproduce.OrganisationRep, Constituency: coproduce.OrganisationSide}
		for _, m := range []*coproduce.Member{resident, officer} {
			if err := db.AddMember(ctx, chair.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		f := &coproduce.ExternalFacilitator{Name: "Ruth Bell", Offers: "mediation"}
		if err := db.CreateExternalFacilitator(ctx, chair.ID, resident, f); err != nil {
			t.Fatal(err)
		}
		if err := db.ApproveExternalFacilitator(ctx, chair.ID, resident, f.ID); err == nil {
			t.Error("the proposer approved twice")
		}
		if err := db.ApproveExternalFacilitator(ctx, chair.ID, chairMember, f.ID); err == nil {
			t.Error("an independent chair's approval was recorded")
		}
		list, _ := db.FindExternalFacilitators(ctx, g.ID)
		if len(list) != 1 || list[0].Agreed() || !list[0].ApprovedBy(coproduce.Residents) {
			t.Fatalf("after the resident's proposal: %+v", list)
		}
		if err := db.ApproveExternalFacilitator(ctx, chair.ID, officer, f.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.FindExternalFacilitators(ctx, g.ID); !list[0].Agreed() {
			t.Errorf("not agreed after both sides approved: %+v", list[0])
		}
		other := &coproduce.Member{ID: officer.ID, GroupID: g.ID + 1, Constituency: coproduce.OrganisationSide}
		if err := db.ApproveExternalFacilitator(ctx, chair.ID, other, f.ID); !errors.Is(err, coproduce.ErrNotFound) {
			t.Errorf("approving another group's entry: %v", err)
		}
	})
}
