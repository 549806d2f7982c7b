package settings_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
	"taizhang/ui/i18n"
	"taizhang/ui/internal/uitest"
	"taizhang/ui/settings"
	tztheme "taizhang/ui/theme"
)

func TestValueDictionaryAddAndDelete(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	ctx := context.Background()
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	require.NoError(t, st.SetSetting(ctx, common.SettingOperator, "王敏"))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1000, 700))
	s := settings.New(settings.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true}})
	w.SetContent(s.Content())

	tabs := s.Content().(*container.AppTabs)
	var titles []string
	for _, it := range tabs.Items {
		titles = append(titles, it.Text)
	}
	require.Contains(t, titles, "词汇对照")
	tabs.SelectIndex(len(titles) - 2)
	page := tabs.Selected().Content
	assert.Equal(t, page, s.Vocabulary().Content())
	assert.Empty(t, s.Vocabulary().Lines(), "nothing taught yet")

	var selects []*widget.Select
	var entry *widget.Entry
	var add *widget.Button
	for _, x := range uitest.Drawn(page) {
		switch v := x.(type) {
		case *widget.Select:
			selects = append(selects, v)
		case *widget.Entry:
			entry = v
		case *widget.Button:
			if v.Text == "添加" {
				add = v
			}
		}
	}
	require.Len(t, selects, 2)
	require.NotNil(t, entry)
	require.NotNil(t, add)
	field, value := selects[0], selects[1]

	// half-filled: a clear message, nothing stored
	test.Tap(add)
	assert.Equal(t, "请选择字段、填写词语并选择取值", s.Vocabulary().Message())

	field.SetSelected("督办事项·状态")
	assert.Equal(t, []string{"待交办", "已交办", "办理中", "待审核", "已办结", "已销号", "已撤销"}, value.Options,
		"the field's values, labelled in the UI's language")
	test.Type(entry, "暂缓")
	value.SetSelected("办理中")
	test.Tap(add)
	assert.Equal(t, "已添加：「暂缓」视为「办理中」", s.Vocabulary().Message())
	assert.Equal(t, []string{"督办事项·状态　「暂缓」→ 办理中"}, s.Vocabulary().Lines())
	assert.Empty(t, entry.Text, "ready for the next word")

	dict, err := st.Dictionary(ctx)
	require.NoError(t, err)
	got, ok := dict.Lookup("tasks.status", "暂缓")
	assert.True(t, ok)
	assert.Equal(t, "in_progress", got)

	// the list shows it with a delete button; delete it
	var remove []*widget.Button
	for _, x := range uitest.Drawn(page) {
		if b, ok := x.(*widget.Button); ok && b.Text == "删除" {
			remove = append(remove, b)
		}
	}
	require.Len(t, remove, 1)
	test.Tap(remove[0])
	assert.Equal(t, "已删除「暂缓」的对照", s.Vocabulary().Message())
	assert.Empty(t, s.Vocabulary().Lines())
	dict, err = st.Dictionary(ctx)
	require.NoError(t, err)
	_, ok = dict.Lookup("tasks.status", "暂缓")
	assert.False(t, ok, "a deleted word no longer maps")

	// the delete is a tombstone in the history, by the operator
	all, err := st.List(ctx, storage.Query{Kind: model.KindTerm, Deleted: true})
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.True(t, all[0].RecordMeta().Deleted)
	changes, err := st.History(ctx, all[0].RecordMeta().ID)
	require.NoError(t, err)
	require.Len(t, changes, 2, "taught, then deleted")
	assert.Equal(t, "王敏", changes[len(changes)-1].By)

	// a word taught elsewhere (the import wizard) is listed when the page is opened again
	_, err = st.Teach(ctx, "proposals.status", "已答复待评", "replied", "王敏")
	require.NoError(t, err)
	tabs.SelectIndex(0)
	tabs.SelectIndex(len(titles) - 2)
	assert.Len(t, s.Vocabulary().Lines(), 1)
	assert.Contains(t, s.Vocabulary().Lines()[0], "「已答复待评」→")
}

func TestValueDictionaryInEnglish(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.English))
	t.Cleanup(func() { _ = i18n.Load(i18n.Chinese) })
	ctx := context.Background()
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	_, err = st.Teach(ctx, "tasks.status", "暂缓", "in_progress", "王敏")
	require.NoError(t, err)
	w := test.NewTempWindow(t, nil)
	s := settings.New(settings.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true}})
	w.SetContent(s.Content())
	tabs := s.Content().(*container.AppTabs)
	for i, it := range tabs.Items {
		if it.Text == "Value dictionary" {
			tabs.SelectIndex(i)
		}
	}
	require.Equal(t, s.Vocabulary().Content(), tabs.Selected().Content)
	assert.Equal(t, []string{"Supervised items: status: “暂缓” → In progress"}, s.Vocabulary().Lines(), "value labels in English")
	var selects []*widget.Select
	for _, x := range uitest.Drawn(s.Vocabulary().Content()) {
		if v, ok := x.(*widget.Select); ok {
			selects = append(selects, v)
		}
	}
	require.Len(t, selects, 2)
	selects[0].SetSelected("Supervised items: status")
	assert.Contains(t, selects[1].Options, "In progress")
	assert.NotContains(t, selects[1].Options, "办理中")
}
