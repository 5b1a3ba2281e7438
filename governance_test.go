package coproduce

import (
	"testing"
	"time"
)

func TestGovernanceMapRoute(t *testing.T) {
	m := GovernanceMap{
		{ID: 1, Name: "Council"},
		{ID: 2, Name: "Cabinet", ReportsTo: 1},
		{ID: 3, Name: "Board", ReportsTo: 2},
		{ID: 4, Name: "Larkhill", ReportsTo: 3, GroupID: 40},
		{ID: 5, Name: "Orphan", ReportsTo: 99}, // its body was taken off
		{ID: 6, Name: "Loop A", ReportsTo: 7, GroupID: 60},
		{ID: 7, Name: "Loop B", ReportsTo: 6},
	}
	var names []string
	for _, b := range m.Route(40) {
		names = append(names, b.Name)
	}
	if len(names) != 3 || names[0] != "Board" || names[2] != "Council" {
		t.Errorf("Route(40) = %v; want Board, Cabinet, Council", names)
	}
	if r := m.Route(60); len(r) > 2 {
		t.Errorf("a loop gave a route of %d bodies; want it to stop", len(r))
	}
	if r := m.Route(999); len(r) != 0 {
		t.Errorf("a group not on the map has a route: %v", r)
	}
	top := m.Under(0)
	if len(top) != 2 || top[0].Name != "Council" || top[1].Name != "Orphan" {
		t.Errorf("Under(0) = %d bodies; want the council and the orphan, so nothing is lost from the drawing", len(top))
	}
}

func TestCheckEvidenceSuggestedReach(t *testing.T) {
	both := map[Constituency]Position{Residents: Agreed, OrganisationSide: Agreed}
	for _, tt := range []struct {
		name string
		e    CheckEvidence
		want Reach
	}{
		{"ConsensusBothAgreed", CheckEvidence{Meeting: "March", Method: Consensus, Positions: both}, ReachYes},
		{"Vote", CheckEvidence{Meeting: "March", Method: Vote, Positions: both}, ReachPartly},
		{"ResidentsMixed", CheckEvidence{Meeting: "March", Method: Consensus, Positions: map[Constituency]Position{Residents: Mixed, OrganisationSide: Agreed}}, ReachPartly},
		{"Outside", CheckEvidence{Method: Delegated, Positions: both}, ReachNo},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.SuggestedReach(); got != tt.want {
				t.Errorf("SuggestedReach() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCheckResponseValidation(t *testing.T) {
	sent := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	c := &AccountabilityCheck{SentOn: sent, Outcome: "accepted", Response: "Agreed.", RespondedOn: sent.AddDate(0, 0, -1)}
	if err := c.ValidateResponse(); err == nil {
		t.Error("a response dated before the check was sent was accepted")
	}
	c.RespondedOn, c.Outcome = sent.AddDate(0, 0, 3), "shrugged"
	if err := c.ValidateResponse(); err == nil {
		t.Error("an unknown outcome was accepted")
	}
	c.Outcome = "amended"
	if err := c.ValidateResponse(); err != nil {
		t.Errorf("a good response: %v", err)
	}
	if c.Overdue(sent.AddDate(0, 0, 100)) {
		t.Error("an answered check is overdue")
	}
}
