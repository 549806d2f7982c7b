package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	ex "taizhang/storage/exchange"
	"taizhang/ui"
	"taizhang/ui/exchange"
)

// setCell changes the cell under header in the row holding number, in
// sheet 督办事项, as a department editing its copy would.
func setCell(t *testing.T, path, number, header, value string) {
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	col, row := -1, -1
	for i, r := range rows {
		for j, v := range r {
			if v == header && col < 0 {
				col = j
			}
			if v == number {
				row = i
			}
		}
	}
	require.True(t, col >= 0 && row >= 0, "%s / %s in the sheet", header, number)
	cell, err := excelize.CoordinatesToCellName(col+1, row+1)
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("督办事项", cell, value))
	require.NoError(t, f.Save())
}

func TestPendingConflictsAreVisibleEverywhere(t *testing.T) {
	var path string
	f := startWith(t, func(o *ui.Options, st *storage.Store) {
		o.Exchanger = exchange.StoreExchanger{Store: st, Operator: func() string { return "王敏" }, Lang: func() string { return "zh" }}
		o.PickFiles = func(chosen func([]string)) { chosen([]string{path}) }
	}, "王敏", task("督1", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(20)))
	ctx := context.Background()
	assert.Equal(t, "冲突", f.u.NavTitle(ui.NavConflicts), "no badge without conflicts")

	// the ledger goes out; both sides change the title
	path = filepath.Join(t.TempDir(), "市住建局-台账-2026-11.xlsx")
	out, err := os.Create(path)
	require.NoError(t, err)
	_, err = ex.Export(ctx, f.st, out, ex.ExportRequest{})
	require.NoError(t, err)
	require.NoError(t, out.Close())
	rs, err := f.st.List(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	mine := rs[0].(*model.Task)
	mine.Title = "新建城区公共停车位（本机）"
	require.NoError(t, f.st.Save(ctx, mine, "王敏"))
	setCell(t, path, "督1", "事项名称", "新建城区公共停车位（部门）")

	f.u.Show(ui.NavImport)
	imp := f.u.Import()
	test.Tap(imp.ChooseButton())
	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "冲突 1（待处理）")
	require.True(t, imp.ConflictsButton().Visible(), "the wizard's conflicts line leads on")

	assert.Equal(t, "冲突（1）", f.u.NavTitle(ui.NavConflicts), "the navigation counts them")
	test.Tap(imp.ConflictsButton())
	assert.Equal(t, ui.NavConflicts, f.u.Current())
	assert.Contains(t, texts(f.win.Content()), "来自文件：市住建局-台账-2026-11.xlsx　单位：市住建局")

	f.u.Show(ui.NavDashboard)
	test.Tap(button(t, f.win.Content(), "待处理冲突 1 条，点此处理"))
	assert.Equal(t, ui.NavConflicts, f.u.Current(), "the workbench's line leads there too")

	test.Tap(button(t, f.win.Content(), "保留本机"))
	assert.Equal(t, "冲突", f.u.NavTitle(ui.NavConflicts), "the badge goes with the last conflict")
	f.u.Show(ui.NavDashboard)
	for _, x := range test.LaidOutObjects(f.win.Content()) {
		if b, ok := x.(*widget.Button); ok && b.Visible() {
			assert.NotContains(t, b.Text, "待处理冲突", "no line without conflicts")
		}
	}
}
