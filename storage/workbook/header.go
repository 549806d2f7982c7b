package workbook

import (
	"strings"
	"unicode/utf8"

	"taizhang/model"
)

const headerScanRows = 15 // the header is looked for in the first rows only

// sheetHeader is a recognised header: which kind the sheet holds and which
// column of the sheet fills what.
type sheetHeader struct {
	kind     model.Kind
	firstRow int        // 1-based row number of the first header row
	lastRow  int        // 1-based row number of the last header row
	cols     []boundCol // sheet columns that map to a field
	hidden   map[string]int
	score    int
}

// boundCol is a sheet column bound to a field.
type boundCol struct {
	index  int    // 0-based sheet column
	label  string // header text as in the sheet (two levels joined with /)
	column Column
}

// synonymIndex maps a normalised header to the column indexes of a kind's table.
type synonymIndex struct {
	exact map[string]int
	all   []struct {
		key string
		col int
	}
}

func buildIndex(cols []Column) *synonymIndex {
	ix := &synonymIndex{exact: map[string]int{}}
	add := func(s string, i int) {
		for _, k := range []string{headerKey(s), headerKey(stripBrackets(s))} {
			if k == "" {
				continue
			}
			if _, dup := ix.exact[k]; !dup {
				ix.exact[k] = i
				ix.all = append(ix.all, struct {
					key string
					col int
				}{k, i})
			}
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

// lookup finds the column a label names: exactly, without its bracketed
// part, or (for longer words) by the longest synonym it contains.
func (ix *synonymIndex) lookup(label string) (int, bool) {
	k1, k2 := headerKey(label), headerKey(stripBrackets(label))
	if i, ok := ix.exact[k1]; ok {
		return i, true
	}
	if i, ok := ix.exact[k2]; ok {
		return i, true
	}
	best, bestLen := -1, 0
	for _, e := range ix.all {
		n := utf8.RuneCountInString(e.key)
		if n >= 3 && n > bestLen && strings.Contains(k2, e.key) {
			best, bestLen = e.col, n
		}
	}
	return best, best >= 0
}

var indexes = func() map[model.Kind]*synonymIndex {
	m := map[model.Kind]*synonymIndex{}
	for k, cols := range columnTables {
		m[k] = buildIndex(cols)
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
	cols := columnTables[kind]
	ix := indexes[kind]
	h := &sheetHeader{kind: kind, hidden: map[string]int{}}
	used := map[int]bool{}
	hasKey := false
	for i, hc := range cells {
		if hc.label == "" {
			continue
		}
		switch hc.label {
		case "_id", "_rev", "_ancestry":
			h.hidden[hc.label] = i
			continue
		}
		for _, cand := range hc.candidates {
			if isIgnoredHeader(cand) {
				break
			}
			ci, ok := ix.lookup(cand)
			if !ok || used[ci] {
				continue
			}
			used[ci] = true
			c := cols[ci]
			if c.Type == TypeMoney && strings.Contains(hc.label, "万元") {
				c.wan = true
			}
			h.cols = append(h.cols, boundCol{index: i, label: hc.label, column: c})
			hasKey = hasKey || c.Key
			break
		}
	}
	h.score = len(h.cols)
	if h.score < 2 || !hasKey {
		h.score = 0
	}
	promoteLead(h)
	return h
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
func detectHeader(sheetName string, rows [][]string, merges []mergeRange) *sheetHeader {
	var best *sheetHeader
	consider := func(h *sheetHeader, bonus bool) {
		if h.score == 0 {
			return
		}
		s := h.score * 2
		if bonus {
			s++
		}
		if best == nil || s > best.score {
			h.score = s
			best = h
		}
	}
	for r := 0; r < len(rows) && r < headerScanRows; r++ {
		variants := [][]headerCell{singleRow(rows[r])}
		if r+1 < len(rows) && twoLevel(r+1, rows, merges) {
			variants = append(variants, twoRows(rows[r], rows[r+1]))
		}
		for vi, cells := range variants {
			for _, k := range model.Kinds() {
				h := bindHeader(k, cells)
				h.firstRow, h.lastRow = r+1, r+1+vi
				consider(h, sheetName == k.SheetName())
			}
		}
	}
	return best
}

func singleRow(row []string) []headerCell {
	out := make([]headerCell, len(row))
	for i, v := range row {
		v = strings.TrimSpace(v)
		out[i] = headerCell{label: v, candidates: []string{v}}
	}
	return out
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
		default:
			out[i] = headerCell{label: p + "/" + c, candidates: []string{c, p + c, p}}
		}
	}
	return out
}

// twoLevel reports whether 1-based row r (the row above the candidate
// child row r+1) starts a two-level header: a cell merged down into the
// next row, or a group heading merged across some (not all) columns.
func twoLevel(r int, rows [][]string, merges []mergeRange) bool {
	used := 0
	for _, v := range rows[r] {
		if strings.TrimSpace(v) != "" {
			used++
		}
	}
	for _, m := range merges {
		if m.top != r {
			continue
		}
		if m.bottom >= r+1 && m.left == m.right {
			return true
		}
		if m.right > m.left && m.bottom == r && m.right-m.left+1 < used {
			for c := m.left; c <= m.right; c++ {
				if strings.TrimSpace(at(rows[r], c-1)) != "" {
					return true
				}
			}
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
