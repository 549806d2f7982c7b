// The reading of a sheet: what is the same for all its rows (sheetReader),
// which rows are data (handleRow), the lines around its header that say
// whose ledger it is and when (填报单位, 填报日期, the title's year).

package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

// sheetReader reads the data rows of one recognised sheet. What is the
// same for every row (the columns' fields, their order, the sheet's
// Fields) is worked out once.
type sheetReader struct {
	r     *reader
	sheet string
	hdr   *sheetHeader
	ref   model.Date
	// proposal: body and session inferred for a proposals sheet.
	proposal proposalContext
	// unitRoles: the roles the unit columns carry by their headers.
	unitRoles, kindRoles []model.Role
	hasUnitCols          bool

	paths  map[string][]int // the kind's fields by JSON name
	order  []boundCol       // assigned_on first: it is the reference of year-less dates
	setter []fieldSetter
	fields []string // Incoming.Fields, shared by the sheet's rows (full capacity: appends copy)
	units  map[unitCellKey]unitCell
	enums  map[enumKey]enumMatch
	dates  map[dateKey]dateValue
	// deadlines: resolved deadline cells (a ledger repeats 6月底前 on
	// thousands of rows), by everything the resolution reads
	deadlines map[deadlineKey]dateValue
	// statusDates: the date text each status cell carries ("" for none)
	statusDates map[string]string
	// fieldSets: the field lists of rows with changes (fieldsOf)
	fieldSets []fieldSet
	// pending: the deadline cells of the row being read, reused row to row
	pending []pendingDeadline
	// percentIx is the kind's percent field (nil: none), which a status
	// typed with a percent (完成90%) fills; extraIx its Extra map.
	percentIx, extraIx []int
	warnedExtra        bool
	// heldVisit is the last visit row, held until the next row shows
	// whether it goes on over more rows (cont: the row read now does).
	heldVisit *model.Incoming
	cont      bool
	// visitType: the type of a visit log's rows its title names, when it
	// has no type column
	visitType model.VisitType
	// section is the heading the rows now read stand under (sectionHeading).
	section string
	// labelYears: the year each column's header names, by index (colRef)
	labelYears map[int]int
	// headerWords are the bound columns' header cells (repeatsHeader)
	headerWords map[string]bool
	// roleCol: a proposals sheet's 办理类型 column (主办 / 会办 a row);
	// continues: the row being read has its number merged down from the
	// row above; held: the proposal row read last, not yet passed on, which
	// such rows add their units to.
	roleCol   *boundCol
	continues bool
	held      *model.Incoming
	// ticks: groups of columns of which a row ticks one (tickGroups)
	ticks []tickGroup
	// filer is whose ledger the sheet is (the export's unit, or its
	// 填报单位 line), filedOn the day it reports (填报日期, else the file's
	// date): a task row's progress in such a ledger is that unit's report.
	filer   string
	filedOn model.Date
	// report is what progressReport works out once per sheet: the unit
	// and id of its reports, and which extra headers are 存在问题 / 下步措施.
	report struct {
		unit, id      string
		problem, next map[string]bool
	}
}

type dateKey struct {
	value             string
	numeric, deadline bool
	ref               model.Date
}

type deadlineKey struct {
	value, due    string // the cell, and the hidden _due cell of an export
	numeric       bool
	assigned, ref model.Date
}

type dateValue struct {
	dl  model.Deadline
	err error
}

type enumKey struct {
	col   int // index in order
	value string
}

// yearPaths are VillageYear's fields by JSON name.
var yearPaths = fieldPaths(reflect.TypeFor[model.VillageYear]())

// fieldSetter is where a column's value goes in the record.
type fieldSetter struct {
	index        []int  // the field (for deadlines: the due date)
	text, kindIx []int  // deadlines: deadline_text and deadline_kind; enums: the *_text companion
	end          []int  // date spans: the last day
	vocab        string // enums: the value dictionary's field id (tasks.status)
}

type unitCellKey struct {
	value       string
	first, rest model.Role
}

type unitCell struct {
	units   []model.UnitRole
	unknown []string
	contact bool // model.HasContactDetails
}

func newSheetReader(r *reader, sheet string, hdr *sheetHeader, ref model.Date, title, header []string) *sheetReader {
	s := &sheetReader{r: r, sheet: sheet, hdr: hdr, ref: ref, units: map[unitCellKey]unitCell{},
		enums: map[enumKey]enumMatch{}, dates: map[dateKey]dateValue{},
		deadlines: map[deadlineKey]dateValue{}, statusDates: map[string]string{}}
	kind := hdr.kind
	s.unitRoles, s.hasUnitCols = sheetUnitRoles(hdr)
	s.kindRoles = kindRoles(kind)
	if kind == model.KindProposal {
		s.proposal = inferProposalContext(sheet, title, header)
		r.sessionOfWorkbook(sheet, &s.proposal)
		for i, b := range hdr.extras {
			if isHeaderOf(b.label, unitRoleHeaders) {
				s.roleCol = &b
				hdr.extras = slices.Delete(slices.Clone(hdr.extras), i, i+1)
				break
			}
		}
	}
	if kind == model.KindVisit && !slices.ContainsFunc(hdr.cols, func(b boundCol) bool { return b.column.Field == "type" }) {
		// no 走访类型 column: the title or the sheet's name says what the
		// visits are (市领导基层调研台账, 联系点走访记录)
		for _, t := range append(slices.Clone(title), sheet) {
			if m := model.VisitTypes.Match(t); m.OK() {
				s.visitType = m.Value
				break
			}
		}
	}
	if wanInTitle(title) {
		for i, b := range hdr.cols {
			// A header saying 元 itself (金额（元）) overrides the title.
			if b.column.Type == TypeMoney && !strings.Contains(b.label, "元") {
				hdr.cols[i].column.wan = true
			}
		}
	}
	s.ticks = tickGroups(hdr)
	s.order = slices.Clone(hdr.cols)
	slices.SortStableFunc(s.order, func(a, b boundCol) int {
		return boolRank(b.column.Field == "assigned_on") - boolRank(a.column.Field == "assigned_on")
	})
	t := reflect.TypeOf(model.New(kind)).Elem()
	paths, ok := r.paths[t]
	if !ok {
		paths = fieldPaths(t)
		r.paths[t] = paths
	}
	s.paths = paths
	path := func(field string) []int {
		p, ok := paths[field]
		if !ok {
			panic(fmt.Sprintf("workbook: %s has no field %q", kind, field)) // a bug in the column table
		}
		return p
	}
	for _, b := range s.order {
		var fs fieldSetter
		switch b.column.Type {
		case TypeDeadline:
			fs = fieldSetter{index: path("deadline"), text: path("deadline_text"), kindIx: path("deadline_kind")}
		case TypeYear:
			fs.index = yearPaths[b.column.Field] // in the row's VillageYear
		case TypeEnum:
			fs.index = path(b.column.Field)
			fs.text = paths[b.column.Field+"_text"] // nil: no companion (an open column)
			fs.vocab = string(kind) + "." + b.column.Field
		default:
			fs.index = path(b.column.Field)
			if b.column.EndField != "" {
				fs.end = path(b.column.EndField)
			}
		}
		s.setter = append(s.setter, fs)
	}
	s.percentIx = paths["percent"]
	s.extraIx = path("extra")
	for _, b := range hdr.cols {
		if b.column.Type == TypeYear {
			if !slices.Contains(s.fields, "years") {
				s.fields = append(s.fields, "years")
			}
			continue
		}
		s.fields = appendField(s.fields, b.column)
		if _, ok := paths[b.column.Field+"_text"]; ok && b.column.Type == TypeEnum && !slices.Contains(s.fields, b.column.Field+"_text") {
			s.fields = append(s.fields, b.column.Field+"_text")
		}
	}
	if len(hdr.extras) > 0 && !slices.Contains(s.fields, "extra") {
		s.fields = append(s.fields, "extra")
	}
	if kind == model.KindFund && slices.Contains(s.fields, "source_text") {
		s.fields = append(s.fields, "source")
	}
	if s.proposal.body != "" && !slices.Contains(s.fields, "body") {
		s.fields = append(s.fields, "body")
	}
	if s.proposal.session != "" && !slices.Contains(s.fields, "session") {
		s.fields = append(s.fields, "session")
	}
	s.fields = slices.Clip(s.fields)
	return s
}

func appendField(fields []string, c Column) []string {
	names := []string{c.Field}
	switch c.Type {
	case TypeDeadline:
		names = []string{"deadline", "deadline_text", "deadline_kind"}
	case TypeUnits:
		names = []string{"units", "lead_unit"}
	}
	if c.EndField != "" {
		names = append(names, c.EndField)
	}
	for _, n := range names {
		if !slices.Contains(fields, n) {
			fields = append(fields, n)
		}
	}
	return fields
}

var totalWords = []string{"合计", "总计", "小计", "总合计", "累计", "共计"}

var notePrefixes = []string{"备注", "说明", "注:", "注：", "注1", "注 ", "附注", "填表说明", "注释"}

var footerWords = []string{"制表人", "审核人", "填报人", "负责人签字", "单位负责人"}

// totalFooterStarts are the first characters of totalWords and footerWords.
const totalFooterStarts = "合总小累共制审填负单"

// handleRow imports, rejects or skips one data row; it reports whether the
// row counted as data.
func (s *sheetReader) handleRow(raw []string, row xlsxscan.Row) bool {
	filled := 0
	var only string
	for _, v := range raw {
		if hasText(v) {
			filled++
			only = v
		}
	}
	only = strings.TrimSpace(only)
	if filled == 0 {
		return false
	}
	if filled == 1 && hasPrefixAny(model.Fold(only), notePrefixes) {
		return false
	}
	full := row.Cells
	seen := 0
	for _, v := range full {
		if !hasText(v) {
			continue
		}
		seen++
		// Total and footer words start with one of few characters: most
		// cells are passed over by their first one, without trimming or
		// normalising them.
		first, _ := utf8.DecodeRuneInString(v)
		if unicode.IsSpace(first) || strings.ContainsRune(headerPunct, first) {
			first, _ = utf8.DecodeRuneInString(strings.TrimLeft(strings.TrimSpace(v), headerPunct))
		}
		if !strings.ContainsRune(totalFooterStarts, first) {
			continue
		}
		k := headerKey(strings.TrimSpace(v))
		if seen <= 3 && slices.Contains(totalWords, k) {
			return false
		}
		if hasPrefixAny(k, footerWords) {
			return false
		}
	}
	if filled == 1 && footerLine(only) {
		return false
	}
	if filled == 1 && s.sectionHeading(raw, full, only, row.Num) {
		return false
	}
	if row.Num == s.hdr.lastRow+1 && columnNumbers(raw) {
		s.r.res.Notes = append(s.r.res.Notes, fmt.Sprintf(s.r.tr("%s 第%d行是栏次（甲、乙、1、2…），不是一条记录", "%s row %d numbers the columns (甲, 乙, 1, 2…); it is not a record"),
			s.sheet, row.Num))
		return false
	}
	if s.repeatsHeader(full) {
		s.r.res.Notes = append(s.r.res.Notes, fmt.Sprintf(s.r.tr("%s 第%d行重复了表头，不是一条记录", "%s row %d repeats the header; it is not a record"),
			s.sheet, row.Num))
		return false
	}
	any := false
	for _, b := range s.hdr.cols {
		if hasText(at(full, b.index)) {
			any = true
			break
		}
	}
	if !any {
		return false
	}
	s.cont = s.heldVisit != nil && s.keysBlank(raw)
	if s.hdr.kind == model.KindProposal {
		b := s.keyColumn()
		s.continues = !hasText(at(raw, b.index)) && hasText(at(full, b.index))
	}
	s.parseRow(row)
	return true
}

// keysBlank: none of the row's own cells (merged cells above left aside)
// holds a key field — in a visit log, a row of one more unit the visit
// above met.
func (s *sheetReader) keysBlank(raw []string) bool {
	keys := 0
	for _, b := range s.hdr.cols {
		if b.column.Key {
			if hasText(at(raw, b.index)) {
				return false
			}
			keys++
		}
	}
	return keys > 0
}

// holdVisit passes on the visit held and holds this one.
func (s *sheetReader) holdVisit(in model.Incoming) {
	s.flushVisit()
	s.heldVisit = &in
}

// flushVisit passes on the visit held.
func (s *sheetReader) flushVisit() {
	if s.heldVisit != nil {
		in := *s.heldVisit
		s.heldVisit = nil
		s.r.emit(in)
	}
}

// continueVisit adds a row that goes on with the held visit to it: the
// units it met, and what it says besides (发现问题 of each unit).
func (s *sheetReader) continueVisit(in model.Incoming) {
	held, v := s.heldVisit.Record.(*model.Visit), in.Record.(*model.Visit)
	for _, u := range v.Units {
		if !slices.Contains(held.Units, u) {
			held.Units = append(held.Units, u)
		}
	}
	for _, p := range [][2]*string{{&held.People, &v.People}, {&held.Purpose, &v.Purpose},
		{&held.Findings, &v.Findings}, {&held.Remarks, &v.Remarks}} {
		switch {
		case *p[1] == "" || strings.Contains(*p[0], *p[1]):
		case *p[0] == "":
			*p[0] = *p[1]
		default:
			*p[0] += "；" + *p[1]
		}
	}
	for _, f := range in.Fields {
		if !slices.Contains(s.heldVisit.Fields, f) {
			s.heldVisit.Fields = append(slices.Clip(s.heldVisit.Fields), f)
		}
	}
}

// tickGroup is a heading over columns headed by its values, of which a row
// ticks one: 满意度 over 满意 / 基本满意 / 不满意, 办理结果 over A / B / C / D.
// The first is bound to the field; the ticked one's heading is the value.
type tickGroup struct {
	target int      // the bound column
	cols   []int    // every column of the group, the target first
	values []string // their headings
}

// tickGroups finds the tick groups of a two-level header and takes their
// columns out of the extra ones.
func tickGroups(hdr *sheetHeader) []tickGroup {
	var groups []tickGroup
	for _, b := range hdr.cols {
		parent, child, ok := strings.Cut(b.label, "/")
		if !ok || b.column.Type != TypeEnum || !b.column.Enum.Match(child).ok() {
			continue
		}
		g := tickGroup{target: b.index, cols: []int{b.index}, values: []string{child}}
		hdr.extras = slices.DeleteFunc(slices.Clone(hdr.extras), func(e boundCol) bool {
			p, c, ok := strings.Cut(e.label, "/")
			if ok && p == parent && b.column.Enum.Match(c).ok() {
				g.cols = append(g.cols, e.index)
				g.values = append(g.values, c)
				return true
			}
			return false
		})
		if len(g.cols) > 1 {
			groups = append(groups, g)
		}
	}
	return groups
}

// tickMarks are what a ticked cell holds.
var tickMarks = []string{"√", "✔", "✓", "☑", "●", "■", "✅", "是", "1", "v", "V", "对"}

// untick puts the heading of the one ticked column of each group in its
// target cell; a row ticking none or several leaves the cells as typed.
func (s *sheetReader) untick(row xlsxscan.Row) xlsxscan.Row {
	cloned := false
	for _, g := range s.ticks {
		ticked := -1
		for i, c := range g.cols {
			if slices.Contains(tickMarks, strings.TrimSpace(at(row.Cells, c))) {
				if ticked >= 0 {
					ticked = -2
					break
				}
				ticked = i
			}
		}
		if ticked < 0 {
			continue
		}
		if !cloned {
			row.Cells, cloned = slices.Clone(row.Cells), true
		}
		row.Cells[g.target] = g.values[ticked]
	}
	return row
}

// sectionBody: a heading naming a body or session (二、市政协十二届三次会议
// 委员提案) gives them to the proposals under it.
func (s *sheetReader) sectionBody(heading string) {
	pc := inferProposalContext("", []string{heading}, nil)
	for field, v := range map[string]string{"body": string(pc.body), "session": pc.session} {
		if v != "" && !slices.Contains(s.fields, field) {
			s.fields = append(slices.Clip(s.fields), field)
		}
	}
	if pc.body != "" {
		s.proposal.body = pc.body
	}
	if pc.session != "" {
		s.proposal.session = pc.session
	}
}

// bound reports whether a column of the sheet fills field.
func (s *sheetReader) bound(field string) bool {
	return slices.ContainsFunc(s.hdr.cols, func(b boundCol) bool { return b.column.Field == field })
}

// unitRoleHeaders name a column saying the role of the unit on its row.
var unitRoleHeaders = []string{"办理类型", "承办类型", "单位类型", "主协办", "主办/会办", "主办会办", "承办方式", "办理分工", "单位职责", "承办性质"}

// stems are the ordinals of a form's text columns in its 栏次 row (甲 乙 丙…).
const stems = "甲乙丙丁戊己庚辛壬癸"

// columnNumbers: the row under a government form's header that numbers its
// columns, 甲 乙 1 2 3 … (the text columns by stems, the rest from 1 up).
func columnNumbers(raw []string) bool {
	n, next := 0, 1
	for _, v := range raw {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			continue
		case utf8.RuneCountInString(v) == 1 && strings.Contains(stems, v):
		case v == strconv.Itoa(next):
			next++
		default:
			return false
		}
		n++
	}
	return n >= 3 && next > 2
}

// repeatsHeader: a row typed as the header again (a table printed page by
// page, a second table on the sheet): most of its cells under the bound
// columns are their own header words, as typed (a copy of the header).
func (s *sheetReader) repeatsHeader(full []string) bool {
	if s.headerWords == nil {
		s.headerWords = map[string]bool{}
		for _, b := range s.hdr.cols {
			for _, part := range strings.Split(b.label, "/") { // a two-level label: either row
				s.headerWords[strings.TrimSpace(part)] = true
			}
		}
	}
	same, n := 0, 0
	for _, b := range s.hdr.cols {
		v := at(full, b.index)
		if !hasText(v) {
			continue
		}
		n++
		if s.headerWords[strings.TrimSpace(v)] {
			same++
		}
		if n == 3 && same == 0 {
			return false // a data row: most rows end here, after three cells
		}
	}
	return n >= 2 && same*2 > n
}

// sectionHeader is the extra column that keeps each row's section heading.
const sectionHeader = "分类"

// headingNumber is the numbering of a heading: 一、…, （二）…, 第三部分…, 四. …
const headingNumber = `(第?[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[)）]|第[一二三四五六七八九十百]+(部分|类|项|章|节|篇|批))`

// reHeading is a numbered heading; reHeadingNumber its numbering and
// reHeadingCount a count after it: 一、财政专项资金（2笔） → 财政专项资金.
var (
	reHeading       = regexp.MustCompile(`^` + headingNumber + `\s*\S`)
	reHeadingNumber = regexp.MustCompile(`^` + headingNumber + `[、.．:：]?\s*`)
	reHeadingCount  = regexp.MustCompile(`\s*[（(][^（()）]*[)）]\s*$`)
)

// headingText is a section heading without its numbering and count.
func headingText(s string) string {
	s = reHeadingNumber.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.TrimSpace(reHeadingCount.ReplaceAllString(s, ""))
}

// sectionHeading: a row whose only text is merged across the table
// (一、经济发展类（3项）), or is a numbered heading in a column no field
// takes ((二)民生保障类 in the 序号 column), divides the ledger into
// sections. It is no record; the rows under it keep it in their 分类
// column, so what the ledger said of them is not lost.
func (s *sheetReader) sectionHeading(raw, full []string, only string, num int) bool {
	col := slices.IndexFunc(raw, hasText)
	spread := 0
	for _, v := range full {
		if v == raw[col] {
			spread++
		}
	}
	bound := slices.ContainsFunc(s.hdr.cols, func(b boundCol) bool { return b.index == col })
	if spread < 3 && (bound || !reHeading.MatchString(model.Fold(only))) {
		return false
	}
	if s.section == "" && !slices.Contains(s.fields, "extra") {
		s.fields = append(slices.Clip(s.fields), "extra")
	}
	s.section = only
	if s.hdr.kind == model.KindProposal {
		s.sectionBody(only)
	}
	r := s.r
	r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s 第%d行「%s」是分类标题，不是一条记录：其下各行的“%s”列记为该标题",
		"%s row %d %q is a section heading, not a record: the rows under it carry it in a %q column"),
		s.sheet, num, only, sectionHeader))
	return true
}

// footerLine: a row's only text is a total (合计：共4件，已办复3件) or a
// sentence (2.满意度以书面反馈为准。): a line under the data, not a record
// and no section heading.
func footerLine(only string) bool {
	k := model.Fold(only)
	return hasPrefixAny(strings.TrimLeft(k, headerPunct), totalWords) || strings.HasSuffix(k, "。")
}

// hasText is strings.TrimSpace(v) != "", mostly from v's first character.
func hasText(v string) bool {
	if v == "" {
		return false
	}
	if c := v[0]; c < utf8.RuneSelf {
		if c != ' ' && (c < '\t' || c > '\r') {
			return true
		}
	} else if r, _ := utf8.DecodeRuneInString(v); !unicode.IsSpace(r) {
		return true
	}
	return strings.TrimSpace(v) != ""
}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// parseDate reads a date or deadline cell; a ledger repeats its dates, and
// text dates cost a parse each.
func (s *sheetReader) parseDate(value string, numeric bool, ref model.Date, deadline bool) (model.Deadline, error) {
	k := dateKey{value, numeric, deadline, ref}
	dv, ok := s.dates[k]
	if !ok {
		if deadline {
			dv.dl, dv.err = s.r.parseDeadlineCell(value, numeric, ref)
		} else {
			dv.dl.Due, dv.err = s.r.parseDateCell(value, numeric, ref)
		}
		s.dates[k] = dv
	}
	return dv.dl, dv.err
}

// parseEnum reads an enumerated cell: a word the office taught, else the
// enum's own words and cues. A column holds few distinct values.
func (s *sheetReader) parseEnum(col int, value string) enumMatch {
	k := enumKey{col, value}
	m, ok := s.enums[k]
	if !ok {
		if v, taught := s.r.opt.Words.Lookup(s.setter[col].vocab, value); taught {
			m = enumMatch{value: v, how: model.HowTaught, percent: -1}
		} else {
			m = s.order[col].column.Enum.Match(value)
		}
		s.enums[k] = m
	}
	return m
}

// parseUnits reads a unit cell, and whether it names a contact besides
// its units; ledgers repeat the same few cells, so each is resolved once
// per sheet.
func (s *sheetReader) parseUnits(value string, first, rest model.Role) ([]model.UnitRole, bool) {
	k := unitCellKey{value, first, rest}
	uc, ok := s.units[k]
	if !ok {
		uc.units, uc.unknown = s.r.opt.Units.ParseUnitCell(value, first, rest)
		uc.contact = model.HasContactDetails(value)
		s.r.noteUnknown(uc.unknown) // once: the file's unknown names only grow
		s.units[k] = uc
	}
	return uc.units, uc.contact
}

// fillProposal gives a row without body or session the sheet's, and writes
// the session in one form (第十六届第三次会议) so ledgers of a session match.
func (s *sheetReader) fillProposal(p *model.Proposal) {
	if p.Session != "" {
		if p.Body == "" {
			if b, ok := bodyNamed(model.Fold(p.Session)); ok { // 十六届人大三次会议
				p.Body = b
			}
		}
		if sess, ok := model.NormalizeSession(p.Session); ok {
			p.Session = sess
		}
	}
	if p.Body == "" {
		p.Body = s.proposal.body
	}
	if p.Session == "" {
		p.Session = s.proposal.session
	}
}

// isDuplicate rejects a row whose id or key an earlier row of the same
// sheet had (or of any sheet, for an export's hidden id).
func (s *sheetReader) isDuplicate(row xlsxscan.Row, rec model.Record) bool {
	r := s.r
	var key string
	id := rec.RecordMeta().ID
	if id != "" {
		key = string(s.hdr.kind) + "|id|" + id
	} else if k := model.NaturalKey(rec); k != "" {
		key = string(s.hdr.kind) + "|" + k
		if v, ok := rec.(*model.Village); ok && len(v.Years) == 1 {
			// a profile keeps one year a row: each row adds its year
			key += "|" + strconv.Itoa(v.Years[0].Year)
		}
	} else {
		return false
	}
	h := r.seen.key(key)
	if first, ok := r.seen.rows[h]; ok {
		if id == "" && r.seen.sheets[first.sheet] != s.sheet {
			// The same record on another sheet of the workbook (the
			// handling ledger and its 满意度测评): another account of it,
			// which the import merges with the first as it merges two
			// returns.
			return false
		}
		b := s.keyColumn()
		col, _ := excelize.ColumnNumberToName(b.index + 1)
		value := strings.TrimSpace(at(row.Cells, b.index))
		// What the two rows share, in the user's words: the key column,
		// the fields a key of several parts joins, or an export's id.
		same := r.tr(fmt.Sprintf("“%s”相同", b.label), fmt.Sprintf("same %s", b.label))
		switch {
		case id != "": // a row of an export copied: its hidden _id came along
			same = r.tr("是同一条记录的又一行：隐藏列 _id 相同", "another row of the same record: the same hidden _id")
		case strings.Contains(strings.TrimPrefix(key[len(s.hdr.kind)+1:], "title|"), "|"):
			same = r.tr(fmt.Sprintf("“%s”等关键字段相同", b.label), fmt.Sprintf("same %s and the other identifying fields", b.label))
		}
		r.res.Rejected = append(r.res.Rejected, model.Rejection{Place: model.Place{File: r.file, Sheet: s.sheet, Row: row.Num,
			Column: col, Header: b.label, Value: value},
			Reason: r.dupReason(model.RowRef{File: r.file, Sheet: r.seen.sheets[first.sheet], Row: int(first.row)}, same)})
		return true
	}
	if len(r.seen.sheets) == 0 || r.seen.sheets[len(r.seen.sheets)-1] != s.sheet {
		r.seen.sheets = append(r.seen.sheets, s.sheet)
	}
	r.seen.rows[h] = seenRow{int32(len(r.seen.sheets) - 1), int32(row.Num)}
	return false
}

// holdVillage keeps a village row for flushVillages: a later row of the
// same village, on the sheet or another (one a year), adds its year and
// what the first left blank.
func (r *reader) holdVillage(in model.Incoming) {
	v := in.Record.(*model.Village)
	for i := range r.villages {
		held := &r.villages[i]
		h := held.Record.(*model.Village)
		if h.Name != v.Name || h.ID != "" || v.ID != "" {
			continue
		}
		h.Years = append(h.Years, v.Years...)
		for _, p := range [][2]*string{{&h.Township, &v.Township}, {&h.County, &v.County},
			{&h.AssistingUnit, &v.AssistingUnit}, {&h.FirstSecretary, &v.FirstSecretary}, {&h.Remarks, &v.Remarks}} {
			if *p[0] == "" {
				*p[0] = *p[1]
			}
		}
		for _, f := range in.Fields {
			if !slices.Contains(held.Fields, f) {
				held.Fields = append(slices.Clip(held.Fields), f)
			}
		}
		return
	}
	r.villages = append(r.villages, in)
}

// flushVillages passes on the village rows held to the file's end.
func (r *reader) flushVillages() {
	for _, in := range r.villages {
		r.emit(in)
	}
	r.villages = nil
}

// seenKeys are the ids and keys of a file's rows, each with the first row
// that had it, for isDuplicate. A key is kept as a 128-bit hash with
// random seeds (two keys of a file sharing one: about 1 in 10^28 for
// 200,000 rows), the row as a sheet index and a number: 100,000 keys as
// strings with their model.RowRef took 13 MB, the largest part of what a
// streamed read of a large file holds.
type seenKeys struct {
	seeds  [2]maphash.Seed
	rows   map[[2]uint64]seenRow
	sheets []string // the sheets rows were seen in, in the order read
}

type seenRow struct{ sheet, row int32 }

func newSeenKeys() seenKeys {
	return seenKeys{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, rows: map[[2]uint64]seenRow{}}
}

func (k *seenKeys) key(s string) [2]uint64 {
	return [2]uint64{maphash.String(k.seeds[0], s), maphash.String(k.seeds[1], s)}
}

// keyColumn is the first key column of the sheet, named in duplicate rejections.
func (s *sheetReader) keyColumn() boundCol {
	for _, b := range s.hdr.cols {
		if b.column.Key {
			return b
		}
	}
	return s.hdr.cols[0]
}

// Headers of a ledger's problem and next-step columns, kept in Extra.
var (
	problemHeaders = []string{"存在问题", "存在的问题", "困难和问题", "问题和困难", "存在困难", "存在的困难", "存在问题及困难",
		"存在问题和困难", "困难问题", "problems"}
	nextHeaders = []string{"下步措施", "下一步措施", "下步工作", "下一步工作", "下步打算", "下一步打算", "下步工作打算",
		"下一步工作打算", "下步计划", "下一步计划", "下一步工作计划", "下步工作计划", "下步工作措施", "下一步工作措施", "next steps"}
)

// isHeaderOf reports whether a sheet's header is one of headers: the
// whole label, or the lower cell of a two-level one (办理情况/存在问题).
func isHeaderOf(label string, headers []string) bool {
	keys := []string{headerKey(label)}
	if i := strings.LastIndex(label, "/"); i >= 0 {
		keys = append(keys, headerKey(label[i+1:]))
	}
	for _, h := range headers {
		if slices.Contains(keys, headerKey(h)) {
			return true
		}
	}
	return false
}

// progressReport: in a unit's returned ledger, a task row that states
// progress (办理进展, 完成百分比, 存在问题, 下步措施) is that unit's progress
// report, dated the ledger's 填报日期 (else the file's date). Its id comes
// from the unit and the day, so the same return read again is the same
// report, and another day's return another one.
func (s *sheetReader) progressReport(t *model.Task) (model.Report, bool) {
	cell := func(headers []string, known map[string]bool) string {
		for h, v := range t.Extra {
			is, ok := known[h]
			if !ok { // a sheet's rows share their few extra headers
				is = isHeaderOf(h, headers)
				known[h] = is
			}
			if is && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	if s.report.problem == nil {
		s.report.problem, s.report.next = map[string]bool{}, map[string]bool{}
	}
	problems, next := cell(problemHeaders, s.report.problem), cell(nextHeaders, s.report.next)
	// They are the report's now, not the item's own columns.
	for h := range t.Extra {
		if s.report.problem[h] || s.report.next[h] {
			delete(t.Extra, h)
		}
	}
	if len(t.Extra) == 0 {
		t.Extra = nil
	}
	if t.Progress == "" && t.Percent == 0 && problems == "" && next == "" {
		return model.Report{}, false
	}
	if s.report.id == "" { // the same unit and day for every row of the sheet
		s.report.unit = s.r.opt.Units.Canonical(s.filer)
		sum := sha256.Sum256([]byte(s.report.unit + "|" + s.filedOn.String()))
		s.report.id = "rep-" + hex.EncodeToString(sum[:6])
	}
	rep := model.Report{ID: s.report.id, Unit: s.report.unit, ReportedOn: s.filedOn, Done: t.Progress, Percent: t.Percent,
		Problems: problems, Next: next}
	if t.Cycle != "" {
		rep.Period = model.ReportPeriod(t.Cycle, s.filedOn)
	}
	return rep, true
}

// reportUnit finds 填报单位（盖章）：市发改委 on a 填报单位 line: whose
// ledger this is. Placeholders left blank (填报单位：  填报人：) give nothing.
func reportUnit(row []string) (string, bool) {
	line := model.Fold(strings.Join(row, " "))
	_, after, ok := strings.Cut(line, "填报单位")
	if !ok {
		return "", false
	}
	after = strings.TrimLeft(after, "(（盖章)）:： \u3000")
	if i := strings.IndexAny(after, " \t\n"); i >= 0 {
		after = after[:i]
	}
	for _, stop := range []string{"填报人", "联系人", "联系电话", "填报日期"} {
		if i := strings.Index(after, stop); i >= 0 {
			after = after[:i]
		}
	}
	after = strings.TrimSpace(after)
	return after, after != ""
}

// reportDate finds 填报日期：2019年7月5日 on a 填报单位 line.
func reportDate(row []string) (model.Date, bool) {
	line := strings.Join(row, " ")
	_, after, ok := strings.Cut(model.Fold(line), "填报日期")
	if !ok {
		return model.Date{}, false
	}
	after = strings.TrimLeft(after, ":： \u3000")
	if i := strings.IndexAny(after, " \t\n"); i > 0 {
		after = after[:i]
	}
	d, err := model.ParseDate(after, model.Date{})
	return d, err == nil && !d.IsZero()
}

var (
	reTitleYear  = regexp.MustCompile(`((?:19|20)\d\d)\s*年(?:度|\s*(\d{1,2})\s*月)?`)
	reTitleYears = regexp.MustCompile(`(?:19|20)\d\d\s*[-－—~～至到]\s*(?:19|20)\d\d\s*年`) // 2018-2019年
)

// titleRef is the reference date a sheet without 填报日期 gives year-less
// dates (5月20日, 6月底): the year its title rows name (2019年上半年…台账),
// else its name's (2019年督办台账). A text naming two years decides
// nothing. The file's date is kept when it falls in that year; otherwise
// the named month's end, or the year's end. Zero: nothing named.
// reLabelYear is a year in a column's header: 完成时限（2025年）, 办结时间(2025).
var reLabelYear = regexp.MustCompile(`((?:19|20)\d\d)\s*年|[(（]\s*((?:19|20)\d\d)\s*[)）]`)

// colRef is the reference for year-less dates (6月底, 3月1日) in column b:
// the year its header names (完成时限（2025年）) wins over the row's ref,
// which comes from the title, the 填报日期 or the file's date.
func (s *sheetReader) colRef(b boundCol, ref model.Date) model.Date {
	if s.labelYears == nil {
		s.labelYears = map[int]int{}
	}
	y, ok := s.labelYears[b.index]
	if !ok {
		for _, g := range reLabelYear.FindAllStringSubmatch(model.Fold(b.label), -1) {
			gy, _ := strconv.Atoi(g[1] + g[2])
			if y != 0 && gy != y {
				y = 0 // several years: none of them is the column's
				break
			}
			y = gy
		}
		s.labelYears[b.index] = y
	}
	if y == 0 || ref.Y == y {
		return ref
	}
	return model.NewDate(y, 12, 31)
}

func titleRef(sheet string, title []string, fileRef model.Date) model.Date {
	for _, s := range []string{strings.Join(title, " "), sheet} {
		var y, m int
		one := !reTitleYears.MatchString(model.Fold(s))
		for _, g := range reTitleYear.FindAllStringSubmatch(model.Fold(s), -1) {
			if !one {
				break
			}
			gy, _ := strconv.Atoi(g[1])
			if y != 0 && gy != y {
				one = false
				break
			}
			y = gy
			if gm, _ := strconv.Atoi(g[2]); gm >= 1 && gm <= 12 {
				m = gm
			}
		}
		switch {
		case y == 0 || !one:
			continue
		case fileRef.Y == y && (m == 0 || fileRef.M == time.Month(m)):
			return fileRef
		case m != 0:
			return model.NewDate(y, time.Month(m), 1).MonthEnd()
		}
		return model.NewDate(y, 12, 31)
	}
	return model.Date{}
}
