package model

import (
	"regexp"
	"strconv"
	"strings"
)

const cnNum = `[0-9]+|[一二三四五六七八九十〇零两]+`

// sessionPattern finds 第十六届…第三次: the term, up to 12 characters of body
// words (人大, 全国人民代表大会, 政协), then the session.
var sessionPattern = regexp.MustCompile(`(` + cnNum + `)\s*届[^届次0-9]{0,12}?第?\s*(` + cnNum + `)\s*次`)

// NormalizeSession writes any form of a session (十六届人大三次会议, 第16届3次,
// 十六届三次) as 第十六届第三次会议, so ledgers of the same session match.
func NormalizeSession(s string) (string, bool) {
	m := sessionPattern.FindStringSubmatch(Fold(s))
	if m == nil {
		return "", false
	}
	term, ok1 := parseCount(m[1])
	sess, ok2 := parseCount(m[2])
	if !ok1 || !ok2 || term == 0 || sess == 0 {
		return "", false
	}
	return "第" + chineseCount(term) + "届第" + chineseCount(sess) + "次会议", true
}

var sessionDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// parseCount reads 16, 十六, 二十一, 一六 (digit by digit) up to 99.
func parseCount(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n < 100
	}
	rs := []rune(s)
	if strings.ContainsRune(s, '十') {
		tens, ones := 1, 0
		before, after, _ := strings.Cut(s, "十")
		if before != "" {
			d, ok := sessionDigits[[]rune(before)[0]]
			if !ok || len([]rune(before)) != 1 {
				return 0, false
			}
			tens = d
		}
		if after != "" {
			d, ok := sessionDigits[[]rune(after)[0]]
			if !ok || len([]rune(after)) != 1 {
				return 0, false
			}
			ones = d
		}
		return tens*10 + ones, true
	}
	n := 0
	for _, r := range rs {
		d, ok := sessionDigits[r]
		if !ok {
			return 0, false
		}
		n = n*10 + d
	}
	return n, len(rs) > 0 && n < 100
}

// chineseCount writes 1-99 as 一 … 十六 … 九十九.
func chineseCount(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}
