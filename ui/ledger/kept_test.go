package ledger_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
	"taizhang/ui/i18n"
	"taizhang/ui/ledger"
	tztheme "taizhang/ui/theme"
)

// A word a ledger typed and no rule knew is shown in the table beside the
// value it left (or alone when the field has none), so the office sees
// what the department wrote.
func TestLedgerShowsTheWordKeptAsTyped(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	ctx := context.Background()
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	task := func(number, title string, status model.TaskStatus, statusText string, source model.Source, sourceText string) {
		tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: number, Title: title,
			Status: status, StatusText: statusText, Source: source, SourceText: sourceText}
		require.NoError(t, st.Save(ctx, tk, "王敏"))
	}
	task("督〔2026〕1号", "老旧小区加装电梯", model.TaskInProgress, "暂缓", "", "区长交办")
	task("督〔2026〕2号", "燃气管道更新改造", model.TaskDone, "", model.SourceMeeting, "")

	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1400, 600))
	s := ledger.New(model.KindTask, ledger.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true}})
	w.SetContent(s.Content())
	s.Reload()
	require.Equal(t, 2, s.Rows())
	byNumber := map[string][2]string{}
	for i := range 2 {
		byNumber[s.RowText(i, 0)] = [2]string{s.RowText(i, 1), s.RowText(i, 6)}
	}
	assert.Equal(t, [2]string{"区长交办", "办理中（原文：暂缓）"}, byNumber["督〔2026〕1号"],
		"the word alone when no value; beside the value when there is one")
	assert.Equal(t, [2]string{"常务会议确定事项", "已办结"}, byNumber["督〔2026〕2号"], "nothing kept: the label alone")
	assert.True(t, strings.Contains(test.RenderToMarkup(w.Canvas()), ">办理中（原文：暂缓）<"), "the cell is wide enough to show it whole")
}
