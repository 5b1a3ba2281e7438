package coproduce

import (
	"testing"
	"time"
)

func TestEvidenceWorkedExample(t *testing.T) {
	asOf := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	resident := &Member{ID: 1, Constituency: Residents, JoinedAt: day(2024, 1, 1)}
	officer := &Member{ID: 2, Constituency: OrganisationSide, JoinedAt: day(2024, 1, 1)}
	m1 := &Meeting{ID: 10, StartsAt: time.Date(2026, 10, 20, 18, 0, 0, 0, time.UTC), HostMemberID: 1}
	m2 := &Meeting{ID: 11, StartsAt: time.Date(2026, 11, 17, 18, 0, 0, 0, time.UTC)}
	rec := &GroupRecords{
		PaperDeadlineDays: 5,
		ToRAdopted:        day(2025, 9, 26),
		Members:           []*Member{resident, officer},
		Meetings:          []*Meeting{m1, m2},
		Agenda: []*AgendaItem{
			{MeetingID: 10, Kind: ItemProposed, ProposerConstituency: Residents},
			{MeetingID: 10, Kind: ItemProposed, ProposerConstituency: Residents},
			{MeetingID: 11, Kind: ItemProposed, ProposerConstituency: OrganisationSide},
			{MeetingID: 11, Kind: ItemCheckIn},
		},
		Papers: []*Paper{
			{MeetingID: 10, CirculatedAt: day(2026, 10, 1)},
			{MeetingID: 11}, // never circulated
		},
		Decisions: []*Decision{
			{DecidedOn: day(2026, 10, 20), MeetingID: 10, Positions: map[Constituency]Position{Residents: Agreed}},
			{DecidedOn: day(2026, 9, 1), Outside: true, ExplainedOn: day(2026, 9, 21), Positions: map[Constituency]Position{Residents: Disagreed}},
			{DecidedOn: day(2026, 10, 1), Outside: true},
			{DecidedOn: day(2024, 1, 1), Outside: true}, // before the period
		},
		Requests: []*InfoRequest{
			{AskedAt: day(2026, 6, 1), DueAt: day(2026, 6, 29), AnsweredAt: day(2026, 6, 11)},
			{AskedAt: day(2026, 10, 1), DueAt: day(2026, 10, 29)},
		},
		Concerns:        []*Concern{{RaisedOn: day(2026, 8, 1), Status: ConcernOpen}, {RaisedOn: day(2026, 11, 1), Status: ConcernOpen}},
		MediatorsAgreed: 1,
		Attendance: []AttendanceRecord{
			{MeetingID: 10, MemberID: 1, Status: Present}, {MeetingID: 10, MemberID: 2, Status: Present},
			{MeetingID: 11, MemberID: 1, Status: Absent}, {MeetingID: 11, MemberID: 2, Status: Present},
		},
	}
	got := map[string]Indicator{}
	for _, ind := range Evidence(rec, asOf, map[string]float64{"reflections": 0}) {
		got[ind.ID] = ind
	}
	want := []struct {
		id     string
		value  float64
		status string
	}{
		{"tor-reviewed", 14, IndicatorNotMet},               // 426 days: 14 whole months of 30 days
		{"resident-agenda-share", 2.0 / 3, IndicatorMet},    // 2 of 3 proposed items
		{"decisions-at-meetings", 1.0 / 3, IndicatorNotMet}, // 1 of 3 in the period
		{"outside-explained", 0.5, IndicatorNotMet},         // 1 of 2
		{"explained-within-days", 20, IndicatorNotMet},      // 20 days against 14
		{"dissent-recorded", 0, IndicatorNotMet},            // the disagreed decision has no dissent written
		{"papers-on-time", 0.5, IndicatorNotMet},            // one on time, one never sent
		{"requests-median-days", 10, IndicatorMet},          // the one answered took 10 days
		{"requests-overdue", 1, IndicatorNotMet},            // one past its due date
		{"concerns-open-60-days", 1, IndicatorNotMet},       // raised 1 August, still open
		{"mediators-agreed", 1, IndicatorMet},               // agreed by both sides
		{"resident-hosted", 0.5, IndicatorMet},              // 1 of 2 meetings
		{"attendance-lowest-side", 0.5, IndicatorNotMet},    // residents: 1 of 2
		{"reflections", 0, IndicatorMet},                    // threshold set to 0 by the group
		{"support-met", 0, IndicatorNoData},                 // no needs recorded
		{"skills-audit-age", 0, IndicatorNotMet},            // never audited
		{"new-members-inducted", 0, IndicatorNoData},        // nobody joined in the period
	}
	for _, w := range want {
		g, ok := got[w.id]
		if !ok {
			t.Errorf("%s: missing", w.id)
			continue
		}
		if d := g.Value - w.value; d > 1e-9 || d < -1e-9 || g.Status != w.status {
			t.Errorf("%s: %v (%s), want %v (%s)", w.id, g.Value, g.Status, w.value, w.status)
		}
	}
	// Both meetings fall in the last three months, so there is no earlier
	// half to compare with.
	if g := got["attendance-trend"]; g.Status != IndicatorNoData {
		t.Errorf("attendance trend with nothing to compare: %+v", g)
	}
	if len(got) != len(Indicators) {
		t.Errorf("%d indicators, want %d", len(got), len(Indicators))
	}
	perPrinciple := map[int]int{}
	for _, d := range Indicators {
		perPrinciple[d.Principle]++
	}
	for p := 1; p <= 10; p++ {
		if perPrinciple[p] < 2 {
			t.Errorf("principle %d has %d indicators, want at least two", p, perPrinciple[p])
		}
	}
}

func TestStatusRule(t *testing.T) {
	ind := func(id string, status string) Indicator {
		return Indicator{IndicatorDef: IndicatorDef{ID: id, Principle: 9}, Status: status}
	}
	perc := func(share, gap float64, gapShown bool) *PrinciplePerception {
		return &PrinciplePerception{Principle: 9, Overall: PerceptionCell{Respondents: 10, Share: share}, Gap: gap, GapShown: gapShown}
	}
	met, notMet, none := ind("a", IndicatorMet), ind("b", IndicatorNotMet), ind("c", IndicatorNoData)
	for _, tt := range []struct {
		name       string
		perception *PrinciplePerception
		indicators []Indicator
		want       string
	}{
		{"high perception, all met", perc(0.7, 5, true), []Indicator{met, none}, StatusGreen},
		{"high perception, one of two not met", perc(0.7, 5, true), []Indicator{met, notMet}, StatusAmber},
		{"high perception, both not met", perc(0.7, 5, true), []Indicator{notMet, ind("d", IndicatorNotMet)}, StatusRed},
		{"middle perception, all met", perc(0.5, 0, true), []Indicator{met}, StatusAmber},
		{"low perception, all met", perc(0.3, 0, true), []Indicator{met}, StatusRed},
		{"a 25-point gap keeps it from green", perc(0.8, -25, true), []Indicator{met}, StatusAmber},
		{"no perception, all met", nil, []Indicator{met}, StatusGreen},
		{"hidden perception, nothing with data", &PrinciplePerception{Overall: PerceptionCell{Hidden: true}}, []Indicator{none}, StatusUnknown},
		{"indicators of another principle do not count", nil, []Indicator{{IndicatorDef: IndicatorDef{ID: "x", Principle: 1}, Status: IndicatorNotMet}}, StatusUnknown},
	} {
		got := Status(9, tt.perception, tt.indicators)
		if got.Status != tt.want {
			t.Errorf("%s: %s, want %s (reasons %v)", tt.name, got.Status, tt.want, got.Reasons)
		}
		if len(got.Reasons) == 0 {
			t.Errorf("%s: no reasons given", tt.name)
		}
	}
}

func TestLookOuts(t *testing.T) {
	asOf := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	rec := &GroupRecords{
		Members: []*Member{
			{ID: 1, UserID: 1, Name: "Dev", LeftAt: day(2026, 9, 1)},                            // no handover
			{ID: 2, UserID: 2, Name: "Pat", LeftAt: day(2026, 9, 1), HandoverNote: "All here."}, // handed over
		},
		Decisions: []*Decision{{Title: "Hoardings on the green", Outside: true, DecidedOn: day(2026, 10, 1)}},
		Concerns:  []*Concern{{Title: "Late papers", RaisedOn: day(2026, 8, 1), Status: ConcernMediation}, {Title: "Done", RaisedOn: day(2026, 1, 1), Status: ConcernResolved}},
		Requests: []*InfoRequest{
			{Question: "Where is the survey?", AskedAt: day(2026, 9, 1), DueAt: day(2026, 9, 29)},
			{Question: "Costs?", AskedAt: day(2026, 9, 1), DueAt: day(2026, 9, 29), AnsweredAt: day(2026, 9, 10), Withheld: true},
		},
	}
	areas := []*DecisionArea{{ID: 5, Name: "Design", Rung: Partnership}, {ID: 6, Name: "Rehousing", Rung: DelegatedPower}}
	ladder := []LadderResult{{AreaID: 0, Now: 3}, {AreaID: 5, Now: 4}, {AreaID: 6, Now: 6}, {AreaID: 7, Hidden: true}}
	got := map[string][]string{}
	for _, w := range LookOuts(rec, asOf, ladder, areas) {
		got[w.ID] = w.Evidence
	}
	want := map[string][]string{
		"closed-doors":          {"Hoardings on the green"},
		"power-expectations":    {"Design"}, // 6 agreed, 4 seen; rehousing is one rung apart
		"rushed-handovers":      {"Dev"},
		"avoided-conversations": {"Late papers"},
		"delayed-responses":     {"Where is the survey?"},
		"overpromised-access":   {"Costs?"},
	}
	for id, ev := range want {
		if len(got[id]) != len(ev) || (len(ev) > 0 && got[id][0] != ev[0]) {
			t.Errorf("%s: %v, want %v", id, got[id], ev)
		}
	}
	if _, fired := got["burnout"]; fired {
		t.Error("burnout fired without attendance records")
	}
	if len(got) != len(want) {
		t.Errorf("fired: %v", got)
	}
}

// TestUpwardChecksAnswered works through the joined-up governance
// indicator: answered within 8 weeks counts for; answered late, or
// waiting past 8 weeks, counts against; waiting within 8 weeks, or sent
// before the period, does not count yet.
func TestUpwardChecksAnswered(t *testing.T) {
	asOf := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	ago := func(days int) time.Time { return asOf.AddDate(0, 0, -days) }
	rec := &GroupRecords{Checks: []*AccountabilityCheck{
		{SentOn: ago(100), Outcome: "accepted", RespondedOn: ago(80)}, // in time
		{SentOn: ago(200), Outcome: "amended", RespondedOn: ago(100)}, // late
		{SentOn: ago(70)}, // waiting past 8 weeks
		{SentOn: ago(20)}, // still within its 8 weeks
		{SentOn: ago(400), Outcome: "noted", RespondedOn: ago(390)}, // before the period
		{SentOn: ago(60), Outcome: "noted", RespondedOn: ago(-1)},   // answered after the report's date, and late by then
	}}
	for _, ind := range Evidence(rec, asOf, nil) {
		if ind.ID != "upward-checks-answered" {
			continue
		}
		if ind.Of != 1 || ind.Out != 4 || ind.Met() {
			t.Errorf("upward-checks-answered = %d of %d (%s); want 1 of 4, not met", ind.Of, ind.Out, ind.Status)
		}
		return
	}
	t.Fatal("no upward-checks-answered indicator")
}
