package workbook

import (
	"regexp"
	"strconv"
	"strings"

	"taizhang/model"
)

// A proposals ledger often has no 类别 or 届次 column: the body and the
// session are in the sheet name or the title (“2019年市十六届人大三次会议代表
// 建议办理台账”). Without them NPC suggestion no. 12 and CPPCC proposal no. 12
// share a natural key, so both are inferred per sheet.

// proposalContext is what a proposals sheet says about all its rows.
type proposalContext struct {
	body    model.Body
	session string // normalised: 第十六届第三次会议
}

// inferProposalContext reads the sheet name, the title rows above the header
// and the header's words, in that order of trust.
func inferProposalContext(sheet string, title, header []string) proposalContext {
	var pc proposalContext
	titleText := strings.Join(title, " ")
	for _, s := range []string{sheet, titleText} {
		if b, ok := bodyFromText(s); ok && pc.body == "" {
			pc.body = b
		}
		if sess, ok := normalizeSession(s); ok && pc.session == "" {
			pc.session = sess
		}
	}
	if pc.body == "" {
		pc.body = bodyFromHeader(header)
	}
	return pc
}

// bodyFromText: 人大/政协 decide; failing those, 建议/代表 against 提案/委员.
// A text naming both bodies (人大建议和政协提案汇总) decides nothing.
func bodyFromText(s string) (model.Body, bool) {
	s = model.Fold(s)
	if b, ok := bodyNamed(s); ok {
		return b, true
	}
	return oneSide(s, []string{"建议", "代表"}, []string{"提案", "委员"})
}

// bodyNamed: the text names one body (人大 or 政协).
func bodyNamed(s string) (model.Body, bool) {
	return oneSide(s, []string{"人大", "人民代表大会"}, []string{"政协", "政治协商"})
}

func oneSide(s string, npc, cppcc []string) (model.Body, bool) {
	n, c := containsAny(s, npc), containsAny(s, cppcc)
	switch {
	case n && !c:
		return model.BodyNPC, true
	case c && !n:
		return model.BodyCPPCC, true
	}
	return "", false
}

// bodyFromHeader: 建议号, 代表, 领衔代表 are NPC words; 提案号, 委员, 提案人
// CPPCC ones. Labels with both (建议提案类别) are skipped; mixed headers decide nothing.
func bodyFromHeader(labels []string) model.Body {
	var body model.Body
	for _, l := range labels {
		b, ok := oneSide(model.Fold(l), []string{"建议", "代表"}, []string{"提案", "委员"})
		if !ok {
			continue
		}
		if body != "" && body != b {
			return ""
		}
		body = b
	}
	return body
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

const cnNum = `[0-9]+|[一二三四五六七八九十〇零两]+`

// sessionPattern finds 第十六届…第三次: the term, up to 12 characters of body
// words (人大, 全国人民代表大会, 政协), then the session.
var sessionPattern = regexp.MustCompile(`(` + cnNum + `)\s*届[^届次0-9]{0,12}?第?\s*(` + cnNum + `)\s*次`)

// normalizeSession writes any form of a session (十六届人大三次会议, 第16届3次,
// 十六届三次) as 第十六届第三次会议, so ledgers of the same session match.
func normalizeSession(s string) (string, bool) {
	m := sessionPattern.FindStringSubmatch(model.Fold(s))
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

var cnDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
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
			d, ok := cnDigits[[]rune(before)[0]]
			if !ok || len([]rune(before)) != 1 {
				return 0, false
			}
			tens = d
		}
		if after != "" {
			d, ok := cnDigits[[]rune(after)[0]]
			if !ok || len([]rune(after)) != 1 {
				return 0, false
			}
			ones = d
		}
		return tens*10 + ones, true
	}
	n := 0
	for _, r := range rs {
		d, ok := cnDigits[r]
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
