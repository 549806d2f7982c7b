package xlsxscan

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
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
	sst, err := ReadSharedStrings(zr.File[0])
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

func TestRowNumbersOnlyGrow(t *testing.T) {
	rr := NewRows(io.NopCloser(bytes.NewReader([]byte(
		`<sheetData><row r="3"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row></sheetData>`))), nil)
	var nums []int
	for {
		row, ok, err := rr.Next()
		require.NoError(t, err)
		if !ok {
			break
		}
		nums = append(nums, row.Num)
	}
	assert.Equal(t, []int{1, 2, 3, 4}, nums)
}
