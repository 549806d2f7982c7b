package model

import "time"

// Calendar is the official working-day calendar: weekends are off, listed
// holidays are off, and listed make-up working days (调休上班) are on even
// on a weekend. The calendar changes every year and cannot be fetched
// offline, so it is built from the imported holiday records. A nil
// *Calendar knows weekends only.
type Calendar struct {
	// days maps a listed date to whether it is a working day.
	days map[Date]bool
}

// NewCalendar builds a calendar from holiday records; deleted records and
// nil entries are skipped, and a later entry for the same date wins.
func NewCalendar(days []*Holiday) *Calendar {
	c := &Calendar{days: make(map[Date]bool, len(days))}
	for _, h := range days {
		if h == nil || h.Deleted || h.Date.IsZero() {
			continue
		}
		c.days[h.Date] = h.Workday
	}
	return c
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) bool {
	if c != nil {
		if work, ok := c.days[d]; ok {
			return work
		}
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkdays is the n-th working day after d (d itself is not counted),
// as in "within 5 working days"; a negative n counts back before d, and
// n = 0 gives d.
func (c *Calendar) AddWorkdays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

// WorkdaysBetween counts the working days after a up to and including b;
// when b is before a the count is negative (the working days after b up
// to and including a, negated).
func (c *Calendar) WorkdaysBetween(a, b Date) int {
	if b.Before(a) {
		return -c.WorkdaysBetween(b, a)
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}
