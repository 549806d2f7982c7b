package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

func requireFileError(t *testing.T, err error, code FileErrorCode) *FileError {
	t.Helper()
	var fe *FileError
	require.True(t, errors.As(err, &fe), "want a *FileError, got %v", err)
	assert.Equal(t, code, fe.Code, fe.En)
	assert.NotEmpty(t, fe.Reason("zh"))
	assert.NotEqual(t, fe.Reason("zh"), fe.Reason("en"))
	return fe
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}

	_, err := Read(write("notes.xlsx", []byte("这不是表格，只是一段文字。")), ReadOptions{})
	requireFileError(t, err, ErrNotWorkbook)

	_, err = Read(write("empty.xlsx", nil), ReadOptions{})
	requireFileError(t, err, ErrEmpty)

	// A zip that is not a workbook.
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("readme.txt")
	_, _ = w.Write([]byte("hello"))
	require.NoError(t, zw.Close())
	_, err = Read(write("other.zip", zb.Bytes()), ReadOptions{})
	requireFileError(t, err, ErrNotWorkbook)

	// An .xls older than Excel 97 (its BOF says BIFF5) is refused with what
	// to do; an .xls with an open password too.
	raw, err := os.ReadFile("testdata/ledger.xls")
	require.NoError(t, err)
	bof8 := []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00}
	require.True(t, bytes.Contains(raw, bof8))
	_, err = Read(write("excel95.xls", bytes.Replace(raw, bof8, []byte{0x09, 0x08, 0x10, 0x00, 0x00, 0x05, 0x05, 0x00}, 1)), ReadOptions{})
	fe := requireFileError(t, err, ErrLegacyXLS)
	assert.Contains(t, fe.Reason("zh"), "另存为")
	assert.Contains(t, fe.Reason("en"), "soffice --headless --convert-to xlsx")
	dateMode := []byte{0x22, 0x00, 0x02, 0x00, 0x00, 0x00} // DATEMODE, made FILEPASS
	require.True(t, bytes.Contains(raw, dateMode))
	_, err = Read(write("locked.xls", bytes.Replace(raw, dateMode, []byte{0x2F, 0x00, 0x02, 0x00, 0x00, 0x00}, 1)), ReadOptions{})
	fe = requireFileError(t, err, ErrPassword)
	assert.Contains(t, fe.Reason("zh"), "去掉密码")

	_, err = Read("testdata/ledger.xlsx", ReadOptions{MaxFileBytes: 1024})
	requireFileError(t, err, ErrTooLarge)
}

func TestPasswordProtected(t *testing.T) {
	rec := sampleRecord(t, model.KindTask, 1)
	path := exportFile(t, []SheetData{{Kind: model.KindTask, Records: []model.Record{rec}}}, ExportOptions{Password: "督查2019"})
	_, err := excelize.OpenFile(path)
	require.Error(t, err, "the export is encrypted")

	_, err = Read(path, ReadOptions{})
	requireFileError(t, err, ErrPassword)
	_, err = Read(path, ReadOptions{Password: "wrong"})
	requireFileError(t, err, ErrWrongPassword)
	res, err := Read(path, ReadOptions{Password: "督查2019", Units: testUnits()})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	assert.Equal(t, "督〔2019〕1号", res.Rows[0].Record.(*model.Task).Number)
}

// A zip bomb: the sheet declares far more data than the limit; it must be
// refused from the central directory, before anything is inflated.
func TestZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"} {
		w, err := zw.Create(part)
		require.NoError(t, err)
		_, _ = w.Write([]byte("<x/>"))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	chunk := bytes.Repeat([]byte("<row><c><v>0</v></c></row>"), 1<<12)
	for range 200 { // about 22 MB that deflates to a few kilobytes
		_, _ = w.Write(chunk)
	}
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 1<<20)
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))

	_, err = Read(path, ReadOptions{MaxUnzipBytes: 8 << 20})
	requireFileError(t, err, ErrZipBomb)
}

func TestNoHeader(t *testing.T) {
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetName("Sheet1", "说明"))
	require.NoError(t, f.SetCellValue("说明", "A1", "本工作簿用于记录会议纪要。"))
	require.NoError(t, f.SetCellValue("说明", "A2", "请勿修改格式"))
	path := filepath.Join(t.TempDir(), "readme.xlsx")
	require.NoError(t, f.SaveAs(path))
	_, err := Read(path, ReadOptions{})
	requireFileError(t, err, ErrNoHeader)
}

// badCellsWorkbook: a recognised sheet with bad cells, a 说明 sheet without a header.
func badCellsWorkbook(t *testing.T) string {
	f := excelize.NewFile()
	s := "Sheet1"
	require.NoError(t, f.SetSheetName(s, "督办"))
	s = "督办"
	rows := [][]any{
		{"序号", "编号", "事项名称", "牵头单位", "交办日期", "完成进度", "状态"},
		{1, "督〔2019〕1号", "好的事项", "市财政局", "2019-03-01", "50%", "办理中"},
		{2, "督〔2019〕2号", "日期不存在", "市财政局", "2019-02-30", "约五十", "办理中"},
		{3, "督〔2019〕1号", "编号重复", "市财政局", "2019-03-02", nil, "办理中"},
		{4, "督〔2019〕4号", "状态不明", "市财政局", "2019-03-03", nil, "差不多了"},
		{5, "督〔2019〕5号", "公式无结果", "市财政局", "2019-03-04", nil, "办理中"},
		{6, "督〔2019〕6号", "公式有结果", "市财政局", "2019-03-05", 80, "办理中"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow(s, cell, &r))
	}
	require.NoError(t, f.SetCellFormula(s, "F6", "40+40"))
	require.NoError(t, f.SetCellFormula(s, "F7", "40+40")) // keeps the 80 already there as its cached value
	_, err := f.NewSheet("说明")
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("说明", "A1", "填表说明：编号必填。"))
	path := filepath.Join(t.TempDir(), "bad cells.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

func TestBadCellsAreRejectedWithPlace(t *testing.T) {
	path := badCellsWorkbook(t)
	res, err := Read(path, ReadOptions{Lang: "zh", Units: testUnits()})
	require.NoError(t, err)

	require.Len(t, res.Report.Sheets, 2)
	assert.Equal(t, "说明", res.Report.Sheets[1].Sheet)
	assert.Nil(t, res.Report.Sheets[1].Kind)
	assert.Nil(t, res.Report.Sheets[1].HeaderRow)
	assert.Equal(t, 6, res.Report.Sheets[0].Rows)

	var numbers []string
	for _, in := range res.Rows {
		numbers = append(numbers, in.Record.(*model.Task).Number)
	}
	// 差不多了 is no status any rule knows: the row still imports.
	assert.Equal(t, []string{"督〔2019〕1号", "督〔2019〕4号", "督〔2019〕6号"}, numbers)
	assert.Equal(t, 50, res.Rows[0].Record.(*model.Task).Percent)
	assert.Equal(t, 80, res.Rows[2].Record.(*model.Task).Percent)

	byCell := map[string]model.Rejection{}
	for _, rj := range res.Rejected {
		assert.Equal(t, "bad cells.xlsx", rj.File)
		assert.Equal(t, "督办", rj.Sheet)
		byCell[fmt.Sprintf("%s%d", rj.Column, rj.Row)] = rj
	}
	require.Len(t, res.Rejected, 4, "%+v", res.Rejected)

	date := byCell["E3"]
	assert.Equal(t, "交办日期", date.Header)
	assert.Equal(t, "2019-02-30", date.Value)
	assert.NotEmpty(t, date.Reason)
	pct := byCell["F3"]
	assert.Equal(t, "完成进度", pct.Header)
	assert.Equal(t, "约五十", pct.Value)
	assert.Contains(t, pct.Reason, "百分比", "reasons are in the asked language")

	dup := byCell["B4"]
	assert.Equal(t, "编号", dup.Header)
	assert.Contains(t, dup.Reason, "第2行")

	unknown := res.Rows[1].Record.(*model.Task)
	assert.Equal(t, "差不多了", unknown.StatusText, "the word is kept verbatim")
	assert.Equal(t, model.TaskAssigned, unknown.Status, "a new item's status comes from its dates")
	assert.NotContains(t, res.Rows[1].Fields, "status", "the status is not a change")
	require.Len(t, res.Warnings, 1)
	w := res.Warnings[0]
	assert.Equal(t, model.Warning{Place: model.Place{File: "bad cells.xlsx", Sheet: "督办", Row: 5, Column: "G", Header: "状态", Value: "差不多了"},
		Kind: model.KindTask, Field: "status", Kept: w.Kept, Reason: w.Reason}, w)
	assert.Contains(t, w.Reason, "办理中", "the warning lists the choices")

	formula := byCell["F6"]
	assert.Equal(t, "=40+40", formula.Value)
	assert.Contains(t, formula.Reason, "公式")

	require.Len(t, res.Notes, 1)
	assert.Contains(t, res.Notes[0], "督办!F7")
	assert.Contains(t, res.Notes[0], "=40+40")

	en, err := Read(path, ReadOptions{Lang: "en", Units: testUnits()})
	require.NoError(t, err)
	assert.NotEqual(t, res.Rejected[0].Reason, en.Rejected[0].Reason)
}

// 6.30 typed into a General cell is stored as the number 6.3: it cannot be
// told from 6月3日, so it is refused with what to do instead.
func TestSmallNumberInDateColumnIsRefused(t *testing.T) {
	path := writeSheets(t, testSheet{name: "督办", rows: [][]any{
		{"编号", "事项名称", "交办日期", "完成时限"},
		{"D1", "数字时限", "2019-03-01", 6.30},
		{"D2", "数字交办日期", 3.5, "6月底"},
		{"D3", "文本时限", "2019-03-01", "6.30"},
		{"D4", "日期序号", 43525.0, 43646.0},
	}})
	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rejected, 2)
	assert.Equal(t, 2, res.Rejected[0].Row)
	assert.Equal(t, "D", res.Rejected[0].Column)
	assert.Equal(t, "6.3", res.Rejected[0].Value)
	assert.Equal(t, "数字 6.3 不是日期：请将单元格设为日期格式或输入 2019年6月30日", res.Rejected[0].Reason)
	assert.Equal(t, "C", res.Rejected[1].Column)
	assert.Contains(t, res.Rejected[1].Reason, "数字 3.5 不是日期")

	require.Len(t, res.Rows, 2)
	text := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "D3", text.Number)
	assert.Equal(t, model.NewDate(2019, 6, 30), text.Deadline.Due, "typed as text, the zero is kept")
	serial := res.Rows[1].Record.(*model.Task)
	assert.Equal(t, model.NewDate(2019, 6, 30), serial.Deadline.Due, "a date serial is still a date")
	assert.Equal(t, model.NewDate(2019, 3, 1), serial.AssignedOn)

	res, err = Read(path, ReadOptions{Lang: "en"})
	require.NoError(t, err)
	assert.Equal(t, "the number 6.3 is not a date: format the cell as a date or type 2019年6月30日", res.Rejected[0].Reason)
}

// A status is the department's word: 已销号 without dates or 已撤销
// without a reason imports as stated and is told; a date or percent typed
// with the status fills the field it names.
func TestStatusFactsAreCheckedNotRefused(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"编号", "事项名称", "牵头单位", "交办日期", "状态", "完成进度"},
		{"督〔2019〕1号", "销号无日期", "市财政局", "2019-03-01", "已销号", nil},
		{"督〔2019〕2号", "撤销无理由", "市财政局", "2019-03-01", "已撤销", nil},
		{"督〔2019〕3号", "办结带日期", "市财政局", "2019-03-01", "已办结（2019.6.30）", nil},
		{"督〔2019〕4号", "进度在状态里", "市财政局", "2019-03-01", "已完成80%", nil},
		{"督〔2019〕5号", "两处进度", "市财政局", "2019-03-01", "完成90%", "50%"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	path := filepath.Join(t.TempDir(), "facts.xlsx")
	require.NoError(t, f.SaveAs(path))
	res, err := Read(path, ReadOptions{Lang: "zh", Units: testUnits()})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 5)
	task := func(i int) *model.Task { return res.Rows[i].Record.(*model.Task) }
	assert.Equal(t, model.TaskClosed, task(0).Status)
	assert.Equal(t, model.TaskWithdrawn, task(1).Status)
	assert.Equal(t, model.TaskDone, task(2).Status)
	assert.Equal(t, model.NewDate(2019, 6, 30), task(2).DoneOn, "the date beside the status is the done date")
	assert.Contains(t, res.Rows[2].Fields, "done_on")
	assert.Equal(t, model.TaskInProgress, task(3).Status)
	assert.Equal(t, 80, task(3).Percent)
	assert.Equal(t, 50, task(4).Percent, "a typed percent column wins over the status's")

	reasons := map[int][]string{}
	for _, w := range res.Warnings {
		assert.Equal(t, "E", w.Column)
		reasons[w.Row] = append(reasons[w.Row], w.Reason)
	}
	assert.ElementsMatch(t, []string{"已销号但没有办结日期", "已销号但没有销号日期"}, reasons[2])
	assert.ElementsMatch(t, []string{"已撤销但没有撤销理由", "已撤销但没有撤销日期"}, reasons[3])
	assert.Empty(t, reasons[4], "a done item with its date is complete")
}

// 解决情况 holds how a problem was solved; when it is all a ledger says of
// the state (已解决, 正在协调), it gives the status too.
func TestProblemResolutionGivesItsStatus(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"问题编号", "问题描述", "责任单位", "解决情况"},
		{"WT1", "路灯不亮", "市城管局", "已解决"},
		{"WT2", "积水", "市水利局", "正在协调市水利局"},
		{"WT3", "噪音", "市生态环境局", "转交属地"},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	path := filepath.Join(t.TempDir(), "problems.xlsx")
	require.NoError(t, f.SaveAs(path))
	res, err := Read(path, ReadOptions{Lang: "zh", Units: testUnits()})
	require.NoError(t, err)
	require.Len(t, res.Rows, 3)
	p := func(i int) *model.Problem { return res.Rows[i].Record.(*model.Problem) }
	assert.Equal(t, "已解决", p(0).Resolution, "the text is kept")
	assert.Equal(t, model.ProblemStatus("resolved"), p(0).Status)
	assert.Equal(t, model.ProblemStatus("in_progress"), p(1).Status)
	assert.Equal(t, model.ProblemStatus("open"), p(2).Status, "no state said: open")
	assert.NotContains(t, res.Rows[2].Fields, "status")
}
