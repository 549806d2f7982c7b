package xlsxscan

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeParts writes a zip of hand-written parts.
func writeParts(t *testing.T, parts map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.xlsx")
	fh, err := os.Create(path)
	require.NoError(t, err)
	zw := zip.NewWriter(fh)
	for name, body := range parts {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, fh.Close())
	return path
}

func TestSharedStringsDropPhonetics(t *testing.T) {
	path := writeParts(t, map[string]string{
		"xl/sst.xml": `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<si><r><t>事项</t></r><r><t>名称</t></r><rPh sb="0" eb="2"><t>ジコウ</t></rPh></si><si/><si><t>_x005F_x000D_</t></si></sst>`,
	})
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	sst, err := ReadSharedStrings(zr.File[0], 0)
	require.NoError(t, err)
	assert.Equal(t, []string{"事项名称", "", "_x000D_"}, sst)
}

// The row reader meets files from anywhere: no input may make it panic or
// loop, and row numbers only grow.
func FuzzRowReader(f *testing.F) {
	f.Add([]byte(`<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><t>a&amp;b</t></is></c></row></sheetData>`))
	f.Add([]byte(`<x:row r='3'><x:c r="A3"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row><row><c r="ZZZZ9"/></row>`))
	f.Add([]byte(`<row r="1048576"><c r="XFD1048576" t="str"><v>_x000D_</v></c></row>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rr := NewRows(io.NopCloser(bytes.NewReader(data)), []string{"编号"})
		last := 0
		for range 1 << 21 {
			row, ok, err := rr.Next()
			if err != nil || !ok {
				return
			}
			if row.Num <= last {
				t.Fatalf("row %d after row %d", row.Num, last)
			}
			last = row.Num
			if len(row.Numeric) > len(row.Cells) {
				t.Fatalf("numeric flags beyond the cells")
			}
		}
		t.Fatal("too many rows")
	})
}

// sheetXML wraps rows in a worksheet as Excel writes it.
func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/>` +
		`<sheetData>` + rows + `</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`
}

// readAll reads every row; it returns the rows read before an error.
func readAll(data string, sst []string, lim Limits) ([]Row, error) {
	rr := NewRows(io.NopCloser(strings.NewReader(data)), sst)
	rr.SetLimits(lim)
	var rows []Row
	for {
		row, ok, err := rr.Next()
		if err != nil || !ok {
			return rows, err
		}
		rows = append(rows, row)
	}
}

const threeRows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>事项</t></is></c></row>` +
	`<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="str"><f>A2*2</f><v>2</v></c></row>` +
	`<row r="3"><c r="A3"><v>3</v></c></row>`

func TestWholeSheetReads(t *testing.T) {
	rows, err := readAll(sheetXML(threeRows), []string{"编号"}, Limits{})
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"编号", "事项"}, rows[0].Cells)
	assert.Equal(t, []string{"3"}, rows[2].Cells)
}

// Every kind of damage stops the reader with an *Error saying what and
// after which row; no row after the damage is returned.
func TestDamagedSheets(t *testing.T) {
	whole := sheetXML(threeRows)
	cutAt := func(marker string) string { return whole[:strings.Index(whole, marker)] }
	cases := []struct {
		name    string
		data    string
		code    Code
		lastRow int
	}{
		{"cut in a row's cells", cutAt(`<v>1</v>`), Truncated, 1},
		{"cut between rows", cutAt(`<row r="3">`), Truncated, 2},
		{"cut inside a tag", cutAt(`r="A3"`), Truncated, 2},
		{"cut after the data", cutAt(`<mergeCells`), Truncated, 3},
		{"cut before the last tag", whole[:len(whole)-3], Truncated, 3},
		{"garbage between rows", strings.Replace(whole, `<row r="3">`, "\x00\xff垃圾数据<row r=\"3\">", 1), Garbage, 2},
		{"garbage inside a cell", strings.Replace(whole, `<v>3</v>`, `xx<v>3</v>`, 1), Garbage, 2},
		{"control bytes in a value", strings.Replace(whole, `<v>3</v>`, "<v>3\x01</v>", 1), Garbage, 2},
		{"broken UTF-8 in a value", strings.Replace(whole, `<t>事项</t>`, "<t>\xe4\xba</t>", 1), Garbage, 0},
		{"garbage after the document", whole + "PK\x03\x04", Garbage, 3},
		{"tag opened inside a tag", strings.Replace(whole, `<row r="3">`, `<row r="3"<c>`, 1), BrokenTag, 2},
		{"unterminated attribute", strings.Replace(whole, `<c r="A3">`, `<c r="A3>`, 1), BrokenTag, 2},
		{"row never closed", strings.Replace(whole, `</row><row r="3">`, `<row r="3">`, 1), BrokenTag, 1},
		{"cell outside a row", strings.Replace(whole, `<row r="3">`, `<c r="A3"><v>1</v></c><row r="3">`, 1), BrokenTag, 2},
		{"value never closed", strings.Replace(whole, `<v>3</v>`, `<v>3</c>`, 1), BrokenTag, 2},
		{"end tag with attributes", strings.Replace(whole, `</row>`, `</row x="1">`, 1), BrokenTag, 0},
		{"bad cell reference", strings.Replace(whole, `r="A3"`, `r="A9Z"`, 1), BadReference, 2},
		{"cell of another row", strings.Replace(whole, `r="A3"`, `r="A7"`, 1), BadReference, 2},
		{"column beyond XFD", strings.Replace(whole, `r="A3"`, `r="XFE3"`, 1), BadReference, 2},
		{"repeated cell", strings.Replace(whole, `r="B2"`, `r="A2"`, 1), BadReference, 1},
		{"row number too large", strings.Replace(whole, `r="3"`, `r="4294967297"`, 1), BadRowNumber, 2},
		{"row number going back", strings.Replace(whole, `r="3"`, `r="2"`, 1), BadRowNumber, 2},
		{"shared string out of range", strings.Replace(whole, `<v>0</v>`, `<v>99999</v>`, 1), NoSharedStr, 0},
		{"shared string not a number", strings.Replace(whole, `<v>0</v>`, `<v>x</v>`, 1), NoSharedStr, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := readAll(c.data, []string{"编号"}, Limits{})
			var e *Error
			require.True(t, errors.As(err, &e), "want an *Error, got %v", err)
			assert.Equal(t, c.code, e.Code)
			assert.Equal(t, c.lastRow, e.LastRow)
			assert.LessOrEqual(t, len(rows), c.lastRow, "no row after the damage is returned")
			for _, lang := range []string{"zh", "en"} {
				assert.NotEmpty(t, e.Text().In(lang))
			}
			// Asking again repeats the error: a caller cannot read past damage.
			rr := NewRows(io.NopCloser(strings.NewReader(c.data)), []string{"编号"})
			for {
				_, ok, err := rr.Next()
				if err != nil {
					_, _, again := rr.Next()
					assert.Equal(t, err, again)
					break
				}
				require.True(t, ok)
			}
		})
	}
}

// The sheet XML cut at every byte never yields rows beyond the cut nor
// passes as whole.
func TestCutAnywhere(t *testing.T) {
	whole := sheetXML(threeRows)
	for n := 0; n < len(whole)-1; n++ {
		_, err := readAll(whole[:n], []string{"编号"}, Limits{})
		var e *Error
		require.True(t, errors.As(err, &e), "cut at %d: %v", n, err)
	}
}

func TestLimits(t *testing.T) {
	big := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("长", 2000) + `</t></is></c></row>`)
	_, err := readAll(big, nil, Limits{MaxCellBytes: 4 << 10})
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, CellTooLarge, e.Code)
	assert.Contains(t, e.Text().Zh, "4 KB")
	_, err = readAll(big, nil, Limits{MaxCellBytes: 8 << 10})
	require.NoError(t, err)

	_, err = readAll(sheetXML(threeRows), []string{"编号"}, Limits{MaxRows: 2})
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, TooManyRows, e.Code)
	assert.Equal(t, 2, e.LastRow)

	// An unclosed tag runs to the end of the part: refused at the tag limit,
	// not read into memory.
	_, err = readAll(sheetXML(`<row r="1"><c r="A1`+strings.Repeat(" x", 100<<10)), nil, Limits{})
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, BrokenTag, e.Code)
}

func TestRowNumbersOnlyGrow(t *testing.T) {
	rows, err := readAll(sheetXML(`<row r="3"><c><v>1</v></c></row><row r="5"><c><v>2</v></c></row>`), nil, Limits{})
	require.NoError(t, err)
	var nums []int
	for _, r := range rows {
		nums = append(nums, r.Num)
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5}, nums, "rows the file leaves out come back empty")
}

// CheckOnly finds the same damage and counts the same cells as a full read.
func TestCheckOnlyAgreesWithRead(t *testing.T) {
	whole := sheetXML(threeRows)
	for _, data := range []string{whole, whole[:len(whole)/2], strings.Replace(whole, `<v>0</v>`, `<v>7</v>`, 1)} {
		full := NewRows(io.NopCloser(strings.NewReader(data)), []string{"编号"})
		check := NewRows(io.NopCloser(strings.NewReader(data)), []string{"编号"})
		check.CheckOnly()
		var errFull, errCheck error
		for ok := true; ok && errFull == nil; _, ok, errFull = full.Next() {
		}
		for ok := true; ok && errCheck == nil; _, ok, errCheck = check.Next() {
		}
		assert.Equal(t, errFull, errCheck)
		assert.Equal(t, full.Cells(), check.Cells())
	}
}

// BenchmarkScan reads a 100,000-row, 15-column sheet in full and in a
// check-only pass (the import's first pass).
func BenchmarkScan(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<worksheet><sheetData>`)
	for r := 1; r <= 100_000; r++ {
		fmt.Fprintf(&sb, `<row r="%d">`, r)
		for c := 0; c < 15; c++ {
			fmt.Fprintf(&sb, `<c r="%c%d" t="inlineStr"><is><t>第%d行第%d列的内容</t></is></c>`, 'A'+c, r, r, c)
		}
		sb.WriteString(`</row>`)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	data := sb.String()
	for _, mode := range []string{"full", "check"} {
		b.Run(mode, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for range b.N {
				rr := NewRows(io.NopCloser(strings.NewReader(data)), nil)
				if mode == "check" {
					rr.CheckOnly()
				}
				for {
					_, ok, err := rr.Next()
					if err != nil {
						b.Fatal(err)
					}
					if !ok {
						break
					}
				}
			}
		})
	}
}

// What XML allows is not damage: comments (even holding >), CDATA,
// prefixed names, single quotes, whitespace between tags.
func TestLegalXMLIsNotDamage(t *testing.T) {
	data := `<?xml version="1.0"?>` + "\n" + `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		"\n  <x:sheetData>\n    <!-- made by hand -> > -->\n" +
		`<x:row r='1' spans="1:2"><x:c r='A1' t='inlineStr'><x:is><x:t><![CDATA[a<b & c]]></x:t></x:is></x:c>` +
		"\n" + `<x:c r="B1"><x:v>2</x:v></x:c></x:row>` + "\n  </x:sheetData>\n</x:worksheet>\n"
	rows, err := readAll(data, nil, Limits{})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, []string{"a<b & c", "2"}, rows[0].Cells)
}

// A cell written plainly (<c><v>…</v></c>, read in one step) reads as the
// same cell laid out otherwise (read tag by tag): values, entities,
// escapes, shared strings, and the same damage at the same place.
func TestPlainCellsReadAsLaidOutCells(t *testing.T) {
	cells := []string{
		`<c r="A1" t="s"><v>1</v></c>`, `<c r="B1"><v>3.25</v></c>`, `<c r="C1" t="inlineStr"><is><t>事项&amp;&lt;名称&#x4E2D;</t></is></c>`,
		`<c r="D1" t="inlineStr"><is><t>a_x000D__x000A_b</t></is></c>`, `<c r="E1" t="str"><v>_x005F_x0041_</v></c>`,
		`<c r="F1"><v></v></c>`, `<c r="G1" t="inlineStr"><is><t></t></is></c>`, `<c r="H1" t="b"><v>1</v></c>`,
		`<c r="I1" t="inlineStr"><v>7</v></c>`, `<c r="J1"><is><t>x</t></is></c>`, `<c r="K1" t="e"><v>#N/A</v></c>`,
	}
	damaged := []string{`<c r="L1" t="s"><v>9</v></c>`, `<c r="L1" t="s"><v>x</v></c>`, "<c r=\"L1\"><v>1\x01</v></c>",
		"<c r=\"L1\" t=\"inlineStr\"><is><t>\xe4\xb8</t></is></c>", `<c r="L1" t="inlineStr"><is><t>` + strings.Repeat("长", 2000) + `</t></is></c>`}
	laidOut := func(s string) string { // a line break after each cell's start tag
		return strings.NewReplacer(`"><`, "\">\n<", "</v></c>", "</v>\n</c>").Replace(s)
	}
	sst := []string{"编号", "事项"}
	for i := -1; i < len(damaged); i++ {
		row := strings.Join(cells, "")
		if i >= 0 {
			row += damaged[i]
		}
		plain := sheetXML(`<row r="1">` + row + `</row><row r="2"><c r="A2"><v>2</v></c></row>`)
		want, wantErr := readAll(laidOut(plain), sst, Limits{MaxCellBytes: 4 << 10})
		got, err := readAll(plain, sst, Limits{MaxCellBytes: 4 << 10})
		assert.Equal(t, wantErr, err, "%d", i)
		assert.Equal(t, want, got, "%d", i)
		if i < 0 {
			require.NoError(t, err)
			assert.Equal(t, []string{"事项", "3.25", "事项&<名称中", "a\r\nb", "_x0041_", "", "", "1", "", "", "#N/A"}, got[0].Cells)
		} else {
			require.Error(t, err, "%d", i)
		}
	}
}
