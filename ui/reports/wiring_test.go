package reports_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/report"
	"taizhang/ui"
	"taizhang/ui/i18n"
	tztheme "taizhang/ui/theme"
)

func shownTexts(o fyne.CanvasObject) string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		switch v := x.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		}
	}
	return strings.Join(out, "|")
}

// The main window's 统计报表 entry opens the screen on the app's store,
// and switching the language redraws it in English.
func TestMainWindowShowsReportsAndSwitchesLanguage(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	t.Cleanup(func() { _ = i18n.Load(i18n.Chinese) })
	ctx := context.Background()
	require.NoError(t, st.SetSetting(ctx, "language", "zh"))
	require.NoError(t, st.SetSetting(ctx, "operator", "李明"))
	task := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕1号", Title: "推进老旧小区改造",
		AssignedOn: model.NewDate(2026, 11, 2), Status: model.TaskInProgress}
	task.Normalize()
	require.NoError(t, st.Save(ctx, task, "seed"))

	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	u, err := ui.New(a, w, st, ui.Options{Sync: true, Today: model.NewDate(2026, 11, 26), WriteReport: report.Write})
	require.NoError(t, err)
	u.Show(ui.NavReports)
	require.NotNil(t, u.Reports())
	zh := shownTexts(w.Content())
	assert.Contains(t, zh, "跟踪督办事项（项）")
	assert.Contains(t, zh, "导出月通报（2026年11月）")
	assert.Equal(t, 1, u.Reports().Summary().Tasks.Tracked)

	u.SetLanguage(i18n.English)
	en := shownTexts(w.Content())
	assert.Contains(t, en, "Tracked")
	assert.Contains(t, en, "Monthly bulletin (November 2026)")
	assert.Contains(t, en, "November 2026 (2026-11-01 to 2026-11-30)")
	assert.NotContains(t, en, "跟踪督办事项（项）")
	assert.True(t, strings.HasPrefix(u.Reports().DraftText(), "In November 2026, 1 supervised"), u.Reports().DraftText())
}
