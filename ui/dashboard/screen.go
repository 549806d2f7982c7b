package dashboard

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Screen is the workbench.
type Screen struct {
	store Store
	run   *common.Runner
	day   func() model.Day
	open  func(model.Record)

	// ShowTasks lists tasks of a lead unit and/or light ("" for all): the
	// chart's bars and the light counts lead there.
	ShowTasks func(unit string, light model.Light)

	data *Data
	gen  int // bumped on every reload; older results are dropped
	body *fyne.Container
	// conflicts is the line saying how many conflicts wait for a
	// decision; tapping it calls ShowConflicts. Hidden when none.
	conflicts     *widget.Button
	ShowConflicts func()
	content       fyne.CanvasObject
}

// New builds the workbench; open shows a record's form.
func New(st Store, run *common.Runner, day func() model.Day, open func(model.Record)) *Screen {
	s := &Screen{store: st, run: run, day: day, open: open, body: container.NewVBox()}
	refresh := widget.NewButton(lang.L("action.refresh"), s.Reload)
	s.conflicts = widget.NewButtonWithIcon("", theme.WarningIcon(), func() {
		if s.ShowConflicts != nil {
			s.ShowConflicts()
		}
	})
	s.conflicts.Importance = widget.WarningImportance
	s.conflicts.Hide()
	s.content = container.NewBorder(container.NewHBox(widget.NewLabelWithStyle(lang.L("nav.dashboard"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), refresh, s.conflicts), nil, nil, nil, container.NewVScroll(s.body))
	s.Reload()
	return s
}

func (s *Screen) Content() fyne.CanvasObject { return s.content }

// SetConflicts shows how many conflicts wait for a decision (none: no line).
func (s *Screen) SetConflicts(n int) {
	if n == 0 {
		s.conflicts.Hide()
		return
	}
	s.conflicts.SetText(lang.L("dash.conflicts", map[string]any{"Count": n}))
	s.conflicts.Show()
}

// ConflictsLine is the conflicts line as shown ("" when hidden).
func (s *Screen) ConflictsLine() string {
	if !s.conflicts.Visible() {
		return ""
	}
	return s.conflicts.Text
}

// Data is what the workbench last loaded.
func (s *Screen) Data() *Data { return s.data }

// Reload reads the figures again: the quick ones first, then the missed
// reports, which need every open item that reports periodically.
func (s *Screen) Reload() {
	day := s.day()
	s.gen++
	gen := s.gen
	if s.data == nil {
		s.body.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("dash.loading"))}
		s.body.Refresh()
	}
	s.run.Go(func() func() {
		d, err := Load(context.Background(), s.store, day)
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.body.Objects = []fyne.CanvasObject{widget.NewLabel(common.ErrorText(err))}
				s.body.Refresh()
				return
			}
			s.data = d
			s.fill(d)
			s.run.Go(func() func() {
				missed, err := LoadMissed(context.Background(), s.store, day)
				return func() {
					if gen != s.gen || err != nil {
						if err != nil {
							fyne.LogError("missed reports", err)
						}
						return
					}
					d.MissedReports, d.MissedLoaded = missed, true
					s.fill(d)
				}
			})
		}
	})
}

// fill lays the workbench out: the counts and the chart by unit first,
// where they are seen without scrolling, then the attention lists.
func (s *Screen) fill(d *Data) {
	s.body.RemoveAll()
	s.body.Add(container.NewGridWithColumns(2,
		widget.NewCard(lang.L("dash.counts"), "", s.counts(d)),
		widget.NewCard(lang.L("dash.by_unit"), "", s.barChart(d.ByUnit))))
	s.body.Add(s.section(lang.L("dash.red"), d.Red, d.RedCount))
	s.body.Add(s.section(lang.L("dash.yellow"), d.Yellow, d.YellowCount))
	if d.MissedLoaded {
		s.body.Add(s.section(lang.L("dash.missed_reports"), d.MissedReports, len(d.MissedReports)))
	} else {
		s.body.Add(widget.NewCard(lang.L("dash.missed_reports"), "", widget.NewLabel(lang.L("dash.loading"))))
	}
	s.body.Add(s.section(lang.L("dash.proposals_due"), d.ProposalsDue, len(d.ProposalsDue)))
	s.body.Add(s.section(lang.L("dash.points_missed"), d.PointsMissed, len(d.PointsMissed)))
	s.body.Refresh() // the scroll must learn the new content size
	s.content.Refresh()
}

// counts are the items by light, each leading to the ledger showing
// them, and by status.
func (s *Screen) counts(d *Data) fyne.CanvasObject {
	lights := container.NewHBox()
	for _, l := range []model.Light{model.LightRed, model.LightYellow, model.LightGreen} {
		dot := common.NewLightDot()
		dot.SetLight(l)
		b := widget.NewButton(fmt.Sprintf("%s %d", common.LightLabel(l), d.ByLight[l]), func() { s.showTasks("", l) })
		b.Importance = widget.LowImportance
		lights.Add(container.NewHBox(dot.Object, b))
	}
	statuses := container.NewGridWithColumns(4)
	for _, st := range model.TaskStatuses.Values() {
		statuses.Add(widget.NewLabel(fmt.Sprintf("%s %d", common.EnumLabel(model.TaskStatuses, st), d.ByStatus[st])))
	}
	return container.NewVBox(lights, widget.NewSeparator(), statuses)
}

func (s *Screen) showTasks(unit string, l model.Light) {
	if s.ShowTasks != nil {
		s.ShowTasks(unit, l)
	}
}

// section lists up to ListMax of total items.
func (s *Screen) section(title string, items []Item, total int) fyne.CanvasObject {
	box := container.NewVBox()
	if len(items) == 0 {
		box.Add(widget.NewLabel(lang.L("dash.none")))
	}
	for i, it := range items {
		if i == ListMax {
			break
		}
		it := it
		dot := common.NewLightDot()
		dot.SetLight(it.Light)
		b := widget.NewButton(it.Text, func() { s.open(it.Record) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, dot.Object, nil, b))
	}
	if shown := min(len(items), ListMax); total > shown {
		box.Add(widget.NewLabel(lang.L("dash.more", map[string]any{"Count": total - shown})))
	}
	return widget.NewCard(fmt.Sprintf("%s（%d）", title, total), "", box)
}

// barChart draws open items by lead unit as horizontal bars on one
// scale; tapping a bar lists that unit's items.
func (s *Screen) barChart(units []UnitCount) fyne.CanvasObject {
	if len(units) == 0 {
		return widget.NewLabel(lang.L("dash.none"))
	}
	most := units[0].Count
	grid := container.NewVBox()
	for _, u := range units {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(barMax*float32(u.Count)/float32(most), 16))
		name := widget.NewLabel(u.Unit)
		name.Truncation = fyne.TextTruncateEllipsis
		n := canvas.NewText(fmt.Sprint(u.Count), theme.Color(theme.ColorNameForeground))
		row := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(170, 30), name), nil,
			container.NewHBox(container.NewCenter(bar), n))
		if u.Unit == noUnit {
			grid.Add(row)
			continue
		}
		unit := u.Unit
		tap := widget.NewButton("", func() { s.showTasks(unit, "") })
		tap.Importance = widget.LowImportance // only its hover shows
		grid.Add(container.NewStack(tap, row))
	}
	return grid
}

// barMax is the longest bar: the chart shares the top row with the counts.
const barMax = 220
