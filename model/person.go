package model

import (
	"strings"
	"unicode"
)

// personTitles are the titles and organ names written around a leader's
// name in ledgers (王明副市长, 副市长王明, 市委常委、副市长王明, 王明同志).
// Longer words come first so 常务副市长 is removed whole, not as 市长.
var personTitles = []string{
	"市人大常委会", "市政府党组", "市委常委", "市政府", "市人大", "市政协", "市委",
	"常务副市长", "常务副县长", "常务副区长",
	"副秘书长", "秘书长", "副市长", "市长", "副县长", "县长", "副区长", "区长",
	"副主任", "主任", "副书记", "书记", "副部长", "部长", "副局长", "局长",
	"副处长", "处长", "副科长", "科长", "副主席", "主席", "副镇长", "镇长",
	"副乡长", "乡长", "一级巡视员", "二级巡视员", "巡视员", "督查专员",
	"调研员", "党组成员", "常委", "党组", "领导", "同志",
}

// PersonKey is the key leaders are told apart by (DOMAIN.md field work):
// the name with spaces (also full-width ones), brackets, list marks and the
// titles around it removed, so "王 明 副市长", "王明", "副市长王明" and
// "王明同志" are one person. A name that is nothing but a title keeps its
// last part, so "王书记" is "王" rather than empty.
func PersonKey(name string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), strings.ContainsRune("()（）[]【】〔〕、,，;；:：.。·•-—", r):
			return -1
		}
		return unicode.ToLower(r)
	}, Fold(name))
	for {
		trimmed := s
		for _, t := range personTitles {
			if cut, ok := strings.CutPrefix(trimmed, t); ok && cut != "" {
				trimmed = cut
			}
			if cut, ok := strings.CutSuffix(trimmed, t); ok && cut != "" {
				trimmed = cut
			}
		}
		if trimmed == s {
			return s
		}
		s = trimmed
	}
}
