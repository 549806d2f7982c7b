package workbook

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// FormatVersion is written to the _taizhang sheet; readers refuse nothing
// by it yet, it marks which layout an export has.
const FormatVersion = 1

const (
	metaSheet    = "_taizhang" // hidden: the export's metadata
	listsSheet   = "_lists"    // hidden: dropdown lists too long for a formula
	maxAncestry  = 20
	sampleRows   = 500 // rows measured for column widths
	maxListChars = 250 // a dropdown's inline list must stay under 255 characters
)

// hiddenHeaders head the hidden columns at the right of every exported sheet.
var hiddenHeaders = []string{"_id", "_rev", "_ancestry"}

// SheetData is one kind's records to export.
type SheetData struct {
	Kind    model.Kind
	Records []model.Record
	// Ancestry returns the revisions a record's revision descends from,
	// newest first; nil means none are known.
	Ancestry func(id string) []string
}

// ExportOptions describe an export.
type ExportOptions struct {
	Unit         string // the department the ledger is sent to: its fillable columns are highlighted
	Password     string // encrypts the file when set
	Generator    string // program and version
	Operator     string // who exported
	Now          time.Time
	ChangedSince model.Date // recorded in the metadata when the caller exported only changes
}

// Template writes an empty workbook with one sheet per kind, ready to fill.
func Template(w io.Writer, kinds []model.Kind) error {
	sheets := make([]SheetData, len(kinds))
	for i, k := range kinds {
		sheets[i] = SheetData{Kind: k}
	}
	return Export(w, sheets, ExportOptions{Generator: "taizhang template"})
}

// Export writes the records as a workbook: one sheet per kind, rows streamed
// so memory does not grow with the number of rows.
func Export(w io.Writer, sheets []SheetData, opt ExportOptions) error {
	if len(sheets) == 0 {
		return errors.New("export: no kinds to write")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	x := &exporter{f: f, opt: opt, styles: map[styleKey]int{}}
	var kinds []string
	for i, sd := range sheets {
		if !sd.Kind.Valid() {
			return fmt.Errorf("export: unknown kind %q", sd.Kind)
		}
		name := sd.Kind.SheetName()
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("export %s: %w", name, err)
		}
		if err := x.writeSheet(name, sd); err != nil {
			return fmt.Errorf("export %s: %w", name, err)
		}
		kinds = append(kinds, string(sd.Kind))
	}
	if err := x.writeLists(); err != nil {
		return fmt.Errorf("export lists: %w", err)
	}
	if err := x.writeMeta(kinds); err != nil {
		return fmt.Errorf("export metadata: %w", err)
	}
	f.SetActiveSheet(0)
	var opts []excelize.Options
	if opt.Password != "" {
		opts = append(opts, excelize.Options{Password: opt.Password})
	}
	if err := f.Write(w, opts...); err != nil {
		return fmt.Errorf("export: write workbook: %w", err)
	}
	return nil
}

type exporter struct {
	f      *excelize.File
	opt    ExportOptions
	styles map[styleKey]int
	lists  [][]string // columns of the _lists sheet
}

type styleKey struct {
	kind   string // header, text, wrap, date, money, int, float
	marked bool   // a fillable column in a --unit export
}

func (x *exporter) style(kind string, marked bool) (int, error) {
	k := styleKey{kind, marked}
	if id, ok := x.styles[k]; ok {
		return id, nil
	}
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	s := &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center"}}
	switch kind {
	case "header":
		s.Font = &excelize.Font{Bold: true}
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
		color := "D9E1F2"
		if marked {
			color = "FFD966"
		}
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	case "wrap":
		s.Alignment.WrapText = true
	case "date":
		fmtCode := "yyyy-mm-dd"
		s.CustomNumFmt = &fmtCode
	case "money":
		s.NumFmt = 4 // #,##0.00
	case "int":
		s.NumFmt = 1 // 0
	case "percent":
		s.NumFmt = 9 // 0%
	}
	if marked && kind != "header" {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	}
	id, err := x.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	x.styles[k] = id
	return id, nil
}

// cellStyleKind is the style a column's data cells use.
func cellStyleKind(c Column) string {
	switch c.Type {
	case TypeDate, TypeDeadline: // a typed deadline (6月底) is text: the date format leaves it alone
		return "date"
	case TypeMoney:
		return "money"
	case TypeInt:
		return "int"
	case TypePercent:
		return "percent"
	case TypeFloat:
		return "float"
	case TypeText, TypeUnits, TypeList:
		if c.Width >= 24 {
			return "wrap"
		}
	}
	return "text"
}

func (x *exporter) writeSheet(name string, sd SheetData) error {
	cols := Columns(sd.Kind)
	ncol := len(cols) + len(hiddenHeaders)
	lastVisible, _ := excelize.ColumnNumberToName(len(cols))
	lastCol, _ := excelize.ColumnNumberToName(ncol)
	nrows := len(sd.Records) + 1
	marked := func(c Column) bool { return x.opt.Unit != "" && c.Fill }

	// Settings written at the head of the sheet XML must precede the stream writer.
	if err := x.f.SetSheetDimension(name, fmt.Sprintf("A1:%s%d", lastCol, nrows)); err != nil {
		return err
	}
	if err := x.f.AutoFilter(name, fmt.Sprintf("A1:%s%d", lastVisible, nrows), nil); err != nil {
		return err
	}
	fit := true
	if err := x.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, orient, one, zero := 9, "landscape", 1, 0 // 9 = A4
	if err := x.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$1", name), Scope: name}); err != nil {
		return err
	}
	if err := x.addValidations(name, cols); err != nil {
		return err
	}

	// Rows measured for widths are kept and written first.
	sample := make([][]any, 0, min(sampleRows, len(sd.Records)))
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = textWidth(c.Header) + 2
	}
	cellStyles := make([]int, len(cols))
	for i, c := range cols {
		id, err := x.style(cellStyleKind(c), marked(c))
		if err != nil {
			return err
		}
		cellStyles[i] = id
	}
	for _, r := range sd.Records[:min(sampleRows, len(sd.Records))] {
		row, err := x.rowValues(cols, cellStyles, r, sd.Ancestry)
		if err != nil {
			return err
		}
		for i, c := range cols {
			if w := cellWidth(c, row[i]); w+2 > widths[i] {
				widths[i] = w + 2
			}
		}
		sample = append(sample, row)
	}

	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// excelize puts each new <col> first; Excel wants them ascending, so go backwards.
	if err := sw.SetColVisible(len(cols)+1, ncol, false); err != nil {
		return err
	}
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		w := float64(widths[i])
		if len(sd.Records) == 0 && c.Width > w {
			w = c.Width
		}
		maxW := 50.0
		if cellStyleKind(c) == "wrap" {
			maxW = 40
		}
		w = min(max(w, 6), maxW)
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, ncol)
	for i, c := range cols {
		id, err := x.style("header", marked(c))
		if err != nil {
			return err
		}
		header[i] = excelize.Cell{StyleID: id, Value: c.Header}
	}
	for i, h := range hiddenHeaders {
		header[len(cols)+i] = h
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	rowNum := 2
	for _, row := range sample {
		if err := sw.SetRow("A"+strconv.Itoa(rowNum), row); err != nil {
			return err
		}
		rowNum++
	}
	for _, r := range sd.Records[len(sample):] {
		row, err := x.rowValues(cols, cellStyles, r, sd.Ancestry)
		if err != nil {
			return err
		}
		if err := sw.SetRow("A"+strconv.Itoa(rowNum), row); err != nil {
			return err
		}
		rowNum++
	}
	return sw.Flush()
}

// addValidations puts a dropdown on every enumerated and yes/no column.
func (x *exporter) addValidations(sheet string, cols []Column) error {
	for i, c := range cols {
		var labels []string
		switch c.Type {
		case TypeEnum:
			labels = c.Enum.Labels
		case TypeBool:
			labels = []string{"是", "否"}
		default:
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows)
		if len([]rune(strings.Join(labels, ","))) < maxListChars {
			if err := dv.SetDropList(labels); err != nil {
				return err
			}
		} else {
			x.lists = append(x.lists, labels)
			lc, _ := excelize.ColumnNumberToName(len(x.lists))
			dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$1:$%s$%d", listsSheet, lc, lc, len(labels)))
		}
		// A warning, not a stop: ledgers use synonyms the importer understands.
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.Header, "请从下拉列表中选择")
		if c.Open {
			dv.ShowErrorMessage = false
		}
		if err := x.f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

func (x *exporter) writeLists() error {
	if len(x.lists) == 0 {
		return nil
	}
	if _, err := x.f.NewSheet(listsSheet); err != nil {
		return err
	}
	for c, labels := range x.lists {
		for r, l := range labels {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := x.f.SetCellStr(listsSheet, cell, l); err != nil {
				return err
			}
		}
	}
	return x.f.SetSheetVisible(listsSheet, false)
}

func (x *exporter) writeMeta(kinds []string) error {
	if _, err := x.f.NewSheet(metaSheet); err != nil {
		return err
	}
	rows := [][2]string{
		{"format_version", strconv.Itoa(FormatVersion)},
		{"exported_at", x.opt.Now.Format(time.RFC3339)},
		{"exported_by", x.opt.Operator},
		{"generator", x.opt.Generator},
		{"kinds", strings.Join(kinds, ",")},
		{"unit", x.opt.Unit},
		{"changed_since", x.opt.ChangedSince.String()},
	}
	for i, kv := range rows {
		if err := x.f.SetSheetRow(metaSheet, "A"+strconv.Itoa(i+1), &[]any{kv[0], kv[1]}); err != nil {
			return err
		}
	}
	return x.f.SetSheetVisible(metaSheet, false)
}

// rowValues renders one record as the cells of its row.
func (x *exporter) rowValues(cols []Column, styles []int, r model.Record, ancestry func(string) []string) ([]any, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, err
	}
	row := make([]any, len(cols)+len(hiddenHeaders))
	for i, c := range cols {
		v, err := exportValue(c, fields)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Header, err)
		}
		if v != nil {
			row[i] = excelize.Cell{StyleID: styles[i], Value: v}
		}
	}
	m := r.RecordMeta()
	n := len(cols)
	row[n], row[n+1] = nilIfEmpty(m.ID), nilIfEmpty(m.Rev)
	if ancestry != nil && m.ID != "" {
		revs := ancestry(m.ID)
		if len(revs) > maxAncestry {
			revs = revs[:maxAncestry]
		}
		row[n+2] = nilIfEmpty(strings.Join(revs, ","))
	}
	return row, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// exportValue is the cell value of a column: string, float64 serial/yuan,
// int, or nil for an empty cell.
func exportValue(c Column, fields map[string]json.RawMessage) (any, error) {
	raw := fields[c.Field]
	switch c.Type {
	case TypeDeadline:
		var d model.Deadline
		dl, _ := json.Marshal(map[string]json.RawMessage{
			"deadline": fields["deadline"], "deadline_text": fields["deadline_text"], "deadline_kind": fields["deadline_kind"]})
		if err := json.Unmarshal(dl, &d); err != nil {
			return nil, err
		}
		// A date typed as a date becomes a date cell; 6月底, 长期坚持 stay as typed.
		if !d.Due.IsZero() && (d.Text == "" || d.Text == d.Due.String()) {
			return serial(d.Due), nil
		}
		if d.Text != "" {
			return d.Text, nil
		}
		return nil, nil
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	switch c.Type {
	case TypeText, TypeUnit:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return nilIfEmpty(s), nil
	case TypeDate:
		var d model.Date
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, err
		}
		if d.IsZero() {
			return nil, nil
		}
		return serial(d), nil
	case TypeMoney:
		var f model.Fen
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, err
		}
		if f == 0 {
			return nil, nil
		}
		return float64(f) / 100, nil
	case TypePercent:
		// Written as a fraction with a percent format, as Excel stores 80%.
		var n int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, nil
		}
		return float64(n) / 100, nil
	case TypeInt:
		var n int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, nil
		}
		return n, nil
	case TypeFloat:
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, err
		}
		if f == 0 {
			return nil, nil
		}
		return f, nil
	case TypeBool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, err
		}
		if b {
			return "是", nil
		}
		return "否", nil
	case TypeEnum:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		if s == "" {
			return nil, nil
		}
		return c.Enum.Zh(s), nil
	case TypeUnits:
		var units []model.UnitRole
		if err := json.Unmarshal(raw, &units); err != nil {
			return nil, err
		}
		var names []string
		for _, u := range units {
			for _, role := range c.Export {
				if u.Role == role {
					names = append(names, u.Name)
				}
			}
		}
		return nilIfEmpty(strings.Join(names, "、")), nil
	case TypeList:
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		return nilIfEmpty(strings.Join(list, "、")), nil
	}
	return nil, fmt.Errorf("column type %d not writable", c.Type)
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is the 1900-system serial number of a day (after 1900-03-01, where
// Excel's phantom 1900-02-29 no longer matters).
func serial(d model.Date) float64 {
	return float64(d.Time().Sub(excelEpoch) / (24 * time.Hour))
}

// textWidth counts display columns: CJK and full-width characters take two.
func textWidth(s string) int {
	best := 0
	for _, line := range strings.Split(s, "\n") {
		w := 0
		for _, r := range line {
			if isWide(r) {
				w += 2
			} else {
				w++
			}
		}
		best = max(best, w)
	}
	return best
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd))
}

func cellWidth(c Column, v any) int {
	if cell, ok := v.(excelize.Cell); ok {
		v = cell.Value
	}
	switch v := v.(type) {
	case nil:
		return 0
	case string:
		return textWidth(v)
	case float64:
		switch c.Type {
		case TypeDate, TypeDeadline:
			return 10
		case TypeMoney:
			s := strconv.FormatFloat(v, 'f', 2, 64)
			return len(s) + len(s)/4
		}
		return len(strconv.FormatFloat(v, 'f', -1, 64))
	case int64:
		return len(strconv.FormatInt(v, 10))
	}
	return 0
}
