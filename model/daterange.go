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
	if clean := cleanRange(text); clean != text {
		if from, to, err := ParseDateRange(clean, ref); err == nil {
			return from, to, nil
		}
	}
	if from, to, ok := dayList(text, ref); ok {
		return from, to, nil
	}
	_, err = ParseDate(s, ref)
	return Date{}, Date{}, err
}

// dayWords are the parts of a day visit logs add to a date: 5月6日上午.
var dayWords = []string{"上午", "下午", "中午", "晚上", "早上", "全天", "全日"}

// cleanRange drops what a visit log adds to its dates: the part of the
// day, a note in brackets at the end (（3天）), a doubled dash.
func cleanRange(t string) string {
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if rest, ok := strings.CutSuffix(t, br[1]); ok {
			if i := strings.LastIndex(rest, br[0]); i > 0 {
				t = rest[:i]
			}
		}
	}
	for _, w := range dayWords {
		t = strings.ReplaceAll(t, w, "")
	}
	for strings.Contains(t, "--") {
		t = strings.ReplaceAll(t, "--", "-")
	}
	return t
}

// dayList reads days listed with 、 (5月6日、7日, 5月6、7日, 5月31日、6月1日)
// as the span they make; days that are not one after another are not one
// visit, and are no answer.
func dayList(t string, ref Date) (from, to Date, ok bool) {
	parts := strings.Split(t, "、")
	if len(parts) < 2 {
		return Date{}, Date{}, false
	}
	from, err := ParseDate(parts[0], ref)
	if err != nil {
		// 5月6、7日: the day mark is written once, at the end
		from, err = ParseDate(parts[0]+"日", ref)
	}
	if err != nil || from.IsZero() {
		return Date{}, Date{}, false
	}
	to = from
	for _, p := range parts[1:] {
		d, ok := rangeEnd(p, to)
		if !ok || d != to.AddDays(1) {
			return Date{}, Date{}, false
		}
		to = d
	}
	return from, to, true
}

// rangeEnd reads the right side of a range, taking what it leaves out
// (year, month) from the start.
func rangeEnd(s string, from Date) (Date, bool) {
	if g := dayOnly.FindStringSubmatch(s); g != nil {
		d, err := makeDate(s, from.Y, int(from.M), atoi(g[1]))
		return d, err == nil
	}
	if g := monthDay.FindStringSubmatch(s); g != nil {
		y := from.Y
		if atoi(g[1]) < int(from.M) && from.M == 12 {
			y++ // 12月30日-1月2日: over the new year
		}
		d, err := makeDate(s, y, atoi(g[1]), atoi(g[2]))
		return d, err == nil
	}
	d, err := ParseDate(s, from)
	return d, err == nil
}
