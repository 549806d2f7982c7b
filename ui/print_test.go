package ui_test

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui"
)

func TestPrintReminderNoticeFromTheForm(t *testing.T) {
	dir := t.TempDir()
	var opened []string
	f := startWith(t, func(o *ui.Options, _ *storage.Store) {
		o.PrintDir = dir
		o.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	}, "王敏", task("督〔2026〕15号", "推进老旧小区改造", "市住建局", model.TaskInProgress, today.AddDays(-3)))
	f.u.Show(ui.NavTasks)
	f.u.Ledger(model.KindTask).OpenRow(0)
	frm, fw := f.u.Forms()[0], formWindow(f)

	// unsaved edits are not printed
	typeInto(f, fw, item(t, frm, "事项名称"), "推进城镇老旧小区改造")
	test.Tap(button(t, fw.Content(), "打印催办通知单"))
	assert.Equal(t, "请先保存，再打印（打印的是已保存的内容）", frm.Message())
	assert.Empty(t, opened)

	shortcut(fw, "S")
	test.Tap(button(t, fw.Content(), "打印催办通知单"))
	want := filepath.Join(dir, "催办通知单-督〔2026〕15号.xlsx")
	assert.Equal(t, "已生成打印文件："+want, frm.Message())
	require.Equal(t, []string{want}, opened, "opened in the spreadsheet program")
	x, err := excelize.OpenFile(want)
	require.NoError(t, err)
	defer x.Close()
	v, err := x.GetCellValue("催办通知单", "B4")
	require.NoError(t, err)
	assert.Equal(t, "推进城镇老旧小区改造", v, "the saved title")
}
