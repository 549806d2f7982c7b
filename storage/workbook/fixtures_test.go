package workbook

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The committed fixtures in testdata/ are written by these functions; run
//
//	TAIZHANG_GEN_FIXTURES=1 go test ./storage/workbook -run TestGenerateFixtures
//
// to rewrite them (LibreOffice's re-saves too, when soffice is installed;
// see testdata/gen/README.md).
func TestGenerateFixtures(t *testing.T) {
	if os.Getenv("TAIZHANG_GEN_FIXTURES") == "" {
		t.Skip("set TAIZHANG_GEN_FIXTURES=1 to rewrite testdata/")
	}
	require.NoError(t, writeLedger("testdata/ledger.xlsx"))
	require.NoError(t, writeDate1904("testdata/date1904.xlsx"))
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Log("soffice not installed: LibreOffice fixtures kept as they are")
		return
	}
	out := t.TempDir()
	convert := func(format, in string) string {
		cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+out+"/profile",
			"--convert-to", format, "--outdir", out, in)
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, string(b))
		base := filepath.Base(in)
		return filepath.Join(out, base[:len(base)-len(filepath.Ext(base))]+"."+format)
	}
	require.NoError(t, os.Rename(convert("xlsx", "testdata/ledger.xlsx"), "testdata/ledger_libreoffice.xlsx"))
	require.NoError(t, os.Rename(convert("xls", "testdata/ledger.xlsx"), "testdata/ledger.xls"))
}

// writeLedger writes a department's ledger as people keep them: two title
// rows merged across, the 填报单位 line, a two-level header with merged
// cells, mixed date forms, units by alias and several per cell, a unit
// merged down three rows, a blank column, a 合计 row and a trailing note.
func writeLedger(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	if err := f.SetSheetName(s, "二季度督办"); err != nil {
		return err
	}
	s = "二季度督办"
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			panic(err)
		}
	}
	merge := func(a, b string) {
		if err := f.MergeCell(s, a, b); err != nil {
			panic(err)
		}
	}
	set("A1", "2019年市政府重点工作督办台账")
	merge("A1", "L1")
	set("A2", "（第二季度）")
	merge("A2", "L2")
	set("A3", "填报单位（盖章）：市政府办公室      填报人：张三      联系电话：0311-1234567      填报日期：2019年7月5日")
	merge("A3", "L3")
	// Two-level header: rows 4 and 5. G is a blank column.
	for col, h := range map[string]string{"A": "序号", "B": "编号", "C": "事项名称", "F": "完成时限", "K": "交办日期", "L": "备注"} {
		set(col+"4", h)
		merge(col+"4", col+"5")
	}
	set("D4", "责任单位")
	merge("D4", "E4")
	set("D5", "牵头单位")
	set("E5", "配合单位")
	set("H4", "完成情况")
	merge("H4", "J4")
	set("H5", "办理进展")
	set("I5", "状态")
	set("J5", "办结日期")

	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 31}) // yyyy"年"m"月"d"日", a Chinese built-in format
	if err != nil {
		return err
	}
	rows := [][]any{
		{1, "督〔2019〕1号", "推进Smart City项目建设", "市发改委、市财政局", "市住建局\n市大数据中心", 43646.0, nil, "已完成可研批复", "办理中", nil, "2019.3.1", ""},
		{2, "督〔2019〕2号", "校舍安全改造", "市教育局", nil, "2019年6月30日", nil, "完成80%", "已办结", "2019年6月28日", "2019-03-01", ""},
		{3, "督〔2019〕3号", "中小学课后服务", nil, "市财政局", "2019.6.30", nil, "方案已印发", "办理中", nil, "2019/3/5", ""},
		{4, "督〔2019〕4号", "学前教育扩容", nil, nil, "6月底", nil, "选址完成", "办理中", nil, "2019年4月1日", ""},
		{5, "督〔2019〕5号", "农村人居环境整治", "牵头：市农业局；配合：市住建局", nil, "年底前", nil, "推进中", "办理中", nil, nil, "重点"},
		{6, "督〔2019〕6号", "优化营商环境", "市发改委", nil, "长期坚持", nil, "持续推进", "办理中", nil, "2019-01-10", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, 6+i)
		if err := f.SetSheetRow(s, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(s, "F6", "F6", dateStyle); err != nil {
		return err
	}
	merge("D7", "D9") // 市教育局 leads rows 7-9
	set("A12", "合计")
	merge("A12", "B12")
	set("C12", "6项")
	set("A13", "备注：本表由各责任单位于每月25日前报送市政府督查室。")
	merge("A13", "L13")
	if err := f.SetColWidth(s, "C", "C", 24); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// writeDate1904 writes a workbook in the 1904 date system (old Mac Excel).
func writeDate1904(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		return err
	}
	s := "Sheet1"
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	header := []any{"编号", "事项名称", "交办日期", "完成时限"}
	if err := f.SetSheetRow(s, "A1", &header); err != nil {
		return err
	}
	// 2019-03-01 and 2019-06-30 as 1904 serials (1900 serial - 1462).
	row := []any{"督〔2019〕9号", "1904 日期系统", 43525.0 - 1462, 43646.0 - 1462}
	if err := f.SetSheetRow(s, "A2", &row); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, "C2", "D2", style); err != nil {
		return err
	}
	return f.SaveAs(path)
}
