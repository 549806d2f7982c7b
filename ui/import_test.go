package ui_test

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui"
	"taizhang/ui/exchange"
)

// unitLedger is a department's workbook with two items.
func unitLedger(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	sh := "督办事项"
	require.NoError(t, f.SetSheetName("Sheet1", sh))
	rows := [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"},
		{"发改〔2026〕21号", "重大项目前期手续办理", "市发改委", "2026-10-15", "正在办理"},
		{"发改〔2026〕22号", "年度投资计划编制", "市发改委", "2027-03-31", "已起草"},
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow(sh, cell, &r))
	}
	path := filepath.Join(t.TempDir(), "发改委台账.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

func TestCtrlIImportsIntoLedgerAndDashboard(t *testing.T) {
	path := unitLedger(t)
	picked := 0
	f := startWith(t, func(o *ui.Options, st *storage.Store) {
		o.Exchanger = exchange.StoreExchanger{Store: st, Operator: func() string { return "王敏" }, Lang: func() string { return "zh" }}
		o.PickFiles = func(chosen func([]string)) { picked++; chosen([]string{path}) }
	}, "王敏", task("督1", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(-2)))

	before := shown(f.win)
	assert.Contains(t, texts(f.win.Content()), "待交办 0")
	assert.NotContains(t, before, "重大项目前期手续办理")

	shortcut(f.win, fyne.KeyI) // Ctrl+I: the wizard asks for workbooks at once
	assert.Equal(t, ui.NavImport, f.u.Current())
	assert.Equal(t, 1, picked)
	imp := f.u.Import()
	require.NotNil(t, imp)
	require.True(t, imp.Tabs().Visible(), "the plan is shown for review")
	assert.Equal(t, "新增（2）", imp.Tabs().Items[1].Text)
	n, err := f.st.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, 1, n, "nothing is imported before apply")

	shortcut(f.win, fyne.KeyI) // again while the plan is under review: no second dialog
	assert.Equal(t, 1, picked)

	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "已导入：新增 2")

	f.u.Show(ui.NavTasks)
	assert.Equal(t, "共 3 条", f.u.Ledger(model.KindTask).Summary())
	seen := shown(f.win)
	assert.Contains(t, seen, "重大项目前期手续办理")
	assert.Contains(t, seen, "年度投资计划编制")

	f.u.Show(ui.NavDashboard)
	assert.Contains(t, texts(f.win.Content()), "待交办 2", "the imported items are counted by status")
}
