package form_test

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

var drawnText = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

func drawn(o fyne.CanvasObject) string {
	var out []string
	for _, m := range drawnText.FindAllStringSubmatch(test.RenderObjectToMarkup(o), -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return strings.Join(out, "\n")
}

func entry(t *testing.T, f *form.Form, label string) *widget.Entry {
	t.Helper()
	for _, it := range f.Items() {
		if it.Text != label {
			continue
		}
		for _, x := range test.LaidOutObjects(it.Widget) {
			switch v := x.(type) {
			case *widget.Entry:
				return v
			case *widget.SelectEntry:
				return &v.Entry
			case *common.Entry:
				return &v.Entry
			case *common.SelectEntry:
				return &v.Entry
			}
		}
	}
	require.Failf(t, "no field", "%q", label)
	return nil
}

func retype(w fyne.Window, e *widget.Entry, text string) {
	e.SetText("")
	w.Canvas().Focus(e)
	test.Type(e, text)
}

func TestSavingOverAChangedRecordAsksToReload(t *testing.T) {
	_, st := chineseApp(t)
	ctx := context.Background()
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕9号", Title: "推进老旧小区改造",
		Units:      []model.UnitRole{{Name: "市住房和城乡建设局", Role: model.RoleLead}},
		AssignedOn: model.NewDate(2026, 3, 1), Status: model.TaskInProgress,
		Deadline: model.Deadline{Due: model.NewDate(2026, 12, 31), Type: model.DeadlineDate}}
	tk.Normalize()
	require.NoError(t, st.Save(ctx, tk, "王敏"))

	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 900))
	opened, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	f := form.New(model.KindTask, opened, form.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true},
		Operator: func() string { return "王敏" }})
	w.SetContent(f.Content())

	// meanwhile (an import, another window) the title changes
	other, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	other.(*model.Task).Title = "推进城镇老旧小区改造（另一处）"
	require.NoError(t, st.Save(ctx, other, "李强"))

	// here the title and the progress are edited, then saved
	retype(w, entry(t, f, "事项名称"), "老旧小区改造（本窗口）")
	retype(w, entry(t, f, "办理进展"), "已完成12个小区")
	require.Error(t, f.Save())

	top := w.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog explains the refused save")
	seen := drawn(top)
	assert.Contains(t, seen, "记录已被修改")
	assert.Contains(t, seen, "打开后该记录已被修改", "the store's reason")
	assert.Contains(t, seen, "事项名称：您填写的「老旧小区改造（本窗口）」，现在保存的「推进城镇老旧小区改造（另一处）」")
	assert.NotContains(t, seen, "办理进展：", "only the field changed both times is listed")

	stored, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "推进城镇老旧小区改造（另一处）", stored.(*model.Task).Title, "the other value stays stored")
	assert.Empty(t, stored.(*model.Task).Progress, "nothing of the refused save was stored")

	// reload: the stored title comes in, the progress typed here stays
	var reload *widget.Button
	for _, x := range test.LaidOutObjects(top) {
		if b, ok := x.(*widget.Button); ok && b.Text == "重新载入" {
			reload = b
		}
	}
	require.NotNil(t, reload)
	test.Tap(reload)
	assert.Equal(t, "推进城镇老旧小区改造（另一处）", entry(t, f, "事项名称").Text)
	assert.Equal(t, "已完成12个小区", entry(t, f, "办理进展").Text)
	assert.True(t, f.Dirty(), "the kept edit is still unsaved")
	assert.Contains(t, f.Message(), "已重新载入")

	require.NoError(t, f.Save())
	stored, err = st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "推进城镇老旧小区改造（另一处）", stored.(*model.Task).Title)
	assert.Equal(t, "已完成12个小区", stored.(*model.Task).Progress)
}

func TestSaveMergesEditsMadeElsewhereIntoTheForm(t *testing.T) {
	_, st := chineseApp(t)
	ctx := context.Background()
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕10号", Title: "城中村改造",
		Status: model.TaskInProgress, AssignedOn: model.NewDate(2026, 3, 1)}
	tk.Normalize()
	require.NoError(t, st.Save(ctx, tk, "王敏"))
	w := test.NewTempWindow(t, nil)
	opened, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	f := form.New(model.KindTask, opened, form.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true}})
	w.SetContent(f.Content())

	other, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	other.(*model.Task).Remarks = "市领导已批示"
	require.NoError(t, st.Save(ctx, other, "李强"))

	retype(w, entry(t, f, "事项名称"), "城中村改造三年行动")
	require.NoError(t, f.Save(), "different fields merge")
	assert.Equal(t, "市领导已批示", entry(t, f, "备注").Text, "the form shows what was merged in")
	assert.False(t, f.Dirty())

	// a second save from the same form must not undo the other edit
	retype(w, entry(t, f, "办理进展"), "方案已批复")
	require.NoError(t, f.Save())
	stored, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "市领导已批示", stored.(*model.Task).Remarks)
	assert.Equal(t, "城中村改造三年行动", stored.(*model.Task).Title)
	assert.Equal(t, "方案已批复", stored.(*model.Task).Progress)
}
