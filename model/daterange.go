package model

import (
	"regexp"
	"strings"
)

// rangeSep splits a date range: 至, 到, ~, —, –, and a hyphen between digits
// that is not part of an ISO date.
var rangeSeps = []string{"至", "到", "~", "～", "—", "–", "－", "-"}

// dayOnly is the right side of "2019年5月6日-8日": a day of the left's month.
var dayOnly = regexp.MustCompile(`^(\d{1,2})日?号?$`)

// monthDay is "6月2日" or "6.2" without a year.
var monthDay = regexp.MustCompile(`^(\d{1,2})[月./](\d{1,2})[日号]?$`)

// ParseDateRange reads a day or a span of days as ledgers write visits that
// last several days: 2019年5月6日, 2019年5月6日-8日, 2019年5月6日至8日,
// 2019.5.30-6.2, 2019年5月30日至2019年6月2日. A single day gives from == to.
// The end must not be before the start.
func ParseDateRange(s string, ref Date) (from, to Date, err error) {
	if d, err := ParseDate(s, ref); err == nil {
		return d, d, nil
	}
	text := compact(s)
	for _, sep := range rangeSeps {
		i := strings.LastIndex(text, sep)
		if i <= 0 {
			continue
		}
		left, right := text[:i], text[i+len(sep):]
		from, err := ParseDate(left, ref)
		if err != nil {
			continue
		}
		to, ok := rangeEnd(right, from)
		if !ok {
			continue
		}
		if to.Before(from) {
			return Date{}, Date{}, parseErr(s, "结束日期早于开始日期", "the end date is before the start date")
		}
		return from, to, nil
	}
	_, err = ParseDate(s, ref)
	return Date{}, Date{}, err
}

// rangeEnd reads the right side of a range, taking what it leaves out
// (year, month) from the start.
func rangeEnd(s string, from Date) (Date, bool) {
	if g := dayOnly.FindStringSubmatch(s); g != nil {
		d, err := makeDate(s, from.Y, int(from.M), atoi(g[1]))
		return d, err == nil
	}
	if g := monthDay.FindStringSubmatch(s); g != nil {
		d, err := makeDate(s, from.Y, atoi(g[1]), atoi(g[2]))
		return d, err == nil
	}
	d, err := ParseDate(s, from)
	return d, err == nil
}
