package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The rows of the exported sheets are written here as worksheet XML, not
// through excelize's StreamWriter: building an excelize cell per value and
// escaping it through encoding/xml cost more than the rest of the export,
// and the stream writer's parts were compressed only once the whole file
// was written, on one core. A rowStream compresses its rows on a goroutine
// of its own as they are written, into a temporary file; excelize writes
// the rest of the package (workbook, styles, each sheet's columns, panes,
// filter and validations around an empty <sheetData>), and the splicer
// puts the compressed rows into that empty <sheetData> as the package is
// zipped. The cells are what the stream writer wrote: inline strings,
// numbers, the same style ids.

const (
	chunkSize   = 128 << 10 // rows XML handed to the compressor at a time
	chunksAhead = 4         // chunks waiting for the compressor at most
)

// rowStream is one worksheet's <sheetData> content, compressed as it is
// written.
type rowStream struct {
	buf    []byte
	chunks chan []byte
	free   chan []byte
	done   chan error
	tmp    *os.File
	closed bool
	err    error // the compressor's, once closed
	// unsorted: a list sheet's entries are not in task id order
	// (exported.go)
	unsorted bool

	// set by the compressor, read once done has answered
	crc        uint32
	size       int64 // bytes of XML
	compressed int64 // bytes of DEFLATE in tmp
}

func newRowStream() (*rowStream, error) {
	tmp, err := os.CreateTemp("", "taizhang-export-*.deflate")
	if err != nil {
		return nil, err
	}
	s := &rowStream{
		buf:    make([]byte, 0, chunkSize+chunkSize/4),
		chunks: make(chan []byte, chunksAhead),
		free:   make(chan []byte, chunksAhead+2),
		done:   make(chan error, 1),
		tmp:    tmp,
	}
	go s.compress()
	return s, nil
}

// compress deflates the chunks into the temporary file. It ends with a
// sync flush, not a final block: the sheet's tail is compressed after it
// in the same DEFLATE stream (see splicer.splice).
func (s *rowStream) compress() {
	count := &countWriter{w: s.tmp}
	bw := bufio.NewWriterSize(count, 64<<10)
	fw, err := flate.NewWriter(bw, zipLevel)
	for chunk := range s.chunks {
		if err == nil {
			s.crc = crc32.Update(s.crc, crc32.IEEETable, chunk)
			s.size += int64(len(chunk))
			_, err = fw.Write(chunk)
		}
		select {
		case s.free <- chunk[:0]:
		default:
		}
	}
	if err == nil {
		err = fw.Flush()
	}
	if err == nil {
		err = bw.Flush()
	}
	s.compressed = count.n
	s.done <- err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// send hands the written XML to the compressor.
func (s *rowStream) send() {
	s.chunks <- s.buf
	select {
	case b := <-s.free:
		s.buf = b
	default:
		s.buf = make([]byte, 0, chunkSize+chunkSize/4)
	}
}

// finish ends the stream: every row is compressed once it returns.
func (s *rowStream) finish() error {
	if s.closed {
		return s.err
	}
	s.closed = true
	if len(s.buf) > 0 {
		s.chunks <- s.buf
		s.buf = nil
	}
	close(s.chunks)
	s.err = <-s.done
	return s.err
}

// remove ends the stream if it was not, and deletes its temporary file.
func (s *rowStream) remove() {
	s.finish()
	s.tmp.Close()
	os.Remove(s.tmp.Name())
}

// row opens a row: attrs are its attributes after r (with a leading space).
func (s *rowStream) row(r int, attrs string) {
	s.buf = append(s.buf, `<row r="`...)
	s.buf = strconv.AppendInt(s.buf, int64(r), 10)
	s.buf = append(s.buf, '"')
	s.buf = append(s.buf, attrs...)
	s.buf = append(s.buf, '>')
}

// endRow closes the row.
func (s *rowStream) endRow() {
	s.buf = append(s.buf, `</row>`...)
	if len(s.buf) >= chunkSize {
		s.send()
	}
}

// cell writes the cell at column col (0-based) of row r: a string as an
// inline string, a number as a number, nothing for nil; style 0 is none.
func (s *rowStream) cell(col, r, style int, v any) error {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		s.text(col, r, style, v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			s.text(col, r, style, fmt.Sprint(v))
			return nil
		}
		s.open(col, r, style, "")
		s.buf = append(s.buf, `<v>`...)
		s.buf = appendFloat(s.buf, v)
		s.buf = append(s.buf, `</v></c>`...)
	case int64:
		s.number(col, r, style, v)
	case int:
		s.number(col, r, style, int64(v))
	default:
		return fmt.Errorf("a cell of type %T", v)
	}
	return nil
}

func (s *rowStream) number(col, r, style int, n int64) {
	s.open(col, r, style, "")
	s.buf = append(s.buf, `<v>`...)
	s.buf = strconv.AppendInt(s.buf, n, 10)
	s.buf = append(s.buf, `</v></c>`...)
}

func (s *rowStream) text(col, r, style int, v string) {
	s.open(col, r, style, "inlineStr")
	// Spaces and line breaks at either end are kept only when marked.
	if v != "" && (isXMLSpace(v[0]) || isXMLSpace(v[len(v)-1])) {
		s.buf = append(s.buf, `<is><t xml:space="preserve">`...)
	} else {
		s.buf = append(s.buf, `<is><t>`...)
	}
	s.buf = appendCellText(s.buf, v)
	s.buf = append(s.buf, `</t></is></c>`...)
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// open writes a cell's start tag.
func (s *rowStream) open(col, r, style int, typ string) {
	s.buf = append(s.buf, `<c r="`...)
	s.buf = append(s.buf, colName(col)...)
	s.buf = strconv.AppendInt(s.buf, int64(r), 10)
	s.buf = append(s.buf, '"')
	if style != 0 {
		s.buf = append(s.buf, ` s="`...)
		s.buf = strconv.AppendInt(s.buf, int64(style), 10)
		s.buf = append(s.buf, '"')
	}
	if typ != "" {
		s.buf = append(s.buf, ` t="`...)
		s.buf = append(s.buf, typ...)
		s.buf = append(s.buf, '"')
	}
	s.buf = append(s.buf, '>')
}

// colNames are the letters of the first columns (0-based).
var colNames = func() []string {
	names := make([]string, 128)
	for i := range names {
		names[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return names
}()

func colName(col int) string {
	if col < len(colNames) {
		return colNames[col]
	}
	name, _ := excelize.ColumnNumberToName(col + 1)
	return name
}

// maxCellChars is Excel's limit on a cell's text, in UTF-16 units.
const maxCellChars = excelize.TotalCellChars

// textSpecial marks the bytes appendCellText must look at: XML's markup
// characters, control characters, '_' (of an _xHHHH_ escape) and 0xEF
// (the lead byte of U+FFFE and U+FFFF).
var textSpecial = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		t[b] = b != '\n'
	}
	for _, b := range []byte{'&', '<', '>', '_', 0xEF} {
		t[b] = true
	}
	return t
}()

// appendCellText appends a cell's text escaped for XML. Characters XML 1.0
// cannot hold (control characters, U+FFFE, U+FFFF) are written as OOXML's
// _xHHHH_ escapes, which Excel, excelize and our reader decode back; an
// _xHHHH_ typed in the text has its underscore escaped (_x005F_) so it
// reads back as typed. Tabs and carriage returns are character references
// (a parser would turn a raw CR into a line feed); invalid UTF-8 becomes
// U+FFFD. Text past Excel's cell limit is cut, as Excel would.
func appendCellText(dst []byte, s string) []byte {
	if len(s) > maxCellChars {
		s = truncateUTF16(s, maxCellChars)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	start := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !textSpecial[b] {
			continue
		}
		var esc string
		switch {
		case b == '&':
			esc = "&amp;"
		case b == '<':
			esc = "&lt;"
		case b == '>':
			esc = "&gt;"
		case b == '\t':
			esc = "&#x9;"
		case b == '\r':
			esc = "&#xD;"
		case b == '_':
			if !isBstrEscape(s[i:]) {
				continue
			}
			esc = "_x005F"
		case b == 0xEF:
			if i+2 >= len(s) || s[i+1] != 0xBF || (s[i+2] != 0xBE && s[i+2] != 0xBF) {
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, "_xFFF"...)
			dst = append(dst, "EF"[s[i+2]-0xBE], '_')
			i += 2
			start = i + 1
			continue
		default: // a control character
			dst = append(dst, s[start:i]...)
			dst = append(dst, "_x00"...)
			dst = append(dst, hexDigits[b>>4], hexDigits[b&15], '_')
			start = i + 1
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, esc...)
		if b == '_' {
			dst = append(dst, '_')
		}
		start = i + 1
	}
	return append(dst, s[start:]...)
}

const hexDigits = "0123456789ABCDEF"

// isBstrEscape: s starts with _xHHHH_.
func isBstrEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// truncateUTF16 cuts s to at most n UTF-16 units.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// appendFloat writes a number as excelize does: the shortest decimal form,
// cut to Excel's 15 significant digits.
func appendFloat(dst []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(dst, int64(v), 10)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return dst
	}
	str := dst[start:]
	const maxPrec = 15
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return bytes.TrimSuffix(dst[:start+idx], []byte("."))
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return dst[:start+decimal]
	}
	return dst
}

// splicer is the zip writer excelize writes the package through. Every
// part goes on as excelize made it, except the worksheets of the streams:
// their rows are put into excelize's empty <sheetData>.
type splicer struct {
	zw       *zip.Writer
	streams  map[string]*rowStream // by part name
	spliced  map[string]bool
	pending  string // a worksheet being received from excelize
	part     bytes.Buffer
	exported []partSum // the worksheets spliced, with no merged range (exported.go)
}

func newSplicer(w io.Writer, streams map[string]*rowStream) *splicer {
	return &splicer{zw: newZipWriter(w), streams: streams, spliced: map[string]bool{}}
}

func (z *splicer) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	if _, ok := z.streams[name]; ok {
		z.pending = name
		z.part.Reset()
		return &z.part, nil
	}
	return z.zw.Create(name)
}

func (z *splicer) AddFS(fsys fs.FS) error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *splicer) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	for name := range z.streams {
		if !z.spliced[name] {
			return fmt.Errorf("the workbook has no part %s for the rows written", name)
		}
	}
	if c := exportedComment(z.exported); c != "" {
		if err := z.zw.SetComment(c); err != nil {
			return err
		}
	}
	return z.zw.Close()
}

func (z *splicer) flush() error {
	if z.pending == "" {
		return nil
	}
	name := z.pending
	z.pending = ""
	if err := z.splice(name, z.part.Bytes(), z.streams[name]); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	z.spliced[name] = true
	return nil
}

var (
	emptySheetData = [][]byte{[]byte("<sheetData></sheetData>"), []byte("<sheetData/>")}
	errNoSheetData = errors.New("excelize wrote no empty <sheetData> to fill")
)

// splice writes the worksheet: excelize's XML up to its empty <sheetData>,
// the stream's rows, then the rest. Each of the three is its own DEFLATE
// run (the first two end in a sync flush, the last is final), which
// together make one valid stream; the CRC of the whole is combined from
// the three.
func (z *splicer) splice(name string, xml []byte, s *rowStream) error {
	if err := s.finish(); err != nil {
		return err
	}
	at, marker := -1, []byte(nil)
	for _, m := range emptySheetData {
		if at = bytes.Index(xml, m); at >= 0 {
			marker = m
			break
		}
	}
	if at < 0 {
		return errNoSheetData
	}
	head := append(xml[:at:at], "<sheetData>"...)
	tail := append([]byte("</sheetData>"), xml[at+len(marker):]...)
	headZ, err := deflate(head, false)
	if err != nil {
		return err
	}
	tailZ, err := deflate(tail, true)
	if err != nil {
		return err
	}
	crc := crc32Combine(crc32.ChecksumIEEE(head), s.crc, s.size)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	size := uint64(int64(len(head)) + s.size + int64(len(tail)))
	w, err := z.zw.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              crc,
		CompressedSize64:   uint64(int64(len(headZ)) + s.compressed + int64(len(tailZ))),
		UncompressedSize64: size,
	})
	if err != nil {
		return err
	}
	// The rows are cells only (their text escaped); excelize's head and
	// tail would hold any merged range.
	if !bytes.Contains(head, []byte("mergeCell")) && !bytes.Contains(tail, []byte("mergeCell")) {
		z.exported = append(z.exported, partSum{name: name, crc: crc, size: size, sorted: !s.unsorted})
	}
	if _, err := w.Write(headZ); err != nil {
		return err
	}
	if _, err := s.tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if n, err := io.Copy(w, s.tmp); err != nil {
		return err
	} else if n != s.compressed {
		return fmt.Errorf("read %d bytes of compressed rows, wrote %d", n, s.compressed)
	}
	_, err = w.Write(tailZ)
	return err
}

// deflate compresses b at zipLevel: final closes the stream, otherwise it
// ends in a sync flush so that more DEFLATE data can follow.
func deflate(b []byte, final bool) ([]byte, error) {
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, zipLevel)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(b); err != nil {
		return nil, err
	}
	if final {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	return out.Bytes(), err
}

// crc32Combine is the CRC-32 (IEEE) of a+b from crc1 of a, crc2 of b and
// b's length (zlib's crc32_combine).
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	var even, odd [32]uint32
	odd[0] = 0xedb88320 // the polynomial: the operator for one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	for {
		gf2Square(&even, &odd) // one zero byte, then 4, 16...
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
