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
	"encoding/xml"
	"errors"
	"fmt"
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

func Open(zr *zip.Reader) (*Book, error) {
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
		if b.SST, err = ReadSharedStrings(f); err != nil {
			return nil, fmt.Errorf("shared strings: %w", err)
		}
	}
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
		return fmt.Errorf("%s missing", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// ReadSharedStrings reads every <si>: its text, or its rich-text runs
// joined, without phonetic runs (<rPh>).
func ReadSharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	t := newTagReader(rc)
	var (
		out         []string
		text        []byte
		inSI, inPh  bool
		captureText bool
	)
	for {
		chunk, err := t.text(captureText)
		if captureText {
			text = append(text, chunk...)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		tag, err := t.tag()
		if err != nil {
			if err == io.EOF {
				return out, nil
			}
			return nil, err
		}
		switch tag.name {
		case "si":
			inSI, inPh, text = true, false, text[:0]
			if tag.selfClosing {
				out = append(out, "")
				inSI = false
			}
		case "/si":
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
		}
	}
}

// Merges finds a sheet's merged ranges. They follow the cell data, so
// they are looked for by a byte search of the whole part before its rows
// are read.
func Merges(f *zip.File) ([]Merge, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
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
			return nil, err
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
// for: long text the reader does not need costs no memory.
type tagReader struct {
	br  *bufio.Reader
	buf []byte
}

type xmlTag struct {
	name        string // local name, "/c" for an end tag
	raw         []byte // the tag without < and >; valid until the next call
	selfClosing bool
}

func newTagReader(r io.Reader) *tagReader {
	return &tagReader{br: bufio.NewReaderSize(r, 256<<10)}
}

// text reads up to the next '<'; the bytes are returned when keep is set
// and are valid until the next call.
func (t *tagReader) text(keep bool) ([]byte, error) {
	var err error
	t.buf, err = readUntil(t.br, '<', keep, t.buf[:0])
	return t.buf, err
}

func (t *tagReader) tag() (xmlTag, error) {
	raw, err := readUntil(t.br, '>', true, t.buf[:0])
	t.buf = raw
	if err != nil {
		return xmlTag{}, err
	}
	tag := xmlTag{raw: raw}
	tag.selfClosing = len(raw) > 0 && raw[len(raw)-1] == '/'
	name := raw
	for i, c := range raw {
		if i > 0 && (c == ' ' || c == '/' || c == '\t' || c == '\r' || c == '\n') {
			name = raw[:i]
			break
		}
	}
	end := false
	if len(name) > 0 && name[0] == '/' {
		end, name = true, name[1:]
	}
	if j := bytes.IndexByte(name, ':'); j >= 0 { // x:c in prefixed documents
		name = name[j+1:]
	}
	tag.name = internName(name, end)
	return tag, nil
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

// readUntil reads up to and including delim; keep=false discards the bytes
// (long text between tags costs no memory).
func readUntil(br *bufio.Reader, delim byte, keep bool, buf []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice(delim)
		if keep {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if keep && err == nil {
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
