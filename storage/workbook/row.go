package workbook

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage/workbook/xlsxscan"
)

// rowReader reads one data row into a record: each cell by its value type
// (one method per type), then what only the whole row decides (deadlines,
// units, status facts, the dictionaries' full names). Values are set on
// the record through the field indexes its sheetReader worked out, so the
// column table stays data.
type rowReader struct {
	s   *sheetReader
	r   *reader
	row xlsxscan.Row
	rec model.Record
	rv  reflect.Value
	// ref is the reference of text dates without a year: the row's
	// assigned date, else the sheet's 填报日期, else the file's date.
	ref model.Date
	bad []model.Rejection
	rf  rowFields
	// addBuf holds rf.add: most rows add a field or two (reports, percent)
	addBuf [4]string

	units         []model.UnitRole
	hasUnits      bool
	unitFromCount bool        // the quantity's measure word gave the unit
	bySource      []sourceFen // a funds ledger split by source: each source's amount
	deadlines     []pendingDeadline
	dues          []pendingDeadline // a proposal's reply deadlines typed in words
	percentTyped  bool
	year          model.VillageYear // a village row's yearly figures
	hasYear       bool
	statusCol     *boundCol // the status column, when this row stated a status
	statusRaw     string
}

// pendingDeadline is a deadline cell read after the rest of its row.
type pendingDeadline struct {
	b       boundCol
	fs      fieldSetter
	value   string
	numeric bool
}

// parseRow turns one data row into an Incoming, or into Rejections naming
// every bad cell of the row.
func (s *sheetReader) parseRow(row xlsxscan.Row) {
	if s.ticks != nil {
		row = s.untick(row)
	}
	rec := model.New(s.hdr.kind)
	w := &rowReader{s: s, r: s.r, row: row, rec: rec, rv: reflect.ValueOf(rec).Elem(), ref: s.ref}
	w.rf.add, w.deadlines = w.addBuf[:0], s.pending[:0]
	if w.ref.IsZero() {
		w.ref = s.r.fileRef
	}
	for oi, b := range s.order {
		if value, ok := w.value(b); ok {
			w.cell(oi, b, value)
		}
	}
	w.resolveDeadlines()
	w.resolveDues()
	s.pending = w.deadlines[:0] // the next row's, once this one's are read
	if len(w.bad) > 0 {
		s.r.res.Rejected = append(s.r.res.Rejected, w.bad...)
		return
	}
	w.unitRoleCell()
	w.setUnits()
	w.problemStatus()
	w.setYear()
	w.fundSource()
	if p, ok := rec.(*model.Proposal); ok {
		s.fillProposal(p)
	}
	if v, ok := rec.(*model.Visit); ok {
		w.visitNames(v)
	}
	if w.unitFromCount {
		w.rf.add = append(w.rf.add, "quantity_unit") // this row's only: a bare 21 leaves the unit alone
	}
	if p, ok := rec.(*model.Project); ok {
		w.projectScale(p)
	}
	if p, ok := rec.(*model.Point); ok {
		w.pointShortName(p)
	}
	if w.statusCol != nil {
		w.statusDate()
	}
	w.extras()
	if s.section != "" && w.rv.FieldByIndex(s.extraIx).MapIndex(reflect.ValueOf(sectionHeader)).Kind() == reflect.Invalid {
		w.keepExtra(sectionHeader, s.section)
	}
	w.progressReport()
	inc := w.incoming()
	rec.Normalize()
	w.statusFacts()
	if len(w.bySource) > 0 {
		w.emitBySource(inc)
		return
	}
	if _, ok := rec.(*model.Visit); ok && s.cont && rec.RecordMeta().ID == "" && s.heldVisit.Record.RecordMeta().ID == "" {
		// a Taizhang export's row is a record of its own, whatever it lacks
		s.continueVisit(inc)
		return
	}
	if s.continues && s.held != nil && model.NaturalKey(s.held.Record) == model.NaturalKey(rec) {
		joinUnits(s.held.Record.(*model.Proposal), rec.(*model.Proposal))
		return
	}
	if s.isDuplicate(row, rec) {
		return
	}
	switch rec.(type) {
	case *model.Village:
		s.r.holdVillage(inc)
		return
	case *model.Visit:
		s.holdVisit(inc)
		return
	}
	if s.hdr.kind == model.KindProposal {
		// Held until the next row shows whether it goes on (one unit a row).
		s.flushHeld()
		s.held = &inc
		return
	}
	s.r.emit(inc)
}

// flushHeld passes on the proposal row held back.
func (s *sheetReader) flushHeld() {
	if s.held != nil {
		s.r.emit(*s.held)
		s.held = nil
	}
}

// joinUnits adds the units of a proposal's next row (its number merged down
// over it) to the proposal: a second lead there is a co-unit, as the first
// row's unit leads unless the role column said otherwise.
func joinUnits(p, next *model.Proposal) {
	hasLead := slices.ContainsFunc(p.Units, func(u model.UnitRole) bool { return u.Role == model.RoleLead })
	for _, u := range next.Units {
		if slices.ContainsFunc(p.Units, func(h model.UnitRole) bool { return h.Name == u.Name }) {
			continue
		}
		if u.Role == model.RoleLead && hasLead {
			u.Role = model.RoleCo
		}
		p.Units = append(p.Units, u)
	}
	slices.SortStableFunc(p.Units, func(a, b model.UnitRole) int {
		return boolRank(a.Role != model.RoleLead) - boolRank(b.Role != model.RoleLead)
	})
	p.Normalize()
}

// unitRoleCell gives the row's unit the role its 办理类型 cell names (主办,
// 会办, 协办, 分办): ledgers listing one unit a row say it there. A word
// that is no role is kept by its header.
func (w *rowReader) unitRoleCell() {
	b := w.s.roleCol
	if b == nil || len(w.units) != 1 {
		return // several units in a cell carry their own roles (主办：…；会办：…)
	}
	m := model.Roles.Match(strings.TrimSpace(at(w.row.Cells, b.index)))
	if !m.OK() {
		if v := strings.TrimSpace(at(w.row.Cells, b.index)); v != "" {
			w.keepExtra(b.label, v)
		}
		return
	}
	for i := range w.units {
		w.units[i].Role = m.Value
	}
}

// warn tells of a cell imported with something kept or left as it was.
func (w *rowReader) warn(b boundCol, value, field string, kept, reason model.Text) {
	r := w.r
	col, _ := excelize.ColumnNumberToName(b.index + 1)
	r.res.Warnings = append(r.res.Warnings, model.Warning{Place: model.Place{File: r.file, Sheet: w.s.sheet, Row: w.row.Num, Column: col,
		Header: b.label, Value: value}, Kind: w.s.hdr.kind, Field: field, Kept: kept.In(r.opt.Lang), Reason: reason.In(r.opt.Lang)})
}

// reject names a bad cell; a row with one is not imported.
func (w *rowReader) reject(b boundCol, value, reason string) {
	col, _ := excelize.ColumnNumberToName(b.index + 1)
	w.bad = append(w.bad, model.Rejection{Place: model.Place{File: w.r.file, Sheet: w.s.sheet, Row: w.row.Num, Column: col,
		Header: b.label, Value: value}, Reason: reason})
}

// rejectErr rejects a cell whose value failed to parse, in the user's language.
func (w *rowReader) rejectErr(b boundCol, value string, err error) {
	w.reject(b, value, w.r.reason(err))
}

// value is a column's cell, trimmed; a formula's cached result, noted, or
// a rejection when it has none. ok is false for nothing to read.
func (w *rowReader) value(b boundCol) (string, bool) {
	r := w.r
	value := at(w.row.Cells, b.index)
	if strings.IndexByte(value, '\r') >= 0 {
		value = strings.ReplaceAll(value, "\r\n", "\n")
	}
	value = strings.TrimSpace(value)
	if w.row.Formulas != nil {
		if fc, ok := w.row.FormulaAt(b.index); ok {
			cellRef, _ := excelize.CoordinatesToCellName(b.index+1, w.row.Num)
			if !fc.Cached && value == "" {
				w.reject(b, "="+fc.Text, r.tr("公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入，或改为数值",
					"a formula without a computed value: open and save the file in Excel/WPS, or type the value"))
				return "", false
			}
			r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!%s：公式 =%s —— 使用了其计算结果 %q", "%s!%s: formula =%s — its cached value %q was used"),
				w.s.sheet, cellRef, fc.Text, value))
		}
	}
	return value, value != ""
}

// cell reads one non-empty cell by its column's value type.
func (w *rowReader) cell(oi int, b boundCol, value string) {
	c := b.column
	switch c.Type {
	case TypeDeadline, TypeMoney, TypeInt, TypeFloat, TypePercent, TypeYear:
		if model.NoneMark(value) {
			return // —, /, 无: nothing typed, as an empty cell
		}
	}
	fs := w.s.setter[oi]
	if noValue(c.Type, value) {
		return
	}
	if c.Type == TypeYear {
		w.yearFigure(b, fs, value)
		return
	}
	f := w.rv.FieldByIndex(fs.index)
	switch c.Type {
	case TypeText, TypeVocab, TypeVocabValue: // titles and labels: model.Term.Normalize reads them
		f.SetString(value)
	case TypeDate:
		w.date(b, fs, f, value)
	case TypeDeadline:
		// Read once the whole row is: it resolves against the row's
		// assigned date, wherever that column stands.
		w.deadlines = append(w.deadlines, pendingDeadline{b: b, fs: fs, value: value, numeric: w.row.IsNumeric(b.index)})
	case TypeMoney:
		if c.source != "" {
			w.sourceAmount(b, value)
			return
		}
		w.money(b, f, value)
	case TypeInt:
		w.integer(b, f, value)
	case TypeFloat:
		w.float(b, f, value)
	case TypePercent:
		w.percent(b, f, value)
	case TypeBool:
		w.flag(b, f, value)
	case TypeEnum:
		w.enum(oi, b, fs, f, value)
	case TypeUnits:
		if w.addUnits(c, value) {
			// 市住建局（张三 13800000000）, 市住建局 李四: the unit is
			// 市住建局; the contact is no unit, and is kept with the cell
			// as typed.
			w.keepExtra(b.label, value)
			w.rf.add = append(w.rf.add, "extra")
		}
	case TypeUnit:
		if w.unit(f, value) {
			w.keepExtra(b.label, value)
			w.rf.add = append(w.rf.add, "extra")
		}
	case TypeList:
		*f.Addr().Interface().(*[]string) = model.SplitList(value)
	case TypeExtra:
		for header, v := range parseExtra(value) {
			w.keepExtra(header, v)
		}
	}
}

// noValue reports a blank mark (blankMark) in a number or date cell: a
// person reads no value there, not a bad one.
func noValue(t ValueType, value string) bool {
	switch t {
	case TypeDate, TypeMoney, TypeInt, TypeFloat, TypePercent, TypeYear:
		return model.NoneMark(value)
	}
	return false
}

// parsed reads a cell with parse; a value it refuses rejects the cell.
func parsed[T any](w *rowReader, b boundCol, value string, parse func(string) (T, error)) (T, bool) {
	v, err := parse(value)
	if err != nil {
		w.rejectErr(b, value, err)
	}
	return v, err == nil
}

// yearFigure is one of a village row's yearly figures.
func (w *rowReader) yearFigure(b boundCol, fs fieldSetter, value string) {
	n, ok := w.count(b, value)
	if !ok {
		return
	}
	reflect.ValueOf(&w.year).Elem().FieldByIndex(fs.index).SetInt(int64(n))
	w.hasYear = true
	if b.column.Field == "households" && w.year.People == 0 && !w.s.binds("people") {
		if p, ok := model.CountOf(value, "人"); ok { // 户数/人口: 120户/456人
			w.year.People = p
		}
	}
}

// count reads a count; a cell of households and people (120户/456人)
// gives the one the column counts.
func (w *rowReader) count(b boundCol, value string) (int, bool) {
	measure := ""
	switch b.column.Field {
	case "households", "poor_households", "dibao", "wubao":
		measure = "户"
	case "people", "poor_people":
		measure = "人"
	}
	n, err := model.ParseInt(value)
	if err == nil {
		mw := model.MeasureWord(value)
		if first, _ := utf8.DecodeRuneInString(mw); measure != "" && (first == '户' || first == '人') && string(first) != measure {
			// 456人 under 受益户数: people, not households
			w.keepExtra(b.label, value)
			w.rf.add = append(w.rf.add, "extra")
			if b.column.Type != TypeYear {
				w.rf.drop = append(w.rf.drop, b.column.Field)
			}
			w.warn(b, value, b.column.Field, model.T("“"+b.label+"”未改，原文保存在“其他列”", "the "+b.label+" is unchanged; the text is kept under extra columns"),
				model.T("数的是“"+mw+"”，不是“"+measure+"”", "counts "+mw+", not "+measure))
			return 0, false
		}
		return n, true
	}
	if measure != "" {
		if n, ok := model.CountOf(value, measure); ok {
			return n, true
		}
	}
	w.rejectErr(b, value, err)
	return 0, false
}

// binds reports whether the sheet has a column for the field.
func (s *sheetReader) binds(field string) bool {
	return slices.ContainsFunc(s.hdr.cols, func(b boundCol) bool { return b.column.Field == field })
}

// date reads a date cell: a day, or for a month column a month alone
// (2019年5月), or for a span column a span of days (2019年5月6日-8日).
// The row's assigned date becomes the reference of its later dates.
func (w *rowReader) date(b boundCol, fs fieldSetter, f reflect.Value, value string) {
	r, c, numeric := w.r, b.column, w.row.IsNumeric(b.index)
	ref := w.s.colRef(b, w.ref)
	dl, err := w.s.parseDate(value, numeric, ref, false)
	d := dl.Due
	if err != nil && c.Month != "" {
		// a month, a part of one, a quarter or a year (2019年3月中旬,
		// 201903, 2019年上半年): its first day, or its last
		if from, to, ok := model.ParsePeriod(value, ref); ok {
			d, err = to, nil
			if c.Month == "first" {
				d = from
			}
			cellRef, _ := excelize.CoordinatesToCellName(b.index+1, w.row.Num)
			r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!%s：「%s」只有年月，按 %s 记录", "%s!%s: %q names a month only; recorded as %s"),
				w.s.sheet, cellRef, value, d))
		}
	}
	if err != nil && fs.end != nil && !numeric {
		from, to, rerr := model.ParseDateRange(value, ref)
		if rerr == nil {
			d, err = from, nil
			*w.rv.FieldByIndex(fs.end).Addr().Interface().(*model.Date) = to
		}
	}
	if err != nil && !numeric && dueField(c.Field) {
		// 6月底, 交办之日起3个月内: read once the row's assigned date is known.
		w.dues = append(w.dues, pendingDeadline{b: b, fs: fs, value: value})
		return
	}
	w.setDate(b, fs, f, value, d, err)
}

// setDate stores a date cell's day, or deals with a text no date form read
// (err): a date among words (已面商（2019.5.10）) is the cell's, the words
// kept by the header and warned (拟于… is no date done); a dash or 无 is no
// date; another text (未答复, 6月中旬) refuses no row: the date stays as it
// was and the text is kept and warned. A month without a day, a date that
// does not exist and a number that is no date refuse the row.
func (w *rowReader) setDate(b boundCol, fs fieldSetter, f reflect.Value, value string, d model.Date, err error) {
	c, numeric := b.column, w.row.IsNumeric(b.index)
	if err != nil && !numeric && fs.end == nil && model.UnreadDate(err) {
		if in := reDateIn.FindString(model.Fold(value)); in != "" {
			dd, derr := model.ParseDate(in, w.ref)
			if derr == nil {
				w.keepExtra(b.label, value)
				w.rf.add = append(w.rf.add, "extra")
				w.warn(b, value, c.Field, model.T("日期取自原文中的 "+dd.String()+"，原文保存在“其他列”",
					"the date "+dd.String()+" was taken from the text; the text is kept under extra columns"), model.T("日期前后有文字", "words around the date"))
			}
			d, err = dd, derr
		}
	}
	if err != nil && !numeric && model.UnreadDate(err) && (fs.end == nil || noDate(value)) {
		if !model.NoneMark(value) {
			w.keepExtra(b.label, value)
			w.rf.drop = append(w.rf.drop, c.Field)
			w.rf.add = append(w.rf.add, "extra")
			w.warn(b, value, c.Field, model.T("日期未改，原文保存在“其他列”", "the date is unchanged; the text is kept under extra columns"),
				model.T("不是日期", "not a date"))
		}
		return
	}
	if err != nil {
		w.rejectErr(b, value, err)
		return
	}
	*f.Addr().Interface().(*model.Date) = d
	if c.Field == "assigned_on" && !d.IsZero() {
		w.ref = d
	}
}

// sourceAmount reads a cell of a column of one source's money.
func (w *rowReader) sourceAmount(b boundCol, value string) {
	var fen int64
	w.money(b, reflect.ValueOf(&fen).Elem(), value)
	if fen != 0 {
		w.bySource = append(w.bySource, sourceFen{b.column.source, model.Fen(fen)})
	}
}

// sourceFen is one source's amount on a row of a funds ledger split by source.
type sourceFen struct {
	source string
	fen    model.Fen
}

// dueField: a proposal's reply deadline and extension, typed as deadlines
// are (6月底, 年底前, 交办之日起3个月内).
func dueField(field string) bool { return field == "due_on" || field == "extended_to" }

// resolveDues reads the row's reply deadlines typed in words, against its
// assigned date: a deadline gives its day, a term (3个月) counts from the
// assigned date; anything else is a date cell no form reads.
func (w *rowReader) resolveDues() {
	var assigned model.Date
	if p, ok := w.s.paths["assigned_on"]; ok {
		assigned = *w.rv.FieldByIndex(p).Addr().Interface().(*model.Date)
	}
	for _, pd := range w.dues {
		f := w.rv.FieldByIndex(pd.fs.index)
		if dl, err := model.ParseDeadline(pd.value, w.ref); err == nil && !dl.Due.IsZero() {
			*f.Addr().Interface().(*model.Date) = dl.Due
			continue
		}
		if n, ok := model.ReplyTermMonths(pd.value); ok && !assigned.IsZero() {
			*f.Addr().Interface().(*model.Date) = assigned.AddMonths(n)
			continue
		}
		_, err := model.ParseDate(pd.value, w.ref)
		w.setDate(pd.b, pd.fs, f, pd.value, model.Date{}, err)
	}
}

// dateLabel: a header naming a date or time (办结时间, 收到日期), not a
// length of time (用时, 天数).
func dateLabel(label string) bool {
	return (strings.Contains(label, "日期") || strings.Contains(label, "时间")) &&
		!containsAny(label, []string{"天数", "时长", "用时", "小时", "工作日"})
}

// serialText is a number in a date column kept as the date it shows
// (43636 → 2019-06-20); another number is kept as it is.
func (r *reader) serialText(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 3000 || f > 80000 { // 1908–2119
		return v
	}
	d, err := model.DateFromSerial(f, r.date1904)
	if err != nil {
		return v
	}
	return d.String()
}

// noDate: a cell with no digit, Arabic or Chinese, names no date at all;
// in a span column one with digits is a span typed wrong.
func noDate(v string) bool {
	return !strings.ContainsFunc(model.Fold(v), func(r rune) bool {
		return r >= '0' && r <= '9' || strings.ContainsRune("〇零一二两三四五六七八九十廿", r)
	})
}

// money reads an amount; a plain number under a 万元 header or title is in 万元.
func (w *rowReader) money(b boundCol, f reflect.Value, value string) {
	text := value
	if b.column.wan && isPlainNumber(value) {
		text += "万"
	}
	m, err := model.ParseMoney(text)
	if err != nil {
		w.rejectErr(b, value, err)
		return
	}
	f.SetInt(int64(m))
}

func (w *rowReader) integer(b boundCol, f reflect.Value, value string) {
	if n, ok := w.count(b, value); ok {
		f.SetInt(int64(n))
	}
}

// float reads a number; a quantity's measure word (21座) gives the unit
// too, when no 数量单位 cell did.
func (w *rowReader) float(b boundCol, f reflect.Value, value string) {
	n, ok := parsed(w, b, value, model.ParseFloat)
	if !ok {
		return
	}
	f.SetFloat(n)
	if b.column.Field == "quantity" {
		if mw := model.MeasureWord(value); mw != "" {
			if qu := w.rv.FieldByIndex(w.s.paths["quantity_unit"]); qu.String() == "" {
				qu.SetString(mw)
				w.unitFromCount = true
			}
		}
	}
}

func (w *rowReader) percent(b boundCol, f reflect.Value, value string) {
	if n, ok := parsed(w, b, value, model.ParsePercent); ok {
		f.SetInt(int64(n))
		w.percentTyped = true
	}
}

// flag reads a yes/no cell (调休 also 上班, 补班). A mark no rule reads
// (◎, 待定): the row imports, the flag stays as it was and the mark is
// kept by its header.
func (w *rowReader) flag(b boundCol, f reflect.Value, value string) {
	c := b.column
	parse := model.ParseBool
	if c.Field == "workday" {
		parse = model.ParseWorkday
	}
	v, err := parse(value)
	if err != nil {
		// 是（市长领办）: the mark, with what the brackets add kept.
		if bv, berr := parse(stripBrackets(value)); berr == nil && stripBrackets(value) != "" {
			f.SetBool(bv)
			w.keepExtra(b.label, value)
			w.rf.add = append(w.rf.add, "extra")
			return
		}
		w.keepExtra(b.label, value)
		w.rf.drop = append(w.rf.drop, c.Field)
		w.rf.add = append(w.rf.add, "extra")
		w.warn(b, value, c.Field, model.T("原值未改，原文保存在“其他列”", "the flag is unchanged; the text is kept under extra columns"),
			model.T("不是 是/否", "not a yes/no"))
		return
	}
	f.SetBool(v)
}

// enum reads an enumerated cell. A status remembers its cell for the
// facts it implies; a status typed with a percent (完成90%) fills the
// percent. A word no rule knows never rejects the row: the value stays as
// it is (a new record's comes from its dates) and the word is kept
// verbatim beside it, or in the field itself for an open column.
func (w *rowReader) enum(oi int, b boundCol, fs fieldSetter, f reflect.Value, value string) {
	c := b.column
	m := w.s.parseEnum(oi, value)
	switch {
	case m.ok():
		f.SetString(m.value)
		if c.Field == "status" {
			w.statusCol, w.statusRaw = &w.s.order[oi], value
		}
		if fs.text != nil {
			w.rv.FieldByIndex(fs.text).SetString("")
		}
		if m.percent >= 0 && w.s.percentIx != nil && !w.percentTyped {
			if p := w.rv.FieldByIndex(w.s.percentIx); p.Int() == 0 {
				p.SetInt(int64(m.percent))
				w.rf.add = append(w.rf.add, "percent")
			}
		}
	case c.Open || fs.text == nil:
		f.SetString(model.Fold(value)) // kept in the field itself (a local result-class scheme)
	case c.Field == "body" && w.proposalCategory(value):
	default:
		w.rv.FieldByIndex(fs.text).SetString(value)
		w.rf.drop = append(w.rf.drop, c.Field)
		reason := model.T(fmt.Sprintf("不是已知的“%s”，可选：%s", b.label, strings.Join(c.Enum.Labels, "、")),
			fmt.Sprintf("not a known %s; the choices: %s", b.label, strings.Join(c.Enum.Labels, "、")))
		if len(m.ambiguous) > 0 {
			reason = model.T(fmt.Sprintf("既像“%s”又像“%s”，无法确定", m.ambiguous[0], m.ambiguous[1]),
				fmt.Sprintf("reads as both %s and %s", m.ambiguous[0], m.ambiguous[1]))
		}
		w.warn(b, value, c.Field, model.T("“"+b.label+"”未改，原文「"+value+"」随记录保存并在导出时写回",
			"the "+b.label+" is unchanged; the word is kept as typed and exported back"), reason)
	}
}

// proposalCategory reads a word under a generic 类别 / 类型 header that is
// no body as the proposal's kind (联名) or topic (城建环保类), when the sheet
// has no column of its own for it; the body then comes from the title.
func (w *rowReader) proposalCategory(value string) bool {
	p := w.rec.(*model.Proposal)
	if !w.s.bound("type") {
		if m := model.ProposalTypes.Match(value); m.OK() {
			p.Type = m.Value
			w.rf.add = append(w.rf.add, "type")
			return true
		}
	}
	if !w.s.bound("topic") {
		if m := model.Topics.Match(value); m.OK() {
			p.Topic = m.Value
			w.rf.add = append(w.rf.add, "topic")
			return true
		}
	}
	return false
}

// addUnits adds a unit cell's units with their roles, each unit once.
func (w *rowReader) addUnits(c Column, value string) (contact bool) {
	units, contact := w.s.parseUnits(value, c.First, c.Rest)
	if w.units == nil && len(units) > 0 {
		w.units = make([]model.UnitRole, 0, max(4, len(units))) // a row's lead and co-units, mostly
	}
	for _, u := range units {
		if !slices.ContainsFunc(w.units, func(x model.UnitRole) bool { return x.Name == u.Name }) {
			w.units = append(w.units, u)
		}
	}
	w.hasUnits = true
	return contact
}

// unit reads a single unit by its dictionary full name; an unknown one is
// noted. It reports a contact typed after the unit (市住建局 李四), left
// out of the name, for the caller to keep the cell.
func (w *rowReader) unit(f reflect.Value, value string) (contact bool) {
	names := model.SplitList(value)
	if len(names) == 0 {
		names = []string{value}
	}
	// several units in the cell (城关镇、市住建局, or a line each): each is
	// resolved and noted on its own, and kept joined by 、
	kept := names[:0]
	for i, name := range names {
		full, known := w.r.opt.Units.Resolve(name)
		if i > 0 && !known && model.ContactPart(name) {
			contact = true
			continue
		}
		if !known {
			w.r.noteUnknown([]string{full})
		}
		kept = append(kept, full)
	}
	f.SetString(strings.Join(kept, "、"))
	return contact
}

// keepExtra keeps a cell by its header in the record's Extra map.
func (w *rowReader) keepExtra(header, value string) {
	m := w.rv.FieldByIndex(w.s.extraIx)
	if m.IsNil() {
		m.Set(reflect.ValueOf(map[string]string{}))
	}
	m.SetMapIndex(reflect.ValueOf(header), reflect.ValueOf(value))
}

// extras keeps the cells of the columns no field takes; the plan names
// each such column once per sheet.
func (w *rowReader) extras() {
	s := w.s
	for _, b := range s.hdr.extras {
		if v := strings.TrimSpace(at(w.row.Cells, b.index)); v != "" {
			if w.row.IsNumeric(b.index) && dateLabel(b.label) {
				v = w.r.serialText(v)
			}
			w.keepExtra(b.label, v)
		}
	}
	if len(s.hdr.extras) == 0 || s.warnedExtra {
		return
	}
	s.warnedExtra = true
	r := w.r
	for _, b := range s.hdr.extras {
		if s.hdr.kind == model.KindTask && (isHeaderOf(b.label, problemHeaders) || isHeaderOf(b.label, nextHeaders)) {
			continue // a returned ledger's 存在问题 and 下步措施 go into the unit's progress report
		}
		col, _ := excelize.ColumnNumberToName(b.index + 1)
		r.res.Warnings = append(r.res.Warnings, model.Warning{Place: model.Place{File: r.file, Sheet: s.sheet, Row: s.hdr.lastRow, Column: col,
			Header: b.label}, Kind: s.hdr.kind,
			Kept:   r.tr("每行的值随记录保存在“其他列”，导出时写回", "each row's value is kept with its record under extra columns and exported back"),
			Reason: r.tr("没有对应的字段", "no field takes this column")})
	}
}

// resolveDeadlines reads the row's deadline cells once its assigned date is known.
func (w *rowReader) resolveDeadlines() {
	for _, pd := range w.deadlines {
		dl, err := w.resolveDeadline(pd)
		var pe *model.ParseError
		if !pd.numeric && model.UnreadDeadline(err) && errors.As(err, &pe) {
			// Words no rule reads (视情况而定) are kept as typed, without
			// a date: the item gets no light and counts in no overdue
			// figure until someone types a deadline the app can read. A
			// date that does not exist (2019年2月30日) still refuses the row.
			dl, err = model.Deadline{Text: pd.value}, nil
			w.warn(pd.b, pd.value, pd.b.column.Field,
				model.T("原文保存为完成时限，没有到期日期：不亮灯，不计入逾期", "kept as typed, without a due date: no light, not counted as overdue"),
				pe.Text)
		}
		if err != nil {
			w.rejectErr(pd.b, pd.value, err)
			continue
		}
		*w.rv.FieldByIndex(pd.fs.index).Addr().Interface().(*model.Date) = dl.Due
		w.rv.FieldByIndex(pd.fs.text).SetString(dl.Text)
		w.rv.FieldByIndex(pd.fs.kindIx).SetString(string(dl.Type))
	}
}

// resolveDeadline reads a deadline cell against the row's assigned date
// (else ref, the sheet's 填报日期 or the file's date) and the holiday
// calendar. A Taizhang export carries the date each deadline was resolved
// to in the hidden _due column ("2019-06-30 6月底"): while the cell still
// holds that text the date is taken as it is, so a clone never moves a
// deadline to another year.
func (w *rowReader) resolveDeadline(pd pendingDeadline) (model.Deadline, error) {
	s := w.s
	k := deadlineKey{value: pd.value, numeric: pd.numeric, ref: s.colRef(pd.b, w.ref)}
	if p, ok := s.paths["assigned_on"]; ok {
		k.assigned = *w.rv.FieldByIndex(p).Addr().Interface().(*model.Date)
	}
	if i, ok := s.hdr.hidden["_due"]; ok {
		k.due = at(w.row.Cells, i)
	}
	v, ok := s.deadlines[k]
	if !ok {
		v.dl, v.err = w.resolveDeadlineOf(k)
		s.deadlines[k] = v
	}
	return v.dl, v.err
}

// resolveDeadlineOf resolves a deadline cell not met before in the sheet.
func (w *rowReader) resolveDeadlineOf(k deadlineKey) (model.Deadline, error) {
	s, ref, assigned := w.s, k.ref, k.assigned
	pd := pendingDeadline{value: k.value, numeric: k.numeric}
	if k.due != "" {
		if due, text, ok := splitDue(k.due); ok && !pd.numeric && strings.TrimSpace(text) == pd.value {
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

// setUnits stores the row's units, lead units first (the lead is "the
// first listed unit").
func (w *rowReader) setUnits() {
	if !w.hasUnits {
		return
	}
	slices.SortStableFunc(w.units, func(a, b model.UnitRole) int {
		return boolRank(a.Role != model.RoleLead) - boolRank(b.Role != model.RoleLead)
	})
	*w.rv.FieldByIndex(w.s.paths["units"]).Addr().Interface().(*[]model.UnitRole) = w.units
}

// problemStatus: 解决情况 often says the state itself (已解决, 正在协调):
// without a status column it gives the status, and beside a 是否解决 否
// it tells open from in progress.
func (w *rowReader) problemStatus() {
	p, ok := w.rec.(*model.Problem)
	if !ok || p.Resolution == "" {
		return
	}
	switch {
	case w.statusCol == nil && p.Status == "":
		if m := model.ProblemStatuses.Match(p.Resolution); m.OK() {
			p.Status = m.Value
			w.rf.add = append(w.rf.add, "status")
		}
	case w.statusCol != nil && w.statusCol.column.Enum == yesNoResolved && p.Status == "open":
		if m := model.ProblemStatuses.Match(p.Resolution); m.OK() && m.Value == "in_progress" {
			p.Status = m.Value
		}
	}
	// 已于6月20日更换水泵: a solved problem's resolution says when
	if p.Status == "resolved" && p.ResolvedOn.IsZero() {
		if in := reDateIn.FindString(model.Fold(p.Resolution)); in != "" {
			if d, err := model.ParseDate(in, w.ref); err == nil {
				p.ResolvedOn = d
				w.rf.add = append(w.rf.add, "resolved_on")
			}
		}
	}
}

// setYear gives a village row its yearly figures, of the year the sheet
// reports unless a column named it.
func (w *rowReader) setYear() {
	if !w.hasYear {
		return
	}
	if w.year.Year == 0 {
		w.year.Year = w.ref.Y
	}
	w.rec.(*model.Village).Years = []model.VillageYear{w.year}
}

// reScale is a count with the measure word of a project's scale (21座,
// 3.2公里); households and people are beneficiaries, not a scale.
var reScale = regexp.MustCompile(`(\d+(?:\.\d+)?)(平方米|立方米|千瓦|公里|千米|延米|座|个|栋|间|米|亩|套|处|口|台|条|眼|所|盏|吨|头|只|株|棵|辆|块|孔|网箱)`)

// projectScale: without a 数量 column, the one count 建设内容及规模 names
// (21座大棚) is the project's quantity; two counts are no answer.
func (w *rowReader) projectScale(p *model.Project) {
	if p.Quantity != 0 || p.Content == "" || w.s.binds("quantity") {
		return
	}
	m := reScale.FindAllStringSubmatch(model.Fold(p.Content), 2)
	if len(m) != 1 {
		return
	}
	n, err := strconv.ParseFloat(m[0][1], 64)
	if err != nil {
		return
	}
	p.Quantity, p.QuantityUnit = n, m[0][2]
	w.rf.add = append(w.rf.add, "quantity", "quantity_unit")
}

// emitBySource passes on a fund for each source a row of a funds ledger
// split by source has money of, with the row's date, project and village.
func (w *rowReader) emitBySource(inc model.Incoming) {
	base := w.rec.(*model.Fund)
	fields := append(slices.Clip(inc.Fields), "source_text", "amount_fen")
	part := 0
	for _, sf := range w.bySource {
		fund := *base
		fund.Extra = maps.Clone(base.Extra)
		fund.SourceText, fund.AmountFen, fund.Source = sf.source, sf.fen, ""
		w.rec = &fund
		w.fundSource()
		fund.Normalize()
		if w.s.isDuplicate(w.row, &fund) {
			continue
		}
		in := inc
		in.Record, in.Fields = &fund, fields
		in.Ref.Part = part
		part++
		w.s.r.emit(in)
	}
	w.rec = base
}

// pointShortName: 城关镇社区服务中心（城关社区） is the point's name with its
// short name in brackets, when the bracket is a short form of the name
// (its characters in the name, in order) and no 简称 was given.
func (w *rowReader) pointShortName(p *model.Point) {
	if _, export := w.s.hdr.hidden["_id"]; export || p.ShortName != "" {
		return
	}
	name := model.Fold(strings.TrimSpace(p.Name))
	rest, ok := strings.CutSuffix(name, ")")
	i := strings.LastIndex(rest, "(")
	if !ok || i <= 0 {
		return
	}
	full, short := strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+1:])
	if utf8.RuneCountInString(short) < 2 || !inOrder(short, full) {
		return
	}
	p.Name, p.ShortName = full, short
	w.rf.add = append(w.rf.add, "short_name")
}

// inOrder reports whether every character of short is in long, in order.
func inOrder(short, long string) bool {
	for _, r := range short {
		i := strings.IndexRune(long, r)
		if i < 0 {
			return false
		}
		long = long[i+utf8.RuneLen(r):]
	}
	return true
}

// fundSource classifies a fund's typed source (a taught word first); what
// cannot be placed is noted and counts as other.
func (w *rowReader) fundSource() {
	fund, ok := w.rec.(*model.Fund)
	if !ok {
		return
	}
	if fund.SourceText == "" && w.s.section != "" {
		// a ledger grouped by source names it once, in the heading
		// (一、财政专项扶贫资金（2笔）); a heading naming none gives none
		if text := headingText(w.s.section); model.ClassifyFundSource(text) != "other" {
			fund.SourceText = text
			w.rf.add = append(w.rf.add, "source_text")
		}
	}
	if fund.SourceText == "" {
		return
	}
	r := w.r
	fund.Source = model.ClassifyFundSource(fund.SourceText)
	if v, ok := r.opt.Words.Lookup("funds.source", fund.SourceText); ok {
		fund.Source = model.FundSource(v)
	}
	if fund.Source == "other" {
		r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!第%d行：资金来源“%s”未能归类，计入“其他”", "%s row %d: fund source %q could not be classified and is counted under other"),
			w.s.sheet, w.row.Num, fund.SourceText))
	}
}

// visitNames: a liaison visit names its point by its full name (民主社区 →
// 西关街道民主社区), as the points known here or in this import say; the
// grassroots units the dictionary knows go by their full names (a unit met
// as 市发改委 and as 市发展和改革委员会 is one unit), others stay as typed.
func (w *rowReader) visitNames(v *model.Visit) {
	r := w.r
	if v.Type == "" && w.s.visitType != "" {
		v.Type = w.s.visitType
		w.rf.add = append(w.rf.add, "type")
	}
	if _, export := w.s.hdr.hidden["_id"]; v.Type == "" && v.TypeText == "" && v.Place != "" && !export {
		// nothing says the type: a visit to a liaison point is a liaison visit
		if _, known := resolvePoint(r.opt.Points, v.Place); known {
			v.Type = model.VisitLiaison
			w.rf.add = append(w.rf.add, "type")
		}
	}
	// one leader leads a visit: the others named with it go with it (a
	// Taizhang export's cell is the record's, kept as it is)
	_, export := w.s.hdr.hidden["_id"]
	if names := strings.FieldsFunc(v.Leader, func(c rune) bool { return strings.ContainsRune("、，,；;\n", c) }); len(names) > 1 && !export {
		v.Leader = strings.TrimSpace(names[0])
		people := names[1:]
		if v.People != "" {
			people = append(people, v.People)
		}
		for i := range people {
			people[i] = strings.TrimSpace(people[i])
		}
		v.People = strings.Join(people, "、")
		if !w.s.binds("people") {
			w.rf.add = append(w.rf.add, "people")
		}
	}
	if v.Point != "" {
		if full, known := resolvePoint(r.opt.Points, v.Point); known {
			v.Point = full
		}
	} else if v.Type == model.VisitLiaison && v.Place != "" && !w.s.binds("point") {
		// no 联系点 column: the place visited is the point
		if full, known := resolvePoint(r.opt.Points, v.Place); known {
			v.Point = full
			w.rf.add = append(w.rf.add, "point")
		}
	}
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

// resolvePoint names a liaison point by its full name, also when a ledger
// adds 联系点 to its name or short name (民主社区联系点).
func resolvePoint(points *model.UnitDict, name string) (string, bool) {
	if full, known := points.Resolve(name); known {
		return full, true
	}
	for _, suffix := range []string{"基层联系点", "联系点"} {
		if rest, ok := strings.CutSuffix(strings.TrimSpace(name), suffix); ok && rest != "" {
			if full, known := points.Resolve(rest); known {
				return full, true
			}
		}
	}
	return name, false
}

// statusDate fills the date a status cell carries (已办结（2019.6.30）),
// unless the row gave it.
func (w *rowReader) statusDate() {
	paths := w.s.paths
	status := w.rv.FieldByIndex(paths["status"]).String()
	field := statusDates[w.s.hdr.kind][status]
	if field == "" {
		return
	}
	text, ok := w.s.statusDates[w.statusRaw]
	if !ok { // a status column holds few distinct cells
		text = reDateIn.FindString(model.Fold(w.statusRaw))
		w.s.statusDates[w.statusRaw] = text
	}
	if text == "" {
		return
	}
	d, err := model.ParseDate(text, w.ref)
	if err != nil {
		return
	}
	if f := w.rv.FieldByIndex(paths[field]); f.Interface().(model.Date).IsZero() {
		f.Set(reflect.ValueOf(d))
		w.rf.add = append(w.rf.add, field)
	}
}

// progressReport: in a unit's returned ledger, a task row that states
// progress (办理进展, 完成百分比, 存在问题, 下步措施) is that unit's progress
// report (sheetReader.progressReport).
func (w *rowReader) progressReport() {
	t, ok := w.rec.(*model.Task)
	if !ok || w.s.filer == "" {
		return
	}
	if rep, ok := w.s.progressReport(t); ok {
		t.Reports = append(t.Reports, rep)
		w.rf.add = append(w.rf.add, "reports")
	}
}

// incoming is the row as the plan takes it: its fields, unit roles and the
// hidden columns of a Taizhang export (id, base revision, ancestry).
func (w *rowReader) incoming() model.Incoming {
	s, cells := w.s, w.row.Cells
	inc := model.Incoming{Record: w.rec, Ref: model.RowRef{File: w.r.file, Sheet: s.sheet, Row: w.row.Num}, Fields: s.fieldsOf(w.rf)}
	if s.hasUnitCols {
		inc.UnitRoles = rowUnitRoles(s.unitRoles, s.kindRoles, w.units)
	}
	if i, ok := s.hdr.hidden["_id"]; ok {
		w.rec.RecordMeta().ID = strings.TrimSpace(at(cells, i))
	}
	if i, ok := s.hdr.hidden["_rev"]; ok {
		inc.BaseRev = strings.TrimSpace(at(cells, i))
	}
	if i, ok := s.hdr.hidden["_ancestry"]; ok {
		for _, rev := range strings.Split(at(cells, i), ",") {
			if rev = strings.TrimSpace(rev); rev != "" {
				inc.Ancestry = append(inc.Ancestry, rev)
			}
		}
	}
	return inc
}

// statusFacts: the ledger's status word is taken as it is; what it implies
// and the row lacks is told.
func (w *rowReader) statusFacts() {
	if w.statusCol == nil {
		return
	}
	label := w.statusCol.column.Enum.Zh(w.rv.FieldByIndex(w.s.paths["status"]).String())
	for _, missing := range model.MissingFacts(w.rec) {
		w.warn(*w.statusCol, w.statusRaw, "", model.T("按台账记录为“"+label+"”", "recorded as the ledger states: "+label), missing)
	}
}
