package coproduce

import (
	"sort"
	"strings"
	"time"
)

// DefaultInfoRequestDays is how many working days an information request
// has for an answer unless the group says otherwise.
const DefaultInfoRequestDays = 20

// InfoRequest is a member's request for information, to the organisation
// or to a named member. How long answers take, and what is withheld and
// why, are evidence for the framework's principles on information sharing
// and open communication.
type InfoRequest struct {
	ID              int64
	GroupID         int64
	AskedBy         int64 // member id
	AskedOfMemberID int64 // 0: the organisation
	Question        string
	AskedAt         time.Time
	DueAt           time.Time
	AnsweredAt      time.Time
	AnsweredBy      int64 // member id
	Answer          string
	Withheld        bool   // some or all of the information was withheld
	WithheldReason  string // required when withheld, with reference to the information-sharing policy
}

// Answered reports whether the request has its answer.
func (r *InfoRequest) Answered() bool { return !r.AnsweredAt.IsZero() }

// Overdue reports whether an unanswered request is past its due date at
// now, or an answered one was answered after it.
func (r *InfoRequest) Overdue(now time.Time) bool {
	if r.Answered() {
		return r.AnsweredAt.After(r.DueAt)
	}
	return now.After(r.DueAt)
}

// Validate checks a new request and returns a *ValidationError.
func (r *InfoRequest) Validate() error {
	var v ValidationError
	if strings.TrimSpace(r.Question) == "" {
		v.Add("question", "Say what information you are asking for.")
	}
	validateText(&v, "question", r.Question, 5000)
	return v.Err()
}

// ValidateAnswer checks an answer: something must be said, and anything
// withheld needs its reason.
func ValidateAnswer(answer string, withheld bool, reason string) error {
	var v ValidationError
	if strings.TrimSpace(answer) == "" {
		v.Add("answer", "Write the answer, or say what is being withheld.")
	}
	validateText(&v, "answer", answer, 20000)
	if withheld && strings.TrimSpace(reason) == "" {
		v.Add("withheld_reason", "Say why the information is withheld, with reference to the group's information-sharing policy.")
	}
	validateText(&v, "withheld_reason", reason, 5000)
	return v.Err()
}

// MedianResponseDays returns the median number of days answered requests
// took, and how many were answered. With none answered it returns 0, 0.
func MedianResponseDays(requests []*InfoRequest) (float64, int) {
	var days []float64
	for _, r := range requests {
		if r.Answered() {
			days = append(days, r.AnsweredAt.Sub(r.AskedAt).Hours()/24)
		}
	}
	if len(days) == 0 {
		return 0, 0
	}
	sort.Float64s(days)
	mid := len(days) / 2
	if len(days)%2 == 1 {
		return days[mid], len(days)
	}
	return (days[mid-1] + days[mid]) / 2, len(days)
}
