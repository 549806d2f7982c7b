package model

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time zone. The zero Date means "none".
type Date struct {
	Y int
	M time.Month
	D int
}

// D builds a Date; it normalises overflow (month 13, day 0) as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf takes the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today is the local calendar day.
func Today() Date { return DateOf(time.Now()) }

func (d Date) IsZero() bool { return d == Date{} }

// Time is midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

func (d Date) AddDays(n int) Date { return NewDate(d.Y, d.M, d.D+n) }

// AddMonths adds calendar months, clamping to the end of a shorter month
// (Nov 30 + 3 months = Feb 28/29), as "reply within 3 months" is meant.
func (d Date) AddMonths(n int) Date {
	first := NewDate(d.Y, d.M+time.Month(n), 1)
	last := first.MonthEnd().D
	day := d.D
	if day > last {
		day = last
	}
	return Date{first.Y, first.M, day}
}

// MonthEnd is the last day of d's month.
func (d Date) MonthEnd() Date { return NewDate(d.Y, d.M+1, 0) }

func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }

// Compare orders dates; the zero Date sorts first.
func (d Date) Compare(o Date) int {
	switch {
	case d.Y != o.Y:
		return cmpInt(d.Y, o.Y)
	case d.M != o.M:
		return cmpInt(int(d.M), int(o.M))
	default:
		return cmpInt(d.D, o.D)
	}
}

// DaysUntil is the number of calendar days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.Time().Sub(d.Time()).Hours() / 24)
}

// Weekday of the date.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Between reports whether from <= d <= to (both included, as periods are).
func (d Date) Between(from, to Date) bool {
	return !d.IsZero() && !d.Before(from) && !d.After(to)
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if b, ok := d.appendISO(nil); ok {
		return string(b)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
}

// appendISO appends YYYY-MM-DD when d's fields have those widths (every
// real date), without fmt: every body encodes a few dates, and an import
// encodes 100,000 bodies.
func (d Date) appendISO(b []byte) ([]byte, bool) {
	if d.Y < 0 || d.Y > 9999 || d.M < 1 || d.M > 12 || d.D < 1 || d.D > 99 {
		return b, false
	}
	y, m := d.Y, int(d.M)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d.D/10), byte('0'+d.D%10)), true
}

// ParseISO reads YYYY-MM-DD strictly (the CLI's and storage's form).
func ParseISO(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	if b, ok := d.appendISO(append(make([]byte, 0, 12), '"')); ok {
		return append(b, '"'), nil
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if v, ok := quotedISO(b); ok {
		*d = v
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseISO(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// quotedISO reads "YYYY-MM-DD" as a JSON string of a valid day, as
// UnmarshalJSON would, without its allocations (ok false: anything else,
// left to the general path: escapes, other widths, invalid days).
func quotedISO(b []byte) (Date, bool) {
	if len(b) != 12 || b[0] != '"' || b[11] != '"' || b[5] != '-' || b[8] != '-' {
		return Date{}, false
	}
	n := 0
	for _, i := range [...]int{1, 2, 3, 4, 6, 7, 9, 10} {
		c := b[i]
		if c < '0' || c > '9' {
			return Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, time.Month(n/100%100), n%100
	if m < 1 || m > 12 || d < 1 || d > time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Deadline is a completion deadline as typed in a ledger: the parsed day,
// the text exactly as typed, and what kind of deadline it is.
type Deadline struct {
	Due  Date         `json:"deadline"`
	Text string       `json:"deadline_text"`
	Type DeadlineKind `json:"deadline_kind"`
}

// Display is how lists show a deadline: the parsed day (it sorts and
// compares), else what was typed for deadlines without one (长期坚持,
// 每月25日前).
func (d Deadline) Display() string {
	if !d.Due.IsZero() {
		return d.Due.String()
	}
	return d.Text
}
