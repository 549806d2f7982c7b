package xls

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/richardlehane/mscfb"
	"github.com/richardlehane/msoleps"
	"github.com/richardlehane/msoleps/types"
	"github.com/xuri/excelize/v2"
)

// cell is one value of a sheet: a string, a float64 or a bool, with the
// number format of its XF.
type cell struct {
	row, col int
	value    any
	ifmt     int
}

type sheet struct {
	name   string
	hidden bool
	cells  []cell
	merges [][4]int // first row, last row, first col, last col
}

type book struct {
	sheets   []*sheet
	date1904 bool
	formats  map[int]string // custom number formats by id
}

// Workbook is an .xls workbook converted.
type Workbook struct {
	XLSX []byte // an .xlsx workbook with the same sheets, cell values, number formats and merged ranges
	// Saved is when the workbook was last saved, from its summary
	// information (zero when it does not say): the date year-less text
	// dates are read against, as an .xlsx's modified date is.
	Saved time.Time
}

// Convert reads an .xls workbook.
func Convert(r io.ReaderAt, size int64) (*Workbook, error) {
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, fmt.Errorf("xls: %w", err)
	}
	var stream []byte
	var saved time.Time
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		switch entry.Name {
		case "Workbook", "Book": // Book: Excel 5/95's name, which some writers give BIFF8 too (parse tells)
			if stream == nil || entry.Name == "Workbook" {
				if entry.Size < 0 || entry.Size > size {
					return nil, fmt.Errorf("xls: stream %s of %d bytes in a file of %d", entry.Name, entry.Size, size)
				}
				// in pieces: mscfb works out the sector chain of each read,
				// which for one read of the whole stream costs more than the rest
				stream = make([]byte, entry.Size)
				for off := 0; off < len(stream); {
					n, err := entry.Read(stream[off:min(off+64<<10, len(stream))])
					off += n
					if err != nil && (err != io.EOF || off < len(stream)) {
						return nil, fmt.Errorf("xls: %w", err)
					}
				}
			}
		case "SummaryInformation": // mscfb gives the name without its leading \x05
			saved = lastSaved(entry)
		}
	}
	if stream == nil {
		return nil, ErrNotBIFF8
	}
	bk, err := parse(stream)
	if err != nil {
		return nil, err
	}
	out, err := bk.xlsx()
	if err != nil {
		return nil, err
	}
	return &Workbook{XLSX: out, Saved: saved}, nil
}

// lastSaved is the summary information's last save time (else its
// creation time), zero when it gives neither.
func lastSaved(r io.Reader) time.Time {
	ps, err := msoleps.NewFrom(r)
	if err != nil {
		return time.Time{}
	}
	var created time.Time
	for _, p := range ps.Property {
		ft, ok := p.T.(types.FileTime)
		if !ok || ft.Time().Year() < 1980 {
			continue
		}
		switch p.Name {
		case "LastSaveTime":
			return ft.Time()
		case "CreateTime":
			created = ft.Time()
		}
	}
	return created
}

func parse(stream []byte) (*book, error) {
	globals, err := records(stream, 0)
	if err != nil {
		return nil, err
	}
	if len(globals) == 0 || globals[0].typ != recBOF || len(globals[0].data) < 4 ||
		binary.LittleEndian.Uint16(globals[0].data) != 0x0600 {
		return nil, ErrNotBIFF8
	}
	bk := &book{formats: map[int]string{}}
	var sst []string
	var xfFormats []int
	type bound struct {
		at     int
		name   string
		hidden bool
	}
	var bounds []bound
	for _, rec := range globals {
		d := rec.data
		switch rec.typ {
		case recFilePass:
			return nil, ErrEncrypted
		case recDateMode:
			bk.date1904 = len(d) >= 2 && binary.LittleEndian.Uint16(d) == 1
		case recXF:
			if len(d) >= 4 {
				xfFormats = append(xfFormats, int(binary.LittleEndian.Uint16(d[2:])))
			}
		case recFormat:
			if len(d) >= 2 {
				s := &segments{segs: append([][]byte{d[2:]}, rec.conts...)}
				if code, err := s.unicodeString(false); err == nil {
					bk.formats[int(binary.LittleEndian.Uint16(d))] = code
				}
			}
		case recBoundSheet:
			if len(d) >= 8 && d[5] == 0 { // a worksheet (not a chart or macro sheet)
				name, err := shortString(d[6:])
				if err != nil {
					return nil, fmt.Errorf("xls: sheet name: %w", err)
				}
				bounds = append(bounds, bound{int(binary.LittleEndian.Uint32(d)), name, d[4]&0x03 != 0})
			}
		case recSST:
			if sst, err = readSST(rec); err != nil {
				return nil, err
			}
		}
	}
	for _, b := range bounds {
		if b.at <= 0 || b.at >= len(stream) {
			return nil, fmt.Errorf("xls: sheet %s: no data at %d", b.name, b.at)
		}
		sh, err := readSheet(stream, b.at, sst, xfFormats)
		if err != nil {
			return nil, fmt.Errorf("xls: sheet %s: %w", b.name, err)
		}
		sh.name, sh.hidden = b.name, b.hidden
		bk.sheets = append(bk.sheets, sh)
	}
	return bk, nil
}

// readSST reads the shared strings, which continue over CONTINUE records.
func readSST(rec record) ([]string, error) {
	s := newSegments(rec)
	if _, err := s.u32(); err != nil { // total references
		return nil, err
	}
	n, err := s.u32()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, min(int(n), 1<<20))
	for range n {
		str, err := s.unicodeString(true)
		if err != nil {
			return nil, fmt.Errorf("xls: shared string %d: %w", len(out), err)
		}
		out = append(out, str)
	}
	return out, nil
}

func readSheet(stream []byte, at int, sst []string, xfFormats []int) (*sheet, error) {
	recs, err := records(stream, at)
	if err != nil {
		return nil, err
	}
	sh := &sheet{cells: make([]cell, 0, len(recs))}
	format := func(ixfe uint16) int {
		if int(ixfe) < len(xfFormats) {
			return xfFormats[ixfe]
		}
		return 0
	}
	add := func(d []byte, v any) {
		sh.cells = append(sh.cells, cell{row: int(binary.LittleEndian.Uint16(d)), col: int(binary.LittleEndian.Uint16(d[2:])),
			value: v, ifmt: format(binary.LittleEndian.Uint16(d[4:]))})
	}
	depth := 0
	for i, rec := range recs {
		d := rec.data
		switch rec.typ {
		case recBOF:
			depth++
		case recEOF:
			depth--
		}
		if depth > 1 {
			continue // a chart embedded in the sheet: its records are no cells
		}
		switch rec.typ {
		case recLabelSST:
			if len(d) >= 10 {
				if k := int(binary.LittleEndian.Uint32(d[6:])); k < len(sst) {
					add(d, sst[k])
				}
			}
		case recLabel, recRString: // RSTRING: a label with formatting runs after it
			if len(d) >= 6 {
				s := &segments{segs: append([][]byte{d[6:]}, rec.conts...)}
				if str, err := s.unicodeString(false); err == nil {
					add(d, str)
				}
			}
		case recNumber:
			if len(d) >= 14 {
				add(d, math.Float64frombits(binary.LittleEndian.Uint64(d[6:])))
			}
		case recRK:
			if len(d) >= 10 {
				add(d, rk(binary.LittleEndian.Uint32(d[6:])))
			}
		case recMulRK:
			if len(d) < 6 {
				continue
			}
			row, col := binary.LittleEndian.Uint16(d), int(binary.LittleEndian.Uint16(d[2:]))
			for p := 4; p+6 <= len(d)-2; p += 6 {
				sh.cells = append(sh.cells, cell{row: int(row), col: col, value: rk(binary.LittleEndian.Uint32(d[p+2:])),
					ifmt: format(binary.LittleEndian.Uint16(d[p:]))})
				col++
			}
		case recFormula:
			if len(d) < 14 {
				continue
			}
			res := d[6:14]
			if res[6] != 0xFF || res[7] != 0xFF {
				add(d, math.Float64frombits(binary.LittleEndian.Uint64(res)))
				continue
			}
			switch res[0] {
			case 0: // a string: the STRING record that follows (after a shared or array formula's own)
				j := i + 1
				for j < len(recs) && (recs[j].typ == recShrFmla || recs[j].typ == recArray || recs[j].typ == recTable) {
					j++
				}
				if j < len(recs) && recs[j].typ == recString {
					s := newSegments(recs[j])
					if str, err := s.unicodeString(false); err == nil {
						add(d, str)
					}
				}
			case 1:
				add(d, res[2] != 0)
			case 2:
				add(d, errorText(res[2]))
			}
		case recBoolErr:
			if len(d) >= 8 {
				if d[7] == 0 {
					add(d, d[6] != 0)
				} else {
					add(d, errorText(d[6]))
				}
			}
		case recMergeCells:
			if len(d) < 2 {
				continue
			}
			n := int(binary.LittleEndian.Uint16(d))
			for k := 0; k < n && 2+8*k+8 <= len(d); k++ {
				p := d[2+8*k:]
				sh.merges = append(sh.merges, [4]int{int(binary.LittleEndian.Uint16(p)), int(binary.LittleEndian.Uint16(p[2:])),
					int(binary.LittleEndian.Uint16(p[4:])), int(binary.LittleEndian.Uint16(p[6:]))})
			}
		}
	}
	return sh, nil
}

// xlsx writes the book as an .xlsx workbook, each sheet streamed in row
// order.
func (bk *book) xlsx() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	// The workbook is read back at once, from memory: compressed fast, not small.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	if bk.date1904 {
		on := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &on}); err != nil {
			return nil, fmt.Errorf("xls: %w", err)
		}
	}
	styles := map[int]int{} // number format → style
	style := func(ifmt int) (int, error) {
		if ifmt == 0 {
			return 0, nil
		}
		if id, ok := styles[ifmt]; ok {
			return id, nil
		}
		st := &excelize.Style{NumFmt: ifmt}
		if code, ok := bk.formats[ifmt]; ok {
			st = &excelize.Style{CustomNumFmt: &code}
		}
		id, err := f.NewStyle(st)
		if err != nil {
			id = 0 // a format excelize refuses: the value stays, as a plain number
		}
		styles[ifmt] = id
		return id, nil
	}
	if len(bk.sheets) == 0 {
		return nil, errors.New("xls: the workbook has no worksheet")
	}
	for i, sh := range bk.sheets {
		name := sh.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, fmt.Errorf("xls: sheet %s: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("xls: sheet %s: %w", name, err)
		}
		if err := writeSheet(f, sh, style); err != nil {
			return nil, fmt.Errorf("xls: sheet %s: %w", name, err)
		}
	}
	for _, sh := range bk.sheets {
		if sh.hidden {
			f.SetSheetVisible(sh.name, false) // the last visible sheet stays shown: excelize refuses to hide it
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("xls: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, sh *sheet, style func(int) (int, error)) error {
	slices.SortStableFunc(sh.cells, func(a, b cell) int {
		if a.row != b.row {
			return a.row - b.row
		}
		return a.col - b.col
	})
	maxCol := 0
	for _, c := range sh.cells {
		maxCol = max(maxCol, c.col+1)
	}
	if maxCol > 0 {
		// readers that trust the dimension (openpyxl's read-only mode) see every row
		ref, _ := excelize.CoordinatesToCellName(maxCol, sh.cells[len(sh.cells)-1].row+1)
		if err := f.SetSheetDimension(sh.name, "A1:"+ref); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	for i := 0; i < len(sh.cells); {
		row := sh.cells[i].row
		var vals []any
		for ; i < len(sh.cells) && sh.cells[i].row == row; i++ {
			c := sh.cells[i]
			for len(vals) < c.col {
				vals = append(vals, nil)
			}
			id, err := style(c.ifmt)
			if err != nil {
				return err
			}
			if len(vals) == c.col {
				vals = append(vals, excelize.Cell{StyleID: id, Value: c.value})
			} else {
				vals[c.col] = excelize.Cell{StyleID: id, Value: c.value} // a cell given twice: the last wins
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, row+1)
		if err := sw.SetRow(ref, vals); err != nil {
			return err
		}
	}
	for _, m := range sh.merges {
		from, _ := excelize.CoordinatesToCellName(m[2]+1, m[0]+1)
		to, _ := excelize.CoordinatesToCellName(m[3]+1, m[1]+1)
		if from != to {
			if err := sw.MergeCell(from, to); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}
