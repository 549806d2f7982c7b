package workbook

import (
	"slices"
	"strings"
	"unicode/utf8"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

const headerScanRows = 15 // the header is looked for in the first rows only

// sheetHeader is a recognised header: which kind the sheet holds and which
// column of the sheet fills what.
type sheetHeader struct {
	kind     model.Kind
	firstRow int        // 1-based row number of the first header row
	lastRow  int        // 1-based row number of the last header row
	cols     []boundCol // sheet columns that map to a field
	// extras are the other labelled columns: kept with each record by
	// their header, so nothing typed is lost.
	extras []boundCol
	hidden map[string]int
	score  int
}

// boundCol is a sheet column bound to a field.
type boundCol struct {
	index  int    // 0-based sheet column
	label  string // header text as in the sheet (two levels joined with /)
	column Column
}

// synonymIndex maps a normalised header to the columns of a kind's table
// (and its import-only columns) that accept it, most likely first.
type synonymIndex struct {
	cols  []Column // the table's columns, then the import-only ones
	exact map[string][]int
	all   []indexEntry // every key, for matching longer labels by containment
}

type indexEntry struct {
	key   string
	col   int
	runes int
}

func buildIndex(cols []Column) *synonymIndex {
	ix := &synonymIndex{cols: cols, exact: map[string][]int{}}
	add := func(s string, i int) {
		for _, k := range []string{headerKey(s), headerKey(stripBrackets(s))} {
			if k == "" || slices.Contains(ix.exact[k], i) {
				continue
			}
			ix.exact[k] = append(ix.exact[k], i)
			ix.all = append(ix.all, indexEntry{k, i, utf8.RuneCountInString(k)})
		}
	}
	// Export headers first: they win over another column's synonym.
	for i, c := range cols {
		add(c.Header, i)
	}
	for i, c := range cols {
		for _, s := range c.Synonyms {
			add(s, i)
		}
	}
	return ix
}

// lookup lists the columns a label names, best first: exactly, without its
// bracketed part, or (for longer words) by the longest synonym it contains.
// A word two columns accept (工作任务: the title, else the content) names
// the second when the first is already taken.
func (ix *synonymIndex) lookup(label string) []int {
	k1 := headerKey(label)
	if c, ok := ix.exact[k1]; ok {
		return c
	}
	k2 := headerKey(stripBrackets(label))
	if c, ok := ix.exact[k2]; ok {
		return c
	}
	if isSentence(k2) {
		return nil
	}
	best, bestLen := -1, 0
	for _, e := range ix.all {
		if e.runes >= 3 && e.runes > bestLen && strings.Contains(k2, e.key) {
			best, bestLen = e.col, e.runes
		}
	}
	if best < 0 {
		return nil
	}
	return []int{best}
}

// isSentence: a cell with a comma or a full stop outside brackets is a
// sentence (an instructions sheet's 负责答复的单位，只填一个), not a label,
// whatever header words it mentions.
func isSentence(k string) bool {
	return strings.ContainsAny(k, "，。；,;")
}

var indexes = func() map[model.Kind]*synonymIndex {
	m := map[model.Kind]*synonymIndex{}
	for k, cols := range columnTables {
		m[k] = buildIndex(append(slices.Clone(cols), importColumns[k]...))
	}
	return m
}()

func isIgnoredHeader(label string) bool {
	k := headerKey(label)
	for _, h := range ignoredHeaders {
		if headerKey(h) == k {
			return true
		}
	}
	return false
}

// labelCandidates are the texts tried for a header cell, most specific
// first: the child of a two-level header, parent+child, the parent.
type headerCell struct {
	label      string
	candidates []string
}

// bindHeader matches a header row's cells against a kind's columns.
func bindHeader(kind model.Kind, cells []headerCell) *sheetHeader {
	ix := indexes[kind]
	h := &sheetHeader{kind: kind, hidden: map[string]int{}}
	used := map[int]bool{}
	usedField := map[string]bool{}
	hasKey := false
	var bySource []boundCol // a funds ledger's columns of money by source
	bySourceGrouped := false
	for i, hc := range cells {
		if hc.label == "" {
			continue
		}
		switch hc.label {
		case "_id", "_rev", "_ancestry", "_due":
			h.hidden[hc.label] = i
			continue
		}
		if kind == model.KindFund {
			if src, grouped, ok := sourceColumn(ix, hc); ok {
				c := Column{Header: hc.label, Field: "amount_fen", Type: TypeMoney, source: src, wan: strings.Contains(hc.label, "万元")}
				bySource = append(bySource, boundCol{index: i, label: hc.label, column: c})
				bySourceGrouped = bySourceGrouped || grouped
				continue
			}
		}
		bound := false
		cands := hc.candidates
		if kind == model.KindVillage && len(cands) == 3 {
			// a profile's group names whom the figures count
			// (建档立卡贫困户/人口 is the poor people, not the people)
			cands = []string{cands[1], cands[0], cands[2]}
		}
		for _, cand := range cands {
			if isIgnoredHeader(cand) {
				bound = true
				break
			}
			if kind == model.KindTask && (isHeaderOf(cand, problemHeaders) || isHeaderOf(cand, nextHeaders)) {
				// A return's 存在问题 / 下步措施: the unit's report
				// (progressReport), never its group heading's field (办理情况
				// above them is also a status word).
				break
			}
			ci := -1
			for _, i := range ix.lookup(cand) {
				// Columns filling one field (是否办结 and 状态) exclude each other;
				// unit columns all fill units, each with its roles.
				c := ix.cols[i]
				if !used[i] && (c.Type == TypeUnits || !usedField[c.Field]) {
					ci = i
					break
				}
			}
			if ci < 0 {
				continue
			}
			used[ci] = true
			usedField[ix.cols[ci].Field] = true
			c := ix.cols[ci]
			if c.Type == TypeMoney && strings.Contains(hc.label, "万元") {
				c.wan = true
			}
			h.cols = append(h.cols, boundCol{index: i, label: hc.label, column: c})
			hasKey = hasKey || c.Key
			bound = true
			break
		}
		if !bound {
			h.extras = append(h.extras, boundCol{index: i, label: hc.label})
		}
	}
	if len(bySource) > 0 {
		// Money split by source: under a group heading, or two source
		// columns side by side, in a sheet with no 资金来源 column of its own
		// (there 帮扶单位 names the assisting unit, not its money).
		if (bySourceGrouped || len(bySource) >= 2) && !slices.ContainsFunc(h.cols, func(b boundCol) bool { return b.column.Field == "source_text" }) {
			h.cols = append(h.cols, bySource...)
			slices.SortFunc(h.cols, func(a, b boundCol) int { return a.index - b.index })
			// 资金合计 is the sum of the source columns, no fund of its own
			h.extras = slices.DeleteFunc(h.extras, func(b boundCol) bool {
				return containsAny(headerKey(b.label), []string{"合计", "小计", "总计", "总额", "总投入", "总投资"})
			})
		} else {
			for _, b := range bySource {
				h.extras = append(h.extras, boundCol{index: b.index, label: b.label})
			}
		}
	}
	h.score = len(h.cols)
	if h.score < 2 || !hasKey {
		h.score = 0
	}
	promoteLead(h)
	return h
}

// sourceColumn: in a funds ledger that splits each row's money by source
// in columns, a column headed by a source (财政专项资金, or 帮扶单位 under a
// 资金来源 / 其中 group heading) holds amounts of that source. A header
// that is a funds column's own (资金来源, 帮扶资金) is not one.
func sourceColumn(ix *synonymIndex, hc headerCell) (src string, grouped, ok bool) {
	child := stripBrackets(hc.candidates[0])
	if _, own := ix.exact[headerKey(child)]; child == "" || own {
		return "", false, false
	}
	m := model.FundSources.Match(child)
	if !m.OK() || m.Value == "other" {
		return "", false, false
	}
	if len(hc.candidates) == 3 { // under a group heading of money by source
		parent := headerKey(hc.candidates[2])
		for _, w := range []string{"来源", "其中", "资金", "投入", "构成"} {
			if strings.Contains(parent, w) {
				return child, true, true
			}
		}
	}
	return child, false, m.How == model.HowExact
}

// promoteLead: a sheet whose unit columns name no lead (only 责任单位) still
// has one: the first unit listed leads (DOMAIN.md).
func promoteLead(h *sheetHeader) {
	first := -1
	for i, b := range h.cols {
		if b.column.Type != TypeUnits {
			continue
		}
		if b.column.First == model.RoleLead {
			return
		}
		if first < 0 {
			first = i
		}
	}
	if first >= 0 && h.kind == model.KindTask {
		h.cols[first].column.First = model.RoleLead
	}
}

// detectHeader scores the first rows of a sheet against every kind and
// returns the best header, or nil. rows are merge-filled; merges are the
// sheet's merged ranges (for two-level headers).
func detectHeader(sheetName string, rows [][]string, merges []xlsxscan.Merge) *sheetHeader {
	var best *sheetHeader
	consider := func(h *sheetHeader, bonus, ties bool) {
		if h.score == 0 {
			return
		}
		s := h.score * 2
		if bonus {
			s++
		}
		if best == nil || s > best.score || ties && s == best.score && best.lastRow == h.firstRow {
			h.score = s
			best = h
		}
	}
	for r := 0; r < len(rows) && r < headerScanRows; r++ {
		variants := [][]headerCell{mergedOnce(singleRow(rows[r]), r+1, merges)}
		if r+1 < len(rows) && (twoLevel(r+1, rows, merges) || subHeaderRow(rows[r], rows[r+1])) {
			variants = append(variants, twoRows(rows[r], rows[r+1]))
		}
		for vi, cells := range variants {
			for _, k := range model.Kinds() {
				h := bindHeader(k, cells)
				h.firstRow, h.lastRow = r+1, r+1+vi
				// A two-level header binding as many columns as its top row
				// alone is still two rows (满意度 over 满意 / 基本满意 / 不满意):
				// its second row is no data.
				consider(h, sheetNamesKind(sheetName, k), vi == 1)
			}
		}
	}
	return best
}

// sheetWords are words of sheet names that say which kind a sheet holds;
// they break a tie between kinds whose headers match equally well.
var sheetWords = map[model.Kind][]string{
	model.KindTask:     {"督办", "督查", "交办", "重点工作", "重点任务", "工作任务"},
	model.KindMeeting:  {"会议"},
	model.KindProposal: {"建议", "提案"},
	model.KindVillage:  {"帮扶村", "村情"},
	model.KindFund:     {"资金"},
	model.KindProject:  {"项目"},
	model.KindPoint:    {"联系点"},
	model.KindVisit:    {"走访", "调研"},
	model.KindProblem:  {"问题"},
	model.KindUnit:     {"单位"},
	model.KindHoliday:  {"节假日", "调休"},
	model.KindTerm:     {"词汇", "对照"},
}

func sheetNamesKind(sheetName string, k model.Kind) bool {
	return sheetName == k.SheetName() || containsAny(model.Fold(sheetName), sheetWords[k])
}

// wanInTitle: “单位：万元” above the header puts every money column in 万元.
func wanInTitle(lines []string) bool {
	for _, l := range lines {
		l = strings.Join(strings.Fields(model.Fold(l)), "")
		for _, part := range strings.Split(l, "单位")[1:] {
			if strings.HasPrefix(strings.TrimLeft(part, ":："), "万元") {
				return true
			}
		}
	}
	return false
}

func singleRow(row []string) []headerCell {
	out := make([]headerCell, len(row))
	for i, v := range row {
		v = strings.TrimSpace(v)
		out[i] = headerCell{label: v, candidates: []string{v}}
	}
	return out
}

// subHeaderRow: the row under a header row that holds header words where
// the header row is blank (牵头单位 | 配合单位 under 责任单位 | (blank),
// typed without merging the cells above): the header's second row, never
// data. Its cells are header words, two or more and two thirds of them at
// least, with no digit (a data row has its numbers and dates); the row
// above holds header words too (not a title or a 填报单位 line).
func subHeaderRow(parent, child []string) bool {
	words, cells, underBlank := 0, 0, false
	for i, v := range child {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if strings.ContainsAny(model.Fold(v), "0123456789") {
			return false
		}
		cells++
		if headerWord(v) {
			words++
			underBlank = underBlank || strings.TrimSpace(at(parent, i)) == ""
		}
	}
	if words < 2 || words*3 < cells*2 || !underBlank {
		return false
	}
	above := 0
	for _, v := range parent {
		if v = strings.TrimSpace(v); v != "" && headerWord(v) {
			above++
		}
	}
	return above >= 2
}

// headerWord reports whether v is, by itself, a column's header of some kind.
func headerWord(v string) bool {
	k := headerKey(v)
	for _, ix := range indexes {
		if _, ok := ix.exact[k]; ok {
			return true
		}
	}
	return isIgnoredHeader(v) || isHeaderOf(v, problemHeaders) || isHeaderOf(v, nextHeaders)
}

// mergedOnce blanks the cells of a one-row header that a header cell
// merged across covers after its first (事项名称 over B:C): the column
// under them repeats the merged one's cells, it is no column of its own.
func mergedOnce(cells []headerCell, row int, merges []xlsxscan.Merge) []headerCell {
	for _, m := range merges {
		if m.Top > row || m.Bottom < row || m.Right <= m.Left {
			continue
		}
		for c := m.Left + 1; c <= m.Right && c <= len(cells); c++ {
			cells[c-1] = headerCell{}
		}
	}
	return cells
}

func twoRows(parent, child []string) []headerCell {
	n := max(len(parent), len(child))
	out := make([]headerCell, n)
	for i := range n {
		p, c := strings.TrimSpace(at(parent, i)), strings.TrimSpace(at(child, i))
		switch {
		case c == "" || c == p:
			out[i] = headerCell{label: p, candidates: []string{p}}
		case p == "":
			out[i] = headerCell{label: c, candidates: []string{c}}
		case containsAny(headerKey(p), ratingWords):
			// 代表满意度 over 办理工作 / 办理结果: two ratings, the second of
			// the result, whatever else 办理结果 names on its own.
			rating := "满意度"
			if strings.Contains(c, "结果") {
				rating = "结果满意度"
			}
			out[i] = headerCell{label: p + "/" + c, candidates: []string{rating, c, p + c, p}}
		default:
			out[i] = headerCell{label: p + "/" + c, candidates: []string{c, p + c, p}}
		}
	}
	return out
}

// ratingWords name a group heading over a proposer's ratings.
var ratingWords = []string{"满意", "评价", "测评"}

// twoLevel reports whether 1-based row r (the row above the candidate
// child row r+1) starts a two-level header: a cell merged down into the
// next row, or a group heading merged across some (not all) columns.
func twoLevel(r int, rows [][]string, merges []xlsxscan.Merge) bool {
	used := 0
	for _, v := range rows[r] {
		if strings.TrimSpace(v) != "" {
			used++
		}
	}
	for _, m := range merges {
		if m.Top != r {
			continue
		}
		if m.Bottom >= r+1 && m.Left == m.Right {
			return true
		}
		if m.Right > m.Left && m.Bottom == r && m.Right-m.Left+1 < used {
			if titleText(at(rows[r-1], m.Left-1)) { // rows[r-1]: this 1-based row r
				continue // a title merged across fewer columns than the table
			}
			// Sub-headers differ from each other (牵头单位 | 配合单位 under
			// 责任单位); one value across the group is a data row merged as
			// its header is (a wide 事项名称 over two columns).
			var subs []string
			for c := m.Left; c <= m.Right; c++ {
				if v := strings.TrimSpace(at(rows[r], c-1)); v != "" && !slices.Contains(subs, v) {
					subs = append(subs, v)
				}
			}
			if len(subs) >= 2 {
				return true
			}
		}
	}
	return false
}

// titleText: a sheet's title (…办理台账（2019年）, …登记表), never a group
// heading over header cells (办理情况, 承办单位, 2019年).
func titleText(v string) bool {
	k := strings.TrimSpace(stripBrackets(model.Fold(v)))
	if utf8.RuneCountInString(k) >= 16 {
		return true
	}
	for _, end := range []string{"台账", "表", "清单", "名单", "一览", "汇总"} {
		if strings.HasSuffix(k, end) {
			return true
		}
	}
	return false
}

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// headerPunct is what headerKey drops around words.
const headerPunct = " \t\n\r\u3000*＊:：_-/、."
