// Package reports is the statistics screen (统计报表): pick a period, see
// its figures with charts, click a figure for the records behind it, copy
// the text draft, export the report workbooks. Every number comes from
// model.Summarize and the model's drill-down functions, and the labelled
// list from model.FigureLines, exactly as `report summary` prints it. The
// report workbooks are written by WriteReport, which the app wires to
// storage/report.
package reports

import (
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Store is what the screen reads: what the figures count (Figures: each
// record without its long text, fast), whole records for the exported
// workbooks and for a record opened from a list, and the office's rules.
type Store interface {
	Figures(ctx context.Context) (model.Dataset, error)
	Dataset(ctx context.Context) (model.Dataset, error)
	Get(ctx context.Context, id string) (model.Record, error)
	Rules(ctx context.Context) (model.Rules, error)
}

// WriteReport writes the report workbook of kind k over [from, to] from
// ds to w (storage/report.Write in the app).
type WriteReport func(w io.Writer, ds model.Dataset, from, to model.Date, k model.ReportKind, rules model.Rules, lang string) error

// Deps are the screen's collaborators.
type Deps struct {
	Store  Store
	Window fyne.Window
	Run    *common.Runner
	// Today is the day presets are counted from.
	Today func() model.Date
	// Open shows a record's form.
	Open func(model.Record)
	// WriteReport writes the export buttons' workbooks; without it they
	// stay disabled.
	WriteReport WriteReport
	// OpenFolder shows a folder after an export; nil opens its file URL.
	OpenFolder func(dir string)
}

// Screen is the statistics screen.
type Screen struct {
	d Deps

	// data is the loading or loaded dataset and rules (nil before the
	// first computation or after Reload), shared by computations so that
	// picking another period while records load does not load them twice;
	// shown is what the figures on screen were computed over, so
	// drill-downs and exports agree with them.
	data  *loading
	shown *period
	sum   model.Summary
	gen   int // bumped per computation; older results are dropped
	busy  int // jobs running, for the progress bar

	preset   *widget.Select
	from, to *widget.Entry
	compute  *widget.Button
	progress *widget.ProgressBarInfinite
	status   *widget.Label
	heading  *widget.Label
	figures  *fyne.Container
	charts   *fyne.Container
	draft    *common.Paragraph
	copy     *widget.Button
	exports  [3]*widget.Button
	content  fyne.CanvasObject
	// quiet is set while the screen fills the date entries itself, so
	// that does not count as the user typing a custom period.
	quiet bool
}

// New builds the screen and starts computing this month's figures.
func New(d Deps) *Screen {
	s := &Screen{d: d}
	labels := make([]string, len(presets))
	for i, p := range presets {
		labels[i] = p.label()
	}
	s.preset = common.NewSelect(labels, func(label string) { s.pick(label) })
	s.from, s.to = widget.NewEntry(), widget.NewEntry()
	for _, e := range []*widget.Entry{s.from, s.to} {
		e.SetPlaceHolder("2019-06-30")
		e.OnChanged = func(string) {
			if !s.quiet {
				s.setPreset(custom)
			}
		}
		e.OnSubmitted = func(string) { s.Compute() }
	}
	s.compute = widget.NewButton(lang.L("stats.compute"), s.Compute)
	s.compute.Importance = widget.HighImportance
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.figures = container.NewVBox()
	s.charts = container.NewVBox()
	s.draft = common.NewParagraph("")
	s.draft.Selectable = true // read-only, but staff can select part of it
	s.copy = widget.NewButton(lang.L("stats.copy"), s.copyDraft)
	s.exportButtons()

	date := func(e *widget.Entry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(130, e.MinSize().Height), e)
	}
	bar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabelWithStyle(lang.L("nav.reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabel(lang.L("stats.period")), s.preset, date(s.from), widget.NewLabel(lang.L("stats.to")), date(s.to), s.compute),
		nil, container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, s.status.MinSize().Height), container.NewCenter(s.progress)), nil, s.status))
	// the draft first: it is what staff come for, to paste into their report
	draftCard := widget.NewCard("", "", container.NewBorder(
		container.NewBorder(nil, nil, nil, s.copy, chartTitle(lang.L("stats.draft"))), nil, nil, nil, s.draft))
	left := container.NewVScroll(container.NewBorder(s.heading, nil, nil, nil, s.figures))
	// scrolls both ways: on a 1024-pixel screen the charts may be wider
	// than their half, and a vertical-only scroll would widen the window
	right := container.NewScroll(container.NewVBox(draftCard, s.charts))
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	exports := container.NewHBox(widget.NewLabel(lang.L("stats.export")), s.exports[0], s.exports[1], s.exports[2])
	s.content = container.NewBorder(bar, exports, nil, nil, split)

	s.setPreset(thisMonth)
	s.pick(thisMonth.label())
	return s
}

// Content is the screen's widget tree.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Summary is the summary on screen (zero before the first load).
func (s *Screen) Summary() model.Summary { return s.sum }

// Reload drops the loaded records (after a save or an import): the next
// computation reads them again. It does no work by itself, so saving
// elsewhere never waits for 100,000 records to load.
func (s *Screen) Reload() {
	s.data = nil
	if s.shown != nil {
		s.status.SetText(lang.L("stats.stale"))
	}
}

func (s *Screen) today() model.Date {
	if s.d.Today != nil {
		if t := s.d.Today(); !t.IsZero() {
			return t
		}
	}
	return model.Today()
}

func (s *Screen) setPreset(p preset) {
	if s.preset.Selected == p.label() {
		return
	}
	onChange := s.preset.OnChanged
	s.preset.OnChanged = nil
	s.preset.SetSelected(p.label())
	s.preset.OnChanged = onChange
}

// pick fills the dates of a preset and computes its figures.
func (s *Screen) pick(label string) {
	for _, p := range presets {
		if p.label() != label {
			continue
		}
		from, to, ok := p.period(s.today())
		if !ok { // custom: the user types the dates
			s.d.Window.Canvas().Focus(s.from)
			return
		}
		s.setDates(from, to)
		s.Compute()
	}
}

func (s *Screen) setDates(from, to model.Date) {
	s.quiet = true
	s.from.SetText(from.String())
	s.to.SetText(to.String())
	s.quiet = false
}

// SetPeriod types a custom period into the date entries and computes it,
// as a user would.
func (s *Screen) SetPeriod(from, to string) {
	s.setPreset(custom)
	s.quiet = true
	s.from.SetText(from)
	s.to.SetText(to)
	s.quiet = false
	s.Compute()
}

// Compute reads the period from the date entries (any form
// model.ParseDate accepts, shown normalised afterwards) and computes its
// figures off the UI thread. Records are loaded once and reused for the
// next period until Reload says they changed.
func (s *Screen) Compute() {
	today := s.today()
	fail := func(text string) {
		s.status.Importance = widget.DangerImportance
		s.status.SetText(text)
	}
	from, err := model.ParseDate(s.from.Text, today)
	if err != nil {
		fail(lang.L("stats.error.from", map[string]any{"Error": common.ErrorText(err)}))
		return
	}
	to, err := model.ParseDate(s.to.Text, today)
	switch {
	case err != nil:
		fail(lang.L("stats.error.to", map[string]any{"Error": common.ErrorText(err)}))
		return
	case from.IsZero():
		fail(lang.L("stats.error.no_from"))
		return
	case to.IsZero():
		fail(lang.L("stats.error.no_to"))
		return
	case to.Before(from):
		fail(lang.L("stats.error.order"))
		return
	}
	s.setDates(from, to)
	s.status.Importance = widget.MediumImportance
	s.status.SetText(lang.L("stats.loading"))
	s.gen++
	gen := s.gen
	if s.data == nil {
		s.data = s.load()
	}
	data := s.data
	s.start()
	s.d.Run.Go(func() func() {
		<-data.done
		p, err := data.p, data.err
		var sum model.Summary
		if err == nil {
			p.from, p.to, p.today = from, to, today
			sum = model.Summarize(p.ds, from, to, p.rules)
		}
		return func() {
			s.stop()
			if gen != s.gen {
				return
			}
			if err != nil {
				if s.data == data {
					s.data = nil // try again next time
				}
				s.status.Importance = widget.DangerImportance
				s.status.SetText(common.ErrorText(err))
				return
			}
			s.show(p, sum)
		}
	})
}

// loading is one read of the records and rules; done closes when p and
// err are set.
type loading struct {
	done chan struct{}
	p    period
	err  error
}

// load starts reading the records and rules in the background.
func (s *Screen) load() *loading {
	l := &loading{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		ctx := context.Background()
		ds, err := s.d.Store.Figures(ctx)
		if err != nil {
			l.err = err
			return
		}
		rules, err := s.d.Store.Rules(ctx)
		if err != nil {
			l.err = err
			return
		}
		l.p = period{ds: ds, rules: rules}
	}()
	return l
}

// start and stop count running jobs; the progress bar shows while any runs.
func (s *Screen) start() {
	s.busy++
	s.progress.Show()
	s.progress.Start()
}

func (s *Screen) stop() {
	s.busy--
	if s.busy <= 0 {
		s.busy = 0
		s.progress.Stop()
		s.progress.Hide()
	}
}

// show puts the figures of p on screen.
func (s *Screen) show(p period, sum model.Summary) {
	p.lang = common.LangCode()
	s.shown, s.sum = &p, sum
	s.status.SetText("")
	s.heading.SetText(lang.L("stats.heading", map[string]any{
		"Period": model.UpperFirst(model.PeriodName(p.from, p.to, p.lang)), "From": p.from.String(), "To": p.to.String()}))
	s.fillFigures(p, sum)
	s.fillCharts(p, sum)
	s.draft.SetText(model.DraftText(model.Draft(sum, p.lang), p.lang))
	s.updateExports(p)
	s.content.Refresh()
}

// DraftText is the text draft on screen.
func (s *Screen) DraftText() string { return s.draft.Source() }

func (s *Screen) copyDraft() {
	if s.draft.Source() == "" {
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(s.draft.Source())
	s.status.Importance = widget.SuccessImportance
	s.status.SetText(lang.L("stats.copied"))
}

// trimUnit drops a label's "（项）"-style unit for a chart or title.
func trimUnit(label string) string {
	if i := strings.LastIndex(label, "（"); i > 0 && strings.HasSuffix(label, "）") {
		return label[:i]
	}
	return label
}
