package ledger

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Fixed columns before the data columns: the checkbox, then the light.
func (s *Screen) fixed() int {
	if hasLight(s.kind) {
		return 2
	}
	return 1
}

// cell is a reused table cell: one of check, dot or label is visible.
type cell struct {
	widget.BaseWidget
	check *widget.Check
	dot   *common.LightDot
	label *widget.Label
	full  string // the whole text when the label shows it cut or shortened
	tip   *widget.PopUp
}

// MouseIn shows the whole text of a cut or shortened cell (a unit's full
// name behind its 简称) beneath it, as a tooltip would.
func (c *cell) MouseIn(*desktop.MouseEvent) {
	if c.full == "" || !c.label.Visible() {
		return
	}
	cv := fyne.CurrentApp().Driver().CanvasForObject(c)
	if cv == nil {
		return
	}
	c.tip = widget.NewPopUp(widget.NewLabel(c.full), cv)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	c.tip.ShowAtPosition(at.Add(fyne.NewPos(0, c.Size().Height)))
}

func (c *cell) MouseMoved(*desktop.MouseEvent) {}

func (c *cell) MouseOut() {
	if c.tip != nil {
		c.tip.Hide()
		c.tip = nil
	}
}

// Tip is the text shown on hover ("" when the cell shows it whole).
func (c *cell) Tip() string { return c.full }

func newCell() *cell {
	c := &cell{check: widget.NewCheck("", nil), dot: common.NewLightDot(), label: widget.NewLabel("")}
	c.label.Truncation = fyne.TextTruncateOff // fit cuts the text: see fit.go
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.check, c.dot.Object, c.label))
}

func (c *cell) show(o fyne.CanvasObject) {
	for _, x := range []fyne.CanvasObject{c.check, c.dot.Object, c.label} {
		if x == o {
			x.Show()
		} else {
			x.Hide()
		}
	}
}

func (s *Screen) newTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return s.Rows(), s.fixed() + len(s.cols) },
		func() fyne.CanvasObject { return newCell() },
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateCell(id, o.(*cell)) },
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		b.SetText(s.HeaderText(id.Col))
		col := id.Col
		b.OnTapped = func() { s.TapHeader(col) }
	}
	t.SetColumnWidth(0, 36)
	if hasLight(s.kind) {
		t.SetColumnWidth(1, 30)
	}
	for i, c := range s.cols {
		t.SetColumnWidth(s.fixed()+i, c.Width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Col == 0 || id.Row < 0 {
			return
		}
		s.OpenRow(id.Row)
	}
	return t
}

// HeaderText is the header of table column col, with the sort arrow.
func (s *Screen) HeaderText(col int) string {
	switch {
	case col == 0:
		if len(s.selected) > 0 {
			return "☑"
		}
		return "☐"
	case col < s.fixed():
		return "●"
	}
	i := col - s.fixed()
	text := s.cols[i].Title
	if i == s.sortCol {
		if s.sortDesc {
			text += " ↓"
		} else {
			text += " ↑"
		}
	}
	return text
}

// TapHeader sorts by a data column (ascending, then descending), or on the
// checkbox column selects every matching row (or clears the selection).
func (s *Screen) TapHeader(col int) {
	if col == 0 {
		s.toggleAll()
		return
	}
	i := col - s.fixed()
	if i < 0 || s.cols[i].Sort == "" {
		return
	}
	if s.sortCol == i {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = i, false
	}
	s.Reload()
	s.table.Refresh()
}

func (s *Screen) toggleAll() {
	if len(s.selected) > 0 {
		s.selected = map[string]bool{}
		s.showSummary()
		s.table.Refresh()
		return
	}
	if s.ids != nil {
		for _, id := range s.ids {
			s.selected[id] = true
		}
		s.showSummary()
		s.table.Refresh()
		return
	}
	gen, q := s.gen, s.query()
	s.deps.Run.Go(func() func() {
		ids, err := s.deps.Store.IDs(context.Background(), q)
		return func() {
			if gen != s.gen || err != nil {
				return
			}
			for _, id := range ids {
				s.selected[id] = true
			}
			s.showSummary()
			s.table.Refresh()
		}
	})
}

func (s *Screen) updateCell(id widget.TableCellID, c *cell) {
	r, ok := s.row(id.Row)
	switch {
	case id.Col == 0:
		c.show(c.check)
		c.check.OnChanged = nil
		c.check.SetChecked(ok && s.selected[r.RecordMeta().ID])
		if ok {
			rid := r.RecordMeta().ID
			c.check.OnChanged = func(on bool) { s.SetSelected(rid, on) }
		}
	case id.Col < s.fixed():
		c.show(c.dot.Object)
		l := model.LightNone
		if ok {
			l = s.day().Light(r)
		}
		c.dot.SetLight(l)
	default:
		c.show(c.label)
		text := "…"
		c.full = ""
		if ok {
			col := s.cols[id.Col-s.fixed()]
			whole := col.Value(r)
			text = whole
			if col.unitColumn() && !fits(whole, c.Size().Width) {
				text = s.short.Of(whole)
			}
			text = fit(text, c.Size().Width)
			if text != whole {
				c.full = whole
			}
		}
		c.label.SetText(text)
	}
}

// SetSelected ticks or clears a record's checkbox.
func (s *Screen) SetSelected(id string, on bool) {
	if on {
		s.selected[id] = true
	} else {
		delete(s.selected, id)
	}
	s.showSummary()
	s.table.RefreshItem(widget.TableCellID{Row: -1, Col: 0})
}

// SelectRow ticks row i's checkbox, as tapping it does.
func (s *Screen) SelectRow(i int) {
	if r, ok := s.row(i); ok {
		s.SetSelected(r.RecordMeta().ID, true)
		s.table.Refresh()
	}
}

// OpenRow opens row i's form.
func (s *Screen) OpenRow(i int) {
	r, ok := s.row(i)
	if !ok || s.deps.Open == nil {
		return
	}
	s.deps.Open(s.kind, r)
}
