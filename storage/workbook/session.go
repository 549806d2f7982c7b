package workbook

import (
	"fmt"
	"slices"
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
	titled  bool   // the body is named by the sheet's name or title, not only its header's words
}

// inferProposalContext reads the sheet name, the title rows above the header
// and the header's words, in that order of trust.
func inferProposalContext(sheet string, title, header []string) proposalContext {
	var pc proposalContext
	titleText := strings.Join(title, " ")
	for _, s := range []string{sheet, titleText} {
		if b, ok := bodyFromText(s); ok && pc.body == "" {
			pc.body, pc.titled = b, true
		}
		if sess, ok := model.NormalizeSession(s); ok && pc.session == "" {
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

// noteSession keeps the session a proposals sheet names (read before any
// row, when the sheets' kinds are told).
func (r *reader) noteSession(sheet string, pc proposalContext) {
	if pc.body == "" || pc.session == "" {
		return
	}
	if r.sessions == nil {
		r.sessions = map[model.Body][][2]string{}
	}
	known := r.sessions[pc.body]
	if !slices.ContainsFunc(known, func(k [2]string) bool { return k[0] == pc.session }) {
		r.sessions[pc.body] = append(known, [2]string{pc.session, sheet})
	}
}

// sessionOfWorkbook gives a proposals sheet that names its body but no
// session (a 满意度测评 sheet beside the handling ledger, titled only 2019年
// 市政协提案办理满意度测评) the one session the workbook's other sheets of that
// body name, with a note: without it the sheet's proposal no. 12 was another
// record than the ledger's no. 12. Several sessions decide nothing, and so
// does a sheet without a title naming the body.
func (r *reader) sessionOfWorkbook(sheet string, pc *proposalContext) {
	if !pc.titled || pc.session != "" {
		return // named, or a sheet whose title says nothing of it: may be of any session
	}
	known := r.sessions[pc.body]
	if len(known) != 1 {
		return
	}
	pc.session = known[0][0]
	r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("工作表「%s」未写届次，按本文件工作表「%s」的%s读",
		"sheet %s names no session: read as %[3]s, the session of sheet %[2]s of the file"), sheet, known[0][1], pc.session))
}
