package workbook

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// parseRow turns one data row into an Incoming, or into Rejections naming
// every bad cell of the row.
func (s *sheetReader) parseRow(num int, row []string) {
	r := s.r
	kind := s.hdr.kind
	// Values are set on the record by JSON field name, so the column table
	// stays data; reflection instead of a JSON round trip keeps 100k rows fast.
	rec := model.New(kind)
	rv := reflect.ValueOf(rec).Elem()
	paths, ok := r.paths[rv.Type()]
	if !ok {
		paths = fieldPaths(rv.Type())
		r.paths[rv.Type()] = paths
	}
	var bad []model.Rejection
	var units []model.UnitRole
	hasUnits := false
	reject := func(b boundCol, value, reason string) {
		col, _ := excelize.ColumnNumberToName(b.index + 1)
		bad = append(bad, model.Rejection{File: r.file, Sheet: s.sheet, Row: num, Column: col,
			Header: b.label, Value: value, Reason: reason})
	}
	set := func(field string, v any) {
		p, ok := paths[field]
		if !ok {
			panic(fmt.Sprintf("workbook: %s has no field %q", kind, field)) // a bug in the column table
		}
		f := rv.FieldByIndex(p)
		x := reflect.ValueOf(v)
		if x.Type() != f.Type() && x.CanConvert(f.Type()) {
			x = x.Convert(f.Type())
		}
		f.Set(x)
	}

	// Text dates without a year take it from the row's assigned date, else
	// the sheet's 填报日期, else the file's date.
	ref := s.ref
	if ref.IsZero() {
		ref = r.fileRef
	}
	order := slices.Clone(s.hdr.cols)
	slices.SortStableFunc(order, func(a, b boundCol) int {
		return boolRank(b.column.Field == "assigned_on") - boolRank(a.column.Field == "assigned_on")
	})
	for _, b := range order {
		value := strings.TrimSpace(strings.ReplaceAll(at(row, b.index), "\r\n", "\n"))
		cellRef, _ := excelize.CoordinatesToCellName(b.index+1, num)
		if fc, ok := s.sc.formulas[cellRef]; ok {
			if !fc.cached && value == "" {
				reject(b, "="+fc.text, r.tr("公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入，或改为数值",
					"a formula without a computed value: open and save the file in Excel/WPS, or type the value"))
				continue
			}
			r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!%s：公式 =%s —— 使用了其计算结果 %q", "%s!%s: formula =%s — its cached value %q was used"),
				s.sheet, cellRef, fc.text, value))
		}
		if value == "" {
			continue
		}
		c := b.column
		switch c.Type {
		case TypeText:
			set(c.Field, value)
		case TypeDate:
			d, err := r.parseDateCell(value, ref)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set(c.Field, d)
			if c.Field == "assigned_on" && !d.IsZero() {
				ref = d
			}
		case TypeDeadline:
			dl, err := r.parseDeadlineCell(value, ref)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set("deadline", dl.Due)
			set("deadline_text", dl.Text)
			set("deadline_kind", dl.Type)
		case TypeMoney:
			text := value
			if c.wan && isPlainNumber(value) {
				text += "万"
			}
			f, err := model.ParseMoney(text)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set(c.Field, f)
		case TypeInt:
			n, err := model.ParseInt(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set(c.Field, n)
		case TypeFloat:
			n, err := model.ParseFloat(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set(c.Field, n)
		case TypePercent:
			n, err := model.ParsePercent(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set(c.Field, n)
		case TypeBool:
			v, err := model.ParseBool(value)
			if err != nil {
				reject(b, value, r.reason(err))
				continue
			}
			set(c.Field, v)
		case TypeEnum:
			v, ok := c.Enum.Parse(value)
			if !ok && !c.Open {
				reject(b, value, fmt.Sprintf(r.tr("不是可选的值，可选：%s", "not one of the choices: %s"),
					strings.Join(c.Enum.Labels, "、")))
				continue
			}
			if !ok {
				v = model.Fold(value)
			}
			set(c.Field, v)
		case TypeUnits:
			got, unknown := r.opt.Units.ParseUnitCell(value, c.First, c.Rest)
			for _, u := range got {
				if !slices.ContainsFunc(units, func(x model.UnitRole) bool { return x.Name == u.Name }) {
					units = append(units, u)
				}
			}
			r.noteUnknown(unknown)
			hasUnits = true
		case TypeUnit:
			full, known := r.opt.Units.Resolve(value)
			if !known {
				r.noteUnknown([]string{full})
			}
			set(c.Field, full)
		case TypeList:
			set(c.Field, model.SplitList(value))
		}
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
		set("units", units)
	}
	if kind == model.KindFund {
		if text := rec.(*model.Fund).SourceText; text != "" {
			src := model.ClassifyFundSource(text)
			set("source", src)
			if src == "other" {
				r.res.Notes = append(r.res.Notes, fmt.Sprintf(r.tr("%s!第%d行：资金来源“%s”未能归类，计入“其他”", "%s row %d: fund source %q could not be classified and is counted under other"),
					s.sheet, num, text))
			}
		}
	}
	if kind == model.KindProposal {
		s.fillProposal(rec.(*model.Proposal))
	}
	inc := model.Incoming{Record: rec, Ref: model.RowRef{File: r.file, Sheet: s.sheet, Row: num}}
	if s.hasUnitCols {
		inc.UnitRoles = rowUnitRoles(s.unitRoles, s.kindRoles, units)
	}
	if i, ok := s.hdr.hidden["_id"]; ok {
		rec.RecordMeta().ID = strings.TrimSpace(at(row, i))
	}
	if i, ok := s.hdr.hidden["_rev"]; ok {
		inc.BaseRev = strings.TrimSpace(at(row, i))
	}
	if i, ok := s.hdr.hidden["_ancestry"]; ok {
		for _, rev := range strings.Split(at(row, i), ",") {
			if rev = strings.TrimSpace(rev); rev != "" {
				inc.Ancestry = append(inc.Ancestry, rev)
			}
		}
	}
	rec.Normalize()
	for _, b := range s.hdr.cols {
		inc.Fields = appendField(inc.Fields, b.column)
	}
	if kind == model.KindFund && slices.Contains(inc.Fields, "source_text") {
		inc.Fields = append(inc.Fields, "source")
	}
	if s.proposal.body != "" && !slices.Contains(inc.Fields, "body") {
		inc.Fields = append(inc.Fields, "body")
	}
	if s.proposal.session != "" && !slices.Contains(inc.Fields, "session") {
		inc.Fields = append(inc.Fields, "session")
	}
	if s.isDuplicate(num, rec) {
		return
	}
	r.res.Rows = append(r.res.Rows, inc)
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
		if sess, ok := normalizeSession(p.Session); ok {
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
	if r.opt.Lang == "zh" {
		return fmt.Sprintf("与工作表“%s”第%d行重复（编号相同）", first.Sheet, first.Row)
	}
	return fmt.Sprintf("duplicates row %d of sheet %q (same number)", first.Row, first.Sheet)
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

func (r *reader) parseDateCell(v string, ref model.Date) (model.Date, error) {
	if f, ok := serialValue(v); ok {
		return model.DateFromSerial(f, r.date1904)
	}
	if d, ok := isoDateTime(v); ok {
		return d, nil
	}
	return model.ParseDate(v, ref)
}

func (r *reader) parseDeadlineCell(v string, ref model.Date) (model.Deadline, error) {
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
