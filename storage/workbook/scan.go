package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetScan is what the reader needs from a sheet's XML besides its values:
// merged ranges and formula cells. excelize only offers these by loading
// the whole sheet into memory, so the XML is scanned once, tag by tag.
type sheetScan struct {
	merges   []mergeRange
	formulas map[string]formulaCell // by cell reference, e.g. "F12"
}

type mergeRange struct{ top, left, bottom, right int } // 1-based, inclusive

func (m mergeRange) covers(row, col int) bool {
	return row >= m.top && row <= m.bottom && col >= m.left && col <= m.right
}

type formulaCell struct {
	text   string // without the leading =; empty for a shared formula's followers
	cached bool   // the file holds a computed value
}

// scanSheets maps each sheet name to its scan.
func scanSheets(zr *zip.Reader) (map[string]*sheetScan, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(files, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXMLPart(files, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]*sheetScan{}
	for _, s := range wb.Sheets {
		f := files[targets[s.RID]]
		if f == nil {
			continue
		}
		sc, err := scanSheet(f)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
		}
		out[s.Name] = sc
	}
	return out, nil
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
	return xml.NewDecoder(rc).Decode(v)
}

func scanSheet(f *zip.File) (*sheetScan, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	sc := &sheetScan{formulas: map[string]formulaCell{}}
	var (
		cell      string
		hasF      bool
		fText     []byte
		vText     []byte
		capture   byte // 'f' or 'v' while inside those elements
		textChunk []byte
	)
	for {
		// Text up to the next tag: kept only inside <f> and <v>.
		textChunk, err = readUntil(br, '<', capture != 0, textChunk[:0])
		if capture == 'f' {
			fText = append(fText, textChunk...)
		} else if capture == 'v' {
			vText = append(vText, textChunk...)
		}
		if err == io.EOF {
			return sc, nil
		}
		if err != nil {
			return nil, err
		}
		var tag []byte
		tag, err = readUntil(br, '>', true, nil)
		if err != nil {
			if err == io.EOF {
				return sc, nil
			}
			return nil, err
		}
		tag = bytes.TrimSuffix(tag, []byte(">"))
		selfClosing := bytes.HasSuffix(tag, []byte("/"))
		name := tag
		if i := bytes.IndexAny(tag, " \t\r\n/"); i > 0 {
			name = tag[:i]
		}
		if j := bytes.IndexByte(name, ':'); j >= 0 { // x:c in prefixed documents
			name = name[j+1:]
		}
		switch string(name) {
		case "c":
			cell, hasF, fText, vText = attr(tag, "r"), false, fText[:0], vText[:0]
		case "f":
			hasF = true
			if !selfClosing {
				capture = 'f'
			}
		case "v":
			if !selfClosing {
				capture = 'v'
			}
		case "/f", "/v":
			capture = 0
		case "/c":
			if hasF && cell != "" {
				sc.formulas[cell] = formulaCell{text: html.UnescapeString(string(fText)), cached: len(bytes.TrimSpace(vText)) > 0}
			}
			cell = ""
		case "mergeCell":
			if m, ok := parseRange(attr(tag, "ref")); ok {
				sc.merges = append(sc.merges, m)
			}
		}
	}
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

// attr returns the value of a plain attribute in a start tag.
func attr(tag []byte, name string) string {
	key := []byte(" " + name + `="`)
	i := bytes.Index(tag, key)
	if i < 0 {
		return ""
	}
	rest := tag[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

func parseRange(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{top: min(r1, r2), left: min(c1, c2), bottom: max(r1, r2), right: max(c1, c2)}, true
}
