package ui_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/ui"
)

// tapAt taps the topmost tappable under the centre of o, as a click would.
func tapAt(t *testing.T, w fyne.Window, o fyne.CanvasObject) {
	t.Helper()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
	test.TapCanvas(w.Canvas(), pos)
}

func labelWith(t *testing.T, o fyne.CanvasObject, text string) fyne.CanvasObject {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		switch v := x.(type) {
		case *widget.Label:
			if v.Text == text && v.Visible() {
				return v
			}
		case *widget.Button:
			if v.Text == text && v.Visible() {
				return v
			}
		}
	}
	require.Failf(t, "not shown", "%q", text)
	return nil
}

func TestDashboardChartAndItemsLeadToTheirRecords(t *testing.T) {
	f := start(t, "王敏",
		task("督1", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(-2)),
		task("督2", "老旧小区加装电梯", "市住建局", model.TaskInProgress, today.AddDays(1)),
		task("督3", "招商引资项目落地", "市商务局", model.TaskInProgress, today.AddDays(60)),
		task("督4", "优化营商环境", "市商务局", model.TaskInProgress, today.AddDays(-5)),
		task("督5", "外贸稳增长", "市商务局", model.TaskAssigned, today.AddDays(90)),
	)
	assert.Equal(t, ui.NavDashboard, f.u.Current())

	// the counts and the chart are in the first screenful, above the lists
	bar := labelWith(t, f.win.Content(), "市商务局")
	red := labelWith(t, f.win.Content(), "红灯 2")
	list := labelWith(t, f.win.Content(), "督1 新建城区公共停车位（市住建局，2026-11-24）")
	d := fyne.CurrentApp().Driver()
	assert.Less(t, d.AbsolutePositionForObject(bar).Y, float32(300), "the chart is near the top")
	assert.Less(t, d.AbsolutePositionForObject(red).Y, d.AbsolutePositionForObject(list).Y, "counts come before the lists")

	// a bar lists that unit's items
	tapAt(t, f.win, bar)
	assert.Equal(t, ui.NavTasks, f.u.Current())
	l := f.u.Ledger(model.KindTask)
	assert.Equal(t, "共 3 条", l.Summary())
	seen := shown(f.win)
	assert.Contains(t, seen, "招商引资项目落地")
	assert.NotContains(t, seen, "老旧小区加装电梯")

	// the red count lists the overdue items of every unit
	f.u.Show(ui.NavDashboard)
	tapAt(t, f.win, red)
	assert.Equal(t, ui.NavTasks, f.u.Current())
	assert.Equal(t, "共 2 条", l.Summary())
	seen = shown(f.win)
	assert.Contains(t, seen, "新建城区公共停车位")
	assert.Contains(t, seen, "优化营商环境")
	assert.NotContains(t, seen, "招商引资项目落地")

	// an item in a list opens its form
	f.u.Show(ui.NavDashboard)
	tapAt(t, f.win, labelWith(t, f.win.Content(), "督1 新建城区公共停车位（市住建局，2026-11-24）"))
	require.Len(t, f.u.Forms(), 1)
	assert.Equal(t, "督办事项 督1", f.u.Forms()[0].Title())
}

func TestDashboardBarListsExactlyTheItemsItCounts(t *testing.T) {
	helped := task("督13", "配合整治交通秩序", "市住建局", model.TaskInProgress, today.AddDays(10))
	helped.Units = append(helped.Units, model.UnitRole{Name: "市公安局", Role: model.RoleCooperating})
	f := start(t, "王敏",
		task("督10", "打击电信诈骗", "市公安局", model.TaskInProgress, today.AddDays(5)),
		task("督11", "校园周边安全", "市公安局", model.TaskAssigned, today.AddDays(-3)),
		task("督12", "户籍制度改革", "市公安局", model.TaskDone, today.AddDays(-20)),
		helped,
	)
	bar := labelWith(t, f.win.Content(), "市公安局")
	tapAt(t, f.win, bar)
	require.Equal(t, ui.NavTasks, f.u.Current())
	l := f.u.Ledger(model.KindTask)
	assert.Equal(t, "共 2 条", l.Summary(), "the bar counts the two unfinished items 市公安局 leads")
	seen := shown(f.win)
	assert.Contains(t, seen, "打击电信诈骗")
	assert.Contains(t, seen, "校园周边安全")
	assert.NotContains(t, seen, "户籍制度改革", "a closed item is not counted")
	assert.NotContains(t, seen, "配合整治交通秩序", "an item 市公安局 only cooperates on is not counted")
	assert.Equal(t, "未办结", l.StatusFilter().Selected, "the filter says what is listed")

	// every status: the closed item it leads comes back
	l.StatusFilter().SetSelected("（全部）")
	assert.Equal(t, "共 3 条", l.Summary())
}
