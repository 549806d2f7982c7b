package workbook

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// awkwardTexts are cell texts an XML writer gets wrong: markup characters,
// control characters XML 1.0 cannot hold, an _xHHHH_ typed as text, the
// two non-characters, spaces and breaks at the ends, characters outside
// the BMP, and a carriage return a parser would turn into a line feed.
var awkwardTexts = []string{
	`a & b < c > d "e" 'f' ]]> &amp;`,
	"控制\x01字符\x07与\x1b转义\x00",
	"_x0041_ 与 _x005F_ 原样，_x12_ 也原样，_X0041_ 亦然",
	"非字符\uFFFE与\uFFFF",
	"  前后空格  ",
	"\t制\t表\t",
	"第一行\r\n第二行\r第三行\n",
	"𠮷野家 😀",
}

// A text's characters come back as typed from an export, through
// excelize and through the importer's reader, whatever XML makes of them.
func TestExportEscapesText(t *testing.T) {
	var recs []model.Record
	for i, s := range awkwardTexts {
		tk := benchTasks(1)[0].(*model.Task)
		tk.ID, tk.Number = tk.ID+string(rune('a'+i)), tk.Number+string(rune('a'+i))
		tk.Content, tk.Remarks = s, s
		tk.Reports = []model.Report{{ID: "rep", Unit: "市财政局", Done: s}}
		recs = append(recs, tk)
	}
	bad := benchTasks(1)[0].(*model.Task)
	bad.ID, bad.Number, bad.Content = "bad-utf8", "督〔2019〕坏号", "坏\xff字节"
	recs = append(recs, bad)
	path := exportFile(t, []SheetData{{Kind: model.KindTask, Records: recs}}, ExportOptions{})

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	content := columnIndex(t, rows[0], "交办内容")
	reports, err := f.GetRows(reportsSheet)
	require.NoError(t, err)
	for i, s := range awkwardTexts {
		assert.Equal(t, s, rows[i+1][content], "excelize: 交办内容 of row %d", i+2)
		assert.Equal(t, s, reports[i+1][5], "excelize: 工作进展 of 进展报告 row %d", i+2)
	}
	assert.Equal(t, "坏\uFFFD字节", rows[len(awkwardTexts)+1][content], "invalid UTF-8 is replaced, not written raw")

	// The importer trims a cell's ends (and a ledger's CRLF) as it does
	// for any typed text; every other character comes back.
	res, err := Read(path, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, res.Rows, len(recs))
	for i, s := range awkwardTexts {
		tk := res.Rows[i].Record.(*model.Task)
		assert.Equal(t, strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), tk.Content, "reader: 交办内容 of row %d", i+2)
		require.Len(t, tk.Reports, 1)
		assert.Equal(t, strings.TrimSpace(s), tk.Reports[0].Done, "reader: 工作进展 of row %d", i+2)
	}
}

// Text past Excel's 32,767 characters a cell is cut there, by UTF-16
// units: Excel refuses a longer cell.
func TestExportCutsOverlongText(t *testing.T) {
	long := strings.Repeat("督", maxCellChars-1) + "😀" + "尾"
	got := string(appendCellText(nil, long))
	assert.Equal(t, strings.Repeat("督", maxCellChars-1), got, "the emoji (two units) would pass the limit")
	assert.Equal(t, "督😀", string(appendCellText(nil, "督😀")))
}

// The numbers a sheet holds are written as excelize writes them (15
// significant digits, cut).
func TestAppendFloat(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for _, v := range []float64{43646, 0.4, 1150001.01, -2.5, 0.1 + 0.2, 1234567890.12345678, 1e20, 123456789012345678, 0.000123456789012345678} {
		require.NoError(t, f.SetCellFloat("Sheet1", "A1", v, -1, 64))
		want, err := f.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		assert.Equal(t, want, string(appendFloat(nil, v)), "%v", v)
	}
}

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3}, {7, 100_000}, {65_536, 1 << 20}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.Uint32())
		}
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		whole := crc32.ChecksumIEEE(append(append([]byte{}, a...), b...))
		assert.Equal(t, whole, crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))), "%v", n)
	}
}

// Every part of an export inflates whole and matches its checksum: the
// streamed sheets are spliced from three DEFLATE runs and a combined CRC.
func TestExportPartsAreSound(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Export(&buf, []SheetData{tasksWithLists(3000)}, ExportOptions{Generator: "test"}))
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	sheets := 0
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err, zf.Name)
		b, err := io.ReadAll(rc) // archive/zip checks the CRC-32 and the size at the end
		require.NoError(t, err, zf.Name)
		require.NoError(t, rc.Close())
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			sheets++
			assert.Equal(t, 1, bytes.Count(b, []byte("<sheetData>")), zf.Name)
			assert.True(t, bytes.HasSuffix(b, []byte("</worksheet>")), zf.Name)
		}
	}
	assert.Equal(t, 5, sheets, "督办事项, 进展报告, 延期, 催办, _taizhang")
}

// A failed export leaves no temporary files behind.
func TestExportRemovesItsTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	for _, env := range []string{"TMPDIR", "TMP", "TEMP"} { // os.TempDir's, on Unix and Windows
		t.Setenv(env, dir)
	}
	sd := tasksWithLists(10)
	sd.Count = 11 // one more than it yields: the export fails at the end
	require.Error(t, Export(io.Discard, []SheetData{sd}, ExportOptions{}))
	require.NoError(t, Export(io.Discard, []SheetData{tasksWithLists(10)}, ExportOptions{}))
	left, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, left)
}

func columnIndex(t *testing.T, header []string, h string) int {
	t.Helper()
	for i, v := range header {
		if v == h {
			return i
		}
	}
	t.Fatalf("no column %s in %v", h, header)
	return -1
}
