package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coproduce"
)

func TestGovernanceMapAndChecks(t *testing.T) {
	forEachMigratedDB(t, func(t *testing.T, db *testDB) {
		ctx := context.Background()
		g, chair, member := groupWithChair(t, db)
		var verr *coproduce.ValidationError

		council := &coproduce.GovernanceBody{OrganisationID: g.OrganisationID, Name: "Full council", Kind: "full-council", Reach: coproduce.ReachNo}
		if err := db.SaveGovernanceBody(ctx, chair.ID, council); err != nil {
			t.Fatal(err)
		}
		cabinet := &coproduce.GovernanceBody{OrganisationID: g.OrganisationID, Name: "Cabinet", Kind: "cabinet", ReportsTo: council.ID, Reach: coproduce.ReachPartly,
			Decides: "The regeneration budget\nThe choice of development partner"}
		must(t, db.SaveGovernanceBody(ctx, chair.ID, cabinet))
		steering := &coproduce.GovernanceBody{OrganisationID: g.OrganisationID, Name: "Larkhill steering group", Kind: "steering-group", ReportsTo: cabinet.ID,
			Reach: coproduce.ReachYes, GroupID: g.ID}
		must(t, db.SaveGovernanceBody(ctx, chair.ID, steering))

		// The map cannot loop, nor hold a group twice, nor point elsewhere.
		council.ReportsTo = steering.ID
		if err := db.SaveGovernanceBody(ctx, chair.ID, council); !errors.As(err, &verr) || verr.Fields[0].Field != "reports_to" {
			t.Errorf("a loop: %v", err)
		}
		council.ReportsTo = 0
		twice := &coproduce.GovernanceBody{OrganisationID: g.OrganisationID, Name: "Again", Kind: "other", Reach: coproduce.ReachNo, GroupID: g.ID}
		if err := db.SaveGovernanceBody(ctx, chair.ID, twice); !errors.As(err, &verr) || !strings.Contains(verr.Fields[0].Message, "Larkhill steering group") {
			t.Errorf("a group twice: %v", err)
		}
		elsewhere := &coproduce.GovernanceBody{OrganisationID: g.OrganisationID, Name: "Else", Kind: "other", Reach: coproduce.ReachNo, ReportsTo: coproduce.NewID()}
		if err := db.SaveGovernanceBody(ctx, chair.ID, elsewhere); !errors.As(err, &verr) {
			t.Errorf("reporting to a body not on the map: %v", err)
		}

		m, err := db.FindGovernanceMap(ctx, g.OrganisationID)
		if err != nil || len(m) != 3 {
			t.Fatalf("map: %d bodies, %v", len(m), err)
		}
		if route := m.Route(g.ID); len(route) != 2 || route[0].Name != "Cabinet" || route[1].Name != "Full council" {
			t.Errorf("route up from the group: %v", route)
		}
		if err := db.RemoveGovernanceBody(ctx, chair.ID, g.OrganisationID, cabinet.ID); !errors.As(err, &verr) || !strings.Contains(verr.Fields[0].Message, "1 bodies report to Cabinet") {
			t.Errorf("removing a body others report to: %v", err)
		}

		// A check carries the records as they were when it was sent.
		meeting := &coproduce.Meeting{GroupID: g.ID, Title: "March", StartsAt: time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC), Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
		must(t, db.CreateMeeting(ctx, chair.ID, meeting))
		area := &coproduce.DecisionArea{GroupID: g.ID, Name: "Design", Rung: coproduce.Partnership}
		must(t, db.CreateDecisionArea(ctx, chair.ID, area))
		d := &coproduce.Decision{GroupID: g.ID, Title: "Three storeys on Wharf Walk", Outcome: "Agreed.", Method: coproduce.Consensus, DecidedOn: meeting.StartsAt,
			MeetingID: meeting.ID, AreaID: area.ID, Dissent: "Some wanted two storeys.",
			Positions: map[coproduce.Constituency]coproduce.Position{coproduce.Residents: coproduce.Agreed, coproduce.OrganisationSide: coproduce.Agreed}}
		open := &coproduce.Paper{GroupID: g.ID, MeetingID: meeting.ID, Title: "Design options", FileName: "o.pdf", ContentType: "application/pdf",
			Audience: coproduce.Audience{Visibility: coproduce.GroupOnly}}
		secret := &coproduce.Paper{GroupID: g.ID, MeetingID: meeting.ID, Title: "Land deal terms", FileName: "l.pdf", ContentType: "application/pdf",
			Audience: coproduce.Audience{Visibility: coproduce.Restricted, MemberIDs: []int64{member.ID}, Reason: "Commercially sensitive"}}
		must(t, db.CreatePaper(ctx, chair.ID, open, []byte("%PDF-1.4\n")))
		must(t, db.CreatePaper(ctx, chair.ID, secret, []byte("%PDF-1.4\n")))
		d.PaperIDs = []int64{open.ID, secret.ID}
		must(t, db.SaveDecision(ctx, chair.ID, d))
		c := &coproduce.AccountabilityCheck{DecisionID: d.ID, BodyID: cabinet.ID, Coproduced: coproduce.ReachYes, Rung: coproduce.Partnership,
			Statement: "Both sides agreed after two meetings.", SentOn: time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)}
		if err := db.CreateAccountabilityCheck(ctx, chair.ID, member, c); err != nil {
			t.Fatal(err)
		}
		if len(c.Evidence.Papers) != 1 || c.Evidence.Papers[0].Title != "Design options" || c.Evidence.Restricted != 1 {
			t.Errorf("papers in the evidence: %+v, %d restricted; want the open paper listed and the restricted one only counted", c.Evidence.Papers, c.Evidence.Restricted)
		}
		if c.Evidence.Meeting == "" || c.Evidence.Area != "Design" || c.Evidence.AreaRung != coproduce.Partnership || c.Evidence.SuggestedReach() != coproduce.ReachYes || c.BodyName != "Cabinet" {
			t.Errorf("evidence: %+v", c.Evidence)
		}
		d.Dissent = "Changed afterwards."
		must(t, db.SaveDecision(ctx, chair.ID, d))
		got, err := db.FindAccountabilityCheck(ctx, g.ID, c.ID)
		if err != nil || got.Evidence.Dissent != "Some wanted two storeys." || got.Status() != coproduce.CheckWaiting || got.SentBy != member.ID {
			t.Errorf("the check as sent: %+v, %v", got, err)
		}
		if err := db.RemoveGovernanceBody(ctx, chair.ID, g.OrganisationID, steering.ID); err != nil {
			t.Errorf("removing a body nothing depends on: %v", err)
		}
		steering.ID = 0
		must(t, db.SaveGovernanceBody(ctx, chair.ID, steering))

		other := &coproduce.GovernanceBody{OrganisationID: coproduce.NewID(), Name: "x", Kind: "other", Reach: coproduce.ReachNo}
		bad := *c
		bad.BodyID = other.ID
		if err := db.CreateAccountabilityCheck(ctx, chair.ID, member, &bad); !errors.As(err, &verr) || verr.Fields[0].Field != "body" {
			t.Errorf("a body not on the map: %v", err)
		}
		if err := db.RecordCheckResponse(ctx, chair.ID, member, c.ID, "accepted", "Agreed by cabinet.", time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)); !errors.As(err, &verr) {
			t.Errorf("a response before the check was sent: %v", err)
		}
		must(t, db.RecordCheckResponse(ctx, chair.ID, member, c.ID, "accepted", "Agreed by cabinet.", time.Date(2026, 4, 2, 12, 0, 0, 0, time.UTC)))
		if err := db.RecordCheckResponse(ctx, chair.ID, member, c.ID, "rejected", "Changed its mind.", time.Date(2026, 4, 9, 12, 0, 0, 0, time.UTC)); !errors.As(err, &verr) {
			t.Errorf("a second response: %v", err)
		}
		checks, err := db.FindAccountabilityChecks(ctx, g.ID)
		if err != nil || len(checks) != 1 || checks[0].Outcome != "accepted" || checks[0].RecordedBy != member.ID {
			t.Errorf("checks: %+v, %v", checks, err)
		}
		rec, err := db.GroupRecords(ctx, g, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || len(rec.Checks) != 1 {
			t.Errorf("the evidence reads %d checks, %v", len(rec.Checks), err)
		}
		audit, err := db.VerifyAudit(ctx, g.ID)
		if err != nil || !audit.Whole() {
			t.Errorf("audit chain: %+v, %v", audit, err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
