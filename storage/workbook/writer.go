package workbook

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// FormatVersion is written to the _taizhang sheet; readers refuse nothing
// by it yet, it marks which layout an export has. 2: a list sheet's
// 完成进度 is a fraction with a percent format, as in the task sheet (1
// wrote it as a whole number, which read back 1% as 100%).
const FormatVersion = 2

const (
	metaSheet    = "_taizhang" // hidden: the export's metadata
	listsSheet   = "_lists"    // hidden: dropdown lists too long for a formula
	maxAncestry  = 20
	sampleRows   = 500 // rows measured for column widths
	maxListChars = 250 // a dropdown's inline list must stay under 255 characters
)

// hiddenHeaders head the hidden columns at the right of every exported sheet.
// _due carries each deadline's resolved date with the text it was resolved
// from, so a clone keeps the date (see resolveDeadline).
var hiddenHeaders = []string{"_id", "_rev", "_ancestry", "_due"}

// SheetData is one kind's records to export.
type SheetData struct {
	Kind    model.Kind
	Records []model.Record
	// Ancestry returns the revisions a record's revision descends from,
	// newest first; nil means none are known.
	Ancestry func(id string) []string
	// Each, when set, streams the rows instead of Records (large exports
	// keep memory flat): it calls yield for every record with its ancestry,
	// and Count must be the number of records it will yield. It runs on a
	// goroutine of its own, a few records ahead of the rows written.
	Each  func(yield func(r model.Record, ancestry []string) error) error
	Count int
}

// each walks the sheet's records with their ancestry.
func (sd SheetData) each(yield func(r model.Record, ancestry []string) error) error {
	if sd.Each != nil {
		return sd.eachAhead(yield)
	}
	for _, r := range sd.Records {
		var anc []string
		if sd.Ancestry != nil && r.RecordMeta().ID != "" {
			anc = sd.Ancestry(r.RecordMeta().ID)
		}
		if err := yield(r, anc); err != nil {
			return err
		}
	}
	return nil
}

// aheadBatch and aheadBatches bound the records read ahead of the rows
// being written: a few hundred, whatever the number of rows.
const (
	aheadBatch   = 64
	aheadBatches = 4
)

var errStopped = errors.New("export stopped")

// eachAhead runs Each on a goroutine of its own, a few batches ahead of
// yield: reading and decoding the store's records took as long as
// writing their rows, and on two cores the two overlap.
func (sd SheetData) eachAhead(yield func(r model.Record, ancestry []string) error) error {
	type item struct {
		r   model.Record
		anc []string
	}
	batches := make(chan []item, aheadBatches)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([]item, 0, aheadBatch)
		send := func() error {
			select {
			case <-stop: // checked first: the select below picks at random when both are ready
				return errStopped
			default:
			}
			select {
			case batches <- batch:
				batch = make([]item, 0, aheadBatch)
				return nil
			case <-stop:
				return errStopped
			}
		}
		err := sd.Each(func(r model.Record, anc []string) error {
			batch = append(batch, item{r, anc})
			if len(batch) == aheadBatch {
				return send()
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = send()
		}
		done <- err
	}()
	var err error
write:
	for batch := range batches {
		for _, it := range batch {
			if err = yield(it.r, it.anc); err != nil {
				close(stop) // the reader stops at its next batch
				break write
			}
		}
	}
	if readErr := <-done; err == nil && !errors.Is(readErr, errStopped) {
		err = readErr
	}
	return err
}

func (sd SheetData) count() int {
	if sd.Each != nil {
		return sd.Count
	}
	return len(sd.Records)
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
	x := &exporter{f: f, opt: opt, styles: map[styleKey]int{}, paths: map[reflect.Type]map[string][]int{},
		streams: map[string]*rowStream{}}
	defer x.removeStreams()
	// Every sheet is set up before any rows are streamed (sheetxml.go): the
	// rows go to streams of their own, the sheets in excelize stay empty.
	var kinds []string
	preps := make([]*sheetPrep, len(sheets))
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
		if preps[i], err = x.prepareSheet(name, sd); err != nil {
			return fmt.Errorf("export %s: %w", name, err)
		}
		kinds = append(kinds, string(sd.Kind))
	}
	// The task list sheets stand after the ledgers; their rows are
	// streamed with the tasks (startSubSheets).
	withTasks := slices.ContainsFunc(sheets, func(sd SheetData) bool { return sd.Kind == model.KindTask })
	if withTasks {
		for _, name := range subOrder {
			if _, err := f.NewSheet(name); err != nil {
				return fmt.Errorf("export task lists: %w", err)
			}
		}
	}
	x.mapParts()
	if err := x.writeLists(); err != nil {
		return fmt.Errorf("export lists: %w", err)
	}
	if err := x.writeMeta(kinds); err != nil {
		return fmt.Errorf("export metadata: %w", err)
	}
	f.SetActiveSheet(0)
	if withTasks {
		if err := x.startSubSheets(); err != nil {
			return fmt.Errorf("export task lists: %w", err)
		}
	}
	for i, sd := range sheets {
		if err := x.streamSheet(sd.Kind.SheetName(), sd, preps[i]); err != nil {
			return fmt.Errorf("export %s: %w", sd.Kind.SheetName(), err)
		}
	}
	if withTasks {
		if err := x.finishSubSheets(); err != nil {
			return fmt.Errorf("export task lists: %w", err)
		}
	}
	// The file's own dates: a reader takes the year of a text date such as
	// 年底前 from them when nothing nearer gives one (excelize would write 2006).
	stamp := opt.Now.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Created: stamp, Modified: stamp,
		Creator: opt.Generator, LastModifiedBy: opt.Operator, Title: strings.Join(kinds, ",")}); err != nil {
		return fmt.Errorf("export properties: %w", err)
	}
	var opts []excelize.Options
	if opt.Password != "" {
		// An encrypted file is encrypted whole: excelize zips it into a
		// buffer of its own.
		opts = append(opts, excelize.Options{Password: opt.Password})
		f.SetZipWriter(func(buf io.Writer) excelize.ZipWriter { return newSplicer(buf, x.streams) })
	} else {
		// excelize builds the whole file in a buffer before copying it to
		// w (34 MB for 100,000 tasks, grown by doubling); a zip writer on w
		// itself writes the file as it is made and leaves that buffer
		// empty.
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSplicer(w, x.streams) })
	}
	if err := f.Write(w, opts...); err != nil {
		return fmt.Errorf("export: write workbook: %w", err)
	}
	return nil
}

// zipLevel is the export's DEFLATE level. Compressing the sheets took a
// quarter of a large export at the default level (6); level 3 took half
// as long on a 100,000-task ledger for a file 12% larger. Once the rows
// were written without excelize, compressing them was as costly as reading
// the records from the store: level 1 (Go's fastest matcher) takes a
// third less CPU than level 3 for a file 14% larger (100k: 37.6 -> 42.8 MB).
const zipLevel = 1

// newZipWriter is a zip writer on w that compresses at zipLevel.
func newZipWriter(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, zipLevel)
	})
	return zw
}

type exporter struct {
	f       *excelize.File
	opt     ExportOptions
	styles  map[styleKey]int
	lists   [][]string // columns of the _lists sheet
	paths   map[reflect.Type]map[string][]int
	subs    map[string]*subSheet  // the tasks' list sheets, streamed (subrecords.go)
	parts   map[string]string     // each sheet's part in the package, by name
	streams map[string]*rowStream // the streamed sheets' rows, by part
}

// mapParts finds each sheet's part: excelize names a new sheet's part
// after its sheet id (the splicer fails the export if one is missing).
func (x *exporter) mapParts() {
	x.parts = map[string]string{}
	for id, name := range x.f.GetSheetMap() {
		x.parts[name] = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
	}
}

// openStream starts the rows of a sheet.
func (x *exporter) openStream(name string) (*rowStream, error) {
	part, ok := x.parts[name]
	if !ok {
		return nil, fmt.Errorf("no part for sheet %s", name)
	}
	s, err := newRowStream()
	if err != nil {
		return nil, err
	}
	x.streams[part] = s
	return s, nil
}

// removeStreams deletes the streams' temporary files.
func (x *exporter) removeStreams() {
	for _, s := range x.streams {
		s.remove()
	}
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

// reportColumns are what a department writes beside an item's progress in
// the ledger sent to it (the cover sheet asks for them): empty, and read
// back as its report's problems and next steps (progressReport), never
// stored with the item.
var reportColumns = []Column{
	{Header: problemHeaders[0], Type: TypeText, Width: 24, Fill: true},
	{Header: nextHeaders[0], Type: TypeText, Width: 24, Fill: true},
}

func (x *exporter) columns(k model.Kind) []Column { return ExportColumns(k, x.opt.Unit) }

// ExportColumns are the columns of an exported sheet of kind k: the kind's,
// and in an item ledger sent to a department (unit) the report columns
// after its 完成进度.
func ExportColumns(k model.Kind, unit string) []Column {
	cols := Columns(k)
	if unit == "" || k != model.KindTask {
		return cols
	}
	at := slices.IndexFunc(cols, func(c Column) bool { return c.Field == "percent" }) + 1
	return slices.Insert(slices.Clone(cols), at, reportColumns...)
}

// sheetPrep is what prepareSheet settles for streamSheet.
type sheetPrep struct {
	cols       []Column
	cellStyles []int
	nrows      int
}

// prepareSheet sets up a sheet in excelize: dimension, filter, page
// setup, validations and the cell styles.
func (x *exporter) prepareSheet(name string, sd SheetData) (*sheetPrep, error) {
	cols := x.columns(sd.Kind)
	ncol := len(cols) + len(hiddenHeaders)
	lastVisible, _ := excelize.ColumnNumberToName(len(cols))
	lastCol, _ := excelize.ColumnNumberToName(ncol)
	nrows := sd.count() + 1
	marked := func(c Column) bool { return x.opt.Unit != "" && c.Fill }

	// The sheet in excelize holds everything but the rows (sheetxml.go).
	if err := x.f.SetSheetDimension(name, fmt.Sprintf("A1:%s%d", lastCol, nrows)); err != nil {
		return nil, err
	}
	if err := x.f.AutoFilter(name, fmt.Sprintf("A1:%s%d", lastVisible, nrows), nil); err != nil {
		return nil, err
	}
	fit := true
	if err := x.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	size, orient, one, zero := 9, "landscape", 1, 0 // 9 = A4
	if err := x.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return nil, err
	}
	if err := x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$1", name), Scope: name}); err != nil {
		return nil, err
	}
	if err := x.addValidations(name, cols); err != nil {
		return nil, err
	}

	cellStyles := make([]int, len(cols))
	for i, c := range cols {
		id, err := x.style(cellStyleKind(c), marked(c))
		if err != nil {
			return nil, err
		}
		cellStyles[i] = id
	}
	return &sheetPrep{cols: cols, cellStyles: cellStyles, nrows: nrows}, nil
}

// streamSheet writes the sheet's rows to a stream of its own, then sets
// the column widths (fitted to the first rows), the hidden id columns and
// the frozen header on the sheet in excelize.
func (x *exporter) streamSheet(name string, sd SheetData, p *sheetPrep) error {
	cols, cellStyles, nrows := p.cols, p.cellStyles, p.nrows
	s, err := x.openStream(name)
	if err != nil {
		return err
	}
	marked := func(c Column) bool { return x.opt.Unit != "" && c.Fill }
	widths := make([]int, len(cols))
	s.row(1, ` ht="30" customHeight="1"`)
	for i, c := range cols {
		id, err := x.style("header", marked(c))
		if err != nil {
			return err
		}
		s.text(i, 1, id, c.Header)
		widths[i] = textWidth(c.Header) + 2
	}
	for i, h := range hiddenHeaders {
		s.text(len(cols)+i, 1, 0, h)
	}
	s.endRow()

	row := make([]any, len(cols)+len(hiddenHeaders))
	rowNum := 2
	err = sd.each(func(r model.Record, ancestry []string) error {
		if err := x.rowValues(cols, r, ancestry, row); err != nil {
			return err
		}
		if rowNum-1 <= sampleRows { // the first rows are measured for the column widths
			for i, c := range cols {
				if w := cellWidth(c, row[i]); w+2 > widths[i] {
					widths[i] = w + 2
				}
			}
		}
		s.row(rowNum, "")
		for i, v := range row {
			style := 0
			if i < len(cols) {
				style = cellStyles[i]
			}
			if err := s.cell(i, rowNum, style, v); err != nil {
				return fmt.Errorf("row %d: %w", rowNum, err)
			}
		}
		s.endRow()
		rowNum++
		return nil
	})
	if err != nil {
		return err
	}
	if rowNum-1 != nrows {
		return fmt.Errorf("wrote %d rows, expected %d", rowNum-2, nrows-1)
	}
	if err := s.finish(); err != nil {
		return err
	}
	return x.layColumns(name, cols, widths, sd.count() == 0)
}

// layColumns sets the column widths, hides the id columns and freezes the
// header row.
func (x *exporter) layColumns(name string, cols []Column, widths []int, empty bool) error {
	ncol := len(cols) + len(hiddenHeaders)
	for i, c := range cols {
		w := float64(widths[i])
		if empty && c.Width > w {
			w = c.Width
		}
		maxW := 50.0
		if cellStyleKind(c) == "wrap" {
			maxW = 40
		}
		w = min(max(w, 6), maxW)
		if err := x.f.SetColWidth(name, colName(i), colName(i), w); err != nil {
			return err
		}
	}
	if err := x.f.SetColVisible(name, colName(len(cols))+":"+colName(ncol-1), false); err != nil {
		return err
	}
	return x.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
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

// rowValues renders one record as the values of its row, in row: a
// string, a float64 or int64, or nil for an empty cell.
func (x *exporter) rowValues(cols []Column, r model.Record, ancestry []string, row []any) error {
	rv := reflect.ValueOf(r).Elem()
	paths, ok := x.paths[rv.Type()]
	if !ok {
		paths = fieldPaths(rv.Type())
		x.paths[rv.Type()] = paths
	}
	get := func(field string) (reflect.Value, bool) {
		p, ok := paths[field]
		if !ok {
			return reflect.Value{}, false
		}
		return rv.FieldByIndex(p), true
	}
	clear(row)
	for i, c := range cols {
		v, err := exportValue(c, get)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Header, err)
		}
		row[i] = v
	}
	m := r.RecordMeta()
	n := len(cols)
	row[n], row[n+1] = nilIfEmpty(m.ID), nilIfEmpty(m.Rev)
	if t, ok := r.(*model.Task); ok {
		row[n+3] = nilIfEmpty(dueCell(t.Deadline))
		if err := x.writeSubs(t); err != nil {
			return err
		}
	}
	if len(ancestry) > 0 && m.ID != "" {
		revs := ancestry
		if len(revs) > maxAncestry {
			revs = revs[:maxAncestry]
		}
		row[n+2] = nilIfEmpty(strings.Join(revs, ","))
	}
	return nil
}

// fieldPaths maps a record type's JSON field names to struct field indexes
// (embedded Meta and Deadline included): reading fields by reflection is
// many times faster than a JSON round trip per row.
func fieldPaths(t reflect.Type) map[string][]int {
	m := map[string][]int{}
	for _, f := range reflect.VisibleFields(t) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || f.Anonymous {
			continue
		}
		if _, dup := m[name]; !dup {
			m[name] = f.Index
		}
	}
	return m
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

var (
	dateType = reflect.TypeFor[model.Date]()
	unitType = reflect.TypeFor[[]model.UnitRole]()
)

// exportValue is the cell value of a column: string, float64 serial/yuan,
// int64, or nil for an empty cell.
func exportValue(c Column, get func(string) (reflect.Value, bool)) (any, error) {
	if c.Type == TypeDeadline {
		due, _ := get("deadline")
		text, _ := get("deadline_text")
		d, t := due.Interface().(model.Date), text.String()
		// A date typed as a date becomes a date cell; 6月底, 长期坚持 stay as typed.
		if !d.IsZero() && (t == "" || t == d.String()) {
			return serial(d), nil
		}
		return nilIfEmpty(t), nil
	}
	if c.Type == TypeYear {
		years, ok := get("years")
		if !ok {
			return nil, fmt.Errorf("no field years")
		}
		v := &model.Village{Years: years.Interface().([]model.VillageYear)}
		latest := v.Latest()
		if n := reflect.ValueOf(latest).FieldByIndex(yearPaths[c.Field]).Int(); n != 0 {
			return n, nil
		}
		return nil, nil
	}
	if c.Field == "" {
		return nil, nil // a report column, for the department to fill
	}
	v, ok := get(c.Field)
	if !ok {
		return nil, fmt.Errorf("no field %q", c.Field)
	}
	switch c.Type {
	case TypeText, TypeUnit:
		return nilIfEmpty(v.String()), nil
	case TypeVocab:
		if vocab, ok := model.VocabOf(v.String()); ok {
			return vocab.Title("zh"), nil
		}
		return nilIfEmpty(v.String()), nil
	case TypeVocabValue:
		of, _ := get("of")
		if vocab, ok := model.VocabOf(of.String()); ok && v.String() != "" {
			return vocab.Label(v.String(), "zh"), nil
		}
		return nilIfEmpty(v.String()), nil
	case TypeDate:
		if v.Type() != dateType {
			return nil, fmt.Errorf("field %q is not a date", c.Field)
		}
		d := v.Interface().(model.Date)
		if d.IsZero() {
			return nil, nil
		}
		return serial(d), nil
	case TypeMoney:
		if f := v.Int(); f != 0 {
			return float64(f) / 100, nil
		}
	case TypePercent:
		// Written as a fraction with a percent format, as Excel stores 80%.
		if n := v.Int(); n != 0 {
			return float64(n) / 100, nil
		}
	case TypeInt:
		if n := v.Int(); n != 0 {
			return n, nil
		}
	case TypeFloat:
		if f := v.Float(); f != 0 {
			return f, nil
		}
	case TypeBool:
		if v.Bool() {
			return "是", nil
		}
		return "否", nil
	case TypeEnum:
		// A word no rule knew goes back as it was typed, so the ledger
		// reads as the department wrote it and re-imports unchanged.
		if t, ok := get(c.Field + "_text"); ok && t.String() != "" {
			return t.String(), nil
		}
		if s := v.String(); s != "" {
			return c.Enum.Zh(s), nil
		}
	case TypeExtra:
		if m, _ := v.Interface().(map[string]string); len(m) > 0 {
			return formatExtra(m), nil
		}
	case TypeUnits:
		if v.Type() != unitType {
			return nil, fmt.Errorf("field %q is not a unit list", c.Field)
		}
		var names []string
		for _, u := range v.Interface().([]model.UnitRole) {
			if slices.Contains(c.Export, u.Role) {
				names = append(names, u.Name)
			}
		}
		return nilIfEmpty(strings.Join(names, "、")), nil
	case TypeList:
		list, _ := v.Interface().([]string)
		return nilIfEmpty(strings.Join(list, "、")), nil
	default:
		return nil, fmt.Errorf("column type %d not writable", c.Type)
	}
	return nil, nil
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
