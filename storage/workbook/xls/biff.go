// Package xls reads legacy Excel 97–2003 workbooks (.xls: BIFF8 records in
// an OLE compound file), as old Office and WPS still save them, and writes
// their cells, formats and merges as an .xlsx workbook, which the workbook
// reader then reads like any other. Values only: no styles but number
// formats (dates are numbers with a date format), no formulas but their
// last results.
package xls

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf16"
)

// BIFF8 record types read here.
const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recRString    = 0x00D6
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recFormula    = 0x0006
	recString     = 0x0207
	recShrFmla    = 0x04BC
	recArray      = 0x0221
	recTable      = 0x0236
	recBoolErr    = 0x0205
	recMergeCells = 0x00E5
	recXF         = 0x00E0
	recFormat     = 0x041E
	recDateMode   = 0x0022
	recFilePass   = 0x002F
)

var (
	// ErrEncrypted: the workbook has an open password (FILEPASS).
	ErrEncrypted = errors.New("xls: the workbook is password-protected")
	// ErrNotBIFF8: not an Excel 97–2003 workbook (Excel 5/95, a WPS .et
	// file, or another OLE document).
	ErrNotBIFF8 = errors.New("xls: not an Excel 97-2003 workbook")
)

// record is one BIFF record: its type and data, with the data of the
// CONTINUE records that follow it.
type record struct {
	typ   uint16
	data  []byte
	conts [][]byte
	at    int // offset of the record in the stream
}

// records splits a substream from off (at its BOF) into records, CONTINUEs
// attached, up to its EOF: not the EOF of a substream inside it (a chart
// embedded in a worksheet has its own BOF and EOF).
func records(stream []byte, off int) ([]record, error) {
	n := 0 // counted first: a sheet has a record a cell, and the slice is not regrown
	if err := walk(stream, off, func(typ uint16, _ []byte, _ int) {
		if typ != recContinue {
			n++
		}
	}); err != nil {
		return nil, err
	}
	out := make([]record, 0, n)
	walk(stream, off, func(typ uint16, data []byte, at int) {
		if typ == recContinue && len(out) > 0 {
			last := &out[len(out)-1]
			last.conts = append(last.conts, data)
		} else {
			out = append(out, record{typ: typ, data: data, at: at})
		}
	})
	return out, nil
}

// walk calls fn with each record of the substream at off, up to its EOF.
func walk(stream []byte, off int, fn func(typ uint16, data []byte, at int)) error {
	depth := 0
	for off+4 <= len(stream) {
		typ := binary.LittleEndian.Uint16(stream[off:])
		n := int(binary.LittleEndian.Uint16(stream[off+2:]))
		if off+4+n > len(stream) {
			return fmt.Errorf("xls: record 0x%04X at %d runs past the stream", typ, off)
		}
		fn(typ, stream[off+4:off+4+n], off)
		off += 4 + n
		switch typ {
		case recBOF:
			depth++
		case recEOF:
			depth--
		}
		if typ == recEOF && depth <= 0 {
			return nil
		}
	}
	return nil
}

// segments reads across a record and its CONTINUEs. At the start of a
// CONTINUE, the characters of a string split there resume with a flags byte
// of their own (whether they are 16-bit).
type segments struct {
	segs [][]byte
	i    int
	pos  int
}

func newSegments(r record) *segments {
	return &segments{segs: append([][]byte{r.data}, r.conts...)}
}

var errShort = errors.New("xls: record too short")

func (s *segments) byte() (byte, error) {
	for s.i < len(s.segs) && s.pos >= len(s.segs[s.i]) {
		s.i, s.pos = s.i+1, 0
	}
	if s.i >= len(s.segs) {
		return 0, errShort
	}
	b := s.segs[s.i][s.pos]
	s.pos++
	return b, nil
}

func (s *segments) u16() (uint16, error) {
	lo, err := s.byte()
	if err != nil {
		return 0, err
	}
	hi, err := s.byte()
	return uint16(lo) | uint16(hi)<<8, err
}

func (s *segments) u32() (uint32, error) {
	lo, err := s.u16()
	if err != nil {
		return 0, err
	}
	hi, err := s.u16()
	return uint32(lo) | uint32(hi)<<16, err
}

func (s *segments) skip(n int) error {
	for ; n > 0; n-- {
		if _, err := s.byte(); err != nil {
			return err
		}
	}
	return nil
}

// chars reads n characters, 16-bit when high; a CONTINUE met on the way
// gives the rest's width in its first byte.
func (s *segments) chars(n int, high bool) (string, error) {
	u := make([]uint16, 0, n)
	for len(u) < n {
		if s.i < len(s.segs) && s.pos >= len(s.segs[s.i]) && s.i+1 < len(s.segs) {
			s.i, s.pos = s.i+1, 0
			f, err := s.byte()
			if err != nil {
				return "", err
			}
			high = f&0x01 != 0
		}
		if high {
			c, err := s.u16()
			if err != nil {
				return "", err
			}
			u = append(u, c)
		} else {
			c, err := s.byte()
			if err != nil {
				return "", err
			}
			u = append(u, uint16(c))
		}
	}
	return string(utf16.Decode(u)), nil
}

// unicodeString reads an XLUnicodeRichExtendedString (the SST's) or, with
// rich false, an XLUnicodeString (LABEL, STRING, FORMAT): a 16-bit count,
// flags, then the characters, then any formatting runs and phonetic data.
func (s *segments) unicodeString(rich bool) (string, error) {
	n, err := s.u16()
	if err != nil {
		return "", err
	}
	flags, err := s.byte()
	if err != nil {
		return "", err
	}
	var runs, ext int
	if rich && flags&0x08 != 0 {
		r, err := s.u16()
		if err != nil {
			return "", err
		}
		runs = int(r)
	}
	if rich && flags&0x04 != 0 {
		e, err := s.u32()
		if err != nil {
			return "", err
		}
		ext = int(e)
	}
	str, err := s.chars(int(n), flags&0x01 != 0)
	if err != nil {
		return "", err
	}
	if err := s.skip(4*runs + ext); err != nil {
		return "", err
	}
	return str, nil
}

// shortString is a ShortXLUnicodeString (a sheet's name): an 8-bit count.
func shortString(b []byte) (string, error) {
	if len(b) < 2 {
		return "", errShort
	}
	s := &segments{segs: [][]byte{b[2:]}}
	return s.chars(int(b[0]), b[1]&0x01 != 0)
}

// rk decodes an RK number: a 30-bit integer or the high bits of a double,
// either divided by 100 when its lowest bit says so.
func rk(v uint32) float64 {
	var f float64
	if v&0x02 != 0 {
		f = float64(int32(v) >> 2)
	} else {
		f = math.Float64frombits(uint64(v&^0x03) << 32)
	}
	if v&0x01 != 0 {
		f /= 100
	}
	return f
}

// errorText is a cell error's text as Excel shows it.
func errorText(code byte) string {
	switch code {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	}
	return "#N/A"
}
