package model

import (
	"regexp"
	"time"
)

// The forms of a period: a year with or without a month, and what part of
// it (上旬, 底, 一季度, 上半年…); 2019年3-4月 is two months.
var (
	rePeriodYM    = regexp.MustCompile(`^(?:(\d{4}|\d{2})(?:年|[./-]))?(\d{1,2})(?:月份?)?(上旬|中旬|下旬|初|中|底|末)?$`)
	rePeriodYMM   = regexp.MustCompile(`^(?:(\d{4})年)?(\d{1,2})月?(?:-|至|到|~|—)(\d{1,2})月$`)
	rePeriodYYYYM = regexp.MustCompile(`^(\d{4})(\d{2})$`)
	rePeriodY     = regexp.MustCompile(`^(?:(\d{4})年?度?|年)?(底|末|初|第?([1-4])季度|上半年|下半年)?$`)
)

// ParsePeriod reads the span of days a month, a part of a month, a quarter,
// a half or a year names, as ledgers write when a fund arrived or a project
// started: 2019年3月, 2019.3, 201903, 2019年3月中旬, 2019年底, 2019年一季度,
// 2019年上半年, 2019年, 2019年3-4月. A part without a year is of ref's
// year. ok is false for anything else (a day, a month that does not exist).
func ParsePeriod(s string, ref Date) (from, to Date, ok bool) {
	t := normText(s)
	if t == "" {
		return Date{}, Date{}, false
	}
	year := func(g string) int {
		switch len(g) {
		case 0:
			return ref.Y
		case 2:
			return 2000 + atoi(g)
		}
		return atoi(g)
	}
	month := func(y, m int) (Date, Date, bool) {
		if m < 1 || m > 12 || y < 1900 || y > 2200 {
			return Date{}, Date{}, false
		}
		first := NewDate(y, time.Month(m), 1)
		return first, first.MonthEnd(), true
	}
	if g := rePeriodYYYYM.FindStringSubmatch(t); g != nil {
		return month(atoi(g[1]), atoi(g[2]))
	}
	if g := rePeriodYM.FindStringSubmatch(t); g != nil && (g[1] != "" || g[3] != "" || len(t) > len(g[2])) {
		from, to, ok := month(year(g[1]), atoi(g[2]))
		if !ok {
			return Date{}, Date{}, false
		}
		switch g[3] {
		case "上旬", "初":
			to = NewDate(from.Y, from.M, 10)
		case "中旬", "中":
			from, to = NewDate(from.Y, from.M, 11), NewDate(from.Y, from.M, 20)
		case "下旬", "底", "末":
			from = NewDate(from.Y, from.M, 21)
		}
		return from, to, true
	}
	if g := rePeriodYMM.FindStringSubmatch(t); g != nil {
		from, _, ok1 := month(year(g[1]), atoi(g[2]))
		_, to, ok2 := month(year(g[1]), atoi(g[3]))
		return from, to, ok1 && ok2 && !to.Before(from)
	}
	if g := rePeriodY.FindStringSubmatch(t); g != nil && (g[1] != "" || g[2] != "") {
		y := year(g[1])
		if y < 1900 || y > 2200 {
			return Date{}, Date{}, false
		}
		jan := NewDate(y, time.January, 1)
		switch {
		case g[2] == "":
			return jan, NewDate(y, time.December, 31), true
		case g[2] == "底" || g[2] == "末":
			return NewDate(y, time.December, 1), NewDate(y, time.December, 31), true
		case g[2] == "初":
			return jan, NewDate(y, time.January, 31), true
		case g[2] == "上半年":
			return jan, NewDate(y, time.June, 30), true
		case g[2] == "下半年":
			return NewDate(y, time.July, 1), NewDate(y, time.December, 31), true
		default: // a quarter
			q := atoi(g[3])
			first := NewDate(y, time.Month(3*q-2), 1)
			return first, NewDate(y, time.Month(3*q+1), 0), true
		}
	}
	return Date{}, Date{}, false
}
