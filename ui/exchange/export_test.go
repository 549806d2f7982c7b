package exchange_test

import (
	"context"
	"net/url"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/ui/exchange"
)

// taskNumbers are the numbers in the 编号 column of sheet 督办事项, below
// its header row.
func taskNumbers(t *testing.T, path string, opts ...excelize.Options) []string {
	f, err := excelize.OpenFile(path, opts...)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	col := -1
	var out []string
	for _, r := range rows {
		if col < 0 {
			for j, v := range r {
				if v == "编号" {
					col = j
				}
			}
			continue
		}
		if col < len(r) && r[col] != "" {
			out = append(out, r[col])
		}
	}
	require.GreaterOrEqual(t, col, 0, "the sheet has a 编号 header")
	return out
}

func seedTasks(t *testing.T, e *env) {
	ctx := context.Background()
	require.NoError(t, e.st.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市商务局"}, "seed"))
	add := func(number string, units ...model.UnitRole) {
		tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: number, Title: "事项" + number, Units: units,
			AssignedOn: model.NewDate(2026, 3, 1), Status: model.TaskInProgress,
			Deadline: model.Deadline{Due: model.NewDate(2026, 12, 31), Type: model.DeadlineDate}}
		tk.Normalize()
		require.NoError(t, e.st.Save(ctx, tk, "seed"))
	}
	zj := model.UnitRole{Name: "市住房和城乡建设局", Role: model.RoleLead}
	sw := model.UnitRole{Name: "市商务局", Role: model.RoleLead}
	add("督1", zj)
	add("督2", zj)
	add("督3", sw, model.UnitRole{Name: "市住房和城乡建设局", Role: model.RoleCooperating})
	add("督4", sw)
	add("督5", sw)
}

func radio(t *testing.T, r *widget.RadioGroup, label string) {
	t.Helper()
	require.Contains(t, r.Options, label)
	r.SetSelected(label)
}

func TestExportOneUnitsLedger(t *testing.T) {
	e := newEnv(t)
	seedTasks(t, e)
	ex := exchange.NewExport(exchange.ExportDeps{Exchanger: e.ex, Window: e.win, Run: e.run})
	dir := t.TempDir()
	var suggested string
	ex.PickSave = func(name string, chosen func(string)) { suggested = name; chosen(filepath.Join(dir, name)) }
	var opened *url.URL
	ex.OpenFolder = func(u *url.URL) error { opened = u; return nil }
	e.win.SetContent(ex.Content())

	assert.True(t, ex.Unit().Disabled(), "the unit picker waits for its mode")
	radio(t, ex.Mode(), "某单位的台账")
	require.False(t, ex.Unit().Disabled())
	test.Type(ex.Unit(), "住建") // part of the alias 市住建局
	assert.Equal(t, []string{"市住房和城乡建设局"}, ex.UnitOptions(), "the alias finds the unit")
	ex.Unit().SetText(ex.UnitOptions()[0]) // chosen from the drop-down

	test.Tap(ex.SaveButton())
	assert.Contains(t, suggested, "市住房和城乡建设局台账-")
	assert.Contains(t, ex.Message(), "督办事项 3")
	assert.False(t, ex.Busy().Visible(), "the bar is gone when writing is done")
	path := filepath.Join(dir, suggested)
	assert.ElementsMatch(t, []string{"督1", "督2", "督3"}, taskNumbers(t, path), "only the unit's tasks, in any role")

	// afterwards: open the folder?
	top := e.win.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog offers to open the folder")
	assert.Contains(t, texts(top), "打开所在文件夹吗？")
	test.Tap(findButton(t, top, "打开文件夹"))
	require.NotNil(t, opened)
	assert.Equal(t, "file", opened.Scheme)
	assert.Equal(t, filepath.ToSlash(dir), opened.Path)
}

func TestExportFullEncryptedAndChangedSince(t *testing.T) {
	e := newEnv(t)
	seedTasks(t, e)
	ex := exchange.NewExport(exchange.ExportDeps{Exchanger: e.ex, Window: e.win, Run: e.run})
	dir := t.TempDir()
	var path string
	ex.PickSave = func(name string, chosen func(string)) { path = filepath.Join(dir, name); chosen(path) }
	ex.OpenFolder = func(*url.URL) error { return nil }
	e.win.SetContent(ex.Content())

	// passwords must agree before anything is written
	test.Type(ex.Password(), "mima2026")
	test.Type(ex.Confirm(), "mima2025")
	test.Tap(ex.SaveButton())
	assert.Equal(t, "两次输入的密码不一致", ex.Message())
	assert.Empty(t, path, "no file was asked for")

	ex.Confirm().SetText("mima2026")
	test.Tap(ex.SaveButton())
	require.NotEmpty(t, path)
	_, err := excelize.OpenFile(path)
	assert.Error(t, err, "without the password the workbook does not open")
	assert.Len(t, taskNumbers(t, path, excelize.Options{Password: "mima2026"}), 5)
	dismiss(e.win)

	// changed since a day in the future: no task
	ex.Password().SetText("")
	ex.Confirm().SetText("")
	radio(t, ex.Mode(), "某日以后修改的")
	test.Type(ex.Since(), "2099年1月1日")
	path = ""
	test.Tap(ex.SaveButton())
	require.NotEmpty(t, path)
	assert.Empty(t, taskNumbers(t, path))
	assert.Contains(t, ex.Message(), "督办事项 0")
}

func dismiss(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}
