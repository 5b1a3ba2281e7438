package coproduce

import (
	"errors"
	"testing"
	"time"
)

func TestInfoRequestRules(t *testing.T) {
	asked := time.Date(2026, 12, 21, 10, 0, 0, 0, time.UTC)
	due := AddWorkingDays(asked, 5)
	// Monday 21 December 2026: Tue 22, Wed 23, Thu 24, then Christmas (Fri 25)
	// and Boxing Day's substitute (Mon 28) are skipped: Tue 29, Wed 30.
	if want := time.Date(2026, 12, 30, 23, 59, 59, 0, london); !due.Equal(want) {
		t.Errorf("5 working days after 21 December: %v, want %v", due.In(london), want)
	}
	r := &InfoRequest{AskedAt: asked, DueAt: due}
	if r.Overdue(due) || !r.Overdue(due.Add(time.Second)) {
		t.Error("overdue not worked out from the due date")
	}
	r.AnsweredAt = due.Add(time.Hour)
	if !r.Overdue(due) {
		t.Error("an answer after the due date is not counted as late")
	}
	var verr *ValidationError
	if err := ValidateAnswer("Some of it.", true, ""); !errors.As(err, &verr) || verr.Fields[0].Field != "withheld_reason" {
		t.Errorf("withholding without a reason: %v", err)
	}
	if err := ValidateAnswer("All of it.", false, ""); err != nil {
		t.Errorf("a full answer: %v", err)
	}
	day := func(d int) *InfoRequest {
		return &InfoRequest{AskedAt: asked, AnsweredAt: asked.Add(time.Duration(d) * 24 * time.Hour)}
	}
	if m, n := MedianResponseDays([]*InfoRequest{day(2), day(10), day(4), {AskedAt: asked}}); m != 4 || n != 3 {
		t.Errorf("median of 2, 4, 10 = %v over %d", m, n)
	}
	if m, n := MedianResponseDays([]*InfoRequest{day(2), day(4)}); m != 3 || n != 2 {
		t.Errorf("median of 2 and 4 = %v over %d", m, n)
	}
}
