package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui"
	"taizhang/ui/exchange"
)

// TestTheWholeMonth runs the office's month headless on real files:
// ledgers for five units into one folder, edited as departments would,
// the folder imported in one action, returns ticked and conflicts
// counted, the conflict resolved, the bulletin written.
func TestTheWholeMonth(t *testing.T) {
	units := []string{"市公安局", "市财政局", "市教育局", "市水务局", "市商务局"}
	var seed []model.Record
	for i, u := range units {
		for j := 0; j < 2; j++ {
			seed = append(seed, task(fmt.Sprintf("督%d-%d", i, j), fmt.Sprintf("%s重点工作%d", u, j), u, model.TaskInProgress, today.AddDays(30+i)))
		}
	}
	monthly := task("督9-0", "河道整治（按月报告）", "市水务局", model.TaskInProgress, today.AddDays(60))
	monthly.Cycle, monthly.ReportDay = model.CycleMonthly, 20
	seed = append(seed, monthly)
	var opened []string
	f := startWith(t, func(o *ui.Options, st *storage.Store) {
		o.Exchanger = exchange.StoreExchanger{Store: st, Operator: func() string { return "王敏" }, Lang: func() string { return "zh" }}
		o.OpenFile = func(p string) error { opened = append(opened, p); return nil }
	}, "王敏", seed...)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "2026-11")

	// 1. choose the month and folder: the units with open items are ticked
	f.u.Show(ui.NavMonth)
	m := f.u.Month()
	require.NotNil(t, m)
	m.DirEntry().SetText(dir)
	m.MonthEntry().SetText("2026-11")
	require.ElementsMatch(t, units, m.Units())
	assert.Equal(t, "市水务局", m.Units()[0], "most open items first")
	for _, u := range units {
		assert.True(t, m.Checked(u), u)
	}
	assert.Equal(t, "共 5 个单位：已发出 0，已收回 0", m.Summary())

	// 2. one action writes every unit's ledger
	test.Tap(m.ExportButton())
	assert.Equal(t, "已生成 5 个单位的台账，在 "+dir, m.Message())
	for _, u := range units {
		_, err := os.Stat(filepath.Join(dir, u+"-台账-2026-11.xlsx"))
		require.NoError(t, err, u)
		assert.True(t, m.Status(u).Sent, u)
		assert.False(t, m.Status(u).Returned, u)
	}
	assert.Equal(t, 1, m.Status("市水务局").MissingReports, "the monthly item has not reported")

	// 3. departments fill theirs in; one changes a title this office changed too
	for _, x := range []struct{ unit, number, progress string }{
		{"市公安局", "督0-0", "已完成摸排"}, {"市财政局", "督1-1", "资金已拨付"}, {"市教育局", "督2-0", "方案已印发"},
	} {
		setCell(t, filepath.Join(dir, x.unit+"-台账-2026-11.xlsx"), x.number, "办理进展", x.progress)
	}
	rs, err := f.st.List(ctx, storage.Query{Kind: model.KindTask, Text: "市商务局重点工作0"})
	require.NoError(t, err)
	require.Len(t, rs, 1)
	mine := rs[0].(*model.Task)
	mine.Title = "市商务局重点工作0（本机改）"
	require.NoError(t, f.st.Save(ctx, mine, "王敏"))
	setCell(t, filepath.Join(dir, "市商务局-台账-2026-11.xlsx"), "督4-0", "事项名称", "市商务局重点工作0（部门改）")

	// 4. the folder in one action: the wizard shows the plan, then applies it
	test.Tap(m.ImportButton())
	require.Equal(t, ui.NavImport, f.u.Current())
	imp := f.u.Import()
	assert.Equal(t, "更新（3）", imp.Tabs().Items[2].Text)
	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "冲突 1（待处理）")

	// 5. back on the month: every return ticked, the conflict counted
	f.u.Show(ui.NavMonth)
	assert.Equal(t, "共 5 个单位：已发出 5，已收回 5", m.Summary())
	for _, u := range units {
		assert.True(t, m.Status(u).Returned, u)
	}
	assert.Equal(t, 1, m.Status("市商务局").Conflicts)
	assert.Equal(t, "冲突（1）", f.u.NavTitle(ui.NavConflicts))

	// 6. resolve: take the department's title
	test.Tap(imp.ConflictsButton())
	require.Equal(t, ui.NavConflicts, f.u.Current())
	test.Tap(button(t, f.win.Content(), "采用导入"))
	assert.Equal(t, "冲突", f.u.NavTitle(ui.NavConflicts))
	f.u.Show(ui.NavMonth)
	assert.Zero(t, m.Status("市商务局").Conflicts)
	got, err := f.st.Get(ctx, mine.ID)
	require.NoError(t, err)
	assert.Equal(t, "市商务局重点工作0（部门改）", got.(*model.Task).Title)

	// 7. the month ends with its bulletin
	test.Tap(m.BulletinButton())
	path := filepath.Join(dir, "月通报-2026-11.xlsx")
	assert.Equal(t, "月通报已生成："+path, m.Message())
	assert.Equal(t, []string{path}, opened, "opened to read and print")
	b, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer b.Close()
	title, err := b.GetCellValue(b.GetSheetList()[0], "A1")
	require.NoError(t, err)
	assert.Equal(t, "督查督办工作月通报（2026年11月）", title)
}

// Files and folders dropped on the window (UI.ImportFiles) open the
// import wizard on every workbook they hold.
func TestDroppedFolderGoesToTheImportWizard(t *testing.T) {
	f := startWith(t, func(o *ui.Options, st *storage.Store) {
		o.Exchanger = exchange.StoreExchanger{Store: st, Operator: func() string { return "王敏" }, Lang: func() string { return "zh" }}
	}, "王敏")
	dir := t.TempDir()
	one := unitLedger(t)
	data, err := os.ReadFile(one)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "甲.xlsx"), data, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "乙.xlsx"), data, 0o644))
	f.u.ImportFiles([]string{dir})
	require.Equal(t, ui.NavImport, f.u.Current())
	assert.Contains(t, texts(f.win.Content()), "2 个文件：乙.xlsx、甲.xlsx")
	assert.True(t, f.u.Import().Tabs().Visible(), "their plan is shown for review")
}
