package exchange

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/workbook"
)

const ledgerRows = 40

// ledgerFile is a 督办 ledger of n rows (header in row 1) written by
// excelize: text cells go to the shared strings table.
func ledgerFile(t testing.TB, dir, name string, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "事项名称", "牵头单位", "完成时限"}))
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &[]any{fmt.Sprintf("督〔2019〕%d号", i), fmt.Sprintf("第%d项重点工作推进", i), "市财政局", "2019年12月31日"}))
	}
	path := filepath.Join(dir, name)
	require.NoError(t, f.SaveAs(path))
	return path
}

// rewritePart copies the workbook at src to a new file with one part
// changed by edit (the zip itself stays valid: the damage is in the XML).
func rewritePart(t testing.TB, src, part string, edit func([]byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	require.NoError(t, err)
	defer zr.Close()
	out := filepath.Join(t.TempDir(), filepath.Base(src))
	fh, err := os.Create(out)
	require.NoError(t, err)
	zw := zip.NewWriter(fh)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		if f.Name == part {
			body, found = edit(body), true
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(body)
		require.NoError(t, err)
	}
	require.True(t, found, "no part %s", part)
	require.NoError(t, zw.Close())
	require.NoError(t, fh.Close())
	return out
}

const sheetPart = "xl/worksheets/sheet1.xml"

// state is everything a user could see change: every record and its revision.
func state(t testing.TB, s *storage.Store) string {
	t.Helper()
	var b strings.Builder
	for _, k := range model.Kinds() {
		require.NoError(t, s.EachRecord(context.Background(), k, func(r model.Record, _ []string) error {
			m := r.RecordMeta()
			fmt.Fprintf(&b, "%s %s %s\n", k, m.ID, m.Rev)
			return nil
		}))
	}
	return b.String()
}

func taskCount(t testing.TB, s *storage.Store) int {
	n, err := s.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	return n
}

// damaged is a case of the suite: the file, and whether rows may be read
// before the damage (false: the damage is outside the sheet's rows).
type damaged struct {
	name string
	path string
}

func damagedCases(t *testing.T, whole string) []damaged {
	zr, err := zip.OpenReader(whole)
	require.NoError(t, err)
	var sheet []byte
	for _, f := range zr.File {
		if f.Name == sheetPart {
			rc, _ := f.Open()
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	zr.Close()
	require.NotEmpty(t, sheet)
	var cases []damaged
	// The sheet XML cut at 10 places from its start to just before its end.
	for i := 1; i <= 10; i++ {
		at := len(sheet) * i / 11
		if i == 10 {
			at = len(sheet) - 5
		}
		cases = append(cases, damaged{fmt.Sprintf("cut at %d of %d bytes", at, len(sheet)),
			rewritePart(t, whole, sheetPart, func(b []byte) []byte { return b[:at] })})
	}
	row := func(n int) string { return fmt.Sprintf(`<row r="%d"`, n) }
	replace := func(old, new string) func([]byte) []byte {
		return func(b []byte) []byte {
			require.Contains(t, string(b), old)
			return bytes.Replace(b, []byte(old), []byte(new), 1)
		}
	}
	for _, c := range []struct {
		name string
		edit func([]byte) []byte
	}{
		{"garbage bytes between rows", replace(row(20), "\x00\x13\xff\xfe 乱码 garbage "+row(20))},
		{"random bytes over rows", func(b []byte) []byte {
			i := bytes.Index(b, []byte(row(25)))
			junk := []byte("\x8b\x1f<<>>\x00x<\"' /> 7\xe4")
			out := append([]byte(nil), b...)
			copy(out[i:], junk)
			return out
		}},
		{"tag opened inside a tag", replace(`<c r="A18"`, `<c r="A18" <c`)},
		{"row never closed", func(b []byte) []byte {
			i := bytes.Index(b, []byte(row(31)))
			j := bytes.LastIndex(b[:i], []byte("</row>"))
			return append(append([]byte(nil), b[:j]...), b[j+len("</row>"):]...)
		}},
		{"unterminated attribute", replace(`<c r="B22"`, `<c r="B22`)},
		{"bad cell reference", replace(`r="C12"`, `r="C1X2"`)},
		{"cell of another row", replace(`r="C12"`, `r="C13"`)},
		{"row number beyond Excel", replace(row(27), `<row r="4294967297"`)},
		{"rows going back", replace(row(27), row(3))},
		{"shared string out of range", func(b []byte) []byte {
			re := regexp.MustCompile(`(<c r="B15"[^>]*t="s"[^>]*><v>)\d+(</v>)`)
			require.True(t, re.Match(b))
			return re.ReplaceAll(b, []byte("${1}99999${2}"))
		}},
	} {
		cases = append(cases, damaged{c.name, rewritePart(t, whole, sheetPart, c.edit)})
	}
	return cases
}

// The suite of damaged workbooks: each is refused naming the file, the
// sheet and the last row read, with the database exactly as it was; with
// --partial the rows before the damage are imported and the plan says
// where the sheet breaks.
func TestDamagedWorkbooksAreNeverHalfImported(t *testing.T) {
	ctx := context.Background()
	whole := ledgerFile(t, t.TempDir(), "督办台账.xlsx", ledgerRows)
	for _, c := range damagedCases(t, whole) {
		t.Run(c.name, func(t *testing.T) {
			s := openTestStore(t)
			require.NoError(t, s.Save(ctx, newTask("督〔2018〕1号", "已有事项", "办理中"), "甲"))
			before := state(t, s)

			_, err := PlanFiles(ctx, s, []string{c.path}, ReadRequest{Lang: "zh"})
			var fe *workbook.FileError
			require.True(t, errors.As(err, &fe), "want a *FileError, got %v", err)
			assert.Equal(t, workbook.ErrDamaged, fe.Code)
			assert.Equal(t, "督办台账.xlsx", fe.File)
			assert.Equal(t, "Sheet1", fe.Sheet)
			assert.LessOrEqual(t, fe.LastRow, ledgerRows+1)
			zh, en := fe.Reason("zh"), fe.Reason("en")
			t.Log(zh)
			t.Log(en)
			assert.Contains(t, zh, "督办台账.xlsx")
			assert.Contains(t, zh, "Sheet1")
			assert.Contains(t, zh, "未导入任何数据")
			if fe.LastRow > 0 {
				assert.Contains(t, zh, fmt.Sprintf("第 %d 行", fe.LastRow))
				assert.Contains(t, en, fmt.Sprintf("row %d", fe.LastRow))
			}
			assertUserText(t, zh, "zh")
			assertUserText(t, en, "en")
			assert.Equal(t, before, state(t, s), "the database is unchanged")

			// --partial: the rows read whole before the damage, and where it breaks.
			plan, err := PlanFiles(ctx, s, []string{c.path}, ReadRequest{Lang: "zh", Partial: true})
			require.NoError(t, err)
			sheet := plan.Files[0].Sheets[0]
			require.NotNil(t, sheet.BrokenAfter)
			assert.Equal(t, fe.LastRow, *sheet.BrokenAfter)
			read := max(fe.LastRow-1, 0) // row 1 is the header
			require.NotEmpty(t, plan.Notes)
			assert.Contains(t, strings.Join(plan.Notes, "\n"), fmt.Sprintf("在第 %d 行之后损坏", fe.LastRow))
			if read == 0 {
				return
			}
			_, err = Apply(ctx, s, plan, ApplyRequest{By: "测试", Partial: true})
			require.NoError(t, err)
			assert.Equal(t, 1+read, taskCount(t, s), "exactly the rows before the damage")
		})
	}
}

// The same ledger whole imports whole: the suite's damage is the only
// reason for the refusals above.
func TestWholeLedgerImports(t *testing.T) {
	s := openTestStore(t)
	path := ledgerFile(t, t.TempDir(), "督办台账.xlsx", ledgerRows)
	plan, err := PlanFiles(context.Background(), s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	_, err = Apply(context.Background(), s, plan, ApplyRequest{By: "测试"})
	require.NoError(t, err)
	assert.Equal(t, ledgerRows, taskCount(t, s))
}

// A file of 200 sheets imports whole.
func TestTwoHundredSheets(t *testing.T) {
	ctx := context.Background()
	f := excelize.NewFile()
	for i := range 200 {
		name := fmt.Sprintf("表%d", i+1)
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		require.NoError(t, f.SetSheetRow(name, "A1", &[]any{"编号", "事项名称", "牵头单位"}))
		for r := range 3 {
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			require.NoError(t, f.SetSheetRow(name, cell, &[]any{fmt.Sprintf("督〔2019〕%d号", i*3+r+1), "事项", "市财政局"}))
		}
	}
	path := filepath.Join(t.TempDir(), "200.xlsx")
	require.NoError(t, f.SaveAs(path))
	s := openTestStore(t)
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, plan.Files[0].Sheets, 200)
	_, err = Apply(ctx, s, plan, ApplyRequest{By: "测试"})
	require.NoError(t, err)
	assert.Equal(t, 600, taskCount(t, s))
}

// A cell past the limit (2 MB against 1 MB) is refused, not read into
// memory, and a raised limit lets the file through to the row checks.
func TestHugeCellRefused(t *testing.T) {
	ctx := context.Background()
	whole := ledgerFile(t, t.TempDir(), "大单元格.xlsx", 5)
	huge := rewritePart(t, whole, sheetPart, func(b []byte) []byte {
		cell := `<c r="E3" t="inlineStr"><is><t>` + strings.Repeat("长", 700_000) + `</t></is></c></row>`
		i := bytes.Index(b, []byte(`<row r="4"`))
		j := bytes.LastIndex(b[:i], []byte("</row>"))
		return append(append(append([]byte(nil), b[:j]...), cell...), b[j+len("</row>"):]...)
	})
	s := openTestStore(t)
	before := state(t, s)
	_, err := PlanFiles(ctx, s, []string{huge}, ReadRequest{Lang: "zh"})
	var fe *workbook.FileError
	require.True(t, errors.As(err, &fe), "%v", err)
	assert.Equal(t, workbook.ErrLimit, fe.Code)
	assert.Contains(t, fe.Reason("zh"), "1 MB")
	assert.Contains(t, fe.Reason("zh"), "第 3 行")
	assertUserText(t, fe.Reason("en"), "en")
	assert.Equal(t, before, state(t, s))

	require.NoError(t, s.SetImportLimits(ctx, storage.ImportLimits{MaxCellBytes: 4 << 20}))
	_, err = PlanFiles(ctx, s, []string{huge}, ReadRequest{Lang: "zh"})
	require.NoError(t, err, "the raised limit lets the cell through")
}

// rawWorkbook writes a workbook of one sheet 督办 whose sheet XML the
// caller streams (excelize would hold it all, or take minutes).
func rawWorkbook(t testing.TB, name string, sheet func(w io.Writer)) string {
	path := filepath.Join(t.TempDir(), name)
	fh, err := os.Create(path)
	require.NoError(t, err)
	zw := zip.NewWriter(fh)
	put := func(name, body string) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = io.WriteString(w, body)
		require.NoError(t, err)
	}
	put("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	put("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="督办" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	put("xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>编号</t></si><si><t>事项名称</t></si><si><t>牵头单位</t></si><si><t>市财政局</t></si></sst>`)
	w, err := zw.Create(sheetPart)
	require.NoError(t, err)
	bw := bufio.NewWriterSize(w, 1<<20)
	_, _ = io.WriteString(bw, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`)
	sheet(bw)
	require.NoError(t, bw.Flush())
	require.NoError(t, zw.Close())
	require.NoError(t, fh.Close())
	return path
}

// millionRows writes a sheet of n rows of three cells.
func millionRows(t testing.TB, n int) string {
	return rawWorkbook(t, "百万行.xlsx", func(w io.Writer) {
		for r := 2; r <= n+1; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>督〔2019〕%d号</t></is></c><c r="B%d" t="inlineStr"><is><t>事项%d</t></is></c><c r="C%d" t="s"><v>3</v></c></row>`, r, r, r, r, r, r)
		}
		_, _ = io.WriteString(w, `</sheetData></worksheet>`)
	})
}

// A million rows against a limit of 200,000 rows a sheet: refused at the
// limit, long before the end of the sheet, with the database unchanged.
func TestMillionRowsPastTheRowLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1,000,000-row sheet")
	}
	ctx := context.Background()
	path := millionRows(t, 1_000_000)
	s := openTestStore(t)
	require.NoError(t, s.SetImportLimits(ctx, storage.ImportLimits{MaxRows: 200_000}))
	before := state(t, s)
	_, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "en"})
	var fe *workbook.FileError
	require.True(t, errors.As(err, &fe), "%v", err)
	assert.Equal(t, workbook.ErrLimit, fe.Code)
	assert.Contains(t, fe.Reason("en"), "200000")
	assert.Equal(t, before, state(t, s))
}

// cjk: Chinese characters; goText: pieces of Go, XML or SQLite messages.
var (
	cjk    = regexp.MustCompile(`\p{Han}`)
	goText = regexp.MustCompile(`(?i)EOF|syntax error|sqlite|SQLITE_|\(\d{3,5}\)|%!|\bnil\b|xml:|strconv|runtime|goroutine|\.go:\d`)
)

// assertUserText: text is a sentence in lang and carries no program text.
func assertUserText(t testing.TB, text, lang string) {
	t.Helper()
	assert.NotEmpty(t, text)
	assert.NotRegexp(t, goText, text)
	if lang == "zh" {
		assert.Regexp(t, cjk, text)
	}
}
