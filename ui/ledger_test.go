package ui_test

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui"
)

func table(t *testing.T, f *fixture) *widget.Table {
	t.Helper()
	for _, x := range test.LaidOutObjects(f.win.Content()) {
		if tb, ok := x.(*widget.Table); ok && x.Visible() {
			return tb
		}
	}
	require.Fail(t, "no table on screen")
	return nil
}

// scrolledY is how far down the table's view is, in pixels. Fyne has no
// getter, and the headless canvas does not redraw cells on a scroll, so
// the field is read: a view below the last row is the blank table users saw.
func scrolledY(tb *widget.Table) float32 {
	return float32(reflect.ValueOf(tb).Elem().FieldByName("offset").FieldByName("Y").Float())
}

// drawnCells are the texts drawn in the window, without the markup.
func drawnCells(t *testing.T, f *fixture) string {
	var out []string
	for _, m := range drawnText.FindAllStringSubmatch(shown(f.win), -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, " ")
}

var drawnText = regexp.MustCompile(`<text[^>]*>([^<]+)</text>`)

// manyTasks are n tasks 督0000… titled 日常工作N, plus two that a search for
// 停车位 finds.
func manyTasks(n int) []model.Record {
	var out []model.Record
	for i := 0; i < n; i++ {
		out = append(out, task(fmt.Sprintf("督%04d", i), fmt.Sprintf("日常工作%d", i), "市住建局", model.TaskInProgress, today.AddDays(i%50)))
	}
	return append(out,
		task("督9998", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(3)),
		task("督9999", "停车位智能改造", "市商务局", model.TaskInProgress, today.AddDays(4)))
}

func TestLedgerShowsResultsOfASearchWhileScrolledDown(t *testing.T) {
	f := start(t, "王敏", manyTasks(300)...)
	f.u.Show(ui.NavTasks)
	l := f.u.Ledger(model.KindTask)
	require.Equal(t, "共 302 条", l.Summary())
	tb := table(t, f)
	tb.ScrollTo(widget.TableCellID{Row: 301, Col: 2})
	require.Greater(t, scrolledY(tb), float32(5000), "scrolled to the end")

	test.Type(l.SearchEntry(), "停车位")
	assert.Equal(t, "共 2 条", l.Summary())
	assert.Zero(t, scrolledY(tb), "the results are in view, not below an empty table")

	// clearing the search shows the first rows without a nudge of the wheel
	tb.ScrollTo(widget.TableCellID{Row: 1, Col: 2})
	l.SearchEntry().SetText("")
	assert.Equal(t, "共 302 条", l.Summary())
	assert.Zero(t, scrolledY(tb))

	// a filter and a sort while scrolled down start at the top as well
	tb.ScrollTo(widget.TableCellID{Row: 301, Col: 2})
	l.StatusFilter().SetSelected("办理中")
	assert.Zero(t, scrolledY(tb), "filter")
	tb.ScrollTo(widget.TableCellID{Row: 301, Col: 2})
	l.TapHeader(2)
	assert.Zero(t, scrolledY(tb), "sort")

	// a reload with the same query (after a save) keeps the place
	tb.ScrollTo(widget.TableCellID{Row: 150, Col: 2})
	at := scrolledY(tb)
	f.u.Reload()
	assert.Equal(t, at, scrolledY(tb))
}

// overlayButton is the button labelled text in the dialog on top of w.
func overlayButton(t *testing.T, f *fixture, text string) *widget.Button {
	t.Helper()
	top := f.win.Canvas().Overlays().Top()
	require.NotNil(t, top, "a dialog is open")
	return button(t, top, text)
}

func overlaySelects(t *testing.T, f *fixture) []*widget.Select {
	var out []*widget.Select
	for _, x := range test.LaidOutObjects(f.win.Canvas().Overlays().Top()) {
		if s, ok := x.(*widget.Select); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestBatchRemindAsksMethodAndLevelFirst(t *testing.T) {
	f := start(t, "王敏",
		task("督1", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(-2)),
		task("督2", "老旧小区加装电梯", "市住建局", model.TaskInProgress, today.AddDays(1)))
	f.u.Show(ui.NavTasks)
	l := f.u.Ledger(model.KindTask)
	l.SelectRow(0)
	l.SelectRow(1)
	reminders := func() int {
		n := 0
		for _, num := range []string{"督1", "督2"} {
			rs, err := f.st.List(context.Background(), storage.Query{Kind: model.KindTask, Text: num})
			require.NoError(t, err)
			for _, r := range rs {
				n += len(r.(*model.Task).Reminders)
			}
		}
		return n
	}

	test.Tap(button(t, f.win.Content(), "批量催办"))
	assert.Zero(t, reminders(), "nothing is recorded before the user confirms")
	assert.Contains(t, texts(f.win.Canvas().Overlays().Top()), "将对选中的 2 项事项登记催办，日期 2026-11-26。")
	test.Tap(overlayButton(t, f, "取消"))
	assert.Zero(t, reminders(), "cancel records nothing")

	test.Tap(button(t, f.win.Content(), "批量催办"))
	sels := overlaySelects(t, f)
	require.Len(t, sels, 2, "method and level")
	sels[0].SetSelected("亮牌督办")
	sels[1].SetSelected("2级")
	test.Tap(overlayButton(t, f, "登记催办"))
	assert.Equal(t, 2, reminders())
	rs, err := f.st.List(context.Background(), storage.Query{Kind: model.KindTask, Text: "督1"})
	require.NoError(t, err)
	require.Len(t, rs, 1)
	rm := rs[0].(*model.Task).Reminders[0]
	assert.Equal(t, model.ReminderMethod("coloured"), rm.Method)
	assert.Equal(t, 2, rm.Level)
	assert.Equal(t, today, rm.On)
}

func TestMeetingLedgerNamesTheMeetingAndItsType(t *testing.T) {
	f := start(t, "王敏",
		&model.Meeting{Meta: model.Meta{Kind: model.KindMeeting}, Number: "第12次", Title: "市政府第12次常务会议", HeldOn: today},
		&model.Meeting{Meta: model.Meta{Kind: model.KindMeeting}, Number: "专题1", Title: "重点项目推进专题会议", HeldOn: today})
	f.u.Show(ui.NavMeetings)
	l := f.u.Ledger(model.KindMeeting)
	var heads []string
	for c := 1; c < 7; c++ {
		heads = append(heads, l.HeaderText(c))
	}
	assert.Equal(t, []string{"编号", "会议名称", "会议类型", "召开日期"}, heads[:4])
	seen := drawnCells(t, f)
	assert.Contains(t, seen, "常务会议 ")
	assert.Contains(t, seen, "专题会议")
	assert.NotContains(t, seen, "事项名称", "a meeting is not an item")
}

func TestTaskFormTabAndFieldHaveTheirOwnNames(t *testing.T) {
	f := start(t, "王敏", task("督1", "新建城区公共停车位", "市住建局", model.TaskInProgress, today.AddDays(3)))
	f.u.Show(ui.NavTasks)
	f.u.Ledger(model.KindTask).OpenRow(0)
	seen := texts(formWindow(f).Content())
	n := 0
	for _, s := range seen {
		if s == "办理进展" {
			n++
		}
	}
	assert.Equal(t, 1, n, "办理进展 names the field only: %v", seen)
	assert.Contains(t, seen, "单位报告")
}
