package xlsxscan

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
)

// Row is one row of a worksheet as stored: values as raw text (shared
// strings looked up, numbers and date serials unformatted).
type Row struct {
	Num      int      // 1-based
	Cells    []string // by 0-based column; trailing empty cells dropped
	Numeric  []bool   // parallel to cells: a number cell (not text, not a formula string)
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

// Rows streams a worksheet's rows, one tag at a time. Rows missing
// from the XML come back empty, so row numbers count like the sheet's.
type Rows struct {
	rc      io.ReadCloser
	t       *tagReader
	sst     []string
	last    int // number of the last row returned
	pending *Row
	done    bool
}

func OpenRows(f *zip.File, sst []string) (*Rows, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return NewRows(rc, sst), nil
}

func NewRows(rc io.ReadCloser, sst []string) *Rows {
	return &Rows{rc: rc, t: newTagReader(rc), sst: sst}
}

func (rr *Rows) Close() error { return rr.rc.Close() }

// next returns the next row; ok is false after the last one.
func (rr *Rows) Next() (row Row, ok bool, err error) {
	if rr.pending == nil && !rr.done {
		if rr.pending, err = rr.readRow(); err != nil {
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
	row.Num = rr.last // a row numbered below its predecessor (a damaged file) follows it
	return row, true, nil
}

// readRow parses up to the end of the next <row>; nil at the end of the data.
func (rr *Rows) readRow() (*Row, error) {
	var (
		row                      *Row
		col                      int // 1-based column of the current cell
		typ                      string
		inCell, inIS, inPh, hasF bool
		capture                  byte // 'v', 'f' or 't' while inside those elements
		vText, fText, isText     []byte
	)
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
		if err == io.EOF {
			return row, nil
		}
		if err != nil {
			return nil, err
		}
		tag, err := rr.t.tag()
		if err == io.EOF {
			return row, nil
		}
		if err != nil {
			return nil, err
		}
		switch tag.name {
		case "row":
			num := rr.last + 1
			if v, ok := attrBytes(tag.raw, "r"); ok {
				n, err := strconv.Atoi(string(v))
				if err != nil || n < 1 || n > 1<<20 {
					return nil, fmt.Errorf("bad row number %q", v)
				}
				num = n
			}
			row = &Row{Num: num}
			if tag.selfClosing {
				return row, nil
			}
		case "/row":
			return row, nil
		case "c":
			if row == nil {
				continue
			}
			col++
			if ref, ok := attrBytes(tag.raw, "r"); ok {
				c := columnOf(ref)
				if c < 1 {
					return nil, fmt.Errorf("row %d: bad cell reference %q", row.Num, ref)
				}
				col = c
			}
			t, _ := attrBytes(tag.raw, "t")
			typ = internType(t)
			inCell = !tag.selfClosing
			hasF, inIS, inPh = false, false, false
			vText, fText, isText = vText[:0], fText[:0], isText[:0]
		case "v":
			if inCell && !tag.selfClosing {
				capture = 'v'
			}
		case "f":
			if inCell {
				hasF = true
				if !tag.selfClosing {
					capture = 'f'
				}
			}
		case "is":
			inIS = inCell && !tag.selfClosing
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
			if inCell {
				if err := rr.endCell(row, col, typ, hasF, vText, fText, isText); err != nil {
					return nil, err
				}
			}
			inCell, capture = false, 0
		case "/sheetData":
			return row, nil
		}
	}
}

func (rr *Rows) endCell(row *Row, col int, typ string, hasF bool, vText, fText, isText []byte) error {
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
			return fmt.Errorf("row %d: shared string %q does not exist", row.Num, s)
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
	}
	if hasF {
		row.Formulas = append(row.Formulas, RowFormula{Col: col - 1,
			Formula: Formula{Text: cellText(fText, false), Cached: len(vText) > 0 || len(isText) > 0}})
	}
	return nil
}

func internType(t []byte) string {
	for _, s := range []string{"s", "n", "str", "inlineStr", "b", "e", "d"} {
		if string(t) == s {
			return s
		}
	}
	return ""
}

// columnOf reads the column of a reference like AB12 (1-based; 0 when bad).
func columnOf(ref []byte) int {
	col := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a'+1)
		case c >= '0' && c <= '9' || c == '$':
			if col > 16384 {
				return 0
			}
			return col
		default:
			return 0
		}
		if col > 16384 {
			return 0
		}
	}
	return col
}
