package ui_test

import (
	"fmt"
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
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
