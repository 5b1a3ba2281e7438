package coproduce

import (
	"strings"
	"time"
)

// Rung is a rung of Arnstein's ladder of citizen participation (1969),
// from 1, manipulation, to 8, citizen control. Groups agree a rung for
// each area of decisions, and the health check asks where members think
// the group stands.
type Rung int

// The rungs, lowest first.
const (
	Manipulation Rung = iota + 1
	Therapy
	Informing
	Consultation
	Placation
	Partnership
	DelegatedPower
	CitizenControl
)

// Valid reports whether r is a rung of the ladder.
func (r Rung) Valid() bool { return r >= Manipulation && r <= CitizenControl }

// DecisionArea is a kind of decision the group meets, with the rung of the
// ladder the group agreed for it, such as "design of the new homes:
// partnership".
type DecisionArea struct {
	ID        int64
	GroupID   int64
	Name      string
	Rung      Rung
	CreatedAt time.Time
}

// Validate checks the area and returns a *ValidationError.
func (a *DecisionArea) Validate() error {
	var v ValidationError
	validateName(&v, "name", a.Name)
	if !a.Rung.Valid() {
		v.Add("rung", "Choose the rung of the ladder the group agreed for these decisions.")
	}
	return v.Err()
}

// DecisionMethod is how a decision was reached.
type DecisionMethod string

// The methods. Consensus comes first in the framework; a vote is what a
// group falls back on; delegated means someone decided under authority the
// group or the organisation gave them.
const (
	Consensus DecisionMethod = "consensus"
	Vote      DecisionMethod = "vote"
	Delegated DecisionMethod = "delegated"
)

// Position is a constituency's stance on a decision.
type Position string

// The positions.
const (
	Agreed       Position = "agreed"
	Disagreed    Position = "disagreed"
	Mixed        Position = "mixed"
	NotConsulted Position = "not-consulted"
)

// Decision is an entry in the group's decisions log.
type Decision struct {
	ID        int64
	GroupID   int64
	Title     string
	Context   string // why a decision was needed
	Options   string // the options considered
	Outcome   string // what was decided
	Method    DecisionMethod
	DecidedOn time.Time // a day

	// Where it was made: at a meeting of the group (MeetingID), or outside
	// the process, when an explanation, and when it was given, are owed.
	MeetingID   int64
	Outside     bool
	Explanation string
	ExplainedOn time.Time

	AreaID    int64
	PaperIDs  []int64 // the papers it relied on
	Positions map[Constituency]Position
	Dissent   string // minority views, without naming anyone unless they asked to be named

	Published bool // on the group's public page
	CreatedAt time.Time
}

// Validate checks the decision and returns a *ValidationError naming each
// problem.
func (d *Decision) Validate() error {
	var v ValidationError
	validateName(&v, "title", d.Title)
	if strings.TrimSpace(d.Outcome) == "" {
		v.Add("outcome", "Say what was decided.")
	}
	for field, text := range map[string]string{"context": d.Context, "options": d.Options, "outcome": d.Outcome, "dissent": d.Dissent, "explanation": d.Explanation} {
		validateText(&v, field, text, 20000)
	}
	if d.Method != Consensus && d.Method != Vote && d.Method != Delegated {
		v.Add("method", "Choose how the decision was made.")
	}
	if d.DecidedOn.IsZero() {
		v.Add("decided_on", "Enter the date of the decision.")
	}
	if d.Outside && d.MeetingID != 0 {
		v.Add("meeting", "A decision made outside the group's process was not made at one of its meetings.")
	}
	if !d.Outside && d.MeetingID == 0 {
		v.Add("meeting", "Choose the meeting where the group made the decision, or say it was made outside the group.")
	}
	for c, p := range d.Positions {
		if !c.Valid() || (p != Agreed && p != Disagreed && p != Mixed && p != NotConsulted) {
			v.Add("positions", "Choose a position for each constituency.")
			break
		}
	}
	if d.Published && d.Outside && (strings.TrimSpace(d.Explanation) == "" || d.ExplainedOn.IsZero()) {
		v.Add("explanation", "A decision made outside the group can be published only with the explanation given to the group and the date it was given.")
	}
	return v.Err()
}

// Unexplained reports whether the decision was made outside the group and
// no explanation has been recorded: a warning sign the health check reads.
func (d *Decision) Unexplained() bool {
	return d.Outside && (strings.TrimSpace(d.Explanation) == "" || d.ExplainedOn.IsZero())
}

// DeliberationDays returns how many whole days a paper was available
// before a decision on decidedOn, or -1 if it was not circulated before
// the decision.
func DeliberationDays(p *Paper, decidedOn time.Time) int {
	if p.CirculatedAt.IsZero() || p.CirculatedAt.After(decidedOn) {
		return -1
	}
	return int(decidedOn.Sub(p.CirculatedAt).Hours() / 24)
}
