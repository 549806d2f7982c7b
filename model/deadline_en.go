package model

import (
	"strings"
	"time"
)

// englishDeadlines maps the deadline words of English-language ledgers to
// the Chinese forms ParseDeadline reads.
var englishDeadlines = map[string]string{
	"end of year": "年底", "year end": "年底", "by year end": "年底", "by end of year": "年底",
	"by the end of the year": "年底", "end of the year": "年底", "within the year": "年内",
	"ongoing": "长期", "long term": "长期", "long-term": "长期", "continuous": "长期", "permanent": "长期",
	"first half": "上半年", "h1": "上半年", "second half": "下半年", "h2": "下半年",
	"q1": "一季度", "q2": "二季度", "q3": "三季度", "q4": "四季度",
	"monthly": "每月", "weekly": "每周", "quarterly": "每季度",
}

// fromEnglishDeadline rewrites an English deadline phrase ("end of year",
// "end of June 2019", "ongoing") in the Chinese form; ok is false when the
// text is not one.
func fromEnglishDeadline(s string) (string, bool) {
	k := strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " .。"))), " ")
	if zh, ok := englishDeadlines[k]; ok {
		return zh, true
	}
	rest, ok := strings.CutPrefix(k, "end of ")
	if !ok {
		rest, ok = strings.CutPrefix(k, "by end of ")
	}
	if !ok {
		return "", false
	}
	parts := strings.Fields(rest)
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if parts[0] != name && parts[0] != name[:3] {
			continue
		}
		switch len(parts) {
		case 1:
			return itoa(int(m)) + "月底", true
		case 2:
			if len(parts[1]) == 4 {
				return parts[1] + "年" + itoa(int(m)) + "月底", true
			}
		}
	}
	return "", false
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
