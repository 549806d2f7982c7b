// Package ledger is the table screen of one record kind: search, filters,
// sortable columns, alert lights, multi-select and batch actions. It stays
// fast at 100,000 records by counting matches and fetching only the pages
// of rows the table shows.
package ledger

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
)

// Store is what the ledger reads and, for batch actions, writes.
type Store interface {
	Count(ctx context.Context, q storage.Query) (int, error)
	List(ctx context.Context, q storage.Query) ([]model.Record, error)
	IDs(ctx context.Context, q storage.Query) ([]string, error)
	Get(ctx context.Context, id string) (model.Record, error)
	Save(ctx context.Context, r model.Record, by string) error
	// LightIDs and GetMany serve the light filter: lights are judged
	// against today, so the store lists the ids and the table pages them.
	LightIDs(ctx context.Context, q storage.Query, l model.Light, d model.Day) ([]string, error)
	GetMany(ctx context.Context, ids []string) ([]model.Record, error)
}

// Deps are the screen's collaborators, given by the main window.
type Deps struct {
	Store    Store
	Window   fyne.Window
	Run      *common.Runner
	Day      func() model.Day
	Operator func() string
	// Open shows a record's form; a nil record means a new one of kind.
	Open func(kind model.Kind, r model.Record)
	// Units is the unit dictionary: narrow unit columns show 简称.
	Units func() *model.UnitDict
	// Shown, if set, is told when a query's first rows are on screen and
	// how long that took from the query's start (the search latency).
	Shown func(took time.Duration)
}

const pageSize = 100

// maxPages bounds the row cache: a few screens' worth around the view.
const maxPages = 20

// searchPause is how long typing must pause before the search runs; stale
// queries are cancelled, so it can be short.
const searchPause = 60 * time.Millisecond

// Screen is one kind's ledger.
type Screen struct {
	kind model.Kind
	deps Deps
	cols []Column

	// query state (UI goroutine only)
	base     storage.Query
	light    model.Light
	gen      int                // bumped on every new query; older results are dropped
	cancel   context.CancelFunc // stops the previous query's store work
	count    int                // rows matching (the first page's length until counted)
	counting bool               // the exact count is still being read
	pages    map[int][]model.Record
	order    []int // page load order, oldest first, for eviction
	loading  map[int]bool
	inRow    bool     // a page is being loaded from inside row()
	ids      []string // with a light filter: the matching ids, paged from the store
	selected map[string]bool
	short    common.ShortUnits
	sortCol  int
	sortDesc bool
	// shown is the query whose rows are on screen: a different one starts
	// at the top, since a table keeps its scroll offset past a shorter
	// result's end and draws nothing until the wheel moves (issue 11)
	shown      storage.Query
	shownLight model.Light
	exact      int // the last exact count

	table    *widget.Table
	search   *common.Entry
	status   *widget.Select
	source   *widget.Select
	lightSel *widget.Select
	unit     *common.Entry
	summary  *widget.Label
	debounce *common.Debouncer
	content  fyne.CanvasObject
}

// New builds the ledger of kind k and runs its first query.
func New(k model.Kind, d Deps) *Screen {
	s := &Screen{
		kind: k, deps: d,
		base:     storage.Query{Kind: k},
		pages:    map[int][]model.Record{},
		loading:  map[int]bool{},
		selected: map[string]bool{},
		sortCol:  -1,
		debounce: d.Run.Debounce(searchPause),
	}
	s.cols = columnsFor(k, func() model.Rules { return s.day().Rules })
	s.build()
	s.Reload()
	return s
}

// Content is the screen's canvas object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Kind is the record kind shown.
func (s *Screen) Kind() model.Kind { return s.kind }

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (s *Screen) FocusSearch() { s.deps.Window.Canvas().Focus(s.search) }

// Summary is the "N records" line under the filters.
func (s *Screen) Summary() string { return s.summary.Text }

// Rows is the number of rows the table shows.
func (s *Screen) Rows() int { return s.count }

// Reload runs the current query again (after a save, an import, a
// keystroke). The first page is read and shown before the rows are
// counted, so results appear as soon as the store finds them.
func (s *Screen) Reload() {
	if s.deps.Units != nil {
		s.short = common.NewShortUnits(s.deps.Units())
	}
	s.gen++
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	gen, q, light := s.gen, s.query(), s.light
	s.pages, s.order, s.loading, s.ids = map[int][]model.Record{}, nil, map[int]bool{}, nil
	if q != s.shown || light != s.shownLight {
		s.shown, s.shownLight = q, light
		s.table.ScrollToTop()
	}
	day := s.day()
	started := time.Now()
	s.deps.Run.Go(func() func() {
		if light != "" {
			ids, err := s.deps.Store.LightIDs(ctx, q, light, day)
			var first []model.Record
			if err == nil {
				first, err = s.deps.Store.GetMany(ctx, ids[:min(pageSize, len(ids))])
			}
			return func() {
				if gen != s.gen {
					return
				}
				if ids == nil {
					ids = []string{}
				}
				s.ids = ids
				s.applyFirst(gen, started, first, len(ids), err, nil)
			}
		}
		pq := q
		pq.Limit = pageSize
		rows, err := s.deps.Store.List(ctx, pq)
		return func() {
			s.applyFirst(gen, started, rows, len(rows), err, func() { s.countRows(ctx, gen, q) })
		}
	})
}

// applyFirst shows a query's first page; count is exact unless the page
// is full, in which case more rows are counted by then.
func (s *Screen) applyFirst(gen int, started time.Time, rows []model.Record, count int, err error, then func()) {
	if gen != s.gen {
		return // a newer query has started
	}
	if err != nil {
		s.summary.SetText(lang.L("ledger.error", map[string]any{"Error": common.ErrorText(err)}))
		return
	}
	s.pages[0] = rows
	s.order = append(s.order, 0)
	s.count = count
	s.counting = then != nil && len(rows) == pageSize
	if !s.counting {
		s.counted(count)
	}
	s.showSummary()
	s.table.Refresh()
	if s.deps.Shown != nil {
		s.deps.Shown(time.Since(started))
	}
	if s.counting {
		then()
	}
}

func (s *Screen) countRows(ctx context.Context, gen int, q storage.Query) {
	s.deps.Run.Go(func() func() {
		n, err := s.deps.Store.Count(ctx, q)
		return func() {
			if gen != s.gen {
				return
			}
			s.counting = false
			if err != nil {
				s.summary.SetText(lang.L("ledger.error", map[string]any{"Error": common.ErrorText(err)}))
				return
			}
			s.count = n
			s.counted(n)
			s.showSummary()
			s.table.Refresh()
		}
	})
}

// counted notes an exact count: with fewer rows than before (a reload
// after records left the query) the view may be past the end, so it
// goes to the top.
func (s *Screen) counted(n int) {
	if n < s.exact {
		s.table.ScrollToTop()
	}
	s.exact = n
}

func (s *Screen) day() model.Day {
	if s.deps.Day == nil {
		return model.DefaultDay()
	}
	return s.deps.Day()
}

func (s *Screen) query() storage.Query {
	q := s.base
	q.Text = s.search.Text
	if s.sortCol >= 0 && s.cols[s.sortCol].Sort != "" {
		q.Sort = s.cols[s.sortCol].Sort
		if s.sortDesc {
			q.Sort = "-" + q.Sort
		}
	}
	return q
}

func (s *Screen) showSummary() {
	text := lang.L("ledger.count", map[string]any{"Count": s.Rows()})
	if s.counting {
		text = lang.L("ledger.counting", map[string]any{"Count": s.Rows()})
	}
	if n := len(s.selected); n > 0 {
		text += "  " + lang.L("ledger.selected", map[string]any{"Count": n})
	}
	s.summary.SetText(text)
}

// row returns row i if it is loaded, and starts loading its page if not.
func (s *Screen) row(i int) (model.Record, bool) {
	p := i / pageSize
	if page, ok := s.pages[p]; ok {
		if j := i % pageSize; j < len(page) {
			return page[j], true
		}
		return nil, false
	}
	if i >= s.count {
		return nil, false
	}
	s.inRow = true
	s.loadPage(p)
	s.inRow = false
	if page, ok := s.pages[p]; ok && i%pageSize < len(page) {
		return page[i%pageSize], true // loaded inline (a synchronous runner)
	}
	return nil, false
}

func (s *Screen) loadPage(p int) {
	if s.loading[p] {
		return
	}
	s.loading[p] = true
	gen, q, ids := s.gen, s.query(), s.ids
	q.Limit, q.Offset = pageSize, p*pageSize
	s.deps.Run.Go(func() func() {
		var rows []model.Record
		var err error
		if ids != nil {
			rows, err = s.deps.Store.GetMany(context.Background(), ids[min(p*pageSize, len(ids)):min((p+1)*pageSize, len(ids))])
		} else {
			rows, err = s.deps.Store.List(context.Background(), q)
		}
		return func() {
			if gen != s.gen {
				return
			}
			delete(s.loading, p)
			if err != nil {
				s.summary.SetText(lang.L("ledger.error", map[string]any{"Error": common.ErrorText(err)}))
				return
			}
			s.pages[p] = rows
			s.order = append(s.order, p)
			for len(s.order) > maxPages {
				delete(s.pages, s.order[0])
				s.order = s.order[1:]
			}
			if !s.inRow { // refreshing from inside a cell update would re-enter the table
				s.table.Refresh()
			}
		}
	})
}

// RowText is what row i, column c (0 = first data column) shows; tests
// and the batch dialog read it.
func (s *Screen) RowText(i, c int) string {
	r, ok := s.row(i)
	if !ok || c < 0 || c >= len(s.cols) {
		return ""
	}
	return s.cols[c].Value(r)
}

// RowLight is the alert light of row i.
func (s *Screen) RowLight(i int) model.Light {
	r, ok := s.row(i)
	if !ok {
		return model.LightNone
	}
	return s.day().Light(r)
}

// filterWidth is the width of each filter beside the search box.
const filterWidth = 140

func (s *Screen) build() {
	s.search = common.NewEntry(false)
	s.search.SetPlaceHolder(lang.L("ledger.search"))
	s.search.OnChanged = func(string) { s.debounce.Call(s.Reload) }

	s.summary = widget.NewLabel("")
	s.table = s.newTable()

	newBtn := widget.NewButton(lang.L("action.new"), func() {
		if s.deps.Open != nil {
			s.deps.Open(s.kind, nil)
		}
	})
	// the search box takes what the filters leave: in a grid of equal
	// columns its hint was cut off
	var right []fyne.CanvasObject
	for _, f := range s.filterWidgets() { // one wrap each: a shared one stacks them
		right = append(right, container.NewGridWrap(fyne.NewSize(filterWidth, s.search.MinSize().Height), f))
	}
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(append(right, newBtn)...), s.search)
	bottom := container.NewBorder(nil, nil, s.summary, container.NewHBox(s.batchButtons()...))
	s.content = container.NewBorder(bar, bottom, nil, nil, s.table)
}

// statusLabels lists the status labels of the kind and reads one back;
// nil when the kind has no status.
func (s *Screen) statusLabels() ([]string, func(string) string) {
	e := s.kind.Statuses()
	if len(e.Options) == 0 {
		return nil, nil
	}
	return common.EnumLabels(e), func(l string) string { v, _ := common.EnumParse(e, l); return v }
}

func (s *Screen) filterWidgets() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	all := lang.L("filter.all")
	if labels, parse := s.statusLabels(); labels != nil {
		opts := []string{all}
		open := lang.L("filter.open")
		if s.kind == model.KindTask {
			opts = append(opts, open) // every unfinished status: what the workbench counts
		}
		s.status = common.NewSelect(append(opts, labels...), func(l string) {
			s.base.Status, s.base.Open = "", false
			switch l {
			case all:
			case open:
				s.base.Open = true
			default:
				s.base.Status = parse(l)
			}
			s.Reload()
		})
		s.status.PlaceHolder = lang.L("filter.status")
		out = append(out, s.status)
	}
	switch s.kind {
	case model.KindTask, model.KindFund:
		labels := common.EnumLabels(model.Sources)
		parse := func(l string) string { v, _ := common.EnumParse(model.Sources, l); return string(v) }
		if s.kind == model.KindFund {
			labels = common.EnumLabels(model.FundSources)
			parse = func(l string) string { v, _ := common.EnumParse(model.FundSources, l); return string(v) }
		}
		s.source = common.NewSelect(append([]string{all}, labels...), func(l string) {
			s.base.Source = ""
			if l != all {
				s.base.Source = parse(l)
			}
			s.Reload()
		})
		s.source.PlaceHolder = lang.L("filter.source")
		out = append(out, s.source)
	}
	switch s.kind {
	case model.KindTask, model.KindProposal, model.KindProblem, model.KindVisit:
		s.unit = common.NewEntry(false)
		s.unit.SetPlaceHolder(lang.L("filter.unit"))
		s.unit.OnChanged = func(t string) {
			s.debounce.Call(func() { s.base.Unit, s.base.LeadUnit = t, ""; s.Reload() })
		}
		out = append(out, s.unit)
	}
	if hasLight(s.kind) {
		lights := []model.Light{model.LightRed, model.LightYellow, model.LightGreen, model.LightNone}
		opts := []string{all}
		for _, l := range lights {
			opts = append(opts, common.LightLabel(l))
		}
		s.lightSel = common.NewSelect(opts, func(l string) {
			s.light = ""
			for _, v := range lights {
				if common.LightLabel(v) == l {
					s.light = v
				}
			}
			s.Reload()
		})
		s.lightSel.PlaceHolder = lang.L("filter.light")
		out = append(out, s.lightSel)
	}
	return out
}

// ShowOnly sets the light filter (the workbench's light counts lead
// here); "" shows all. Other filters stay.
func (s *Screen) ShowOnly(light model.Light) {
	s.setUnit("", false)
	s.setLight(light)
	s.Reload()
}

// ShowLeadOpen lists exactly what the workbench's bar for unit counts:
// the unfinished tasks that unit leads, whatever their light.
func (s *Screen) ShowLeadOpen(unit string) {
	s.setUnit(unit, true)
	s.setLight("")
	if s.status != nil {
		on := s.status.OnChanged
		s.status.OnChanged = nil
		s.status.SetSelected(lang.L("filter.open"))
		s.status.OnChanged = on
		s.base.Status, s.base.Open = "", true
	}
	s.Reload()
}

// setUnit fills the unit filter without the typing pause: the user did
// not type this. lead matches the lead unit only.
func (s *Screen) setUnit(unit string, lead bool) {
	if s.unit == nil {
		return
	}
	on := s.unit.OnChanged
	s.unit.OnChanged = nil
	s.unit.SetText(unit)
	s.unit.OnChanged = on
	s.base.Unit, s.base.LeadUnit = unit, ""
	if lead {
		s.base.Unit, s.base.LeadUnit = "", unit
	}
}

func (s *Screen) setLight(light model.Light) {
	if s.lightSel == nil {
		return
	}
	label := lang.L("filter.all")
	if light != "" {
		label = common.LightLabel(light)
	}
	on := s.lightSel.OnChanged
	s.lightSel.OnChanged = nil
	s.lightSel.SetSelected(label)
	s.lightSel.OnChanged = on
	s.light = light
}

// SetStatusFilter, SetLightFilter and Search drive the filters as a user
// choosing from the dropdowns and typing would.
func (s *Screen) StatusFilter() *widget.Select { return s.status }
func (s *Screen) LightFilter() *widget.Select  { return s.lightSel }
func (s *Screen) SearchEntry() *common.Entry   { return s.search }

func (s *Screen) String() string { return fmt.Sprintf("ledger(%s)", s.kind) }
