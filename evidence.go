package coproduce

import (
	"math"
	"time"
)

// AttendanceRecord is one member's attendance at one meeting.
type AttendanceRecord struct {
	MeetingID int64
	MemberID  int64
	Status    Attendance
}

// GroupRecords is what the evidence indicators read: the group's own
// records, whole.
type GroupRecords struct {
	PaperDeadlineDays int
	ToRAdopted        time.Time // the latest adoption; zero if never
	Members           []*Member // current and former
	Meetings          []*Meeting
	Agenda            []*AgendaItem
	Papers            []*Paper
	Attendance        []AttendanceRecord
	Decisions         []*Decision
	Updates           []*Update
	Support           []*SupportNeed
	Reviews           []*TrainingReview
	SkillsAudits      []*SkillsAudit
	Outreach          []*Outreach
	Feedback          []*Feedback
	Concerns          []*Concern
	MediatorsAgreed   int // mediators on the list agreed by both sides
	Requests          []*InfoRequest
	Reflections       []*Reflection
	TimeOuts          TimeOuts
	Checks            []*AccountabilityCheck // matters sent to higher bodies
}

// Units of an indicator's value.
const (
	UnitShare   = "share"    // 0 to 1, shown as a percentage
	UnitCount   = "count"    // a number of things
	UnitDays    = "days"     // a median number of days
	UnitMonths  = "months"   // months since something happened
	UnitPerWeek = "per-week" // a rate
	UnitPoints  = "points"   // a change in percentage points
)

// Indicator statuses.
const (
	IndicatorMet    = "met"
	IndicatorNotMet = "not-met"
	IndicatorNoData = "no-data"
)

// IndicatorDef is an evidence indicator: what it measures, for which
// principle, which way is better, and the default threshold. Its name and
// definition for people are in the web layer's text, under its ID.
type IndicatorDef struct {
	ID        string
	Principle int
	Unit      string
	Higher    bool    // higher values are better
	Threshold float64 // the default; the framework file and the group may change it
	Link      string  // the group page holding the records behind it
}

// Indicators lists every evidence indicator, at least two per principle.
var Indicators = []IndicatorDef{
	{"tor-reviewed", 1, UnitMonths, false, 12, "/terms"},
	{"resident-agenda-share", 1, UnitShare, true, 0.4, "/meetings"},
	{"decisions-at-meetings", 2, UnitShare, true, 0.8, "/decisions"},
	{"outside-explained", 2, UnitShare, true, 1, "/decisions"},
	{"new-members-inducted", 3, UnitShare, true, 0.8, "/members"},
	{"leavers-handover", 3, UnitShare, true, 0.8, "/members"},
	{"organisation-updates", 4, UnitCount, true, 2, "/updates"},
	{"explained-within-days", 4, UnitDays, false, 14, "/decisions"},
	{"upward-checks-answered", 4, UnitShare, true, 0.8, "/accountability"},
	{"support-met", 5, UnitShare, true, 0.8, "/support"},
	{"training-reviews-current", 5, UnitShare, true, 0.8, "/training"},
	{"skills-audit-age", 5, UnitMonths, false, 12, "/skills"},
	{"outreach-per-rep-week", 6, UnitPerWeek, true, 0.5, "/outreach"},
	{"outreach-fed-back", 6, UnitShare, true, 0.8, "/outreach"},
	{"you-said-within-4-weeks", 6, UnitShare, true, 0.5, "/feedback"},
	{"attendance-lowest-side", 7, UnitShare, true, 0.7, "/meetings"},
	{"attendance-trend", 7, UnitPoints, true, -10, "/meetings"},
	{"concerns-open-60-days", 8, UnitCount, false, 0, "/concerns"},
	{"dissent-recorded", 8, UnitShare, true, 1, "/decisions"},
	{"mediators-agreed", 8, UnitCount, true, 1, "/facilitators"},
	{"papers-on-time", 9, UnitShare, true, 0.9, "/meetings"},
	{"requests-median-days", 9, UnitDays, false, 28, "/requests"},
	{"requests-overdue", 9, UnitCount, false, 0, "/requests"},
	{"resident-hosted", 10, UnitShare, true, 0.25, "/meetings"},
	{"reflections", 10, UnitCount, true, 2, "/reflections"},
}

// Indicator is an indicator's value for a period.
type Indicator struct {
	IndicatorDef
	Value  float64
	Of     int  // for shares: how many of Out
	Out    int  // for shares: out of how many; 0 with no data
	Never  bool // for months since: it has never happened
	Status string
}

// Met reports whether the indicator meets its threshold.
func (i Indicator) Met() bool { return i.Status == IndicatorMet }

// EvidencePeriod is how far back the indicators look.
const EvidencePeriod = 12 // months

// UpdatesWindow is how far back the organisation-updates indicator looks.
const UpdatesWindow = 90 // days

// Evidence works out every indicator from the group's records for the 12
// months up to asOf, with thresholds overriding the defaults by id.
func Evidence(rec *GroupRecords, asOf time.Time, thresholds map[string]float64) []Indicator {
	from := asOf.AddDate(0, -EvidencePeriod, 0)
	in := func(t time.Time) bool { return !t.Before(from) && !t.After(asOf) }
	const day = 24 * time.Hour
	members := map[int64]*Member{}
	for _, m := range rec.Members {
		members[m.ID] = m
	}
	meetings := map[int64]*Meeting{}
	var past []*Meeting // held in the period, not cancelled
	for _, m := range rec.Meetings {
		meetings[m.ID] = m
		if in(m.StartsAt) && !m.Cancelled() {
			past = append(past, m)
		}
	}

	values := map[string]Indicator{}
	share := func(id string, of, out int) {
		ind := Indicator{Of: of, Out: out}
		if out > 0 {
			ind.Value = float64(of) / float64(out)
		}
		values[id] = ind
	}
	months := func(id string, at time.Time) {
		if at.IsZero() {
			values[id] = Indicator{Never: true, Out: 1}
			return
		}
		values[id] = Indicator{Value: float64(monthsBetween(at, asOf)), Out: 1}
	}
	count := func(id string, n int) { values[id] = Indicator{Value: float64(n), Out: 1} }
	days := func(id string, ds []float64) {
		if len(ds) == 0 {
			values[id] = Indicator{}
			return
		}
		values[id] = Indicator{Value: median(ds), Out: len(ds)}
	}

	// 1. A common vision.
	months("tor-reviewed", rec.ToRAdopted)
	proposed, byResidents := 0, 0
	for _, it := range rec.Agenda {
		if m := meetings[it.MeetingID]; it.Kind == ItemProposed && m != nil && in(m.StartsAt) {
			proposed++
			if it.ProposerConstituency == Residents {
				byResidents++
			}
		}
	}
	share("resident-agenda-share", byResidents, proposed)

	// 2 and 4. Decisions made in the room, and outside it explained.
	decided, atMeetings, outside, explained, dissenting, withDissent := 0, 0, 0, 0, 0, 0
	var explainDays []float64
	for _, d := range rec.Decisions {
		if !in(d.DecidedOn) {
			continue
		}
		decided++
		if d.MeetingID != 0 {
			atMeetings++
		}
		if d.Outside {
			outside++
			if !d.ExplainedOn.IsZero() {
				explained++
				explainDays = append(explainDays, d.ExplainedOn.Sub(d.DecidedOn).Hours()/24)
			}
		}
		for _, p := range d.Positions {
			if p == Disagreed || p == Mixed {
				dissenting++
				if d.Dissent != "" {
					withDissent++
				}
				break
			}
		}
	}
	share("decisions-at-meetings", atMeetings, decided)
	share("outside-explained", explained, outside)
	days("explained-within-days", explainDays)
	share("dissent-recorded", withDissent, dissenting)

	// 4. Matters sent up to higher bodies, answered in good time: a check
	// counts once it is answered or has waited its time.
	sentUp, answeredInTime := 0, 0
	for _, c := range rec.Checks {
		if !in(c.SentOn) {
			continue
		}
		due := c.SentOn.AddDate(0, 0, CheckAnswerDays)
		switch {
		case c.Status() == CheckAnswered && !c.RespondedOn.After(due) && !c.RespondedOn.After(asOf):
			sentUp++
			answeredInTime++
		case asOf.After(due):
			sentUp++
		}
	}
	share("upward-checks-answered", answeredInTime, sentUp)

	// 3. Roles: inducted with both sides, and handed over on leaving.
	joined, inducted, left, handedOver := 0, 0, 0, 0
	for _, m := range rec.Members {
		if in(m.JoinedAt) && m.JoinedAt.Before(asOf.Add(-30*day)) {
			joined++
			if !m.InductedAt.IsZero() && m.InductedByResidentID != 0 && m.InductedByOrganisationID != 0 {
				inducted++
			}
		}
		if !m.LeftAt.IsZero() && in(m.LeftAt) && m.UserID != 0 {
			left++
			if m.HandoverNote != "" {
				handedOver++
			}
		}
	}
	share("new-members-inducted", inducted, joined)
	share("leavers-handover", handedOver, left)

	// 4. The wider organisation keeps the group informed.
	orgUpdates := 0
	for _, u := range rec.Updates {
		if u.Kind == "organisation" && !u.PostedAt.Before(asOf.AddDate(0, 0, -UpdatesWindow)) && !u.PostedAt.After(asOf) {
			orgUpdates++
		}
	}
	count("organisation-updates", orgUpdates)

	// 5. Support, training and skills.
	needs, met := 0, 0
	for _, n := range rec.Support {
		if in(n.CreatedAt) && n.CreatedAt.Before(asOf.Add(-30*day)) {
			needs++
			if n.Met() && !n.MetAt.After(asOf) {
				met++
			}
		}
	}
	share("support-met", met, needs)
	last := map[int64]*TrainingReview{}
	for _, r := range rec.Reviews {
		if r.HeldOn.After(asOf) {
			continue
		}
		if l := last[r.MemberID]; l == nil || r.HeldOn.After(l.HeldOn) {
			last[r.MemberID] = r
		}
	}
	due, current := 0, 0
	for _, m := range rec.Members {
		if !memberAt(m, asOf) || rec.TimeOuts.On(m.ID, asOf) {
			continue
		}
		due++
		if !ReviewOverdue(m, last[m.ID], rec.TimeOuts, asOf) {
			current++
		}
	}
	share("training-reviews-current", current, due)
	var audited time.Time
	for _, a := range rec.SkillsAudits {
		if !a.OpenedAt.After(asOf) && a.OpenedAt.After(audited) {
			audited = a.OpenedAt
		}
	}
	months("skills-audit-age", audited)

	// 6. Outreach and accountability.
	reps := 0
	for _, m := range rec.Members {
		if memberAt(m, asOf) && m.Constituency == Residents {
			reps++
		}
	}
	recent, old, fedBack := 0, 0, 0
	for _, o := range rec.Outreach {
		if m := members[o.MemberID]; m != nil && m.Constituency == Residents && memberAt(m, asOf) && !o.On.Before(asOf.Add(-12*7*day)) && !o.On.After(asOf) {
			recent++
		}
		if in(o.On) && o.On.Before(asOf.Add(-28*day)) {
			old++
			if o.FedBackAt != 0 {
				fedBack++
			}
		}
	}
	if reps > 0 {
		values["outreach-per-rep-week"] = Indicator{Value: float64(recent) / float64(reps*12), Out: reps}
	} else {
		values["outreach-per-rep-week"] = Indicator{}
	}
	share("outreach-fed-back", fedBack, old)
	heard, answered := 0, 0
	for _, f := range rec.Feedback {
		if !in(f.ReceivedOn) || !f.ReceivedOn.Before(asOf.Add(-28*day)) {
			continue
		}
		heard++
		for _, l := range f.Links {
			if !l.LinkedAt.After(f.ReceivedOn.Add(28 * day)) {
				answered++
				break
			}
		}
	}
	share("you-said-within-4-weeks", answered, heard)

	// 7. Attendance, by side, and its trend.
	type tally struct{ present, recorded int }
	bySide := map[Constituency]*tally{}
	var early, late tally
	for _, a := range rec.Attendance {
		m, who := meetings[a.MeetingID], members[a.MemberID]
		if m == nil || who == nil || m.Cancelled() || m.StartsAt.After(asOf) || m.StartsAt.Before(asOf.AddDate(0, -6, 0)) {
			continue
		}
		t := bySide[who.Constituency]
		if t == nil {
			t = &tally{}
			bySide[who.Constituency] = t
		}
		half := &early
		if !m.StartsAt.Before(asOf.AddDate(0, -3, 0)) {
			half = &late
		}
		t.recorded++
		half.recorded++
		if a.Status == Present {
			t.present++
			half.present++
		}
	}
	lowest := Indicator{}
	for _, t := range bySide {
		rate := float64(t.present) / float64(t.recorded)
		if lowest.Out == 0 || rate < lowest.Value {
			lowest = Indicator{Value: rate, Of: t.present, Out: t.recorded}
		}
	}
	values["attendance-lowest-side"] = lowest
	if early.recorded > 0 && late.recorded > 0 {
		values["attendance-trend"] = Indicator{Value: 100 * (float64(late.present)/float64(late.recorded) - float64(early.present)/float64(early.recorded)), Out: 1}
	} else {
		values["attendance-trend"] = Indicator{}
	}

	// 8. Disagreement is dealt with.
	long := 0
	for _, c := range rec.Concerns {
		if c.RaisedOn.After(asOf) {
			continue
		}
		if !c.Status.Ended() && asOf.Sub(c.RaisedOn) > 60*day {
			long++
		}
	}
	count("concerns-open-60-days", long)
	count("mediators-agreed", rec.MediatorsAgreed)

	// 9. Papers on time and requests answered.
	papers, onTime := 0, 0
	for _, p := range rec.Papers {
		m := meetings[p.MeetingID]
		if m == nil || !in(m.StartsAt) || m.Cancelled() {
			continue
		}
		papers++
		if !p.Late(CirculationDeadline(m.StartsAt, rec.PaperDeadlineDays), asOf) {
			onTime++
		}
	}
	share("papers-on-time", onTime, papers)
	var answerDays []float64
	overdue := 0
	for _, r := range rec.Requests {
		if r.AskedAt.After(asOf) {
			continue
		}
		if r.Answered() && !r.AnsweredAt.After(asOf) && in(r.AskedAt) {
			answerDays = append(answerDays, r.AnsweredAt.Sub(r.AskedAt).Hours()/24)
		}
		if (!r.Answered() || r.AnsweredAt.After(asOf)) && asOf.After(r.DueAt) {
			overdue++
		}
	}
	days("requests-median-days", answerDays)
	count("requests-overdue", overdue)

	// 10. Relationships: residents host, and the group reflects.
	hosted := 0
	for _, m := range past {
		if h := members[m.HostMemberID]; h != nil && h.Constituency == Residents {
			hosted++
		}
	}
	share("resident-hosted", hosted, len(past))
	reflections := 0
	for _, r := range rec.Reflections {
		if in(r.CreatedAt) {
			reflections++
		}
	}
	count("reflections", reflections)

	out := make([]Indicator, 0, len(Indicators))
	for _, def := range Indicators {
		ind := values[def.ID]
		ind.IndicatorDef = def
		if t, ok := thresholds[def.ID]; ok {
			ind.Threshold = t
		}
		switch {
		case ind.Never:
			ind.Status = IndicatorNotMet
		case ind.Out == 0:
			ind.Status = IndicatorNoData
		case def.Higher && ind.Value >= ind.Threshold, !def.Higher && ind.Value <= ind.Threshold:
			ind.Status = IndicatorMet
		default:
			ind.Status = IndicatorNotMet
		}
		out = append(out, ind)
	}
	return out
}

// monthsBetween counts the whole calendar months from a to b, by the
// calendar in London.
func monthsBetween(a, b time.Time) int {
	a, b = a.In(london), b.In(london)
	n := (b.Year()-a.Year())*12 + int(b.Month()-a.Month())
	if b.Day() < a.Day() {
		n--
	}
	return n
}

// memberAt reports whether m was a member at t.
func memberAt(m *Member, t time.Time) bool {
	return !m.JoinedAt.After(t) && (m.LeftAt.IsZero() || m.LeftAt.After(t))
}

// Principle statuses.
const (
	StatusGreen   = "green"
	StatusAmber   = "amber"
	StatusRed     = "red"
	StatusUnknown = "unknown" // no perception to show and no indicator with data
)

// Reason is one thing behind a principle's status, for people to read:
// a key into the interface text and its arguments.
type Reason struct {
	Key  string
	Args []any
}

// PrincipleStatus is a principle's status and why.
type PrincipleStatus struct {
	Principle  int
	Status     string
	Reasons    []Reason
	Perception *PrinciplePerception // nil without a closed round to go on
	Evidence   []Indicator          // the principle's indicators
}

// Thresholds of the status rule.
const (
	GreenShare = 0.6 // perception at or above this can be green
	RedShare   = 0.4 // perception below this is red
	GapFlag    = 20  // points of perception gap that keep a principle from green
)

// Status combines a principle's perception (nil when there is none to
// show) and its indicators by this rule:
//
//   - red when the perception share, each side weighted equally, is below
//     40%, or when more than half the indicators that have data are not met;
//   - green when the perception share is 60% or more (or there is none to
//     show), every indicator with data is met, and the residents and the
//     organisation are less than 20 points apart;
//   - amber otherwise;
//   - unknown when there is neither a perception share nor an indicator
//     with data.
//
// Every part of the decision is given as a reason.
func Status(principle int, perception *PrinciplePerception, indicators []Indicator) PrincipleStatus {
	ps := PrincipleStatus{Principle: principle, Perception: perception}
	withData, notMet := 0, 0
	for _, ind := range indicators {
		if ind.Principle != principle {
			continue
		}
		ps.Evidence = append(ps.Evidence, ind)
		if ind.Status == IndicatorNoData {
			continue
		}
		withData++
		if !ind.Met() {
			notMet++
			ps.Reasons = append(ps.Reasons, Reason{"status.reason.indicator", []any{ind.ID}})
		}
	}
	shown := perception != nil && !perception.Overall.Hidden && perception.Overall.Respondents > 0
	if !shown && withData == 0 {
		ps.Status = StatusUnknown
		ps.Reasons = append(ps.Reasons, Reason{"status.reason.nothing", nil})
		return ps
	}
	red, green := notMet*2 > withData, notMet == 0
	if shown {
		share := perception.Overall.Share
		switch {
		case share < RedShare:
			red = true
			ps.Reasons = append([]Reason{{"status.reason.perception.low", []any{pct(share)}}}, ps.Reasons...)
		case share < GreenShare:
			green = false
			ps.Reasons = append([]Reason{{"status.reason.perception.middle", []any{pct(share)}}}, ps.Reasons...)
		default:
			ps.Reasons = append([]Reason{{"status.reason.perception.high", []any{pct(share)}}}, ps.Reasons...)
		}
		if perception.GapFlagged() {
			green = false
			ps.Reasons = append(ps.Reasons, Reason{"status.reason.gap", []any{int(perception.Gap + signOf(perception.Gap)*0.5)}})
		}
	} else {
		ps.Reasons = append([]Reason{{"status.reason.perception.none", nil}}, ps.Reasons...)
	}
	if withData > 0 && notMet == 0 {
		ps.Reasons = append(ps.Reasons, Reason{"status.reason.indicators.met", []any{withData}})
	}
	switch {
	case red:
		ps.Status = StatusRed
	case green:
		ps.Status = StatusGreen
	default:
		ps.Status = StatusAmber
	}
	return ps
}

func pct(share float64) int { return int(share*100 + 0.5) }

func signOf(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// IndicatorByID finds an indicator's definition.
func IndicatorByID(id string) (IndicatorDef, bool) {
	for _, d := range Indicators {
		if d.ID == id {
			return d, true
		}
	}
	return IndicatorDef{}, false
}

// ThresholdRange is the lowest and highest threshold that makes sense for
// an indicator, and whether it must be a whole number.
func (d IndicatorDef) ThresholdRange() (lo, hi float64, whole bool) {
	switch d.Unit {
	case UnitShare:
		return 0, 1, false
	case UnitCount:
		return 0, 100, true
	case UnitDays:
		return 0, 365, true
	case UnitMonths:
		return 1, 60, true
	case UnitPerWeek:
		return 0, 20, false
	case UnitPoints:
		return -100, 100, true
	}
	return 0, 0, false
}

// CheckThreshold reports whether v is a threshold the indicator can have.
func (d IndicatorDef) CheckThreshold(v float64) bool {
	lo, hi, whole := d.ThresholdRange()
	return v >= lo && v <= hi && (!whole || v == math.Trunc(v))
}
