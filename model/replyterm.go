package model

import (
	"errors"
	"regexp"
	"strings"
)

// reReplyTerm is a reply deadline typed as a term from assignment:
// 3个月, 三个月内, 交办之日起3个月内, 收到后2个月.
var reReplyTerm = regexp.MustCompile(`^(?:自?交办之?日起|交办后|收到(?:之日起|后))?([0-9]{1,2}|[一二两三四五六七八九十])个月(?:内|以内)?$`)

// ReplyTermMonths reads a reply deadline typed as a number of months from
// the assigned date; ok is false for any other text.
func ReplyTermMonths(s string) (months int, ok bool) {
	g := reReplyTerm.FindStringSubmatch(strings.Join(strings.Fields(Fold(s)), ""))
	if g == nil {
		return 0, false
	}
	return parseCount(g[1]) // 3, 三, 两, 十
}

// UnreadDate reports whether err is ParseDate's error for a text in none
// of its forms (6月中旬, 未答复), as against a month without a day or a
// date that does not exist.
func UnreadDate(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe) && pe.Zh == "无法识别的日期，"+dateFormsZh
}
