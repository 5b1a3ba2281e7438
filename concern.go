package coproduce

import (
	"slices"
	"strings"
	"time"
)

// ConcernStatus is where a concern or disagreement stands.
type ConcernStatus string

// The statuses a concern moves through. It is raised open, may go on a
// meeting's agenda under the problems-and-conflicts item, may go to
// mediation, and ends resolved or closed with its outcome recorded.
const (
	ConcernOpen      ConcernStatus = "open"
	ConcernOnAgenda  ConcernStatus = "on-agenda"
	ConcernMediation ConcernStatus = "mediation"
	ConcernResolved  ConcernStatus = "resolved"
	ConcernClosed    ConcernStatus = "closed"
)

// ConcernStatuses lists the statuses in the order a concern moves through them.
var ConcernStatuses = []ConcernStatus{ConcernOpen, ConcernOnAgenda, ConcernMediation, ConcernResolved, ConcernClosed}

// Ended reports whether the concern has its outcome.
func (s ConcernStatus) Ended() bool { return s == ConcernResolved || s == ConcernClosed }

// Next lists the statuses a concern may move to from s.
func (s ConcernStatus) Next() []ConcernStatus {
	switch s {
	case ConcernOpen:
		return []ConcernStatus{ConcernOnAgenda, ConcernMediation, ConcernResolved, ConcernClosed}
	case ConcernOnAgenda:
		return []ConcernStatus{ConcernOpen, ConcernMediation, ConcernResolved, ConcernClosed}
	case ConcernMediation:
		return []ConcernStatus{ConcernOnAgenda, ConcernResolved, ConcernClosed}
	}
	return nil
}

// ConcernKinds are what a member may raise.
var ConcernKinds = []string{"concern", "disagreement"}

// Concern is a concern or disagreement in the group's register. One raised
// anonymously has RaisedBy 0, and nothing anywhere records who raised it:
// not the row, not the audit trail, and its time only to the day, so that
// it cannot be matched against when a person was last active.
type Concern struct {
	ID        int64
	GroupID   int64
	Kind      string // one of ConcernKinds
	Title     string
	Details   string
	RaisedBy  int64     // member id; 0 when raised anonymously
	RaisedOn  time.Time // the day, at midnight UTC
	Status    ConcernStatus
	MeetingID int64  // the meeting whose problems-and-conflicts item takes it, once on an agenda
	Outcome   string // required once resolved or closed
	UpdatedAt time.Time
}

// Anonymous reports whether the concern was raised without a name.
func (c *Concern) Anonymous() bool { return c.RaisedBy == 0 }

// OpenFor returns how many whole days the concern has been open at now, or
// -1 once it has ended.
func (c *Concern) OpenFor(now time.Time) int {
	if c.Status.Ended() {
		return -1
	}
	return int(now.Sub(c.RaisedOn).Hours() / 24)
}

// Validate checks a newly raised concern and returns a *ValidationError.
func (c *Concern) Validate() error {
	var v ValidationError
	if !slices.Contains(ConcernKinds, c.Kind) {
		v.Add("kind", "Choose whether this is a concern or a disagreement.")
	}
	if strings.TrimSpace(c.Title) == "" {
		v.Add("title", "Give the concern a short title.")
	}
	validateText(&v, "title", c.Title, 200)
	if strings.TrimSpace(c.Details) == "" {
		v.Add("details", "Say what the concern or disagreement is about.")
	}
	validateText(&v, "details", c.Details, 10000)
	return v.Err()
}

// ValidateMove checks moving the concern to status to: the move must be one
// Next allows, a meeting is needed to go on an agenda, and an outcome to end.
func (c *Concern) ValidateMove(to ConcernStatus, meetingID int64, outcome string) error {
	var v ValidationError
	if to == "" {
		v.Add("status", "Choose what happens next.")
		return v.Err()
	}
	if !slices.Contains(c.Status.Next(), to) {
		v.Add("status", "A concern that is "+string(c.Status)+" cannot move to "+string(to)+".")
		return v.Err()
	}
	if to == ConcernOnAgenda && meetingID == 0 {
		v.Add("meeting", "Choose the meeting whose problems and conflicts item will take the concern.")
	}
	if to.Ended() && strings.TrimSpace(outcome) == "" {
		v.Add("outcome", "Record the outcome: what was agreed or why the concern is closed.")
	}
	validateText(&v, "outcome", outcome, 10000)
	return v.Err()
}

// CanMoveConcern reports whether m may change a concern's status: the
// group's chair or facilitator, or whoever raised it under their name.
func CanMoveConcern(m *Member, c *Concern) bool {
	return m != nil && m.GroupID == c.GroupID && (m.Role.Leads() || (c.RaisedBy != 0 && c.RaisedBy == m.ID))
}
