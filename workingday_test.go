package coproduce

import (
	"testing"
	"time"
	_ "time/tzdata"
)

func TestBankHolidays(t *testing.T) {
	// Checked against the published England and Wales lists.
	holidays := []string{
		"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
		"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
		"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
		"2022-01-03", "2022-06-02", "2022-06-03", "2022-09-19", "2022-12-26", "2022-12-27", "2023-05-08", "2020-05-08",
	}
	for _, s := range holidays {
		d, _ := time.ParseInLocation("2006-01-02", s, london)
		if !IsBankHoliday(d.Add(12 * time.Hour)) {
			t.Errorf("%s is a bank holiday", s)
		}
	}
	for _, s := range []string{"2026-12-24", "2026-12-26", "2022-05-30", "2020-05-04", "2027-12-25", "2026-04-05", "2026-11-26"} {
		d, _ := time.ParseInLocation("2006-01-02", s, london)
		if IsBankHoliday(d.Add(12 * time.Hour)) {
			t.Errorf("%s is not a bank holiday", s)
		}
	}
}

func TestCirculationDeadline(t *testing.T) {
	at := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, london)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		meeting string
		n       int
		want    string // the last day papers are on time
	}{
		{"2026-11-26 18:30", 5, "2026-11-19"}, // Thursday: back over one weekend
		{"2026-04-09 18:00", 5, "2026-03-31"}, // after Easter: Good Friday and Easter Monday skipped
		{"2026-12-30 18:00", 3, "2026-12-23"}, // over Christmas, Boxing Day substitute on the 28th
		{"2026-11-30 10:00", 1, "2026-11-27"}, // Monday: the Friday before
		{"2026-10-26 18:00", 5, "2026-10-19"}, // the day after the clocks go back
	}
	for _, tt := range tests {
		got := CirculationDeadline(at(tt.meeting), tt.n)
		want := at(tt.want + " 23:59").Add(59 * time.Second)
		if !got.Equal(want) {
			t.Errorf("%d working days before %s: %s, want end of %s", tt.n, tt.meeting, got.In(london), tt.want)
		}
	}
}
