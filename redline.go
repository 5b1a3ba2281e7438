package coproduce

import (
	"strings"
	"time"
)

// RedLineKind says whether an entry is a red line (something that will
// not change) or a constraint (a limit that may move as the project goes).
type RedLineKind string

// The kinds of entry.
const (
	KindRedLine    RedLineKind = "red-line"
	KindConstraint RedLineKind = "constraint"
)

// RedLine is a red line or constraint the group works within: who owns
// it, why it is there, and when it is next reviewed. Constraints change
// over a long project, so every change is kept with its reason.
type RedLine struct {
	ID        int64
	GroupID   int64
	Kind      RedLineKind
	Title     string
	Owner     string // who holds it, such as "the council's cabinet"
	Reason    string
	RaisedOn  time.Time
	ReviewBy  time.Time
	RetiredAt time.Time
	Changes   []RedLineChange // oldest first
}

// RedLineChange is one recorded change to a red line or constraint.
type RedLineChange struct {
	What      string // what changed, in brief
	Reason    string
	ChangedBy int64
	ChangedAt time.Time
}

// ReviewOverdue reports whether a current entry is past its review date.
func (r *RedLine) ReviewOverdue(now time.Time) bool {
	return r.RetiredAt.IsZero() && !r.ReviewBy.IsZero() && r.ReviewBy.Before(now)
}

// Validate checks the entry and returns a *ValidationError.
func (r *RedLine) Validate() error {
	var v ValidationError
	if r.Kind != KindRedLine && r.Kind != KindConstraint {
		v.Add("kind", "Choose whether this is a red line or a constraint.")
	}
	validateName(&v, "title", r.Title)
	if strings.TrimSpace(r.Owner) == "" {
		v.Add("owner", "Say who owns it: who could change it.")
	}
	validateText(&v, "owner", r.Owner, 200)
	if strings.TrimSpace(r.Reason) == "" {
		v.Add("reason", "Say why it is there.")
	}
	validateText(&v, "reason", r.Reason, 5000)
	if r.RaisedOn.IsZero() {
		v.Add("raised_on", "Enter the date it was raised.")
	}
	if r.ReviewBy.IsZero() {
		v.Add("review_by", "Enter the date by which it will be reviewed.")
	} else if !r.RaisedOn.IsZero() && r.ReviewBy.Before(r.RaisedOn) {
		v.Add("review_by", "The review date must be after the date it was raised.")
	}
	return v.Err()
}
