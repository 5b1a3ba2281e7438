package coproduce

import (
	"slices"
	"strings"
	"time"
)

// OutreachMethods are the ways representatives reach the wider community.
var OutreachMethods = []string{"door-knocking", "newsletter", "event", "online", "drop-in", "phone", "other"}

// Outreach is one piece of a representative's contact with the wider
// community, and whether what they heard was fed back to the group.
type Outreach struct {
	ID        int64
	GroupID   int64
	MemberID  int64
	On        time.Time // the day
	Method    string
	People    int // roughly how many people were reached
	Themes    string
	Notes     string
	FedBackAt int64 // the meeting where it was fed back; 0 if not yet
	CreatedAt time.Time
}

// Validate checks the entry and returns a *ValidationError.
func (o *Outreach) Validate() error {
	var v ValidationError
	if o.On.IsZero() {
		v.Add("on", "Enter the date of the outreach.")
	}
	if !slices.Contains(OutreachMethods, o.Method) {
		v.Add("method", "Choose how you reached people.")
	}
	if o.People < 0 || o.People > 100000 {
		v.Add("people", "Enter roughly how many people you reached, as a number.")
	}
	if strings.TrimSpace(o.Themes) == "" {
		v.Add("themes", "Say what people raised, in a few words.")
	}
	validateText(&v, "themes", o.Themes, 2000)
	validateText(&v, "notes", o.Notes, 5000)
	return v.Err()
}

// WeekOf returns the Monday (in London) of the week t falls in, as a day.
func WeekOf(t time.Time) time.Time {
	d := t.In(london)
	d = time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, london)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// OutreachWeek is a week's outreach, totalled.
type OutreachWeek struct {
	Week    time.Time // its Monday
	Entries int
	People  int
	FedBack int // entries fed back to the group
}

// OutreachByWeek totals entries by week, newest week first.
func OutreachByWeek(entries []*Outreach) []OutreachWeek {
	byWeek := map[time.Time]*OutreachWeek{}
	var order []time.Time
	for _, e := range entries {
		w := WeekOf(e.On)
		if byWeek[w] == nil {
			byWeek[w] = &OutreachWeek{Week: w}
			order = append(order, w)
		}
		byWeek[w].Entries++
		byWeek[w].People += e.People
		if e.FedBackAt != 0 {
			byWeek[w].FedBack++
		}
	}
	out := make([]OutreachWeek, 0, len(order))
	for _, w := range order {
		out = append(out, *byWeek[w])
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Week.After(out[j-1].Week); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
