package reports

import (
	"fyne.io/fyne/v2/lang"

	"taizhang/model"
)

// preset is one of the periods offered in the period picker.
type preset int

const (
	thisMonth preset = iota
	lastMonth
	thisQuarter
	firstHalf
	thisYear
	custom
)

var presets = []preset{thisMonth, lastMonth, thisQuarter, firstHalf, thisYear, custom}

func (p preset) label() string {
	switch p {
	case thisMonth:
		return lang.L("stats.period.this_month")
	case lastMonth:
		return lang.L("stats.period.last_month")
	case thisQuarter:
		return lang.L("stats.period.this_quarter")
	case firstHalf:
		return lang.L("stats.period.first_half")
	case thisYear:
		return lang.L("stats.period.this_year")
	}
	return lang.L("stats.period.custom")
}

// period is the preset's first and last day (both included) seen from
// today; custom has none.
func (p preset) period(today model.Date) (from, to model.Date, ok bool) {
	month := model.NewDate(today.Y, today.M, 1)
	switch p {
	case thisMonth:
		return month, month.MonthEnd(), true
	case lastMonth:
		m := month.AddMonths(-1)
		return m, m.MonthEnd(), true
	case thisQuarter:
		q := model.NewDate(today.Y, today.M-(today.M-1)%3, 1)
		return q, q.AddMonths(2).MonthEnd(), true
	case firstHalf:
		return model.NewDate(today.Y, 1, 1), model.NewDate(today.Y, 6, 30), true
	case thisYear:
		return model.NewDate(today.Y, 1, 1), model.NewDate(today.Y, 12, 31), true
	}
	return model.Date{}, model.Date{}, false
}

// quarterOf is the quarter (1–4) day falls in.
func quarterOf(day model.Date) int { return (int(day.M)-1)/3 + 1 }
