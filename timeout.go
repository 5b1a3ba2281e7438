package coproduce

import "time"

// TimeOut is a spell a member takes away from the group, under the
// group's policy: from a day, and back on a return day if one is known.
// While it lasts the member is not expected at meetings, training reviews
// do not fall overdue, and reminders are not sent.
type TimeOut struct {
	ID        int64
	GroupID   int64
	MemberID  int64
	From      time.Time // midday of the first day away
	Until     time.Time // midday of the day back; zero while unknown
	CreatedAt time.Time
}

// Covers reports whether the member is on time out at t. Days run from
// midnight, so the spell begins at the start of From's day and ends at the
// start of Until's.
func (o *TimeOut) Covers(t time.Time) bool {
	start := o.From.Add(-12 * time.Hour)
	if t.Before(start) {
		return false
	}
	return o.Until.IsZero() || t.Before(o.Until.Add(-12*time.Hour))
}

// Validate checks the spell and returns a *ValidationError.
func (o *TimeOut) Validate() error {
	var v ValidationError
	if o.From.IsZero() {
		v.Add("from", "Enter the first day of your time out.")
	}
	if !o.Until.IsZero() && !o.From.IsZero() && !o.Until.After(o.From) {
		v.Add("until", "The day you are back must be after the first day of your time out.")
	}
	return v.Err()
}

// TimeOuts is a group's spells of time out.
type TimeOuts []*TimeOut

// On reports whether the member is on time out at t.
func (ts TimeOuts) On(memberID int64, t time.Time) bool {
	for _, o := range ts {
		if o.MemberID == memberID && o.Covers(t) {
			return true
		}
	}
	return false
}

// Expected returns the members expected at a meeting at t: those not on
// time out then.
func (ts TimeOuts) Expected(members []*Member, t time.Time) []*Member {
	var out []*Member
	for _, m := range members {
		if !ts.On(m.ID, t) {
			out = append(out, m)
		}
	}
	return out
}

// MiddayLondon returns midday, London time, on t's day in London, in UTC:
// how days such as the start and end of time out are stored, so a day
// is the same day whichever clock reads it.
func MiddayLondon(t time.Time) time.Time {
	y, m, d := t.In(london).Date()
	return time.Date(y, m, d, 12, 0, 0, 0, london).UTC()
}
