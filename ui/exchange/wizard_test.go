package exchange_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	exch "taizhang/storage/exchange"
	"taizhang/ui/common"
	"taizhang/ui/exchange"
	"taizhang/ui/i18n"
	"taizhang/ui/ledger"
	tztheme "taizhang/ui/theme"
)

// env is a real store in a temp folder with the import wizard and the
// tasks ledger side by side in a headless window.
type env struct {
	t   *testing.T
	st  *storage.Store
	win fyne.Window
	ex  exchange.StoreExchanger
	run *common.Runner
}

func newEnv(t *testing.T) *env {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	require.NoError(t, st.Save(context.Background(), &model.Unit{Meta: model.Meta{Kind: model.KindUnit},
		Name: "市住房和城乡建设局", Aliases: []string{"市住建局"}}, "seed"))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1400, 900))
	return &env{t: t, st: st, win: w, run: &common.Runner{Sync: true},
		ex: exchange.StoreExchanger{Store: st, Operator: func() string { return "王敏" }, Lang: func() string { return "zh" }}}
}

// deptLedger writes a department's ledger as they keep it: a merged title
// row, a 填报单位 line, then the headers and rows; badDate puts an
// impossible deadline in the second row.
func deptLedger(t *testing.T, dir, name string, badDate bool) string {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	require.NoError(t, f.SetSheetName(sh, "重点工作"))
	sh = "重点工作"
	require.NoError(t, f.SetCellValue(sh, "A1", "2026年市住建局重点工作督办台账"))
	require.NoError(t, f.MergeCell(sh, "A1", "E1"))
	require.NoError(t, f.SetCellValue(sh, "A2", "填报单位：市住建局"))
	rows := [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"},
		{"住建〔2026〕1号", "老旧小区加装电梯", "市住建局", "2026-12-31", "已完成摸底"},
		{"住建〔2026〕2号", "城中村改造三年行动", "市住建局", "2026-06-30", "方案报批中"},
		{"住建〔2026〕3号", "燃气管道更新改造", "市住建局", "2026-10-15", "已开工"},
	}
	if badDate {
		rows[2][3] = "2026年13月5日"
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+3)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow(sh, cell, &r))
	}
	path := filepath.Join(dir, name)
	require.NoError(t, f.SaveAs(path))
	return path
}

// watched is the real exchanger with a look at the screen each time a
// file has been read, before the plan is shown.
type watched struct {
	exchange.StoreExchanger
	during func(done, total int)
}

func (w watched) Plan(ctx context.Context, files []string, progress func(done, total int)) (*model.Plan, error) {
	return w.StoreExchanger.Plan(ctx, files, func(done, total int) {
		progress(done, total)
		w.during(done, total)
	})
}

// unchanged asserts that nothing reached the store: no task, no import.
func (e *env) unchanged() {
	ctx := context.Background()
	n, err := e.st.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(e.t, err)
	assert.Zero(e.t, n, "no task was imported")
	imps, err := e.st.Imports(ctx)
	require.NoError(e.t, err)
	assert.Empty(e.t, imps, "no import was recorded")
	units, err := e.st.Count(ctx, storage.Query{Kind: model.KindUnit})
	require.NoError(e.t, err)
	assert.Equal(e.t, 1, units, "no unit was added")
}

func tabTitles(tabs *container.AppTabs) []string {
	var out []string
	for _, it := range tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

func TestImportWizardDepartmentLedger(t *testing.T) {
	e := newEnv(t)
	path := deptLedger(t, t.TempDir(), "住建局台账.xlsx", true)
	tasks := ledger.New(model.KindTask, ledger.Deps{Store: e.st, Window: e.win, Run: e.run})

	var imp *exchange.Import
	var seenWhileReading []string
	ex := watched{StoreExchanger: e.ex, during: func(done, total int) {
		// what the user sees while the file is read: the bar, no plan yet
		assert.True(t, imp.Progress().Visible(), "the progress bar shows while reading")
		assert.InDelta(t, float64(done)/float64(total+1), imp.Progress().Value, 0.001)
		assert.False(t, imp.Tabs().Visible(), "no plan before reading has finished")
		seenWhileReading = append(seenWhileReading, strings.Join(texts(imp.Content()), " "))
	}}
	imp = exchange.NewImport(exchange.ImportDeps{Exchanger: ex, Window: e.win, Run: e.run, Done: tasks.Reload})
	imp.Pick = func(chosen func([]string)) { chosen([]string{path}) }
	e.win.SetContent(container.NewHSplit(imp.Content(), tasks.Content()))

	test.Tap(imp.ChooseButton())
	require.Len(t, seenWhileReading, 1)
	assert.Contains(t, seenWhileReading[0], "比对", "after the file, the stage says it compares with the store")
	assert.False(t, imp.Progress().Visible(), "the bar goes away when the plan is shown")

	// the plan, browsable by action
	require.True(t, imp.Tabs().Visible())
	assert.Equal(t, []string{"概况", "新增（2）", "更新（0）", "合并（0）", "冲突（0）", "拒收（1）", "提示（0）"}, tabTitles(imp.Tabs()))
	assert.Contains(t, imp.Message(), "新增 2")
	assert.Contains(t, strings.Join(texts(imp.Tabs().Items[0].Content), "\n"), "住建局台账.xlsx / 重点工作：督办事项")

	imp.Tabs().SelectIndex(1)
	newRows := strings.Join(texts(imp.Tabs().Items[1].Content), "\n")
	assert.Contains(t, newRows, "住建〔2026〕1号 老旧小区加装电梯")
	assert.Contains(t, newRows, "住建〔2026〕3号 燃气管道更新改造")
	assert.NotContains(t, newRows, "城中村改造", "the rejected row is not among the new ones")

	imp.Tabs().SelectIndex(5)
	rejected := texts(imp.Tabs().Items[5].Content)
	for _, want := range []string{"文件", "工作表", "行", "列", "表头", "值", "原因", // header row
		"住建局台账.xlsx", "重点工作", "5", "D", "完成时限", "2026年13月5日"} {
		assert.Contains(t, rejected, want)
	}
	reason := rejected[len(rejected)-1]
	assert.NotEmpty(t, reason)
	assert.NotContains(t, []string{"住建局台账.xlsx", "重点工作", "5", "D", "完成时限", "2026年13月5日"}, reason, "a reason is given: %q", reason)

	// rows were rejected: only the partial import is offered
	assert.Equal(t, "仅导入有效行", imp.ApplyButton().Text)
	assert.False(t, imp.ApplyButton().Disabled())

	// cancel changes nothing
	test.Tap(imp.CancelButton())
	assert.Equal(t, "已取消，未做任何修改。", imp.Message())
	assert.False(t, imp.Tabs().Visible())
	assert.True(t, imp.ApplyButton().Disabled())
	e.unchanged()
	assert.Equal(t, "共 0 条", tasks.Summary())

	// again, and apply the valid rows
	test.Tap(imp.ChooseButton())
	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "已导入：新增 2")
	assert.Contains(t, imp.Message(), "拒收 1")
	assert.Equal(t, "共 2 条", tasks.Summary(), "the ledger reloads after the import")
	seen := test.RenderToMarkup(e.win.Canvas())
	assert.Contains(t, seen, "老旧小区加装电梯")
	assert.Contains(t, seen, "燃气管道更新改造")
	assert.Equal(t, "市住房和城乡建设局", tasks.RowText(0, 2), "the alias was read as the dictionary's unit")
	assert.NotContains(t, seen, "城中村改造三年行动")
}

func TestImportWizardAllOrNothingWithoutRejections(t *testing.T) {
	e := newEnv(t)
	path := deptLedger(t, t.TempDir(), "住建局台账.xlsx", false)
	imp := e.choose(path)
	assert.Equal(t, "新增（3）", imp.Tabs().Items[1].Text)
	assert.Equal(t, "拒收（0）", imp.Tabs().Items[5].Text)
	assert.Equal(t, "导入", imp.ApplyButton().Text, "nothing rejected: the whole file or nothing")
	test.Tap(imp.ApplyButton())
	n, err := e.st.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, 3, n)

	// the same file again: nothing new
	test.Tap(imp.ChooseButton())
	assert.Equal(t, "新增（0）", imp.Tabs().Items[1].Text)
}

func TestImportWizardCancelWhileReading(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	files := []string{deptLedger(t, dir, "一.xlsx", false), deptLedger(t, dir, "二.xlsx", false)}
	var imp *exchange.Import
	calls := 0
	ex := watched{StoreExchanger: e.ex, during: func(done, total int) {
		calls++
		if done == 1 { // the user cancels while the second file waits
			test.Tap(imp.CancelButton())
		}
	}}
	imp = exchange.NewImport(exchange.ImportDeps{Exchanger: ex, Window: e.win, Run: e.run})
	imp.Pick = func(chosen func([]string)) { chosen(files) }
	e.win.SetContent(imp.Content())
	test.Tap(imp.ChooseButton())
	assert.Equal(t, 1, calls, "reading stopped after the first file")
	assert.Equal(t, "已取消，未做任何修改。", imp.Message())
	assert.False(t, imp.Tabs().Visible())
	assert.False(t, imp.Progress().Visible())
	e.unchanged()
}

func TestImportWizardNamesAMissingFileInChinese(t *testing.T) {
	e := newEnv(t)
	missing := filepath.Join(t.TempDir(), "市公安局-台账-2026-11.xlsx")
	imp := exchange.NewImport(exchange.ImportDeps{Exchanger: e.ex, Window: e.win, Run: e.run})
	e.win.SetContent(imp.Content())
	imp.SetFiles([]string{missing})
	assert.Contains(t, imp.Message(), "文件不存在")
	assert.Contains(t, imp.Message(), "市公安局-台账-2026-11.xlsx")
	assert.NotContains(t, imp.Message(), "no such file")
}

func TestImportWizardTakesAFolderTypedIntoThePathField(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	deptLedger(t, dir, "一.xlsx", false)
	deptLedger(t, dir, "二.xlsx", false)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "~$一.xlsx"), []byte("lock"), 0o644))
	imp := exchange.NewImport(exchange.ImportDeps{Exchanger: e.ex, Window: e.win, Run: e.run})
	e.win.SetContent(imp.Content())
	e.win.Canvas().Focus(imp.PathEntry())
	test.Type(imp.PathEntry(), dir)
	imp.PathEntry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Contains(t, texts(imp.Content()), "2 个文件：一.xlsx、二.xlsx", "both workbooks, not Excel's lock file")
	assert.True(t, imp.Tabs().Visible(), "the plan of both is shown")
	assert.Empty(t, imp.PathEntry().Text)
}

// applyWatched calls during with each progress report of an apply, after
// the wizard has shown it.
type applyWatched struct {
	exchange.StoreExchanger
	during func(p storage.Progress)
}

func (w applyWatched) Apply(ctx context.Context, plan *model.Plan, req exchange.ApplyRequest) (*exch.Applied, error) {
	parent := ctx
	ctx = storage.WithProgress(ctx, func(p storage.Progress) {
		storage.ReportProgress(parent, p)
		w.during(p)
	})
	return w.StoreExchanger.Apply(ctx, plan, req)
}

// A large import shows the rows it applies as it goes, and Cancel stops
// it: nothing is kept, the plan stays and applies whole afterwards.
func TestImportWizardApplyMovesAndCancels(t *testing.T) {
	e := newEnv(t)
	path := largeLedger(t, t.TempDir(), 3000)
	var imp *exchange.Import
	var bar []float64
	var stages []string
	cancelAt := 1000
	ex := applyWatched{StoreExchanger: e.ex, during: func(p storage.Progress) {
		if p.Stage != "apply" || p.Total == 0 {
			return
		}
		assert.True(t, imp.Progress().Visible(), "the bar shows while rows are applied")
		bar = append(bar, imp.Progress().Value)
		stages = append(stages, imp.Stage())
		if cancelAt > 0 && p.Done >= cancelAt {
			cancelAt = 0
			test.Tap(imp.CancelButton())
		}
	}}
	imp = exchange.NewImport(exchange.ImportDeps{Exchanger: ex, Window: e.win, Run: e.run})
	imp.Pick = func(chosen func([]string)) { chosen([]string{path}) }
	e.win.SetContent(imp.Content())
	test.Tap(imp.ChooseButton())
	require.NotNil(t, imp.Plan())
	require.Equal(t, 3000, imp.Plan().Counts().New)

	test.Tap(imp.ApplyButton())
	assert.Equal(t, "已取消导入，数据没有任何更改；可以再次导入。", imp.Message())
	require.NotEmpty(t, bar)
	assert.Contains(t, stages[0], "正在导入", "the stage says rows are imported")
	assert.False(t, imp.Progress().Visible())
	assert.False(t, imp.ApplyButton().Disabled(), "the plan stays, to apply again")
	e.unchanged()

	bar, stages = nil, nil
	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "已导入：新增 3000")
	require.NotEmpty(t, bar)
	assert.True(t, slices.IsSorted(bar), "the bar only moves forward: %v", bar)
	assert.Greater(t, bar[len(bar)-1], 0.9, "and reaches its end")
	n, err := e.st.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, 3000, n)
	assert.True(t, imp.CancelButton().Disabled(), "nothing left to cancel")
}
