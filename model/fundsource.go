package model

import "strings"

// fundSourceWords map words inside a typed source to its key, most specific
// first: ledgers word sources in many ways (财政专项扶贫资金, 省级财政专项,
// 单位帮扶资金, 爱心捐款…).
var fundSourceWords = []struct {
	word string
	key  FundSource
}{
	{"整合", "integrated"}, {"自筹", "self_raised"}, {"捐", "donation"},
	{"社会帮扶", "donation"}, {"协调", "coordinated"}, {"争取", "coordinated"},
	{"财政", "fiscal"}, {"专项", "fiscal"}, {"帮扶单位", "assisting_unit"},
	{"后盾单位", "assisting_unit"}, {"派驻单位", "assisting_unit"},
	{"单位", "assisting_unit"}, {"部门", "integrated"},
}

// ClassifyFundSource maps a typed fund source to its key by meaning; what it
// cannot place goes under "other" (reports list those).
func ClassifyFundSource(text string) FundSource {
	if v, ok := FundSources.Parse(text); ok {
		return v
	}
	t := Fold(text)
	for _, w := range fundSourceWords {
		if strings.Contains(t, w.word) {
			return w.key
		}
	}
	return "other"
}
