package report

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// Fills that make late units stand out (Excel's own "bad" and "neutral"
// colours, which also print legibly in grey).
const (
	fillNone   = ""
	fillRed    = "FFC7CE"
	fillYellow = "FFEB9C"
	fillTotal  = "F2F2F2"
)

// Column kinds: how a column's cells are formatted.
const (
	kText  = "text"
	kWrap  = "wrap"
	kInt   = "int"
	kPct   = "pct"   // a rate (fraction) shown as 0.0%; nil as "—"
	kWan   = "wan"   // money in 万元, two decimals
	kDate  = "date"  // a model.Date as a real date cell
	kTitle = "title" // internal: the sheet title
	kHead  = "head"  // internal: header cells
	kNote  = "note"  // internal: a line of text under the title
)

// col is one column of a table.
type col struct {
	head  string
	kind  string
	width float64
}

// book is the workbook being written with its cached styles. Errors are
// sticky: the first one stops the writing and is returned by err.
type book struct {
	f      *excelize.File
	lang   string
	styles map[[2]string]int
	err    error
}

func (b *book) fail(what string, err error) {
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("%s: %w", what, err)
	}
}

func (b *book) style(kind, fill string) int {
	key := [2]string{kind, fill}
	if id, ok := b.styles[key]; ok {
		return id
	}
	thin := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	s := &excelize.Style{Border: thin, Alignment: &excelize.Alignment{Vertical: "center"}}
	switch kind {
	case kTitle:
		s = &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}
	case kNote:
		s = &excelize.Style{Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}
	case kHead:
		s.Font = &excelize.Font{Bold: true}
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}
	case kWrap:
		s.Alignment.WrapText = true
	case kInt:
		s.NumFmt = 1 // 0
		s.Alignment.Horizontal = "right"
	case kPct:
		code := "0.0%"
		s.CustomNumFmt = &code
		s.Alignment.Horizontal = "right"
	case kWan:
		s.NumFmt = 4 // #,##0.00
	case kDate:
		code := "yyyy-mm-dd"
		s.CustomNumFmt = &code
		s.Alignment.Horizontal = "center"
	}
	if fill != fillNone {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}
	}
	id, err := b.f.NewStyle(s)
	b.fail("style", err)
	b.styles[key] = id
	return id
}

// sheet writes one worksheet top to bottom. Long lists (the overdue
// list can run to tens of thousands of rows) go through excelize's
// stream writer, which is several times faster; such a sheet takes no
// per-cell styling afterwards and no charts.
type sheet struct {
	b         *book
	name      string
	row       int // the next row to write
	ncols     int
	widths    []float64
	headerRow int // the first table's header row, repeated on every printed page
	sw        *excelize.StreamWriter
}

// newSheet adds a worksheet (the first one renames Sheet1) with column
// widths and the print setup: A4, fitted to the page width, page numbers
// in the footer.
func (b *book) newSheet(name string, widths []float64, landscape bool) *sheet {
	return b.addSheet(name, widths, landscape, false)
}

// newListSheet is newSheet for a long list, written as a stream; finish
// must be called to write it out.
func (b *book) newListSheet(name string, widths []float64, landscape bool) *sheet {
	return b.addSheet(name, widths, landscape, true)
}

func (b *book) addSheet(name string, widths []float64, landscape, stream bool) *sheet {
	if b.err != nil {
		return &sheet{b: b, name: name, row: 1}
	}
	if len(b.f.GetSheetList()) == 1 && b.f.GetSheetList()[0] == "Sheet1" {
		b.fail("sheet "+name, b.f.SetSheetName("Sheet1", name))
	} else {
		_, err := b.f.NewSheet(name)
		b.fail("sheet "+name, err)
	}
	fit, orient, size, one, zero := true, "portrait", 9, 1, 0 // 9 = A4
	if landscape {
		orient = "landscape"
	}
	b.fail("print setup "+name, b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.fail("print setup "+name, b.f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	b.fail("print setup "+name, b.f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: pick(b.lang, "&L&A&C第 &P 页，共 &N 页", "&L&A&CPage &P of &N")}))
	s := &sheet{b: b, name: name, row: 1, ncols: len(widths), widths: widths}
	if stream {
		// Settings kept in the sheet's head (print setup above) must precede the stream.
		sw, err := b.f.NewStreamWriter(name)
		b.fail("sheet "+name, err)
		s.sw = sw
	}
	for i, w := range widths {
		if s.sw != nil {
			b.fail("sheet "+name, s.sw.SetColWidth(i+1, i+1, w))
			continue
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		b.fail("sheet "+name, b.f.SetColWidth(name, c, c, w))
	}
	return s
}

func cell(c, r int) string {
	name, _ := excelize.CoordinatesToCellName(c, r)
	return name
}

// line writes text merged across the sheet's width (a title or a note).
func (s *sheet) line(text, kind string, height float64) {
	if s.b.err != nil {
		return
	}
	f, r := s.b.f, s.row
	if s.sw != nil {
		s.b.fail(s.name, s.sw.SetRow(cell(1, r), []any{excelize.Cell{StyleID: s.b.style(kind, fillNone), Value: text}},
			excelize.RowOpts{Height: height}))
		if s.ncols > 1 {
			s.b.fail(s.name, s.sw.MergeCell(cell(1, r), cell(s.ncols, r)))
		}
		s.row++
		return
	}
	s.b.fail(s.name, f.SetCellValue(s.name, cell(1, r), text))
	if s.ncols > 1 {
		s.b.fail(s.name, f.MergeCell(s.name, cell(1, r), cell(s.ncols, r)))
	}
	s.b.fail(s.name, f.SetCellStyle(s.name, cell(1, r), cell(s.ncols, r), s.b.style(kind, fillNone)))
	if height > 0 {
		s.b.fail(s.name, f.SetRowHeight(s.name, r, height))
	}
	s.row++
}

func (s *sheet) title(text string) { s.line(text, kTitle, 30) }

// note writes a line of text, tall enough for its wrapped length.
func (s *sheet) note(text string) { s.line(text, kNote, rowHeight(text, s.width())) }

func (s *sheet) skip() { s.row++ }

// width is the sheet's total column width in characters.
func (s *sheet) width() float64 {
	total := 0.0
	for _, w := range s.widths {
		total += w
	}
	return total
}

// rowHeight estimates the height (points) of wrapped text in a cell of
// the given width (characters); Chinese characters take two.
func rowHeight(text string, width float64) float64 {
	if width <= 0 {
		return 0
	}
	chars := 0.0
	for _, r := range text {
		if r < 0x2E80 {
			chars++
		} else {
			chars += 2
		}
	}
	lines := int(chars/(width*0.8)) + 1 // renderers fit fewer characters than the width says
	if lines <= 1 {
		return 0
	}
	return float64(lines) * 15
}

// table writes a header row and the rows under it; fill gives a row's
// background (fillNone for none). It returns the header row and the first
// and last data rows (last < first when there are no rows).
func (s *sheet) table(cols []col, rows [][]any, fill func(i int) string) (header, first, last int) {
	header = s.row
	if s.headerRow == 0 {
		s.headerRow = header
	}
	if s.b.err != nil {
		return header, header + 1, header
	}
	if s.sw != nil {
		return s.streamTable(cols, rows, fill)
	}
	f := s.b.f
	heads := make([]any, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	s.b.fail(s.name, f.SetSheetRow(s.name, cell(1, header), &heads))
	s.b.fail(s.name, f.SetCellStyle(s.name, cell(1, header), cell(len(cols), header), s.b.style(kHead, fillNone)))
	s.b.fail(s.name, f.SetRowHeight(s.name, header, 30))
	first = header + 1
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = cellValue(v)
		}
		s.b.fail(s.name, f.SetSheetRow(s.name, cell(1, first+i), &vals))
		if s.b.err != nil {
			return header, first, first - 1
		}
	}
	last = first + len(rows) - 1
	if len(rows) > 0 {
		for j, c := range cols {
			s.b.fail(s.name, f.SetCellStyle(s.name, cell(j+1, first), cell(j+1, last), s.b.style(c.kind, fillNone)))
		}
		if fill != nil {
			for i := range rows {
				if fl := fill(i); fl != fillNone {
					for j, c := range cols {
						s.b.fail(s.name, f.SetCellStyle(s.name, cell(j+1, first+i), cell(j+1, first+i), s.b.style(c.kind, fl)))
					}
				}
			}
		}
	}
	s.row = last + 2
	return header, first, last
}

func (s *sheet) streamTable(cols []col, rows [][]any, fill func(i int) string) (header, first, last int) {
	header = s.row
	heads := make([]any, len(cols))
	for i, c := range cols {
		heads[i] = excelize.Cell{StyleID: s.b.style(kHead, fillNone), Value: c.head}
	}
	s.b.fail(s.name, s.sw.SetRow(cell(1, header), heads, excelize.RowOpts{Height: 30}))
	first = header + 1
	vals := make([]any, len(cols))
	for i, r := range rows {
		fl := fillNone
		if fill != nil {
			fl = fill(i)
		}
		for j, c := range cols {
			var v any
			if j < len(r) {
				v = cellValue(r[j])
			}
			vals[j] = excelize.Cell{StyleID: s.b.style(c.kind, fl), Value: v}
		}
		s.b.fail(s.name, s.sw.SetRow(cell(1, first+i), vals))
		if s.b.err != nil {
			break
		}
	}
	last = first + len(rows) - 1
	s.row = last + 2
	return header, first, last
}

// cellValue turns report values into cell values: dates into real dates,
// missing rates into a dash, money into 万元.
func cellValue(v any) any {
	switch x := v.(type) {
	case model.Date:
		if x.IsZero() {
			return ""
		}
		return x.Time()
	case *float64:
		if x == nil {
			return "—"
		}
		return *x
	case model.Fen:
		return x.Wan()
	case time.Time:
		return x
	}
	return v
}

// finish defines the print titles: the first table's header repeats on
// every printed page.
func (s *sheet) finish() {
	if s.sw != nil && s.b.err == nil {
		s.b.fail("write "+s.name, s.sw.Flush())
	}
	if s.b.err != nil || s.headerRow == 0 {
		return
	}
	s.b.fail("print titles "+s.name, s.b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", s.name, s.headerRow, s.headerRow), Scope: s.name}))
}

// ref is an absolute reference to a column's rows, for chart series.
func (s *sheet) ref(c, first, last int) string {
	a, _ := excelize.ColumnNumberToName(c)
	if first == last {
		return fmt.Sprintf("'%s'!$%s$%d", s.name, a, first)
	}
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", s.name, a, first, a, last)
}

// chart adds a native chart below the current row, each series naming
// its header cell and its value cells on this sheet.
func (s *sheet) chart(typ excelize.ChartType, title string, catCol, header, first, last int, valCols ...int) {
	if s.b.err != nil || last < first || s.sw != nil {
		return
	}
	var series []excelize.ChartSeries
	for _, c := range valCols {
		series = append(series, excelize.ChartSeries{
			Name:       s.ref(c, header, header),
			Categories: s.ref(catCol, first, last),
			Values:     s.ref(c, first, last),
		})
	}
	height := uint(300)
	if typ == excelize.Bar {
		height = uint(max(300, 24*(last-first+1)+80))
	}
	ch := &excelize.Chart{
		Type:      typ,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 640, Height: height},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
	}
	if typ == excelize.Bar {
		ch.XAxis.ReverseOrder = true // first row on top, as in the table
	}
	s.b.fail("chart "+title, s.b.f.AddChart(s.name, cell(1, s.row), ch))
	s.row += int(height)/20 + 2
}
