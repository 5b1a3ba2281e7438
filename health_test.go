package coproduce

import (
	"math"
	"testing"
)

func TestPerceptionWorkedExample(t *testing.T) {
	statements := map[string]int{"a": 1, "b": 1, "c": 2}
	ballot := func(c Constituency, a, b, cc int) *Ballot {
		return &Ballot{Constituency: c, Answers: map[string]int{"a": a, "b": b, "c": cc}}
	}
	ballots := []*Ballot{
		ballot(Residents, 5, 2, 4), ballot(Residents, 4, DontKnow, 1), ballot(Residents, 1, 1, 5),
		ballot(OrganisationSide, 5, 5, 2), ballot(OrganisationSide, 4, 3, 2), ballot(OrganisationSide, 2, 4, DontKnow),
		ballot(Independent, 5, 5, 5),
	}
	got := Perception(ballots, statements, []int{1, 2}, 3)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

	// Principle 1. Residents: 5 answers that are not don't know (5, 2, 4,
	// 1, 1), 2 favourable: 0.4. Organisation: 6 answers, 4 favourable.
	// One independent member: hidden, and so is the overall share, which
	// would give that member's answers away.
	p1 := got[0]
	if c := p1.ByGroup[Residents]; c.Hidden || c.Respondents != 3 || !near(c.Share, 0.4) {
		t.Errorf("principle 1, residents: %+v", c)
	}
	if c := p1.ByGroup[OrganisationSide]; c.Hidden || !near(c.Share, 4.0/6) {
		t.Errorf("principle 1, organisation: %+v", c)
	}
	if c := p1.ByGroup[Independent]; !c.Hidden || c.Share != 0 || c.Respondents != 0 {
		t.Errorf("principle 1, one independent member is shown: %+v", c)
	}
	if !p1.Overall.Hidden || p1.Overall.Share != 0 {
		t.Errorf("principle 1, overall gives the independent member away: %+v", p1.Overall)
	}
	if !p1.GapShown || !near(p1.Gap, 40-100*4.0/6) || !p1.GapFlagged() {
		t.Errorf("principle 1, gap %v shown %v flagged %v; want -26.7, flagged", p1.Gap, p1.GapShown, p1.GapFlagged())
	}

	// Principle 2. Residents: 4, 1, 5: two of three favourable.
	// Organisation: two answers (2, 2; one don't know), hidden; one
	// independent, hidden. With any side hidden the overall share is
	// hidden too: each side weighs a third, so the lone independent
	// member's answer would show through it. No gap without the
	// organisation's share.
	p2 := got[1]
	if c := p2.ByGroup[Residents]; c.Hidden || !near(c.Share, 2.0/3) {
		t.Errorf("principle 2, residents: %+v", c)
	}
	if c := p2.ByGroup[OrganisationSide]; !c.Hidden {
		t.Errorf("principle 2, two organisation members shown: %+v", c)
	}
	if !p2.Overall.Hidden || p2.Overall.Share != 0 {
		t.Errorf("principle 2, overall shown with two sides hidden: %+v", p2.Overall)
	}

	// Three sides of three: everything shown, each side weighted equally.
	full := append([]*Ballot{}, ballots...)
	full = append(full, ballot(Independent, 1, 1, 1), ballot(Independent, 4, 4, 4))
	p1 = Perception(full, statements, []int{1}, 3)[0]
	// Independent: 5, 5; 1, 1; 4, 4: four of six favourable.
	if p1.Overall.Hidden || !near(p1.Overall.Share, (0.4+4.0/6+4.0/6)/3) {
		t.Errorf("principle 1 with every side shown: %+v", p1.Overall)
	}
	// A ballot whose side was blanked at close counts in no side, and
	// hides the overall share.
	blank := append(full, ballot("", 5, 5, 5))
	if p := Perception(blank, statements, []int{1}, 3)[0]; !p.Overall.Hidden || p.ByGroup[Residents].Hidden {
		t.Errorf("with a blanked ballot: %+v", p)
	}
	if p2.GapShown {
		t.Error("principle 2 shows a gap with the organisation's share hidden")
	}

	// Too few altogether: everything hidden.
	few := Perception(ballots[:2], statements, []int{1}, 3)
	if !few[0].Overall.Hidden || !few[0].ByGroup[Residents].Hidden {
		t.Errorf("two ballots: %+v", few[0])
	}
}

func TestBallotValidation(t *testing.T) {
	r := &HealthRound{Statements: []string{"a", "b"}, AreaIDs: []int64{7}}
	err := r.ValidateBallot(&Ballot{Answers: map[string]int{"a": 6}, Ladder: map[int64][2]Rung{7: {9, 0}}})
	v, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("got %v", err)
	}
	want := map[string]bool{"s-a": true, "s-b": true, "now-0": true, "should-0": true, "now-7": true}
	for _, f := range v.Fields {
		if !want[f.Field] {
			t.Errorf("unexpected problem with %s", f.Field)
		}
		delete(want, f.Field)
	}
	if len(want) != 0 {
		t.Errorf("problems not found: %v", want)
	}
	ok2 := &Ballot{Answers: map[string]int{"a": DontKnow, "b": 5}, Ladder: map[int64][2]Rung{0: {Consultation, Partnership}}}
	if err := r.ValidateBallot(ok2); err != nil {
		t.Errorf("a complete ballot, area unanswered: %v", err)
	}
}

func TestLadderMedians(t *testing.T) {
	b := func(now, should Rung, areaNow Rung) *Ballot {
		return &Ballot{Ladder: map[int64][2]Rung{0: {now, should}, 9: {areaNow, Partnership}}}
	}
	var placings []Placing
	for _, x := range []*Ballot{b(3, 6, 4), b(4, 6, 0), b(4, 7, 0), b(5, 8, 4)} {
		placings = append(placings, x.Placings()...)
	}
	got := Ladder(placings, []int64{9}, 3)
	if got[0].Hidden || got[0].Now != 4 || got[0].Should != 6.5 || got[0].Answers != 4 {
		t.Errorf("overall: %+v; want now 4, should 6.5 from four", got[0])
	}
	if !got[1].Hidden || got[1].Now != 0 {
		t.Errorf("area 9, placed by two members only: %+v", got[1])
	}
}

func TestChange(t *testing.T) {
	shown := func(share float64) PerceptionCell { return PerceptionCell{Respondents: 6, Share: share} }
	for _, tc := range []struct {
		name          string
		before, after PerceptionCell
		points        int
		direction     string
	}{
		// 2 of 8 favourable, then 5 of 8: 25% to 62.5%, up 37.5 points, rounded to 38.
		{"up", shown(0.25), shown(0.625), 38, "up"},
		{"down", shown(0.75), shown(0.5), -25, "down"},
		// 4.6 points rounds to 5, the edge of the steady band.
		{"just up", shown(0.500), shown(0.546), 5, "up"},
		{"steady up", shown(0.500), shown(0.544), 4, "steady"},
		{"steady down", shown(0.5), shown(0.46), -4, "steady"},
		{"just down", shown(0.5), shown(0.45), -5, "down"},
		{"no change", shown(0.5), shown(0.5), 0, "steady"},
		{"earlier hidden", PerceptionCell{Hidden: true}, shown(0.5), 0, ""},
		{"later hidden", shown(0.5), PerceptionCell{Hidden: true}, 0, ""},
		{"nobody answered", PerceptionCell{}, shown(0.5), 0, ""},
	} {
		c := Change(tc.before, tc.after)
		if c.Shown && c.Points != tc.points || c.Direction() != tc.direction {
			t.Errorf("%s: got %+v %q, want %d points %q", tc.name, c, c.Direction(), tc.points, tc.direction)
		}
	}
}
