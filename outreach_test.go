package coproduce

import (
	"testing"
	"time"
)

func TestOutreachByWeek(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, london) }
	entries := []*Outreach{
		{On: day(11, 2), People: 20, FedBackAt: 1}, // Monday
		{On: day(11, 8), People: 5},                // Sunday, same week
		{On: day(11, 9), People: 12, FedBackAt: 1}, // next Monday
	}
	weeks := OutreachByWeek(entries)
	if len(weeks) != 2 || !weeks[0].Week.Equal(day(11, 9)) || weeks[1].People != 25 || weeks[1].Entries != 2 || weeks[1].FedBack != 1 {
		t.Fatalf("weeks: %+v", weeks)
	}
	if WeekOf(day(11, 8)).Day() != 2 {
		t.Errorf("the week of Sunday 8 November starts on %v", WeekOf(day(11, 8)))
	}
	o := &Outreach{On: day(11, 2), Method: "carrier pigeon", People: -1}
	if err := o.Validate(); err == nil || len(err.(*ValidationError).Fields) != 3 {
		t.Errorf("bad entry: %v", err)
	}
}
