package xlsxscan

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
)

// Row is one row of a worksheet as stored: values as raw text (shared
// strings looked up, numbers and date serials unformatted).
type Row struct {
	Num     int      // 1-based
	Cells   []string // by 0-based column; trailing empty cells dropped
	Numeric []bool   // parallel to cells: a number cell (not text, not a formula string)
	// Percent, parallel to cells, marks a number shown as a percentage
	// (nil unless the reader was given the book's PercentStyles and the
	// row has one).
	Percent  []bool
	Formulas []RowFormula
}

type RowFormula struct {
	Col int // 0-based
	Formula
}

func (r Row) FormulaAt(col int) (Formula, bool) {
	for _, f := range r.Formulas {
		if f.Col == col {
			return f.Formula, true
		}
	}
	return Formula{}, false
}

func (r Row) IsNumeric(col int) bool { return col < len(r.Numeric) && r.Numeric[col] }

// IsPercent reports whether the cell at col (0-based) is a number whose
// format shows it as a percentage (it holds the fraction: 0.8 for 80%).
func (r Row) IsPercent(col int) bool { return col < len(r.Percent) && r.Percent[col] }

// Rows streams a worksheet's rows, one tag at a time. Rows missing
// from the XML come back empty, so row numbers count like the sheet's.
// Damage — the part cut off, garbage, broken tags, bad references — is an
// *Error saying which row was the last one read whole; nothing after it
// is returned.
type Rows struct {
	rc      io.ReadCloser
	t       *tagReader
	sst     []string
	part    string
	lim     Limits
	last    int // number of the last row returned
	read    int // number of the last row parsed whole
	pending *Row
	done    bool
	err     error // sticky: damage is reported again on every call

	root    []byte // the document element's name, to see the part end
	inData  bool   // inside <sheetData>
	ended   bool   // the document element was closed
	cells   int
	lastCol int
	check   bool   // CheckOnly: rows come back without their cells
	cur     Row    // the row being read (pending points to it)
	width   int    // cells of the last row read, to size the next row's
	percent []bool // SetPercentStyles
	cellPct bool   // the cell being read is shown as a percentage
}

func OpenRows(f *zip.File, sst []string) (*Rows, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Code: Corrupt, Part: f.Name, Err: err}
	}
	rr := NewRows(rc, sst)
	rr.part = f.Name
	return rr, nil
}

func NewRows(rc io.ReadCloser, sst []string) *Rows {
	rr := &Rows{rc: rc, t: newTagReader(rc), sst: sst}
	rr.SetLimits(Limits{})
	return rr
}

// SetLimits bounds the largest cell and the rows of the sheet.
func (rr *Rows) SetLimits(l Limits) {
	rr.lim = l.withDefaults()
	rr.t.limit = rr.lim.MaxCellBytes
}

// SetPercentStyles gives the book's cell formats that show percentages
// (Book.PercentStyles), for Row.IsPercent.
func (rr *Rows) SetPercentStyles(p []bool) { rr.percent = p }

// CheckOnly makes the reader only check the sheet and count its cells:
// rows come back empty, which makes a first pass over a sheet cheap.
func (rr *Rows) CheckOnly() { rr.check = true }

// Cells is how many non-empty cells were read so far.
func (rr *Rows) Cells() int { return rr.cells }

// LastRead is the number of the last row read whole.
func (rr *Rows) LastRead() int { return rr.read }

func (rr *Rows) Close() error { return rr.rc.Close() }

// Next returns the next row; ok is false after the last one.
func (rr *Rows) Next() (row Row, ok bool, err error) {
	if rr.err != nil {
		return Row{}, false, rr.err
	}
	if rr.pending == nil && !rr.done {
		if rr.pending, err = rr.readRow(); err != nil {
			rr.err = err
			return Row{}, false, err
		}
		if rr.pending == nil {
			rr.done = true
		}
	}
	if rr.pending == nil {
		return Row{}, false, nil
	}
	rr.last++
	if rr.pending.Num > rr.last { // a row the file leaves out
		return Row{Num: rr.last}, true, nil
	}
	row, rr.pending = *rr.pending, nil
	return row, true, nil
}

// fail is damage at the current place: in row (0 outside rows).
func (rr *Rows) fail(code Code, row int, value []byte, cause error) error {
	e := &Error{Code: code, Part: rr.part, Row: row, LastRow: rr.read, Err: cause}
	if value != nil {
		e.Value = shorten(value)
	}
	switch {
	case errors.Is(cause, errTooLong):
		e.Code, e.Limit, e.Value = CellTooLarge, rr.lim.MaxCellBytes, ""
	case errors.Is(cause, errBadText):
		e.Code = Garbage
	case errors.Is(cause, errBadTag):
		e.Code = BrokenTag
	case cause == io.EOF || errors.Is(cause, io.ErrUnexpectedEOF):
		e.Code = Truncated
	}
	return e
}

// readRow parses up to the end of the next <row>; nil at the end of the
// data, once the rest of the part has been checked to its end.
func (rr *Rows) readRow() (*Row, error) {
	var (
		row                  *Row
		col                  int // 1-based column of the current cell
		typ                  string
		inCell, inIS, hasF   bool
		inPh                 bool
		capture              byte // 'v', 'f' or 't' while inside those elements
		vText, fText, isText []byte
	)
	at := func() int {
		if row != nil {
			return row.Num
		}
		return 0
	}
	for {
		chunk, err := rr.t.text(capture != 0)
		switch capture {
		case 'v':
			vText = append(vText, chunk...)
		case 'f':
			fText = append(fText, chunk...)
		case 't':
			isText = append(isText, chunk...)
		}
		if capture != 0 && len(vText)+len(fText)+len(isText) > rr.lim.MaxCellBytes && err == nil {
			err = errTooLong
		}
		if err == io.EOF && rr.ended {
			if rr.t.junk {
				return nil, rr.fail(Garbage, 0, nil, nil)
			}
			return nil, nil
		}
		if err != nil {
			if err == io.EOF {
				return nil, rr.fail(Truncated, at(), nil, nil)
			}
			return nil, rr.fail(Corrupt, at(), nil, err)
		}
		if rr.t.junk && (rr.ended || rr.inData && !inIS) {
			return nil, rr.fail(Garbage, at(), nil, nil)
		}
		tag, err := rr.t.tag()
		if err != nil {
			if err == io.EOF {
				return nil, rr.fail(Truncated, at(), nil, nil)
			}
			return nil, rr.fail(Corrupt, at(), nil, err)
		}
		if rr.ended {
			return nil, rr.fail(Garbage, 0, nil, nil) // more after the document's end
		}
		if tag.local != nil && rr.root == nil {
			rr.root = append([]byte(nil), tag.local...)
		} else if tag.local != nil && tag.local[0] == '/' && string(tag.local[1:]) == string(rr.root) {
			if rr.inData {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			rr.ended = true
			continue
		}
		if capture != 0 && tag.cdata != nil {
			chunk = tag.cdata
			switch capture {
			case 'v':
				vText = append(vText, chunk...)
			case 'f':
				fText = append(fText, chunk...)
			case 't':
				isText = append(isText, chunk...)
			}
			continue
		}
		// <v>, <f> and <t> hold text only: the next tag must close them.
		if capture != 0 && tag.name != closeOf(capture) {
			return nil, rr.fail(BrokenTag, at(), nil, nil)
		}
		if !rr.inData && tag.name != "sheetData" {
			continue // the sheet's properties, columns, merges…
		}
		switch tag.name {
		case "sheetData":
			if rr.inData {
				return nil, rr.fail(BrokenTag, 0, nil, nil)
			}
			rr.inData = !tag.selfClosing
		case "row":
			if row != nil {
				return nil, rr.fail(BrokenTag, row.Num, nil, nil) // the previous row never closed
			}
			num := rr.read + 1
			if v, ok := tag.attr('r'); ok {
				n, err := strconv.Atoi(string(v))
				if err != nil || n < 1 || n > DefaultMaxRows {
					return nil, rr.fail(BadRowNumber, 0, v, nil)
				}
				if n <= rr.read {
					return nil, rr.fail(BadRowNumber, 0, v, nil) // rows go down the sheet
				}
				num = n
			}
			if num > rr.lim.MaxRows {
				e := rr.fail(TooManyRows, num, nil, nil).(*Error)
				e.Limit = rr.lim.MaxRows
				return nil, e
			}
			rr.cur = Row{Num: num}
			row, col, rr.lastCol = &rr.cur, 0, 0
			if tag.selfClosing {
				rr.read = num
				return row, nil
			}
		case "/row":
			if row == nil || inCell {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			rr.read = row.Num
			if len(row.Cells) > 0 {
				rr.width = len(row.Cells)
			}
			return row, nil
		case "c":
			if row == nil || inCell {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			col++
			if ref, ok := tag.attr('r'); ok {
				c, r := cellRef(ref)
				if c < 1 || r != 0 && r != row.Num || c <= rr.lastCol {
					return nil, rr.fail(BadReference, row.Num, ref, nil)
				}
				col = c
			}
			if col > maxColumns {
				return nil, rr.fail(BadReference, row.Num, nil, nil)
			}
			rr.lastCol = col
			t, _ := tag.attr('t')
			typ = internType(t)
			rr.cellPct = false
			if rr.percent != nil {
				if v, ok := tag.attr('s'); ok {
					if i, err := strconv.Atoi(string(v)); err == nil && i >= 0 && i < len(rr.percent) {
						rr.cellPct = rr.percent[i]
					}
				}
			}
			inCell = !tag.selfClosing
			hasF, inIS, inPh = false, false, false
			vText, fText, isText = vText[:0], fText[:0], isText[:0]
			if inCell {
				done, err := rr.plainCell(row, col, typ)
				if err != nil {
					return nil, err
				}
				inCell = !done
			}
		case "v":
			if !inCell {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			if !tag.selfClosing {
				capture = 'v'
			}
		case "f":
			if !inCell {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			hasF = true
			if !tag.selfClosing {
				capture = 'f'
			}
		case "is":
			if !inCell {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			inIS = !tag.selfClosing
		case "/is":
			inIS = false
		case "rPh":
			inPh = !tag.selfClosing
		case "/rPh":
			inPh = false
		case "t":
			if inIS && !inPh && !tag.selfClosing {
				capture = 't'
			}
		case "/v", "/f", "/t":
			capture = 0
		case "/c":
			if !inCell {
				return nil, rr.fail(BrokenTag, at(), nil, nil)
			}
			if err := rr.endCell(row, col, typ, hasF, vText, fText, isText); err != nil {
				return nil, err
			}
			inCell, inIS = false, false
		case "/sheetData":
			if row != nil {
				return nil, rr.fail(BrokenTag, row.Num, nil, nil)
			}
			rr.inData = false
		}
	}
}

const maxColumns = 16384 // XFD

var (
	plainValue  = [2]string{"<v>", "</v></c>"}
	plainInline = [2]string{"<is><t>", "</t></is></c>"}
)

// plainCell reads the rest of a cell written the plain way, as nearly all
// are — <v>text</v></c>, or <is><t>text</t></is></c> for an inline string —
// when it lies whole in the read buffer: what the tag by tag reading would
// make of it, without its ten steps. done is false when the cell is not
// such a one (nothing is consumed then) or its text would be refused (the
// tag by tag reading then says why).
func (rr *Rows) plainCell(row *Row, col int, typ string) (done bool, err error) {
	switch string(rr.root) {
	case "v", "t", "is", "c": // a document whose end tag would be one of the cell's
		return false, nil
	}
	form := plainValue
	if typ == "inlineStr" {
		form = plainInline
	}
	buf, _ := rr.t.br.Peek(rr.t.br.Buffered())
	if len(buf) < len(form[0]) || string(buf[:len(form[0])]) != form[0] {
		return false, nil
	}
	text := buf[len(form[0]):]
	end := bytes.IndexByte(text, '<')
	if end < 0 || end > rr.lim.MaxCellBytes || len(text)-end < len(form[1]) || string(text[end:end+len(form[1])]) != form[1] {
		return false, nil
	}
	text = text[:end]
	if !validText(text) {
		return false, nil
	}
	if typ == "inlineStr" {
		err = rr.endCell(row, col, typ, false, nil, nil, text)
	} else {
		err = rr.endCell(row, col, typ, false, text, nil, nil)
	}
	if err != nil {
		return false, err
	}
	_, err = rr.t.br.Discard(len(form[0]) + end + len(form[1]))
	return true, err
}

func closeOf(capture byte) string {
	switch capture {
	case 'v':
		return "/v"
	case 'f':
		return "/f"
	}
	return "/t"
}

func (rr *Rows) endCell(row *Row, col int, typ string, hasF bool, vText, fText, isText []byte) error {
	if rr.check {
		if typ == "s" && len(vText) > 0 {
			i, err := strconv.Atoi(string(vText))
			if err != nil || i < 0 || i >= len(rr.sst) {
				return rr.fail(NoSharedStr, row.Num, vText, nil)
			}
		}
		if len(vText) > 0 || len(isText) > 0 || hasF {
			rr.cells++
		}
		return nil
	}
	var value string
	numeric := false
	switch typ {
	case "s":
		s := string(vText)
		if s == "" {
			break
		}
		i, err := strconv.Atoi(s)
		if err != nil || i < 0 || i >= len(rr.sst) {
			e := rr.fail(NoSharedStr, row.Num, vText, nil).(*Error)
			return e
		}
		value = rr.sst[i]
	case "inlineStr":
		value = cellText(isText, true)
	case "str", "e", "b", "d":
		value = cellText(vText, typ == "str")
	default: // "n" or absent: a number
		value = cellText(vText, false)
		numeric = value != ""
	}
	if value == "" && !hasF {
		return nil
	}
	rr.cells++
	if row.Cells == nil {
		row.Cells = make([]string, 0, max(col, rr.width))
	}
	for len(row.Cells) < col {
		row.Cells = append(row.Cells, "")
		if row.Numeric != nil {
			row.Numeric = append(row.Numeric, false)
		}
	}
	row.Cells[col-1] = value
	if numeric {
		if row.Numeric == nil {
			row.Numeric = make([]bool, len(row.Cells), cap(row.Cells))
		}
		row.Numeric[col-1] = true
		if rr.cellPct {
			for len(row.Percent) < len(row.Cells) {
				row.Percent = append(row.Percent, false)
			}
			row.Percent[col-1] = true
		}
	}
	if hasF {
		row.Formulas = append(row.Formulas, RowFormula{Col: col - 1,
			Formula: Formula{Text: cellText(fText, false), Cached: len(vText) > 0 || len(isText) > 0}})
	}
	return nil
}

func internType(t []byte) string {
	switch string(t) { // no allocation: the compiler compares in place
	case "s":
		return "s"
	case "n":
		return "n"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "e":
		return "e"
	case "d":
		return "d"
	}
	return ""
}

// cellRef reads a reference like AB12: its column (1-based; 0 when bad)
// and its row (0 when the reference gives none).
func cellRef(ref []byte) (col, row int) {
	i := 0
	for i < len(ref) && ref[i] == '$' {
		i++
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a'+1)
		default:
			goto digits
		}
		if col > maxColumns {
			return 0, 0
		}
	}
digits:
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if i == len(ref) {
		return col, 0
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		if c < '0' || c > '9' || row > DefaultMaxRows {
			return 0, 0
		}
		row = row*10 + int(c-'0')
	}
	if row < 1 || row > DefaultMaxRows {
		return 0, 0
	}
	return col, row
}
