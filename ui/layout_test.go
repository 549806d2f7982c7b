package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui"
	"taizhang/ui/exchange"
)

// usable1024 is the window a 1024×768 screen gets (1000×696: the taskbar
// and the frame take the rest).
var usable1024 = ui.InitialSize(fyne.NewSize(1024, 768))

func TestEveryScreenFitsA1024x768Screen(t *testing.T) {
	f := startWith(t, func(o *ui.Options, st *storage.Store) {
		o.Exchanger = exchange.StoreExchanger{Store: st, Operator: func() string { return "王敏" }, Lang: func() string { return "zh" }}
	}, "王敏", task("督1", "新建城区公共停车位", "市发展和改革委员会", model.TaskInProgress, today.AddDays(3)))
	f.win.Resize(usable1024)
	for _, id := range []string{ui.NavDashboard, ui.NavTasks, ui.NavProposals, ui.NavVillage, ui.NavMeetings,
		ui.NavReports, ui.NavMonth, ui.NavImport, ui.NavExport, ui.NavConflicts, ui.NavSettings} {
		f.u.Show(id)
		min := f.win.Content().MinSize()
		assert.LessOrEqual(t, min.Width, usable1024.Width, "%s is too wide", id)
		assert.LessOrEqual(t, min.Height, usable1024.Height, "%s is too tall", id)
	}

	// the tasks ledger's key columns are in view without scrolling
	f.u.Show(ui.NavTasks)
	d := fyne.CurrentApp().Driver()
	for _, head := range []string{"编号", "事项名称", "牵头单位", "完成时限", "状态"} {
		b := button(t, f.win.Content(), head)
		right := d.AbsolutePositionForObject(b).X + b.Size().Width
		assert.LessOrEqual(t, right, usable1024.Width, "%s is cut off at 1024 pixels", head)
	}
}

func TestNarrowUnitColumnShowsShortNameAndFullOnHover(t *testing.T) {
	f := start(t, "王敏", task("督1", "新建城区公共停车位", "市发展和改革委员会", model.TaskInProgress, today.AddDays(3)))
	f.u.Show(ui.NavTasks)
	assert.Contains(t, drawnCells(t, f), "市发改委", "the 简称 in the narrow column")
	// the first row's 牵头单位 cell: after the checkbox, the light, 编号 and
	// 事项名称 (widths 36, 30, 150, 200, a 4-pixel rule after each), below
	// the 36-pixel header
	tb := table(t, f)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(tb).Add(fyne.NewPos(36+30+150+200+4*4+20, 36+4+10))
	test.MoveMouse(f.win.Canvas(), at)
	top := f.win.Canvas().Overlays().Top()
	require.NotNil(t, top, "hovering shows the full name")
	var tip []string
	for _, x := range test.LaidOutObjects(top) {
		if l, ok := x.(*widget.Label); ok {
			tip = append(tip, l.Text)
		}
	}
	assert.Contains(t, tip, "市发展和改革委员会")
	test.MoveMouse(f.win.Canvas(), fyne.NewPos(5, 5))
	assert.Nil(t, f.win.Canvas().Overlays().Top(), "and hides it when the mouse leaves")
}

func TestMainWindowNeverOpensLargerThanTheScreen(t *testing.T) {
	assert.Equal(t, fyne.NewSize(1280, 696), ui.InitialSize(fyne.NewSize(1366, 768)))
	assert.Equal(t, fyne.NewSize(1000, 696), ui.InitialSize(fyne.NewSize(1024, 768)))
	assert.Equal(t, fyne.NewSize(1280, 720), ui.InitialSize(fyne.NewSize(1920, 1080)))
	assert.Equal(t, fyne.NewSize(1000, 696), ui.InitialSize(fyne.Size{}), "unknown screen: the smallest office screen")
	// 1366×768 at 125 % scaling is 1093×614 in Fyne's units
	got := ui.InitialSize(fyne.NewSize(1093, 614))
	assert.LessOrEqual(t, got.Width, float32(1093))
	assert.LessOrEqual(t, got.Height, float32(614))
}
