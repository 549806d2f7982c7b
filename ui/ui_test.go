package ui_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/report"
	"taizhang/ui"
	"taizhang/ui/common"
	"taizhang/ui/form"
	"taizhang/ui/history"
	"taizhang/ui/i18n"
	"taizhang/ui/ledger"
	"taizhang/ui/settings"
	tztheme "taizhang/ui/theme"
)

var today = model.NewDate(2026, 11, 26)

type fixture struct {
	t   *testing.T
	app fyne.App
	win fyne.Window
	st  *storage.Store
	u   *ui.UI
}

// start opens a real store in a temp folder and the main window on it,
// headless, with the bundled font so what is drawn does not depend on the
// machine. operator "" means a first run.
func start(t *testing.T, operator string, seed ...model.Record) *fixture {
	return startWith(t, nil, operator, seed...)
}

// startWith is start with options set by opts (given the store) before
// the window is built.
func startWith(t *testing.T, opts func(*ui.Options, *storage.Store), operator string, seed ...model.Record) *fixture {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	require.NoError(t, st.SetSetting(ctx, "language", "zh"))
	if operator != "" {
		require.NoError(t, st.SetSetting(ctx, "operator", operator))
	}
	require.NoError(t, st.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市发展和改革委员会", Aliases: []string{"市发改委"}}, "seed"))
	for _, r := range seed {
		r.Normalize()
		require.NoError(t, st.Save(ctx, r, "seed"))
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1200, 800))
	opt := ui.Options{Sync: true, Today: today, WriteReport: report.Write, Notices: report.Notices{}}
	if opts != nil {
		opts(&opt, st)
	}
	u, err := ui.New(a, w, st, opt)
	require.NoError(t, err)
	t.Cleanup(func() { _ = i18n.Load(i18n.Chinese) })
	return &fixture{t: t, app: a, win: w, st: st, u: u}
}

// shortcut presses Ctrl+key as the desktop driver delivers it: to the
// focused widget when it takes shortcuts (an entry), else to the window.
func shortcut(w fyne.Window, key fyne.KeyName) {
	s := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// shown is the main window as drawn (texts of every visible object,
// table cells included), in Fyne's markup.
func shown(w fyne.Window) string { return test.RenderToMarkup(w.Canvas()) }

// texts are the visible label, button and entry texts under o, as drawn.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if !x.Visible() {
			continue
		}
		switch v := x.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *canvas.Text:
			out = append(out, v.Text)
		}
	}
	return out
}

func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && x.Visible() {
			return b
		}
	}
	require.Failf(t, "no button", "%q not found", text)
	return nil
}

// item finds the form row labelled label: its entry, select and note.
type row struct {
	input fyne.Focusable // what is typed into
	entry *widget.Entry
	sel   *widget.Select
	note  *widget.Label
}

func item(t *testing.T, f *form.Form, label string) row {
	t.Helper()
	for _, it := range f.Items() {
		if it.Text != label {
			continue
		}
		var r row
		for _, x := range test.LaidOutObjects(it.Widget) {
			switch v := x.(type) {
			case *widget.Entry:
				if r.entry == nil {
					r.entry, r.input = v, v
				}
			case *widget.SelectEntry:
				r.entry, r.input = &v.Entry, v
			case *common.Entry:
				if r.entry == nil {
					r.entry, r.input = &v.Entry, v
				}
			case *common.SelectEntry:
				r.entry, r.input = &v.Entry, v
			case *widget.Select:
				r.sel = v
			case *widget.Label:
				r.note = v
			}
		}
		return r
	}
	require.Failf(t, "no field", "%q not on the form", label)
	return row{}
}

func typeInto(f *fixture, fw fyne.Window, r row, text string) {
	r.entry.SetText("")
	fw.Canvas().Focus(r.input)
	test.Type(r.input, text)
}

func formWindow(f *fixture) fyne.Window {
	ws := f.app.Driver().AllWindows()
	return ws[len(ws)-1]
}

// changeStatus uses the status dialog as a user would.
func changeStatus(t *testing.T, fw fyne.Window, f *form.Form, to, reason string) {
	t.Helper()
	test.Tap(button(t, f.Content(), "变更状态…"))
	top := fw.Canvas().Overlays().Top()
	require.NotNil(t, top, "the status dialog is shown")
	var sel *widget.Select
	var entries []*widget.Entry
	for _, x := range test.LaidOutObjects(top) {
		switch v := x.(type) {
		case *widget.Select:
			sel = v
		case *widget.Entry:
			entries = append(entries, v)
		}
	}
	require.NotNil(t, sel)
	assert.Equal(t, f.NextStatuses(), sel.Options, "only lifecycle moves are offered")
	sel.SetSelected(to)
	if reason != "" {
		test.Type(entries[len(entries)-1], reason)
	}
	test.Tap(button(t, top, "确定"))
}

func TestCreateEditAndMoveTaskThroughLifecycle(t *testing.T) {
	f := start(t, "王敏")

	shortcut(f.win, fyne.KeyN) // Ctrl+N: a new supervised item
	require.Len(t, f.u.Forms(), 1)
	assert.Equal(t, ui.NavTasks, f.u.Current())
	frm, fw := f.u.Forms()[0], formWindow(f)
	assert.Equal(t, "新建督办事项", frm.Title())

	typeInto(f, fw, item(t, frm, "编号"), "督〔2026〕15号")
	typeInto(f, fw, item(t, frm, "事项名称"), "推进老旧小区改造")
	units := item(t, frm, "承办单位")
	typeInto(f, fw, units, "市发改委、市财政局（配合）")
	assert.Contains(t, units.note.Text, "市发展和改革委员会（牵头）", "the alias resolves to the full name")
	assert.Contains(t, units.note.Text, "词典中没有：市财政局", "an unknown unit is flagged")

	deadline := item(t, frm, "完成时限")
	typeInto(f, fw, deadline, "2026.12.31")
	assert.Equal(t, "→ 2026-12-31", deadline.note.Text, "the date read is shown beside it")
	assigned := item(t, frm, "交办日期")
	typeInto(f, fw, assigned, "2026年13月5日")
	assert.True(t, strings.HasPrefix(assigned.note.Text, "✗"), "an impossible date is refused as typed: %q", assigned.note.Text)

	shortcut(fw, fyne.KeyS)
	assert.Contains(t, frm.Message(), "有字段需要更正", "an invalid field blocks saving")
	n, err := f.st.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Zero(t, n)

	typeInto(f, fw, assigned, "2026年11月1日")
	shortcut(fw, fyne.KeyS)
	assert.Equal(t, "已保存", frm.Message())
	assert.Equal(t, "督办事项 督〔2026〕15号", frm.Title())

	ledger := f.u.Ledger(model.KindTask)
	assert.Equal(t, "共 1 条", ledger.Summary())
	seen := shown(f.win)
	assert.Contains(t, seen, "督〔2026〕15号")
	assert.Contains(t, seen, "市发改委", "the narrow unit column shows the dictionary's 简称")
	assert.Equal(t, "市发展和改革委员会", ledger.RowText(0, 2), "the record keeps the full name")
	assert.Contains(t, seen, "2026-12-31")
	assert.Contains(t, seen, "待交办")

	// edit: open the row, change the title, save
	ledger.OpenRow(0)
	edit, ew := f.u.Forms()[1], formWindow(f)
	typeInto(f, ew, item(t, edit, "事项名称"), "推进城镇老旧小区改造")
	assert.True(t, edit.Dirty())

	// lifecycle: 待交办 → 已交办 → 办理中; withdrawing needs a reason
	changeStatus(t, ew, edit, "已交办", "")
	assert.Contains(t, edit.StatusText(), "已交办")
	changeStatus(t, ew, edit, "办理中", "")
	assert.Contains(t, edit.StatusText(), "状态：办理中")
	assert.Contains(t, edit.StatusText(), "绿灯")
	changeStatus(t, ew, edit, "已撤销", "")
	assert.Equal(t, "不能变更状态：撤销须说明理由", edit.Message())
	assert.Contains(t, edit.StatusText(), "办理中", "a refused change leaves the status alone")
	assert.NotContains(t, edit.NextStatuses(), "已销号", "closing is not offered before the item is done")

	shortcut(ew, fyne.KeyS)
	assert.Equal(t, "已保存", edit.Message())
	seen = shown(f.win)
	assert.Contains(t, seen, "推进城镇老旧小区改造")
	assert.Contains(t, seen, "办理中")

	lines, err := history.Lines(context.Background(), f.st, model.KindTask, edit.Record().RecordMeta().ID)
	require.NoError(t, err)
	joined := strings.Join(lines, "\n")
	assert.Contains(t, joined, "王敏")
	assert.Contains(t, joined, "事项名称：推进老旧小区改造 → 推进城镇老旧小区改造", "the field is named as on the form")
	assert.NotContains(t, joined, "title", "no JSON field names")
}

func TestEscapeAsksBeforeDiscarding(t *testing.T) {
	f := start(t, "王敏")
	f.u.Show(ui.NavTasks)
	test.Tap(button(t, f.win.Content(), "新建"))
	frm, fw := f.u.Forms()[0], formWindow(f)
	typeInto(f, fw, item(t, frm, "事项名称"), "未保存的事项")
	fw.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	require.NotNil(t, fw.Canvas().Overlays().Top(), "a question is asked")
	assert.Contains(t, texts(fw.Canvas().Overlays().Top()), "有未保存的修改，放弃这些修改吗？")
	assert.Len(t, f.u.Forms(), 1, "the form stays open until the user answers")
	assert.False(t, f.u.CloseRequested(), "the main window does not close over unsaved changes")
}

func task(number, title, unit string, status model.TaskStatus, due model.Date) *model.Task {
	return &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: number, Title: title,
		Units: []model.UnitRole{{Name: unit, Role: model.RoleLead}}, AssignedOn: today.AddDays(-30),
		Deadline: model.Deadline{Due: due, Text: due.String(), Type: model.DeadlineDate}, Status: status}
}

func TestSearchAndFilterTasks(t *testing.T) {
	f := start(t, "王敏",
		task("督1", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(-2)),
		task("督2", "老旧小区加装电梯", "市住建局", model.TaskInProgress, today.AddDays(1)),
		task("督3", "招商引资项目落地", "市商务局", model.TaskAssigned, today.AddDays(60)),
		task("督4", "年度重点任务汇总", "市发展和改革委员会", model.TaskDone, today.AddDays(-9)),
	)
	shortcut(f.win, fyne.KeyF) // Ctrl+F: the tasks ledger's search box
	l := f.u.Ledger(model.KindTask)
	assert.Equal(t, l.SearchEntry(), f.win.Canvas().Focused())
	assert.Equal(t, "共 4 条", l.Summary())

	test.Type(l.SearchEntry(), "停车位")
	assert.Equal(t, "共 1 条", l.Summary())
	seen := shown(f.win)
	assert.Contains(t, seen, "新建城区公共停车位")
	assert.NotContains(t, seen, "老旧小区加装电梯")

	l.SearchEntry().SetText("")
	l.StatusFilter().SetSelected("办理中")
	assert.Equal(t, "共 2 条", l.Summary())
	l.LightFilter().SetSelected("红灯")
	assert.Equal(t, "共 1 条", l.Summary(), "only the overdue item is red")
	assert.Contains(t, shown(f.win), "督1")
	assert.Equal(t, model.LightRed, l.RowLight(0))
	l.LightFilter().SetSelected("黄灯")
	assert.Equal(t, "共 1 条", l.Summary())
	assert.Equal(t, "督2", l.RowText(0, 0))

	// batch: close the selected items along the lifecycle; in-progress ones cannot be closed
	l.LightFilter().SetSelected("（全部）")
	l.StatusFilter().SetSelected("（全部）")
	for i := 0; i < l.Rows(); i++ {
		l.SelectRow(i)
	}
	var got ledger.BatchResult
	l.ChangeStatus("已销号", "", func(b ledger.BatchResult) { got = b })
	assert.Equal(t, 1, got.Changed, "only the done item can be closed")
	assert.Len(t, got.Refused, 3)
	assert.Contains(t, shown(f.win), "已销号")

	// sorting: tap the number header, then again for descending
	l.TapHeader(2) // checkbox, light, then 编号
	assert.Equal(t, "督1", l.RowText(0, 0))
	assert.Equal(t, "编号 ↑", l.HeaderText(2))
	l.TapHeader(2)
	assert.Equal(t, "督4", l.RowText(0, 0))
}

func TestLanguageSwitchRelabelsTheWindow(t *testing.T) {
	f := start(t, "王敏")
	assert.Contains(t, shown(f.win), "督办事项")
	assert.Equal(t, "台账通", f.win.Title())
	f.u.Show(ui.NavSettings)
	var langSel *widget.Select
	for _, x := range test.LaidOutObjects(f.win.Content()) {
		if s, ok := x.(*widget.Select); ok && len(s.Options) == 2 && s.Options[1] == "English" {
			langSel = s
		}
	}
	require.NotNil(t, langSel, "the language select is on the settings screen")
	langSel.SetSelected("English")
	seen := shown(f.win)
	assert.Contains(t, seen, "Supervised items")
	assert.NotContains(t, seen, "督办事项")
	assert.Equal(t, "Taizhang", f.win.Title(), "the window title follows the language")
	stored, err := f.st.Setting(context.Background(), "language")
	require.NoError(t, err)
	assert.Equal(t, "en", stored)
}

func TestFirstRunWithSampleData(t *testing.T) {
	f := start(t, "")
	top := f.win.Canvas().Overlays().Top()
	require.NotNil(t, top, "the welcome dialog is shown on first run")
	assert.Contains(t, texts(top), "欢迎使用台账通")

	require.NoError(t, f.u.FirstRun("王敏", ui.StartSample))
	op, err := f.st.Setting(context.Background(), "operator")
	require.NoError(t, err)
	assert.Equal(t, "王敏", op)
	f.u.Show(ui.NavTasks)
	assert.Equal(t, "共 3 条", f.u.Ledger(model.KindTask).Summary())

	f.u.Show(ui.NavDashboard)
	seen := shown(f.win)
	assert.Contains(t, seen, "红灯事项（已超期）（1）")
	assert.Contains(t, seen, "示例〔1〕1号 推进老旧小区改造")

	n, err := settings.RemoveSample(context.Background(), f.st, "王敏")
	require.NoError(t, err)
	assert.Equal(t, 9, n)
	f.u.Reload()
	assert.Equal(t, "共 0 条", f.u.Ledger(model.KindTask).Summary())
}
