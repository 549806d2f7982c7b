package reports

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// fillFigures lists every figure of the summary, grouped as
// model.FigureLines groups them; tapping one lists its records.
func (s *Screen) fillFigures(p period, sum model.Summary) {
	s.figures.RemoveAll()
	var card *fyne.Container
	group := ""
	for _, f := range model.FigureLines(sum, p.lang) {
		if f.Group != group || card == nil {
			group = f.Group
			card = container.NewVBox()
			s.figures.Add(widget.NewCard("", "", container.NewBorder(
				chartTitle(group), nil, nil, nil, card)))
		}
		f := f
		card.Add(newLine(f.Label, f.Text, func() { s.drill(p, f.Path, f.Label) }))
	}
	s.figures.Refresh()
}

// fillCharts draws completion by unit, proposals by class and funds by source.
func (s *Screen) fillCharts(p period, sum model.Summary) {
	s.charts.RemoveAll()

	var units []chartRow
	for i, u := range sum.Tasks.ByUnit {
		if i == 15 {
			break
		}
		u := u
		open := max(u.Tracked-u.Done-u.Overdue, 0)
		units = append(units, chartRow{
			name:     unitLabel(u.Unit),
			segments: []segment{{float64(u.Done), doneColor()}, {float64(u.Overdue), overdueColor()}, {float64(open), openColor()}},
			value:    fmt.Sprintf("%d / %d", u.Done, u.Tracked),
			tap:      func() { s.drillUnit(p, u.Unit) },
		})
	}
	unitTitle := lang.L("stats.chart.units")
	if n := len(sum.Tasks.ByUnit); n > 15 {
		unitTitle = lang.L("stats.chart.units_top", map[string]any{"Count": 15, "Total": n})
	}
	s.charts.Add(widget.NewCard("", "", container.NewVBox(chartTitle(unitTitle),
		legend(segmentName{lang.L("stats.legend.done"), doneColor()}, segmentName{lang.L("stats.legend.overdue"), overdueColor()},
			segmentName{lang.L("stats.legend.open"), openColor()}),
		barChart(units))))

	var classes, funds []chartRow
	for _, f := range model.FigureLines(sum, p.lang) {
		f := f
		tap := func() { s.drill(p, f.Path, f.Label) }
		switch {
		case strings.HasPrefix(f.Path, "proposals.by_class."):
			n := f.Value.(int)
			classes = append(classes, chartRow{
				name:     lang.L("stats.class", map[string]any{"Class": strings.TrimPrefix(f.Path, "proposals.by_class.")}),
				segments: []segment{{float64(n), doneColor()}}, value: f.Text, tap: tap})
		case strings.HasPrefix(f.Path, "village.funds_by_source."):
			fen := f.Value.(model.Fen)
			if fen == 0 {
				continue // a source with no money in the period says nothing
			}
			key := model.FundSource(strings.TrimPrefix(f.Path, "village.funds_by_source."))
			funds = append(funds, chartRow{name: common.EnumLabel(model.FundSources, key),
				segments: []segment{{fen.Wan(), doneColor()}}, value: f.Text, tap: tap})
		}
	}
	s.charts.Add(container.NewGridWithColumns(2,
		widget.NewCard("", "", container.NewVBox(chartTitle(lang.L("stats.chart.classes")), barChart(classes))),
		widget.NewCard("", "", container.NewVBox(chartTitle(lang.L("stats.chart.funds")), barChart(funds)))))
	s.charts.Refresh()
}

func chartTitle(text string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// drill lists the records behind the figure at path, gathered off the UI
// thread (a year's tracked items at 100,000 records take 0.1 s).
func (s *Screen) drill(p period, path, label string) {
	s.start()
	s.d.Run.Go(func() func() {
		l, ok := p.Drill(path, label)
		return func() {
			s.stop()
			if ok {
				s.showListing(l)
			}
		}
	})
}

// drillUnit lists the tracked items of a unit, off the UI thread.
func (s *Screen) drillUnit(p period, unit string) {
	s.start()
	s.d.Run.Go(func() func() {
		l := p.UnitTasks(unit)
		return func() {
			s.stop()
			s.showListing(l)
		}
	})
}

// showListing shows a drill-down in a dialog: a table of the records;
// selecting a row opens the record's form, the dialog stays for the next.
func (s *Screen) showListing(l Listing) {
	title := lang.L("stats.drill.title", map[string]any{"Figure": trimUnit(l.Title), "Count": len(l.Rows)})
	if len(l.Rows) == 0 {
		dialog.ShowInformation(title, lang.L("stats.none"), s.d.Window)
		return
	}
	var cols []int // the columns this listing fills
	for i, h := range l.Headers {
		if h != "" {
			cols = append(cols, i)
		}
	}
	cell := func(r Row, c int) string {
		return [5]string{r.Number, r.Title, r.Unit, r.Date, r.Note}[c]
	}
	table := widget.NewTable(
		func() (int, int) { return len(l.Rows), len(cols) },
		func() fyne.CanvasObject {
			lbl := widget.NewLabel("")
			lbl.Truncation = fyne.TextTruncateEllipsis
			return lbl
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(cell(l.Rows[id.Row], cols[id.Col]))
		})
	table.ShowHeaderRow = true
	table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(l.Headers[cols[id.Col]])
		}
	}
	widths := [5]float32{140, 300, 180, 110, 120}
	for i, c := range cols {
		table.SetColumnWidth(i, widths[c])
	}
	table.OnSelected = func(id widget.TableCellID) {
		table.UnselectAll()
		if r := l.Rows[id.Row].Record; r != nil && s.d.Open != nil {
			s.open(r.RecordMeta().ID)
		}
	}
	hint := widget.NewLabel(lang.L("stats.drill.hint"))
	hint.Importance = widget.LowImportance
	d := dialog.NewCustom(title, lang.L("stats.close"), container.NewBorder(nil, hint, nil, nil, table), s.d.Window)
	d.Resize(fyne.NewSize(920, 540))
	d.Show()
}

// open shows the form of the record with id, read whole: the lists hold
// records as the figures see them, without their long text, which a form
// would show empty and a save would lose.
func (s *Screen) open(id string) {
	s.d.Run.Go(func() func() {
		r, err := s.d.Store.Get(context.Background(), id)
		return func() {
			if err != nil {
				common.ShowError(err, s.d.Window)
				return
			}
			s.d.Open(r)
		}
	})
}
