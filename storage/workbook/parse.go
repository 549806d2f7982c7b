package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

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

	order  []boundCol // assigned_on first: it is the reference of year-less dates
	setter []fieldSetter
	fields []string // Incoming.Fields, shared by the sheet's rows (full capacity: appends copy)
	units  map[unitCellKey]unitCell
	enums  map[enumKey]enumMatch
	dates  map[dateKey]dateValue
	// percentIx is the kind's percent field (nil: none), which a status
	// typed with a percent (完成90%) fills; extraIx its Extra map.
	percentIx, extraIx []int
	warnedExtra        bool
	// filer is whose ledger the sheet is (the export's unit, or its
	// 填报单位 line), filedOn the day it reports (填报日期, else the file's
	// date): a task row's progress in such a ledger is that unit's report.
	filer   string
	filedOn model.Date
}

type dateKey struct {
	value             string
	numeric, deadline bool
	ref               model.Date
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
}

func newSheetReader(r *reader, sheet string, hdr *sheetHeader, ref model.Date, title, header []string) *sheetReader {
	s := &sheetReader{r: r, sheet: sheet, hdr: hdr, ref: ref, units: map[unitCellKey]unitCell{},
		enums: map[enumKey]enumMatch{}, dates: map[dateKey]dateValue{}}
	kind := hdr.kind
	s.unitRoles, s.hasUnitCols = sheetUnitRoles(hdr)
	s.kindRoles = kindRoles(kind)
	if kind == model.KindProposal {
		s.proposal = inferProposalContext(sheet, title, header)
	}
	if wanInTitle(title) {
		for i, b := range hdr.cols {
			// A header saying 元 itself (金额（元）) overrides the title.
			if b.column.Type == TypeMoney && !strings.Contains(b.label, "元") {
				hdr.cols[i].column.wan = true
			}
		}
	}
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

// parseRow turns one data row into an Incoming, or into Rejections naming
// every bad cell of the row.
func (s *sheetReader) parseRow(row xlsxscan.Row) {
	r := s.r
	kind := s.hdr.kind
	num := row.Num
	// Values are set on the record through the fields' indexes worked out
	// per sheet, so the column table stays data.
	rec := model.New(kind)
	rv := reflect.ValueOf(rec).Elem()
	var bad []model.Rejection
	var units []model.UnitRole
	hasUnits := false
	unitFromCount := false
	var deadlines []pendingDeadline
	var rf rowFields
	percentTyped := false
	var year model.VillageYear // a village row's yearly figures
	hasYear := false
	var statusCol *boundCol // the status column, when this row stated a status
	var statusRaw string
	warn := func(b boundCol, value, field string, kept, reason model.Text) {
		col, _ := excelize.ColumnNumberToName(b.index + 1)
		r.res.Warnings = append(r.res.Warnings, model.Warning{File: r.file, Sheet: s.sheet, Row: num, Column: col,
			Header: b.label, Value: value, Kind: kind, Field: field, Kept: kept.In(r.opt.Lang), Reason: reason.In(r.opt.Lang)})
	}
	reject := func(b boundCol, value, reason string) {
		col, _ := excelize.ColumnNumberToName(b.index + 1)
		bad = append(bad, model.Rejection{File: r.file, Sheet: s.sheet, Row: num, Column: col,
			Header: b.label, Value: value, Reason: reason})
	}

	// Text dates without a year take it from the row's assigned date, else
	// the sheet's 填报日期, else the file's date.
	ref := s.ref
	if ref.IsZero() {
		ref = r.fileRef
	}
	for oi, b := range s.order {
		value := at(row.Cells, b.index)
		if strings.IndexByte(value, '\r') >= 0 {
			value = strings.ReplaceAll(value, "\r\n", "\n")
		}
		value = strings.TrimSpace(value)
		if row.Formulas != nil {
			if fc, ok := row.FormulaAt(b.index); ok {
				cellRef, _ := excelize.CoordinatesToCellName(b.index+1, num)
				if !fc.Cached && value == "" {
					reject(b, "="+fc.Text, r.tr("公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入，或改为数值",
						"a formula without a computed value: open and save the file in Excel/WPS, or type the value"))
					continue
				}
				r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!%s：公式 =%s —— 使用了其计算结果 %q", "%s!%s: formula =%s — its cached value %q was used"),
					s.sheet, cellRef, fc.Text, value))
			}
		}
		if value == "" {
			continue
		}
		c := b.column
		fs := s.setter[oi]
		if c.Type == TypeYear {
			n, err := model.ParseInt(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			reflect.ValueOf(&year).Elem().FieldByIndex(fs.index).SetInt(int64(n))
			hasYear = true
			continue
		}
		f := rv.FieldByIndex(fs.index)
		switch c.Type {
		case TypeText, TypeVocab, TypeVocabValue: // titles and labels: model.Term.Normalize reads them
			f.SetString(value)
		case TypeDate:
			dl, err := s.parseDate(value, row.IsNumeric(b.index), ref, false)
			d := dl.Due
			if err != nil && c.Month != "" && !row.IsNumeric(b.index) {
				// a month alone: 2019年5月, 2019.4
				if dl, merr := model.ParseDeadline(value, ref); merr == nil && dl.Type == model.DeadlineMonthEnd {
					d, err = dl.Due, nil
					if c.Month == "first" {
						d = model.NewDate(d.Y, d.M, 1)
					}
					cellRef, _ := excelize.CoordinatesToCellName(b.index+1, num)
					r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!%s：「%s」只有年月，按 %s 记录", "%s!%s: %q names a month only; recorded as %s"),
						s.sheet, cellRef, value, d))
				}
			}
			if err != nil && fs.end != nil && !row.IsNumeric(b.index) {
				// a span of days: 2019年5月6日-8日
				from, to, rerr := model.ParseDateRange(value, ref)
				if rerr == nil {
					d, err = from, nil
					*rv.FieldByIndex(fs.end).Addr().Interface().(*model.Date) = to
				}
			}
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			*f.Addr().Interface().(*model.Date) = d
			if c.Field == "assigned_on" && !d.IsZero() {
				ref = d
			}
		case TypeDeadline:
			// Read once the whole row is: it resolves against the row's
			// assigned date, wherever that column stands.
			deadlines = append(deadlines, pendingDeadline{b: b, fs: fs, value: value, numeric: row.IsNumeric(b.index)})
		case TypeMoney:
			text := value
			if c.wan && isPlainNumber(value) {
				text += "万"
			}
			m, err := model.ParseMoney(text)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			f.SetInt(int64(m))
		case TypeInt:
			n, err := model.ParseInt(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			f.SetInt(int64(n))
		case TypeFloat:
			n, err := model.ParseFloat(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			f.SetFloat(n)
			// 21座 says the unit too, when no 数量单位 cell did.
			if c.Field == "quantity" {
				if w := model.MeasureWord(value); w != "" {
					if qu := rv.FieldByIndex(r.paths[rv.Type()]["quantity_unit"]); qu.String() == "" {
						qu.SetString(w)
						unitFromCount = true
					}
				}
			}
		case TypePercent:
			n, err := model.ParsePercent(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			f.SetInt(int64(n))
			percentTyped = true
		case TypeBool:
			parse := model.ParseBool
			if c.Field == "workday" { // 调休: 上班, 补班 as well as 是
				parse = model.ParseWorkday
			}
			v, err := parse(value)
			if err != nil {
				// A mark no rule reads (◎, 待定): the row imports, the flag
				// stays as it was and the mark is kept by its header.
				s.keepExtra(rv, b.label, value)
				rf.drop = append(rf.drop, c.Field)
				rf.add = append(rf.add, "extra")
				warn(b, value, c.Field, model.T("原值未改，原文保存在“其他列”", "the flag is unchanged; the text is kept under extra columns"),
					model.T("不是 是/否", "not a yes/no"))
				continue
			}
			f.SetBool(v)
		case TypeEnum:
			m := s.parseEnum(oi, value)
			switch {
			case m.ok():
				f.SetString(m.value)
				if c.Field == "status" {
					statusCol, statusRaw = &s.order[oi], value
				}
				if fs.text != nil {
					rv.FieldByIndex(fs.text).SetString("")
				}
				if m.percent >= 0 && s.percentIx != nil && !percentTyped {
					if p := rv.FieldByIndex(s.percentIx); p.Int() == 0 {
						p.SetInt(int64(m.percent))
						rf.add = append(rf.add, "percent")
					}
				}
			case c.Open || fs.text == nil:
				f.SetString(model.Fold(value)) // kept in the field itself (a local result-class scheme)
			default:
				// A word no rule knows never rejects the row: the value stays
				// as it is (a new record's comes from its dates) and the word
				// is kept verbatim beside it.
				rv.FieldByIndex(fs.text).SetString(value)
				rf.drop = append(rf.drop, c.Field)
				reason := model.T(fmt.Sprintf("不是已知的“%s”，可选：%s", b.column.Header, strings.Join(c.Enum.Labels, "、")),
					fmt.Sprintf("not a known %s; the choices: %s", b.column.Header, strings.Join(c.Enum.Labels, "、")))
				if len(m.ambiguous) > 0 {
					reason = model.T(fmt.Sprintf("既像“%s”又像“%s”，无法确定", m.ambiguous[0], m.ambiguous[1]),
						fmt.Sprintf("reads as both %s and %s", m.ambiguous[0], m.ambiguous[1]))
				}
				warn(b, value, c.Field, model.T("“"+b.column.Header+"”未改，原文「"+value+"」随记录保存并在导出时写回",
					"the "+b.column.Header+" is unchanged; the word is kept as typed and exported back"), reason)
			}
		case TypeUnits:
			for _, u := range s.parseUnits(value, c.First, c.Rest) {
				if !slices.ContainsFunc(units, func(x model.UnitRole) bool { return x.Name == u.Name }) {
					units = append(units, u)
				}
			}
			hasUnits = true
		case TypeUnit:
			full, known := r.opt.Units.Resolve(value)
			if !known {
				r.noteUnknown([]string{full})
			}
			f.SetString(full)
		case TypeList:
			*f.Addr().Interface().(*[]string) = model.SplitList(value)
		case TypeExtra:
			for header, v := range parseExtra(value) {
				s.keepExtra(rv, header, v)
			}
		}
	}
	for _, pd := range deadlines {
		dl, err := s.resolveDeadline(row, rv, pd, ref)
		if err != nil {
			reject(pd.b, pd.value, r.reason(err))
			continue
		}
		*rv.FieldByIndex(pd.fs.index).Addr().Interface().(*model.Date) = dl.Due
		rv.FieldByIndex(pd.fs.text).SetString(dl.Text)
		rv.FieldByIndex(pd.fs.kindIx).SetString(string(dl.Type))
	}
	if len(bad) > 0 {
		r.res.Rejected = append(r.res.Rejected, bad...)
		return
	}
	if hasUnits {
		// Lead units first, as the lead is "the first listed unit".
		slices.SortStableFunc(units, func(a, b model.UnitRole) int {
			return boolRank(a.Role != model.RoleLead) - boolRank(b.Role != model.RoleLead)
		})
		*rv.FieldByIndex(r.paths[rv.Type()]["units"]).Addr().Interface().(*[]model.UnitRole) = units
	}
	if p, ok := rec.(*model.Problem); ok && p.Status == "" && p.Resolution != "" && statusCol == nil {
		// 解决情况 often says the state itself (已解决, 正在协调): without a
		// status column it gives the status.
		if m := model.ProblemStatuses.Match(p.Resolution); m.OK() {
			p.Status = m.Value
			rf.add = append(rf.add, "status")
		}
	}
	if hasYear {
		if year.Year == 0 {
			year.Year = ref.Y // the figures of the year the sheet reports
		}
		rec.(*model.Village).Years = []model.VillageYear{year}
	}
	if kind == model.KindFund {
		if fund := rec.(*model.Fund); fund.SourceText != "" {
			fund.Source = model.ClassifyFundSource(fund.SourceText)
			if v, ok := r.opt.Words.Lookup("funds.source", fund.SourceText); ok {
				fund.Source = model.FundSource(v)
			}
			if fund.Source == "other" {
				r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!第%d行：资金来源“%s”未能归类，计入“其他”", "%s row %d: fund source %q could not be classified and is counted under other"),
					s.sheet, num, fund.SourceText))
			}
		}
	}
	if kind == model.KindProposal {
		s.fillProposal(rec.(*model.Proposal))
	}
	if v, ok := rec.(*model.Visit); ok && v.Point != "" {
		// a liaison visit names its point by its full name (民主社区 →
		// 西关街道民主社区), as the points known here or in this import say
		if full, known := r.opt.Points.Resolve(v.Point); known {
			v.Point = full
		}
	}
	if v, ok := rec.(*model.Visit); ok {
		// grassroots units the dictionary knows go by their full names (a
		// unit met as 市发改委 and as 市发展和改革委员会 is one unit); others stay as typed
		var seen []string
		v.Units = slices.DeleteFunc(v.Units, func(name string) bool {
			if full, known := r.opt.Units.Resolve(name); known {
				name = full
			}
			if slices.Contains(seen, name) {
				return true
			}
			seen = append(seen, name)
			return false
		})
		copy(v.Units, seen)
	}
	if unitFromCount {
		rf.add = append(rf.add, "quantity_unit") // this row's only: a bare 21 leaves the unit alone
	}
	if statusCol != nil {
		s.statusDate(rv, statusRaw, ref, &rf)
	}
	s.readExtras(row, rv, &rf)
	if t, ok := rec.(*model.Task); ok && s.filer != "" {
		if rep, ok := s.progressReport(t); ok {
			t.Reports = append(t.Reports, rep)
			rf.add = append(rf.add, "reports")
		}
	}
	inc := model.Incoming{Record: rec, Ref: model.RowRef{File: r.file, Sheet: s.sheet, Row: num}, Fields: rf.fieldsOf(s.fields)}
	if s.hasUnitCols {
		inc.UnitRoles = rowUnitRoles(s.unitRoles, s.kindRoles, units)
	}
	if i, ok := s.hdr.hidden["_id"]; ok {
		rec.RecordMeta().ID = strings.TrimSpace(at(row.Cells, i))
	}
	if i, ok := s.hdr.hidden["_rev"]; ok {
		inc.BaseRev = strings.TrimSpace(at(row.Cells, i))
	}
	if i, ok := s.hdr.hidden["_ancestry"]; ok {
		for _, rev := range strings.Split(at(row.Cells, i), ",") {
			if rev = strings.TrimSpace(rev); rev != "" {
				inc.Ancestry = append(inc.Ancestry, rev)
			}
		}
	}
	rec.Normalize()
	if statusCol != nil {
		// The ledger's word is taken as it is; what it implies and lacks is told.
		label := statusCol.column.Enum.Zh(rv.FieldByIndex(r.paths[rv.Type()]["status"]).String())
		for _, missing := range model.MissingFacts(rec) {
			warn(*statusCol, statusRaw, "", model.T("按台账记录为“"+label+"”", "recorded as the ledger states: "+label), missing)
		}
	}
	if s.isDuplicate(num, rec) {
		return
	}
	r.res.Rows = append(r.res.Rows, inc)
}

// pendingDeadline is a deadline cell read after the rest of its row.
type pendingDeadline struct {
	b       boundCol
	fs      fieldSetter
	value   string
	numeric bool
}

// resolveDeadline reads a deadline cell against the row's assigned date
// (else ref, the sheet's 填报日期 or the file's date) and the holiday
// calendar. A Taizhang export carries the date each deadline was resolved
// to in the hidden _due column ("2019-06-30 6月底"): while the cell still
// holds that text the date is taken as it is, so a clone never moves a
// deadline to another year.
func (s *sheetReader) resolveDeadline(row xlsxscan.Row, rv reflect.Value, pd pendingDeadline, ref model.Date) (model.Deadline, error) {
	var assigned model.Date
	if p, ok := s.r.paths[rv.Type()]["assigned_on"]; ok {
		assigned = rv.FieldByIndex(p).Interface().(model.Date)
	}
	if i, ok := s.hdr.hidden["_due"]; ok {
		if due, text, ok := splitDue(at(row.Cells, i)); ok && !pd.numeric && strings.TrimSpace(text) == pd.value {
			if dl, err := model.ParseDeadline(pd.value, due); err == nil {
				dl.Due = due
				return dl, nil
			}
		}
	}
	if pd.numeric {
		return s.parseDate(pd.value, true, ref, true)
	}
	if !assigned.IsZero() {
		if dl, err := s.r.parseDeadlineCell(pd.value, false, ref); err != nil || dl.Type == model.DeadlineDate && dl.Text == dl.Due.String() {
			return dl, err // a real date (cell or ISO text) needs no basis
		}
		return model.ResolveDeadline(pd.value, model.DeadlineBasis{Assigned: assigned, Ref: ref, Calendar: s.r.opt.Calendar})
	}
	return s.parseDate(pd.value, false, ref, true)
}

// dueCell is the hidden _due cell of a deadline: its resolved date and the
// text it was resolved from.
func dueCell(d model.Deadline) string {
	if d.Due.IsZero() {
		return ""
	}
	return d.Due.String() + " " + d.Text
}

// splitDue reads a _due cell written by dueCell.
func splitDue(v string) (model.Date, string, bool) {
	v = strings.TrimSpace(v)
	if len(v) < 10 {
		return model.Date{}, "", false
	}
	d, err := model.ParseISO(v[:10])
	if err != nil || d.IsZero() {
		return model.Date{}, "", false
	}
	return d, strings.TrimSpace(v[10:]), true
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

// rowFields are one row's changes to its sheet's field list: a word kept
// as typed leaves its field alone; a percent read from a status fills it.
type rowFields struct{ drop, add []string }

func (rf *rowFields) fieldsOf(sheet []string) []string {
	if len(rf.drop) == 0 && len(rf.add) == 0 {
		return sheet
	}
	out := make([]string, 0, len(sheet)+len(rf.add))
	for _, f := range sheet {
		if !slices.Contains(rf.drop, f) {
			out = append(out, f)
		}
	}
	for _, f := range rf.add {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// keepExtra keeps a cell by its header in the record's Extra map.
func (s *sheetReader) keepExtra(rv reflect.Value, header, value string) {
	m := rv.FieldByIndex(s.extraIx)
	if m.IsNil() {
		m.Set(reflect.ValueOf(map[string]string{}))
	}
	m.SetMapIndex(reflect.ValueOf(header), reflect.ValueOf(value))
}

// readExtras keeps the cells of the columns no field takes; the plan names
// each such column once per sheet.
func (s *sheetReader) readExtras(row xlsxscan.Row, rv reflect.Value, rf *rowFields) {
	for _, b := range s.hdr.extras {
		if v := strings.TrimSpace(at(row.Cells, b.index)); v != "" {
			s.keepExtra(rv, b.label, v)
		}
	}
	if len(s.hdr.extras) == 0 || s.warnedExtra {
		return
	}
	s.warnedExtra = true
	r := s.r
	for _, b := range s.hdr.extras {
		col, _ := excelize.ColumnNumberToName(b.index + 1)
		r.res.Warnings = append(r.res.Warnings, model.Warning{File: r.file, Sheet: s.sheet, Row: s.hdr.lastRow, Column: col,
			Header: b.label, Kind: s.hdr.kind,
			Kept:   r.tr("每行的值随记录保存在“其他列”，导出时写回", "each row's value is kept with its record under extra columns and exported back"),
			Reason: r.tr("没有对应的字段", "no field takes this column")})
	}
}

// parseUnits reads a unit cell; ledgers repeat the same few cells, so each
// is resolved once per sheet.
func (s *sheetReader) parseUnits(value string, first, rest model.Role) []model.UnitRole {
	k := unitCellKey{value, first, rest}
	uc, ok := s.units[k]
	if !ok {
		uc.units, uc.unknown = s.r.opt.Units.ParseUnitCell(value, first, rest)
		s.units[k] = uc
	}
	s.r.noteUnknown(uc.unknown)
	return uc.units
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

// isDuplicate rejects a row whose id or key an earlier row of the file had.
func (s *sheetReader) isDuplicate(num int, rec model.Record) bool {
	r := s.r
	kind := s.hdr.kind
	keys := []string{}
	if id := rec.RecordMeta().ID; id != "" {
		keys = append(keys, string(kind)+"|id|"+id)
	} else if k := model.NaturalKey(rec); k != "" {
		keys = append(keys, string(kind)+"|"+k)
	}
	for _, k := range keys {
		if first, ok := r.seen[k]; ok {
			b := s.keyColumn()
			col, _ := excelize.ColumnNumberToName(b.index + 1)
			r.res.Rejected = append(r.res.Rejected, model.Rejection{File: r.file, Sheet: s.sheet, Row: num,
				Column: col, Header: b.label, Value: model.NaturalKey(rec),
				Reason: r.dupReason(first)})
			return true
		}
	}
	for _, k := range keys {
		r.seen[k] = model.RowRef{File: r.file, Sheet: s.sheet, Row: num}
	}
	return false
}

func (r *reader) dupReason(first model.RowRef) string {
	return r.tr(fmt.Sprintf("与工作表“%s”第%d行重复（编号相同）", first.Sheet, first.Row),
		fmt.Sprintf("duplicates row %d of sheet %q (same number)", first.Row, first.Sheet))
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

func (r *reader) noteUnknown(names []string) {
	for _, n := range names {
		if n != "" && !r.unknownSeen[n] {
			r.unknownSeen[n] = true
			r.res.UnknownUnits = append(r.res.UnknownUnits, n)
		}
	}
}

// serialValue reports whether a raw cell value is a date serial: a number
// (date cells are stored as numbers) in the range of real dates. A number
// like 2019.6 typed into a general cell is a year and month, not a serial.
func serialValue(v string) (float64, bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !isPlainNumber(v) {
		return 0, false
	}
	if f >= 1900 && f < 2200 && f != float64(int64(f)) {
		return 0, false
	}
	return f, f >= 3000 && f <= 2958465
}

// notDateNumber refuses a number cell far below any date serial: 6.30
// typed into a General cell arrives as 6.3, and reading it as 6月3日 would
// be a silent wrong date.
func notDateNumber(v string, numeric bool) error {
	if !numeric {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f >= 1000 {
		return nil
	}
	return &cellError{model.T(
		fmt.Sprintf("数字 %s 不是日期：请将单元格设为日期格式或输入 2019年6月30日", v),
		fmt.Sprintf("the number %s is not a date: format the cell as a date or type 2019年6月30日", v))}
}

// cellError is a bad cell explained in both languages.
type cellError struct{ model.Text }

func (e *cellError) Error() string             { return e.En }
func (e *cellError) Reason(lang string) string { return e.In(lang) }

func (r *reader) parseDateCell(v string, numeric bool, ref model.Date) (model.Date, error) {
	if err := notDateNumber(v, numeric); err != nil {
		return model.Date{}, err
	}
	if f, ok := serialValue(v); ok {
		return model.DateFromSerial(f, r.date1904)
	}
	if d, ok := isoDateTime(v); ok {
		return d, nil
	}
	return model.ParseDate(v, ref)
}

func (r *reader) parseDeadlineCell(v string, numeric bool, ref model.Date) (model.Deadline, error) {
	if err := notDateNumber(v, numeric); err != nil {
		return model.Deadline{}, err
	}
	if f, ok := serialValue(v); ok {
		d, err := model.DateFromSerial(f, r.date1904)
		if err != nil {
			return model.Deadline{}, err
		}
		return model.Deadline{Due: d, Text: d.String(), Type: model.DeadlineDate}, nil
	}
	if d, ok := isoDateTime(v); ok {
		return model.Deadline{Due: d, Text: d.String(), Type: model.DeadlineDate}, nil
	}
	return model.ParseDeadline(v, ref)
}

// isoDateTime reads the ISO 8601 value of a t="d" date cell.
func isoDateTime(v string) (model.Date, bool) {
	if len(v) < 11 || v[10] != 'T' {
		return model.Date{}, false
	}
	d, err := model.ParseISO(v[:10])
	return d, err == nil
}

func isPlainNumber(v string) bool {
	if v == "" {
		return false
	}
	dot := false
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		case c == '-' && i == 0:
		case c == 'E' || c == 'e' || c == '+':
		default:
			return false
		}
	}
	return true
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Headers of a ledger's problem and next-step columns, kept in Extra.
var (
	problemHeaders = []string{"存在问题", "存在的问题", "困难和问题", "存在困难", "problems"}
	nextHeaders    = []string{"下步措施", "下一步措施", "下步工作", "下一步工作", "下步打算", "下步工作打算", "下一步工作打算", "next steps"}
)

// progressReport: in a unit's returned ledger, a task row that states
// progress (办理进展, 完成百分比, 存在问题, 下步措施) is that unit's progress
// report, dated the ledger's 填报日期 (else the file's date). Its id comes
// from the unit and the day, so the same return read again is the same
// report, and another day's return another one.
func (s *sheetReader) progressReport(t *model.Task) (model.Report, bool) {
	cell := func(headers []string) string {
		for h, v := range t.Extra {
			for _, want := range headers {
				if headerKey(h) == headerKey(want) && strings.TrimSpace(v) != "" {
					return strings.TrimSpace(v)
				}
			}
		}
		return ""
	}
	problems, next := cell(problemHeaders), cell(nextHeaders)
	if t.Progress == "" && t.Percent == 0 && problems == "" && next == "" {
		return model.Report{}, false
	}
	unit := s.r.opt.Units.Canonical(s.filer)
	rep := model.Report{Unit: unit, ReportedOn: s.filedOn, Done: t.Progress, Percent: t.Percent,
		Problems: problems, Next: next}
	if t.Cycle != "" {
		rep.Period = model.ReportPeriod(t.Cycle, s.filedOn)
	}
	sum := sha256.Sum256([]byte(unit + "|" + s.filedOn.String()))
	rep.ID = "rep-" + hex.EncodeToString(sum[:6])
	return rep, true
}

// statusDates are the date fields a status typed with a date fills
// (已办结（2019.6.30）): the day the stated status was reached.
var statusDates = map[model.Kind]map[string]string{
	model.KindTask:     {"done": "done_on", "closed": "closed_on", "withdrawn": "closed_on"},
	model.KindProposal: {"replied": "replied_on"},
	model.KindProblem:  {"resolved": "resolved_on"},
	model.KindProject:  {"done": "finish_on"},
}

var reDateIn = regexp.MustCompile(`\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日`)

// statusDate fills the date a status cell carries, unless the row gave it.
func (s *sheetReader) statusDate(rv reflect.Value, raw string, ref model.Date, rf *rowFields) {
	status := rv.FieldByIndex(s.r.paths[rv.Type()]["status"]).String()
	field := statusDates[s.hdr.kind][status]
	text := reDateIn.FindString(model.Fold(raw))
	if field == "" || text == "" {
		return
	}
	d, err := model.ParseDate(text, ref)
	if err != nil {
		return
	}
	if f := rv.FieldByIndex(s.r.paths[rv.Type()][field]); f.Interface().(model.Date).IsZero() {
		f.Set(reflect.ValueOf(d))
		rf.add = append(rf.add, field)
	}
}
