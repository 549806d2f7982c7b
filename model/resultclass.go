package model

import (
	"strconv"
	"strings"
)

// The national scheme's result classes are often written out instead of
// as letters: A 所提问题已经解决或基本解决, B 正在解决或列入计划解决,
// C 因目前条件限制或其他原因需以后解决, D 留作参考 (A is also worded
// 已解决或采纳, 已采纳; 部分采纳 is a local class).
var classWords = []struct{ word, class string }{
	{"留作参考", "D"}, {"参考", "D"},
	{"条件限制", "C"}, {"以后解决", "C"}, {"暂时无法", "C"}, {"难以解决", "C"},
	{"正在解决", "B"}, {"列入计划", "B"}, {"计划解决", "B"},
	{"已经解决", "A"}, {"基本解决", "A"}, {"已解决", "A"}, {"解决或基本解决", "A"},
	{"解决采纳", "A"}, {"已采纳", "A"},
}

// ResultClasses are the national scheme's classes, for dropdowns and
// exports; ParseResultClass reads what ledgers type.
var ResultClasses = Enum[string]{
	Options: []Option[string]{
		{"A", "A", "A (solved)", []string{"A类", "已经解决", "基本解决", "已解决"}},
		{"B", "B", "B (being solved)", []string{"B类", "正在解决", "列入计划"}},
		{"C", "C", "C (later)", []string{"C类", "以后解决", "条件限制"}},
		{"D", "D", "D (for reference)", []string{"D类", "留作参考"}},
	},
}

// ParseResultClass reads a proposal's result class: a letter A–D ("A类",
// "ａ") or the national scheme's wording give the letter under scheme
// "ABCD"; a numbered class (1类, 一类, ２) its digit and anything else as
// typed, under the local scheme "local".
func ParseResultClass(s string) (class, scheme string) {
	t := strings.ToUpper(strings.TrimSuffix(strings.TrimSpace(Fold(s)), "类"))
	if t == "" {
		return "", ""
	}
	// 1类（已解决）, A（已解决）: the class is before the bracket, whatever
	// the words in it would say.
	if head, _, ok := strings.Cut(t, "("); ok && head != "" {
		if c, scheme := ParseResultClass(head); scheme == "ABCD" || isClassDigit(c) {
			return c, scheme
		}
	}
	if len(t) == 1 && t[0] >= 'A' && t[0] <= 'D' {
		return t, "ABCD"
	}
	if t == "采纳" {
		return "A", "ABCD"
	}
	for _, w := range classWords {
		if strings.Contains(t, w.word) {
			return w.class, "ABCD"
		}
	}
	// A numbered class (the 3-class scheme's 1类, 一类, 2) is its digit.
	if n := strings.TrimSpace(t); len([]rune(n)) == 1 && n != "两" {
		if c, ok := parseCount(n); ok && c >= 1 && c <= 9 {
			return strconv.Itoa(c), "local"
		}
	}
	return strings.TrimSpace(s), "local"
}

// ProposalStatusOf infers a proposal's status from its dates when a ledger
// had no status column.
func ProposalStatusOf(p *Proposal) ProposalStatus {
	switch {
	case p.Status != "":
		return p.Status
	case p.Satisfaction != "" && p.Satisfaction != SatNone:
		return PropEvaluated
	case !p.RepliedOn.IsZero():
		return PropReplied
	case !p.AssignedOn.IsZero():
		return PropInProgress
	}
	return PropRegistered
}

func isClassDigit(c string) bool { return len(c) == 1 && c[0] >= '1' && c[0] <= '9' }
