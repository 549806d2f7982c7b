package model

import (
	"regexp"
	"strings"
)

var (
	reMonthlyDay = regexp.MustCompile(`每月(\d{1,2})[日号]`)
	reWeekday    = regexp.MustCompile(`每周([一二三四五六日天1-7])`)
)

// CycleOf reads the reporting cycle a periodic deadline names (每月25日前,
// 每周五, 每季度末): ok is false when the text names none.
func CycleOf(text string) (c Cycle, day int, ok bool) {
	t := normText(text)
	if g := reMonthlyDay.FindStringSubmatch(t); g != nil {
		if d := atoi(g[1]); d >= 1 && d <= 31 {
			return CycleMonthly, d, true
		}
	}
	if g := reWeekday.FindStringSubmatch(t); g != nil {
		day := 7 // 日, 天
		if n := atoi(g[1]); n >= 1 && n <= 7 {
			day = n // normText has turned 一…六 into digits
		}
		return CycleWeekly, day, true
	}
	switch {
	case strings.Contains(t, "每季"):
		return CycleQuarterly, 0, true
	case strings.Contains(t, "每月"):
		return CycleMonthly, 0, true
	case strings.Contains(t, "每周"):
		return CycleWeekly, 0, true
	}
	return "", 0, false
}
