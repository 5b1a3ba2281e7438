package coproduce

import "time"

// ActionStatus is where an action is.
type ActionStatus string

// The action statuses.
const (
	ActionOpen    ActionStatus = "open"
	ActionDone    ActionStatus = "done"
	ActionDropped ActionStatus = "dropped"
)

// Action is something someone in the group has agreed to do, from a
// meeting, a decision or elsewhere.
type Action struct {
	ID            int64
	GroupID       int64
	Title         string
	OwnerMemberID int64 // 0 if nobody yet
	Due           time.Time
	Status        ActionStatus
	MeetingID     int64 // where it came from, if from a meeting
	DecisionID    int64 // or from a decision
	Principle     int   // or adopted from the health check for this principle; 0 if not
	CreatedAt     time.Time
	ClosedAt      time.Time
}

// Overdue reports whether an open action is past its due date at now.
func (a *Action) Overdue(now time.Time) bool {
	return a.Status == ActionOpen && !a.Due.IsZero() && a.Due.Before(now)
}

// Validate checks the action and returns a *ValidationError.
func (a *Action) Validate() error {
	var v ValidationError
	validateName(&v, "title", a.Title)
	if a.Status != ActionOpen && a.Status != ActionDone && a.Status != ActionDropped {
		v.Add("status", "Choose whether the action is open, done or dropped.")
	}
	return v.Err()
}
