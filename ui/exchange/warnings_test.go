package exchange_test

import (
	"context"
	"html"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/internal/uitest"
)

// statusLedger is a department's ledger whose 办理状态 holds one word no
// rule knows (暂缓) and one it does (正在推进), and a column Taizhang has
// no field for (督查组意见).
func statusLedger(t *testing.T, dir string) string {
	f := excelize.NewFile()
	defer f.Close()
	sh := "重点工作"
	require.NoError(t, f.SetSheetName("Sheet1", sh))
	rows := [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "办理状态", "督查组意见"},
		{"住建〔2026〕1号", "老旧小区加装电梯", "市住建局", "2026-12-31", "暂缓", "加快进度"},
		{"住建〔2026〕2号", "燃气管道更新改造", "市住建局", "2026-10-15", "正在推进", ""},
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow(sh, cell, &r))
	}
	path := filepath.Join(dir, "住建局台账.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// shownIn are the texts drawn in the window as it is laid out (texts lays
// an object out again at its own minimum size, which a wrapped label
// stretches).
func shownIn(w fyne.Window) []string {
	var out []string
	for _, m := range drawnText.FindAllStringSubmatch(test.RenderToMarkup(w.Canvas()), -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// buttonsIn are the visible buttons drawn under o with the given text.
func buttonsIn(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	for _, x := range uitest.Drawn(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			out = append(out, b)
		}
	}
	return out
}

// incoming finds the planned task with this number.
// incoming is the planned row of a task: from the plan, or read again from
// its file when the plan let it go (a new row of a kind the store had none
// of keeps only its identity).
func incoming(t *testing.T, p *model.Plan, number string) *model.Task {
	t.Helper()
	for _, it := range p.Items {
		if task, ok := it.Incoming.Record.(*model.Task); ok && task.Number == number {
			return task
		}
	}
	var found *model.Task
	if p.Source != nil {
		require.NoError(t, p.Source.Rows(context.Background(), func(in model.Incoming) error {
			if task, ok := in.Record.(*model.Task); ok && task.Number == number {
				found = task
			}
			return nil
		}))
	}
	if found == nil {
		t.Fatalf("no planned task %s", number)
	}
	return found
}

func TestImportWizardWarningsTeachAWord(t *testing.T) {
	e := newEnv(t)
	path := statusLedger(t, t.TempDir())
	imp := e.choose(path)

	// the unknown word is listed in a tab of its own, the known one is not
	tabs := imp.Tabs()
	require.Len(t, tabs.Items, 7)
	assert.Equal(t, "提示（2）", tabs.Items[6].Text)
	assert.Equal(t, "导入", imp.ApplyButton().Text, "a warning does not reject the row")
	assert.Contains(t, imp.Message(), "提示 2")
	tabs.SelectIndex(6)
	shown := shownIn(e.win)
	for _, want := range []string{"文件", "工作表", "行", "列", "表头", "值", "保存为", "原因",
		"住建局台账.xlsx", "重点工作", "2", "E", "办理状态", "暂缓"} {
		assert.Contains(t, shown, want)
	}
	assert.NotContains(t, shown, "正在推进", "a word the rules know is not a warning")
	// cells cut long texts short: the selected line is written out in full
	require.Len(t, imp.Plan().Warnings, 2)
	w := imp.Plan().Warnings[0]
	if w.Field == "" {
		w = imp.Plan().Warnings[1]
	}
	assert.Contains(t, shown, "督查组意见", "the extra column is listed too")
	full := strings.Join(shown, "") // a wrapped line is drawn in pieces
	assert.Contains(t, full, "住建局台账.xlsx / 重点工作 第 2 行 E 列「办理状态」：「暂缓」")
	assert.Contains(t, full, w.Kept, "what the record keeps is shown")
	assert.Contains(t, full, w.Reason, "why is shown")
	assert.Contains(t, full, "办理中", "the reason names the field's values")
	first := incoming(t, imp.Plan(), "住建〔2026〕1号")
	assert.Equal(t, "暂缓", first.StatusText, "before teaching, the word is kept as typed")
	assert.NotEqual(t, model.TaskInProgress, first.Status)

	// treat 暂缓 as 办理中
	treat := buttonsIn(tabs.Items[6].Content, "视为…")
	require.Len(t, treat, 1, "one word to teach, one button (an extra column has nothing to teach)")
	test.Tap(treat[0])
	top := e.win.Canvas().Overlays().Top()
	require.NotNil(t, top, "the treat-as dialog is shown")
	assert.Contains(t, strings.Join(texts(top), " "), "督办事项·状态")
	var sel *widget.Select
	for _, x := range uitest.Drawn(top) {
		if s, ok := x.(*widget.Select); ok {
			sel = s
		}
	}
	require.NotNil(t, sel)
	assert.Equal(t, []string{"待交办", "已交办", "办理中", "待审核", "已办结", "已销号", "已撤销"}, sel.Options,
		"the field's values, labelled in the UI's language")
	sel.SetSelected("办理中")
	ok := buttonsIn(top, "确定")
	require.Len(t, ok, 1)
	test.Tap(ok[0])

	// taught, and the same file read again: the word now maps
	dict, err := e.st.Dictionary(context.Background())
	require.NoError(t, err)
	v, found := dict.Lookup("tasks.status", "暂缓")
	assert.True(t, found)
	assert.Equal(t, "in_progress", v)
	require.NotNil(t, imp.Plan(), "the files were planned again")
	require.Len(t, imp.Plan().Warnings, 1, "only the extra column is left")
	assert.Empty(t, imp.Plan().Warnings[0].Field)
	assert.Equal(t, "提示（1）", imp.Tabs().Items[6].Text)
	assert.Equal(t, 6, imp.Tabs().SelectedIndex(), "the warnings stay in view after teaching")
	first = incoming(t, imp.Plan(), "住建〔2026〕1号")
	assert.Equal(t, model.TaskInProgress, first.Status)
	assert.Empty(t, first.StatusText)
	assert.Contains(t, imp.Message(), "已记住：「暂缓」视为「办理中」")
	assert.Contains(t, imp.Message(), "新增 2")

	test.Tap(imp.ApplyButton())
	recs, err := e.st.List(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	require.Len(t, recs, 2)
	for _, r := range recs {
		assert.Equal(t, model.TaskInProgress, r.(*model.Task).Status, r.(*model.Task).Number)
	}
}
