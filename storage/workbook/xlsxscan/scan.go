// Package xlsxscan reads the parts of an .xlsx workbook that an import
// needs — the sheet list, the 1904 flag, shared strings, merged ranges and
// the rows as raw text — streaming, without loading a sheet into memory.
//
// It takes a workbook apart itself instead of through excelize: excelize's
// row iterator decodes every cell with encoding/xml, which was most of the
// time of a 100,000-row import, and offers merged ranges only by loading
// the whole sheet into memory.
package xlsxscan

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Book is a workbook's structure: its sheets in order, the 1904 flag, the
// shared strings and the document's modified time.
type Book struct {
	files    map[string]*zip.File
	Sheets   []Sheet
	Date1904 bool
	Modified time.Time // zero when the file does not say
	SST      []string
	// PercentStyles marks the cell formats that show a percentage, by
	// the index a cell's s attribute gives (nil: none); see
	// Rows.SetPercentStyles.
	PercentStyles []bool
}

type Sheet struct {
	Name string
	Part *zip.File // nil when the workbook names a sheet part it does not hold
}

type Merge struct{ Top, Left, Bottom, Right int } // 1-based, inclusive

func (m Merge) Covers(row, col int) bool {
	return row >= m.Top && row <= m.Bottom && col >= m.Left && col <= m.Right
}

type Formula struct {
	Text   string // without the leading =; empty for a shared formula's followers
	Cached bool   // the file holds a computed value
}

// Open reads the workbook's structure and shared strings; damage is an
// *Error naming the part.
func Open(zr *zip.Reader, lim Limits) (*Book, error) {
	lim = lim.withDefaults()
	b := &Book{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.files[strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")] = f
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"` // r:id, in the transitional or the strict namespace
		} `xml:"sheets>sheet"`
	}
	if err := readXMLPart(b.files, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	b.Date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	rels, err := readRels(b.files, "xl/_rels/workbook.xml.rels", "xl")
	if err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		rid := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, "relationships") {
				rid = a.Value
			}
		}
		b.Sheets = append(b.Sheets, Sheet{Name: s.Name, Part: b.files[rels[rid].target]})
	}
	sstPart := "xl/sharedStrings.xml"
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			sstPart = r.target
		}
	}
	if f := b.files[sstPart]; f != nil {
		if b.SST, err = ReadSharedStrings(f, lim.MaxCellBytes); err != nil {
			return nil, err
		}
	}
	stylesPart := "xl/styles.xml"
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/styles") {
			stylesPart = r.target
		}
	}
	b.PercentStyles = percentStyles(b.files, stylesPart)
	b.Modified = docModified(b.files)
	return b, nil
}

type rel struct{ target, typ string }

// readRels maps relationship ids to part names, resolved against dir.
func readRels(files map[string]*zip.File, name, dir string) (map[string]rel, error) {
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(files, name, &rels); err != nil {
		return nil, err
	}
	out := map[string]rel{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		out[r.ID] = rel{target: t, typ: r.Type}
	}
	return out, nil
}

// docModified is dcterms:modified of the core properties, if any.
func docModified(files map[string]*zip.File) time.Time {
	name := "docProps/core.xml"
	if rels, err := readRels(files, "_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/core-properties") {
				name = r.target
			}
		}
	}
	var core struct {
		Modified string `xml:"modified"`
	}
	if files[name] == nil || readXMLPart(files, name, &core) != nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(core.Modified))
	if err != nil {
		return time.Time{}
	}
	return t
}

func readXMLPart(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return &Error{Code: MissingPart, Part: name}
	}
	rc, err := f.Open()
	if err != nil {
		return &Error{Code: Corrupt, Part: name, Err: err}
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		code := BrokenTag
		if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
			code = Truncated
		}
		var se *xml.SyntaxError
		if !errors.As(err, &se) && code != Truncated {
			code = Corrupt
		}
		return &Error{Code: code, Part: name, Err: err}
	}
	return nil
}

// ReadSharedStrings reads every <si>: its text, or its rich-text runs
// joined, without phonetic runs (<rPh>). A damaged table is an *Error; a
// string longer than maxCell (0: the default) is CellTooLarge.
func ReadSharedStrings(f *zip.File, maxCell int) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Code: Corrupt, Part: f.Name, Err: err}
	}
	defer rc.Close()
	t := newTagReader(rc)
	t.limit = Limits{MaxCellBytes: maxCell}.withDefaults().MaxCellBytes
	var (
		out         []string
		text        []byte
		inSI, inPh  bool
		captureText bool
		closed      bool
		total       int // bytes of text held
	)
	fail := func(err error) ([]string, error) {
		e := &Error{Code: Corrupt, Part: f.Name, Err: err}
		switch {
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			e.Code = Truncated
		case errors.Is(err, errTooLong):
			e.Code, e.Limit = CellTooLarge, t.limit
		case errors.Is(err, errBadText):
			e.Code = Garbage
		case errors.Is(err, errBadTag):
			e.Code = BrokenTag
		}
		return nil, e
	}
	for {
		chunk, err := t.text(captureText)
		if captureText {
			if len(text)+len(chunk) > t.limit {
				return fail(errTooLong)
			}
			text = append(text, chunk...)
		}
		if err == io.EOF && closed && !t.junk {
			return out, nil
		}
		if err != nil {
			return fail(err)
		}
		if t.junk && (inSI && !inPh || closed) {
			return fail(errBadText)
		}
		tag, err := t.tag()
		if err != nil {
			return fail(err)
		}
		if closed {
			return fail(errBadText) // anything after the end of the table
		}
		switch tag.name {
		case "si":
			if inSI {
				return fail(errBadTag)
			}
			inSI, inPh, text = true, false, text[:0]
			if tag.selfClosing {
				out = append(out, "")
				inSI = false
			}
		case "/si":
			if !inSI || captureText {
				return fail(errBadTag)
			}
			if total += len(text); total > maxSharedBytes {
				return nil, &Error{Code: TooMuchData, Part: f.Name}
			}
			out = append(out, cellText(text, true))
			inSI = false
		case "rPh":
			inPh = !tag.selfClosing
		case "/rPh":
			inPh = false
		case "t":
			captureText = inSI && !inPh && !tag.selfClosing
		case "/t":
			captureText = false
		default:
			if captureText && tag.cdata != nil {
				text = append(text, tag.cdata...)
			} else if captureText {
				return fail(errBadTag) // <t> holds text only
			}
			if isEndOf(tag, "sst") {
				if inSI {
					return fail(errBadTag)
				}
				closed = true
			}
		}
	}
}

// isEndOf reports whether tag is the end tag of the element local.
func isEndOf(tag *xmlTag, local string) bool {
	n := tag.local
	if len(n) < 2 || n[0] != '/' {
		return false
	}
	n = n[1:]
	if j := bytes.IndexByte(n, ':'); j >= 0 {
		n = n[j+1:]
	}
	return string(n) == local
}

// Merges finds a sheet's merged ranges. They follow the cell data, so
// they are looked for by a byte search of the whole part before its rows
// are read.
func Merges(f *zip.File) ([]Merge, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Code: Corrupt, Part: f.Name, Err: err}
	}
	defer rc.Close()
	const overlap = 256 // longer than any <mergeCell …/> tag
	buf := make([]byte, 0, 256<<10+overlap)
	var out []Merge
	needle := []byte("mergeCell ")
	for {
		n, err := io.ReadFull(rc, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		eof := err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !eof {
			return nil, &Error{Code: Corrupt, Part: f.Name, Err: err}
		}
		// Tags found whole in buf; a tag cut by the end waits for the next read.
		done := 0
		for {
			i := bytes.Index(buf[done:], needle)
			if i < 0 {
				break
			}
			i += done
			end := bytes.IndexByte(buf[i:], '>')
			if end < 0 {
				break
			}
			if isTagStart(buf[:i]) {
				if m, ok := parseRange(attr(buf[i:i+end], "ref")); ok {
					if len(out) == maxMerges {
						return nil, &Error{Code: TooMuchData, Part: f.Name}
					}
					out = append(out, m)
				}
			}
			done = i + end
		}
		if eof {
			return out, nil
		}
		keep := max(done, len(buf)-overlap)
		buf = buf[:copy(buf, buf[keep:])]
	}
}

// isTagStart: the bytes before a name end in < or <prefix:.
func isTagStart(before []byte) bool {
	n := len(before)
	if n > 0 && before[n-1] == '<' {
		return true
	}
	if n == 0 || before[n-1] != ':' {
		return false
	}
	for i := n - 2; i >= 0 && i >= n-12; i-- {
		c := before[i]
		if c == '<' {
			return i < n-2
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return false
}

// attr returns the value of an attribute in a start tag ("" when absent).
func attr(tag []byte, name string) string {
	v, _ := attrBytes(tag, name)
	return string(v)
}

// attrBytes finds name="value" or name='value' among a tag's attributes.
func attrBytes(tag []byte, name string) ([]byte, bool) {
	i := bytes.IndexAny(tag, " \t\r\n")
	for i >= 0 && i < len(tag) {
		for i < len(tag) && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\r' || tag[i] == '\n') {
			i++
		}
		eq := bytes.IndexByte(tag[i:], '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimSpace(tag[i : i+eq])
		j := i + eq + 1
		for j < len(tag) && (tag[j] == ' ' || tag[j] == '\t' || tag[j] == '\r' || tag[j] == '\n') {
			j++
		}
		if j >= len(tag) || tag[j] != '"' && tag[j] != '\'' {
			return nil, false
		}
		q := tag[j]
		k := bytes.IndexByte(tag[j+1:], q)
		if k < 0 {
			return nil, false
		}
		val := tag[j+1 : j+1+k]
		if string(key) == name {
			return val, true
		}
		i = j + 1 + k + 1
	}
	return nil, false
}

func parseRange(ref string) (Merge, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return Merge{}, false
	}
	return Merge{Top: min(r1, r2), Left: min(c1, c2), Bottom: max(r1, r2), Right: max(c1, c2)}, true
}

// tagReader splits XML into text runs and tags, keeping only what is asked
// for: long text the reader does not need costs no memory, and text it
// keeps is bounded by limit.
type tagReader struct {
	br    *bufio.Reader
	buf   []byte
	limit int  // most bytes of text kept in one run
	junk  bool // the last text skipped held more than whitespace
	cur   xmlTag
}

type xmlTag struct {
	name        string // local name, "/c" for an end tag; "" for names the readers ignore
	local       []byte // the local name as written (with / for an end tag); valid until the next call
	raw         []byte // the tag without < and >; valid until the next call
	selfClosing bool
	cdata       []byte // the text of a <![CDATA[…]]> section
	r, t, s     []byte // the r, t and s attributes of a start tag, the ones the readers look at (nil: absent)
}

var (
	errTooLong = errors.New("text run longer than the limit")
	errBadTag  = errors.New("malformed tag")
	errBadText = errors.New("bytes that XML cannot hold")
)

func newTagReader(r io.Reader) *tagReader {
	return &tagReader{br: bufio.NewReaderSize(r, 256<<10), limit: DefaultMaxCellBytes}
}

// text reads up to the next '<'. Kept bytes are returned (valid until the
// next call; errTooLong past the limit, errBadText for control characters
// or broken UTF-8); skipped ones only set junk when they are not whitespace.
func (t *tagReader) text(keep bool) ([]byte, error) {
	t.junk = false
	if keep {
		// Most runs lie whole in the buffer: they are returned from it, not copied.
		chunk, err := t.br.ReadSlice('<')
		if err == nil && len(chunk) <= t.limit+1 {
			chunk = chunk[:len(chunk)-1]
			if !validText(chunk) {
				return chunk, errBadText
			}
			return chunk, nil
		}
		t.buf = append(t.buf[:0], chunk...)
		if len(t.buf) > t.limit+1 {
			return t.buf, errTooLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			t.buf, err = readUntilFrom(t.br, '<', t.buf, 0, t.limit)
		} else if err == nil {
			t.buf = t.buf[:len(t.buf)-1]
		}
		if err == nil && !validText(t.buf) {
			err = errBadText
		}
		return t.buf, err
	}
	for {
		chunk, err := t.br.ReadSlice('<')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		if !t.junk && !isSpace(chunk) {
			t.junk = true
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return nil, err
	}
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// validText: no control characters XML 1.0 forbids, valid UTF-8 (as
// utf8.Valid has it), in one pass: eight ASCII bytes at a time, and a
// rune of Chinese text without a second scan.
func validText(b []byte) bool {
	const lo7, hi = 0x0101010101010101, 0x8080808080808080
	i := 0
	for i < len(b) {
		if i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			// No byte with the high bit and none below 0x20: skip the eight.
			if w&hi == 0 && (w-0x20*lo7)&^w&hi == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
				return false
			}
			i++
			continue
		}
		switch {
		case c < 0xC2:
			return false
		case c < 0xE0:
			if i+1 >= len(b) || b[i+1]&0xC0 != 0x80 {
				return false
			}
			i += 2
		case c < 0xF0:
			lo, hi := byte(0x80), byte(0xBF)
			if c == 0xE0 {
				lo = 0xA0
			} else if c == 0xED {
				hi = 0x9F // no surrogates
			}
			if i+2 >= len(b) || b[i+1] < lo || b[i+1] > hi || b[i+2]&0xC0 != 0x80 {
				return false
			}
			i += 3
		case c < 0xF5:
			lo, hi := byte(0x80), byte(0xBF)
			if c == 0xF0 {
				lo = 0x90
			} else if c == 0xF4 {
				hi = 0x8F // nothing above U+10FFFF
			}
			if i+3 >= len(b) || b[i+1] < lo || b[i+1] > hi || b[i+2]&0xC0 != 0x80 || b[i+3]&0xC0 != 0x80 {
				return false
			}
			i += 4
		default:
			return false
		}
	}
	return true
}

// tag reads the next tag; the tag returned is the reader's own, valid
// until the next call.
func (t *tagReader) tag() (*xmlTag, error) {
	// Most tags lie whole in the buffer: they are parsed there, not copied.
	raw, err := t.br.ReadSlice('>')
	if err == nil && len(raw) <= maxTagBytes+1 && raw[0] != '!' {
		raw = raw[:len(raw)-1]
	} else {
		t.buf = append(t.buf[:0], raw...)
		switch {
		case len(t.buf) > maxTagBytes+1:
			err = errTooLong
		case errors.Is(err, bufio.ErrBufferFull):
			t.buf, err = readUntilFrom(t.br, '>', t.buf, 0, maxTagBytes)
		case err == nil:
			t.buf = t.buf[:len(t.buf)-1]
		}
		raw = t.buf
		if errors.Is(err, errTooLong) {
			return nil, errBadTag
		}
		if err != nil {
			return nil, err
		}
	}
	tag := &t.cur
	*tag = xmlTag{raw: raw}
	// Comments and CDATA may hold '>': read on to their real end.
	for _, kind := range [...]struct{ open, close string }{{"!--", "--"}, {"![CDATA[", "]]"}} {
		if len(raw) == 0 || raw[0] != '!' || !bytes.HasPrefix(raw, []byte(kind.open)) {
			continue
		}
		for len(raw) < len(kind.open)+len(kind.close) || !bytes.HasSuffix(raw, []byte(kind.close)) {
			raw = append(raw, '>')
			if raw, err = readUntil(t.br, '>', raw, t.limit+maxTagBytes); err != nil {
				t.buf = raw
				if errors.Is(err, errTooLong) {
					return nil, errBadTag
				}
				return nil, err
			}
		}
		t.buf = raw
		tag.raw = raw
		if kind.open[1] == '[' {
			tag.cdata = raw[len(kind.open) : len(raw)-2]
		}
		return tag, nil
	}
	if len(raw) == 0 || bytes.IndexByte(raw, '<') >= 0 {
		return nil, errBadTag
	}
	switch c := raw[0]; {
	case c == '?' || c == '!':
		return tag, nil // a declaration or processing instruction
	case c == '/' || c == '_' || c == ':' || c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
	default:
		return nil, errBadTag
	}
	tag.selfClosing = raw[len(raw)-1] == '/'
	name, colon := raw, -1
	for i, c := range raw {
		if i > 0 && (c == ' ' || c == '/' || c == '\t' || c == '\r' || c == '\n') {
			name = raw[:i]
			break
		}
		if c == ':' && colon < 0 {
			colon = i
		}
	}
	tag.local = name
	end := false
	if name[0] == '/' {
		end, name = true, name[1:]
		colon--
		if len(name) == 0 || tag.selfClosing || !isSpace(raw[len(name)+1:]) {
			return nil, errBadTag // </>, </c/>, </c attr="">
		}
	}
	if colon >= 0 { // x:c in prefixed documents
		name = name[colon+1:]
	}
	tag.name = internName(name, end)
	if tag.name != "" && !end && !tag.parseAttrs(raw[len(tag.local):]) {
		return nil, errBadTag
	}
	return tag, nil
}

// parseAttrs checks the attribute list of a start tag (name="value" or
// name='value', separated by whitespace) and keeps the values of r and t,
// the ones the readers look at, as attrBytes would find them.
func (tag *xmlTag) parseAttrs(b []byte) bool {
	if tag.selfClosing {
		b = b[:len(b)-1]
	}
	for {
		i := 0
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
			i++
		}
		if i == len(b) {
			return true
		}
		if i == 0 {
			return false // an attribute must follow whitespace
		}
		b = b[i:]
		eq := bytes.IndexByte(b, '=')
		if eq <= 0 {
			return false
		}
		for _, c := range b[:eq] {
			if c == '"' || c == '\'' || c == '/' {
				return false
			}
		}
		j := eq + 1
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		if j >= len(b) || b[j] != '"' && b[j] != '\'' {
			return false
		}
		k := bytes.IndexByte(b[j+1:], b[j])
		if k < 0 {
			return false
		}
		key := b[:eq]
		if eq > 1 {
			key = bytes.TrimSpace(key)
		}
		if len(key) == 1 {
			switch {
			case key[0] == 'r' && tag.r == nil:
				tag.r = b[j+1 : j+1+k : j+1+k]
			case key[0] == 't' && tag.t == nil:
				tag.t = b[j+1 : j+1+k : j+1+k]
			case key[0] == 's' && tag.s == nil:
				tag.s = b[j+1 : j+1+k : j+1+k]
			}
		}
		b = b[j+1+k+1:]
	}
}

// attr is a start tag's r, t or s attribute, kept by parseAttrs.
func (tag *xmlTag) attr(name byte) ([]byte, bool) {
	v := tag.r
	switch name {
	case 't':
		v = tag.t
	case 's':
		v = tag.s
	}
	return v, v != nil
}

// internName avoids allocating the names the readers compare.
func internName(name []byte, end bool) string {
	var n string
	switch string(name) { // no allocation: the compiler compares in place
	case "c":
		n = "c"
	case "v":
		n = "v"
	case "f":
		n = "f"
	case "t":
		n = "t"
	case "row":
		n = "row"
	case "is":
		n = "is"
	case "rPh":
		n = "rPh"
	case "si":
		n = "si"
	case "sheetData":
		n = "sheetData"
	case "r":
		n = "r"
	default:
		return "" // not one the readers look at
	}
	if !end {
		return n
	}
	switch n {
	case "c":
		return "/c"
	case "v":
		return "/v"
	case "f":
		return "/f"
	case "t":
		return "/t"
	case "row":
		return "/row"
	case "is":
		return "/is"
	case "rPh":
		return "/rPh"
	case "si":
		return "/si"
	}
	return "/sheetData"
}

// readUntil appends the bytes up to delim to buf, without delim;
// errTooLong once they pass max.
func readUntil(br *bufio.Reader, delim byte, buf []byte, max int) ([]byte, error) {
	return readUntilFrom(br, delim, buf, len(buf), max)
}

// readUntilFrom is readUntil counting the bytes of buf from start.
func readUntilFrom(br *bufio.Reader, delim byte, buf []byte, start, max int) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice(delim)
		buf = append(buf, chunk...)
		if len(buf)-start > max+1 {
			return buf, errTooLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			buf = buf[:len(buf)-1] // drop the delimiter
		}
		return buf, err
	}
}

// cellText decodes the XML text of a value: entities, and for strings the
// _xHHHH_ escapes of characters XML cannot hold (_x000D_ is a carriage return).
func cellText(b []byte, isString bool) string {
	if bytes.IndexByte(b, '&') < 0 && (!isString || !bytes.Contains(b, []byte("_x"))) {
		return string(b)
	}
	s := string(b)
	if strings.IndexByte(s, '&') >= 0 {
		s = unescapeXML(s)
	}
	if isString && strings.Contains(s, "_x") {
		s = unescapeBstr(s)
	}
	return s
}

func unescapeXML(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		ent := s[1:j]
		switch {
		case ent == "amp":
			b.WriteByte('&')
		case ent == "lt":
			b.WriteByte('<')
		case ent == "gt":
			b.WriteByte('>')
		case ent == "quot":
			b.WriteByte('"')
		case ent == "apos":
			b.WriteByte('\'')
		case strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X"):
			if r, ok := parseHex(ent[2:]); ok {
				b.WriteRune(r)
			}
		case strings.HasPrefix(ent, "#"):
			r := rune(0)
			for _, c := range ent[1:] {
				if c < '0' || c > '9' {
					r = -1
					break
				}
				r = r*10 + (c - '0')
			}
			if r >= 0 {
				b.WriteRune(r)
			}
		default:
			b.WriteString(s[:j+1])
		}
		s = s[j+1:]
	}
}

func parseHex(s string) (rune, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	var r rune
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + c - '0'
		case c >= 'a' && c <= 'f':
			r = r*16 + c - 'a' + 10
		case c >= 'A' && c <= 'F':
			r = r*16 + c - 'A' + 10
		default:
			return 0, false
		}
	}
	return r, true
}

// unescapeBstr decodes _xHHHH_ (OOXML's escape for characters such as
// line breaks written as _x000D_); _x005F_ is a literal underscore.
func unescapeBstr(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			b.WriteString(s)
			return b.String()
		}
		if s[i+6] == '_' {
			if r, ok := parseHex(s[i+2 : i+6]); ok {
				b.WriteString(s[:i])
				b.WriteRune(r)
				s = s[i+7:]
				continue
			}
		}
		b.WriteString(s[:i+2])
		s = s[i+2:]
	}
}
