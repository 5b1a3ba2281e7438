package coproduce

import (
	"sync"
	"time"
)

// England and Wales bank holidays, worked out for any year: New Year's
// Day, Good Friday, Easter Monday, the early May and spring bank holidays,
// the summer bank holiday, Christmas Day and Boxing Day, each moved to the
// next weekday when it falls at a weekend as the substitute day rule says;
// and the one-off changes proclaimed for particular years.
var bankHolidayChanges = map[string]bool{
	// 2020: the early May bank holiday moved to Friday 8 May (VE Day).
	"2020-05-04": false, "2020-05-08": true,
	// 2022: the spring bank holiday moved to 2 June, with an extra day on
	// 3 June (the Platinum Jubilee), and the state funeral on 19 September.
	"2022-05-30": false, "2022-06-02": true, "2022-06-03": true, "2022-09-19": true,
	// 2023: the coronation on 8 May.
	"2023-05-08": true,
}

// IsBankHoliday reports whether the day of t (in London) is a bank
// holiday in England and Wales.
func IsBankHoliday(t time.Time) bool {
	d := t.In(london)
	y, m, day := d.Date()
	if changed, ok := bankHolidayChanges[d.Format("2006-01-02")]; ok {
		return changed
	}
	for _, h := range bankHolidaysOf(y) {
		if h.month == m && h.day == day {
			return true
		}
	}
	return false
}

type monthDay struct {
	month time.Month
	day   int
}

// bankHolidayYears keeps each year's usual bank holidays once worked out:
// every page listing meetings asks about the days before each one.
var bankHolidayYears sync.Map // year → []monthDay

// bankHolidaysOf returns the usual bank holidays of year y in England and
// Wales, before the one-off changes in bankHolidayChanges.
func bankHolidaysOf(y int) []monthDay {
	if v, ok := bankHolidayYears.Load(y); ok {
		return v.([]monthDay)
	}
	date := func(mo time.Month, dd int) time.Time { return time.Date(y, mo, dd, 0, 0, 0, 0, london) }
	nextWeekday := func(a time.Time) time.Time {
		for a.Weekday() == time.Saturday || a.Weekday() == time.Sunday {
			a = a.AddDate(0, 0, 1)
		}
		return a
	}
	easter := easterSunday(y)
	first := func(mo time.Month, wd time.Weekday) time.Time {
		a := date(mo, 1)
		for a.Weekday() != wd {
			a = a.AddDate(0, 0, 1)
		}
		return a
	}
	last := func(mo time.Month, wd time.Weekday) time.Time {
		a := date(mo+1, 1).AddDate(0, 0, -1)
		for a.Weekday() != wd {
			a = a.AddDate(0, 0, -1)
		}
		return a
	}
	christmas := nextWeekday(date(time.December, 25))
	boxing := nextWeekday(christmas.AddDate(0, 0, 1))
	var out []monthDay
	for _, h := range []time.Time{
		nextWeekday(date(time.January, 1)),
		easter.AddDate(0, 0, -2),
		easter.AddDate(0, 0, 1),
		first(time.May, time.Monday),
		last(time.May, time.Monday),
		last(time.August, time.Monday),
		christmas,
		boxing,
	} {
		out = append(out, monthDay{h.Month(), h.Day()})
	}
	bankHolidayYears.Store(y, out)
	return out
}

// easterSunday returns Easter Sunday of year y in the Gregorian calendar
// (the anonymous Gregorian algorithm).
func easterSunday(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, london)
}

// IsWorkingDay reports whether the day of t (in London) is a weekday that
// is not a bank holiday.
func IsWorkingDay(t time.Time) bool {
	wd := t.In(london).Weekday()
	return wd != time.Saturday && wd != time.Sunday && !IsBankHoliday(t)
}

// CirculationDeadline returns the last moment papers for a meeting can go
// out on time: the end of the day, in London, that is n working days
// before the day of the meeting.
func CirculationDeadline(meeting time.Time, n int) time.Time {
	d := meeting.In(london)
	day := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, london)
	for counted := 0; counted < n; {
		day = day.AddDate(0, 0, -1)
		if IsWorkingDay(day) {
			counted++
		}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, london).UTC()
}

// london is the product's time zone: its groups are in England and Wales.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// AddWorkingDays returns the end of the day, in London, that is n working
// days after the day of t.
func AddWorkingDays(t time.Time, n int) time.Time {
	d := t.In(london)
	day := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, london)
	for counted := 0; counted < n; {
		day = day.AddDate(0, 0, 1)
		if IsWorkingDay(day) {
			counted++
		}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, london).UTC()
}

// London is the product's time zone, for other packages.
var London = london
