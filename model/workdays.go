package model

import (
	"strings"
	"time"
)

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

// workdayWords are what a 调休 column says beyond yes and no: the day is
// worked (上班, 班, 补班) or off (休, 放假).
var workdayWords = map[string]bool{
	"上班": true, "班": true, "补班": true, "调休上班": true, "工作日": true, "工作": true, "work": true, "workday": true,
	"休": false, "休息": false, "放假": false, "休假": false, "假": false, "节假日": false, "off": false, "holiday": false,
}

// ParseWorkday reads a holiday record's 调休 cell: 上班, 班, 补班 (or 是)
// make the day a working day; 休, 放假 (or 否, or empty) make it a day off.
func ParseWorkday(s string) (bool, error) {
	t := strings.ToLower(compact(s))
	if v, ok := workdayWords[t]; ok {
		return v, nil
	}
	v, err := ParseBool(s)
	if err != nil {
		return false, parseErr(s, "应为 上班/补班/是（工作日）或 休/放假/否（休息日）", "expected 上班/补班/是 (a working day) or 休/放假/否 (a day off)")
	}
	return v, nil
}

// With is a new calendar: c's days, then days (a later entry for the same
// date wins). c is not changed.
func (c *Calendar) With(days []*Holiday) *Calendar {
	n := NewCalendar(days)
	if c != nil {
		for d, work := range c.days {
			if _, ok := n.days[d]; !ok {
				n.days[d] = work
			}
		}
	}
	return n
}
