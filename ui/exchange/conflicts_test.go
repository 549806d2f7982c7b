package exchange_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	ex "taizhang/storage/exchange"
	"taizhang/ui/exchange"
	"taizhang/ui/ledger"
)

// editCells changes cells of the task numbered number in an exported
// workbook, finding the columns by their headers in sheet 督办事项.
func editCells(t *testing.T, path, number string, set map[string]string) {
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	cols := map[string]int{}
	target := -1
	for i, r := range rows {
		for j, v := range r {
			if _, ok := set[v]; ok && len(cols) < len(set) {
				cols[v] = j
			}
			if v == number {
				target = i
			}
		}
	}
	require.Len(t, cols, len(set), "every header is in the sheet")
	require.GreaterOrEqual(t, target, 0, "the task's row is in the sheet")
	for h, v := range set {
		cell, err := excelize.CoordinatesToCellName(cols[h]+1, target+1)
		require.NoError(t, err)
		require.NoError(t, f.SetCellValue("督办事项", cell, v))
	}
	require.NoError(t, f.Save())
}

// buttonAfter is the button labelled text that follows the label head in
// drawing order: the button of that conflict's card.
func buttonAfter(t *testing.T, o fyne.CanvasObject, head, text string) *widget.Button {
	t.Helper()
	seen := false
	for _, x := range test.LaidOutObjects(o) {
		switch v := x.(type) {
		case *widget.Label:
			seen = seen || v.Text == head
		case *widget.Button:
			if seen && v.Text == text {
				return v
			}
		}
	}
	require.Failf(t, "no button", "%q after %q", text, head)
	return nil
}

func pos(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

func TestConflictsKeepMineAndTakeTheirs(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕7号", Title: "推进老旧小区改造",
		Units:      []model.UnitRole{{Name: "市住房和城乡建设局", Role: model.RoleLead}},
		AssignedOn: model.NewDate(2026, 3, 1), Status: model.TaskInProgress,
		Deadline: model.Deadline{Due: model.NewDate(2026, 12, 31), Type: model.DeadlineDate}}
	tk.Normalize()
	require.NoError(t, e.st.Save(ctx, tk, "王敏"))

	// export, then both sides change the title and the deadline
	path := filepath.Join(t.TempDir(), "导出.xlsx")
	out, err := os.Create(path)
	require.NoError(t, err)
	_, err = ex.Export(ctx, e.st, out, ex.ExportRequest{})
	require.NoError(t, err)
	require.NoError(t, out.Close())

	local, err := e.st.Get(ctx, tk.ID)
	require.NoError(t, err)
	lt := local.(*model.Task)
	lt.Title = "推进城镇老旧小区改造（本机）"
	lt.Deadline = model.Deadline{Due: model.NewDate(2026, 11, 30), Type: model.DeadlineDate}
	require.NoError(t, e.st.Save(ctx, lt, "王敏"))
	editCells(t, path, "督〔2026〕7号", map[string]string{"事项名称": "老旧小区改造提速（部门）", "完成时限": "2027年1月15日"})

	plan, err := e.ex.Plan(ctx, []string{path}, nil)
	require.NoError(t, err)
	require.Equal(t, 1, plan.Counts().Conflicts, "both sides changed the same fields")
	_, err = e.ex.Apply(ctx, plan, exchange.ApplyRequest{})
	require.NoError(t, err)

	tasks := ledger.New(model.KindTask, ledger.Deps{Store: e.st, Window: e.win, Run: e.run})
	view := exchange.NewConflicts(exchange.ConflictsDeps{Store: e.st, Run: e.run, Operator: func() string { return "王敏" }, Changed: tasks.Reload})
	e.win.SetContent(container.NewHSplit(view.Content(), tasks.Content()))
	assert.Equal(t, "2026-11-30", tasks.RowText(0, 3), "the ledger shows this computer's deadline")
	assert.Equal(t, 2, view.Count())
	assert.Equal(t, "待处理冲突 2 条", view.Message())
	seen := texts(view.Content())
	joined := strings.Join(seen, "\n")
	assert.Contains(t, seen, "督办事项 督〔2026〕7号 · 事项名称", "the record number and the field's label")
	assert.Contains(t, seen, "督办事项 督〔2026〕7号 · 完成时限")
	for _, v := range []string{"推进城镇老旧小区改造（本机）", "老旧小区改造提速（部门）", "2026-11-30", "2027-01-15"} {
		assert.Contains(t, seen, v, "both values are shown as text")
	}
	assert.Contains(t, seen, "来自文件：导出.xlsx　单位：市住房和城乡建设局", "each conflict says where it came from")
	assert.NotContains(t, joined, `"`, "no raw JSON")
	assert.NotContains(t, joined, "deadline", "no JSON field names")

	// side by side: on each card, mine is left of theirs
	title := findLabel(t, view.Content(), "推进城镇老旧小区改造（本机）")
	theirs := findLabel(t, view.Content(), "老旧小区改造提速（部门）")
	assert.Less(t, pos(title).X, pos(theirs).X)
	assert.InDelta(t, pos(title).Y, pos(theirs).Y, 1)

	// keep mine for the title, take theirs for the deadline
	test.Tap(buttonAfter(t, view.Content(), "督办事项 督〔2026〕7号 · 事项名称", "保留本机"))
	assert.Equal(t, 1, view.Count(), "the resolved conflict leaves the list")
	assert.NotContains(t, texts(view.Content()), "推进城镇老旧小区改造（本机）")
	test.Tap(buttonAfter(t, view.Content(), "督办事项 督〔2026〕7号 · 完成时限", "采用导入"))
	assert.Equal(t, 0, view.Count())
	assert.Equal(t, "待处理冲突 0 条", view.Message())
	assert.Equal(t, "2027-01-15", tasks.RowText(0, 3), "the ledger reloads after a resolution")

	got, err := e.st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "推进城镇老旧小区改造（本机）", got.(*model.Task).Title, "mine was kept")
	assert.Equal(t, model.NewDate(2027, 1, 15), got.(*model.Task).Deadline.Due, "theirs was taken")
	pending, err := e.st.Conflicts(ctx, true)
	require.NoError(t, err)
	assert.Empty(t, pending)
}
