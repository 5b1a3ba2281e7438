package coproduce

import (
	"strings"
	"time"
)

// ReviewMonths is how often every member, on either side, has a training
// review.
const ReviewMonths = 6

// TrainingSession is a training session the group's members attended.
// One marked Induction is the coproduction induction every new member
// must have.
type TrainingSession struct {
	ID         int64
	GroupID    int64
	Topic      string
	On         time.Time // midday of the day
	Induction  bool
	Attendees  []int64 // member ids
	RecordedBy int64   // member id
	CreatedAt  time.Time
}

// Validate checks the session and returns a *ValidationError.
func (s *TrainingSession) Validate() error {
	var v ValidationError
	if strings.TrimSpace(s.Topic) == "" {
		v.Add("topic", "Enter what the training was about.")
	}
	validateText(&v, "topic", s.Topic, 200)
	if s.On.IsZero() {
		v.Add("on", "Enter the date of the session.")
	}
	if len(s.Attendees) == 0 {
		v.Add("attendees", "Choose who attended.")
	}
	return v.Err()
}

// Attended reports whether member attended the session.
func (s *TrainingSession) Attended(memberID int64) bool {
	for _, id := range s.Attendees {
		if id == memberID {
			return true
		}
	}
	return false
}

// TrainingReview is a member's six-monthly training review: what they
// need to learn next and what was agreed. What was agreed is seen only
// by the member and those who lead the group; when reviews are due is
// seen by all.
type TrainingReview struct {
	ID         int64
	GroupID    int64
	MemberID   int64
	HeldOn     time.Time // midday of the day
	Agreed     string
	RecordedBy int64 // member id
	CreatedAt  time.Time
}

// Validate checks the review and returns a *ValidationError.
func (r *TrainingReview) Validate() error {
	var v ValidationError
	if r.HeldOn.IsZero() {
		v.Add("held_on", "Enter the date of the review.")
	}
	if strings.TrimSpace(r.Agreed) == "" {
		v.Add("agreed", "Write down what was agreed: the training to do next, and any support needed.")
	}
	validateText(&v, "agreed", r.Agreed, 5000)
	return v.Err()
}

// CanSeeReview reports whether viewer may read what was agreed at a
// review, and record one for its member: the member, or the group's chair
// or facilitator.
func CanSeeReview(viewer *Member, memberID int64) bool {
	return viewer != nil && (viewer.ID == memberID || viewer.Role.Leads())
}

// ReviewDue returns when m's next training review is due: ReviewMonths
// after the last one, or after joining when there has been none.
func ReviewDue(m *Member, last *TrainingReview) time.Time {
	from := m.JoinedAt
	if last != nil {
		from = last.HeldOn
	}
	return from.AddDate(0, ReviewMonths, 0)
}

// ReviewOverdue reports whether m's review is overdue at now. It is not
// while m is on time out.
func ReviewOverdue(m *Member, last *TrainingReview, away TimeOuts, now time.Time) bool {
	return now.After(ReviewDue(m, last)) && !away.On(m.ID, now)
}
