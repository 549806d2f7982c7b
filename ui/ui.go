// Package ui is Taizhang's main window: navigation on the left, the chosen
// screen on the right, keyboard shortcuts, record forms in their own
// windows, and the first-run welcome. It does not import fyne's app
// package, so it runs headless in tests; cmd/taizhang creates the app.
package ui

import (
	"context"
	"fmt"
	"image/color"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	ex "taizhang/storage/exchange"
	"taizhang/ui/common"
	"taizhang/ui/dashboard"
	"taizhang/ui/exchange"
	"taizhang/ui/form"
	"taizhang/ui/history"
	"taizhang/ui/i18n"
	"taizhang/ui/ledger"
	"taizhang/ui/reports"
	"taizhang/ui/settings"
)

// Store is everything the screens need from storage; *storage.Store is one.
type Store interface {
	ledger.Store
	form.Store
	history.Store
	dashboard.Store
	settings.Store
	reports.Store
	exchange.Conflicts
	Calendar(ctx context.Context) (*model.Calendar, error)
	UnitDict(ctx context.Context) (*model.UnitDict, error)
}

var _ Store = (*storage.Store)(nil)

// NoticeWriter writes one task's print-ready notice: its 催办通知单 when
// reminder, else its 督办单.
type NoticeWriter interface {
	Title(reminder bool, lang string) string
	Write(w io.Writer, t *model.Task, reminder bool, today model.Date, lang string) error
}

// Options are the main window's hooks.
type Options struct {
	// Exchanger does imports and exports (exchange.StoreExchanger in the app).
	Exchanger exchange.Exchanger
	// WriteReport writes the statistics screen's report workbooks
	// (storage/report.Write in the app; without it the exports are off).
	WriteReport reports.WriteReport
	// Notices writes a task's 督办单 and 催办通知单 for printing
	// (storage/report.Notices in the app).
	Notices NoticeWriter
	// Restore replaces the database with a backup (see settings.Deps).
	Restore func(file string) error
	// Sync runs store work inline (headless tests).
	Sync bool
	// Today overrides the date lights are judged on (tests).
	Today model.Date
	// PickFiles replaces the import wizard's file dialog (tests): it is
	// asked for workbooks and passes their paths on.
	PickFiles func(chosen func(paths []string))
	// Language, when set, is used instead of the stored choice and is not
	// stored (screenshots in English of a Chinese dataset).
	Language i18n.Lang
	// Version is the program's version (set at build time in main).
	Version string
	// PrintDir is where printed sheets are written (default: 台账打印 in
	// the user's documents); OpenFile opens one (default: the system's
	// program for .xlsx). Tests set both.
	PrintDir string
	OpenFile func(path string) error
}

// Nav ids of the screens, in navigation order.
const (
	NavDashboard = "dashboard"
	NavTasks     = "tasks"
	NavProposals = "proposals"
	NavVillage   = "village"
	NavMeetings  = "meetings"
	NavReports   = "reports"
	NavMonth     = "month"
	NavImport    = "import"
	NavExport    = "export"
	NavConflicts = "conflicts"
	NavSettings  = "settings"
)

var navOrder = []string{NavDashboard, NavTasks, NavProposals, NavVillage, NavMeetings,
	NavReports, NavMonth, NavImport, NavExport, NavConflicts, NavSettings}

func navTitle(id string) string {
	switch id {
	case NavDashboard:
		return lang.L("nav.dashboard")
	case NavTasks:
		return lang.L("nav.tasks")
	case NavProposals:
		return lang.L("nav.proposals")
	case NavVillage:
		return lang.L("nav.village")
	case NavMeetings:
		return lang.L("nav.meetings")
	case NavReports:
		return lang.L("nav.reports")
	case NavMonth:
		return lang.L("nav.month")
	case NavImport:
		return lang.L("nav.import")
	case NavExport:
		return lang.L("nav.export")
	case NavConflicts:
		return lang.L("nav.conflicts")
	case NavSettings:
		return lang.L("nav.settings")
	}
	return id
}

// UI is the main window.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store Store
	opt   Options
	run   *common.Runner

	lang     i18n.Lang
	operator string
	day      model.Day
	units    *model.UnitDict

	current string
	nav     *widget.List
	body    *fyne.Container
	ledgers map[model.Kind]*ledger.Screen
	village *container.AppTabs
	screens map[string]fyne.CanvasObject
	dash    *dashboard.Screen
	reports *reports.Screen
	imp     *exchange.Import
	month   *exchange.Month
	confl   *exchange.ConflictList
	forms   []*form.Form
	pending int // conflicts waiting for a decision (the navigation's badge)
}

// New sets up the main window in win. It reads the language, operator,
// rules, calendar and unit dictionary from the store.
func New(a fyne.App, win fyne.Window, st Store, opt Options) (*UI, error) {
	u := &UI{app: a, win: win, store: st, opt: opt, run: &common.Runner{Sync: opt.Sync}}
	ctx := context.Background()
	stored, err := st.Setting(ctx, common.SettingLanguage)
	if err != nil {
		return nil, fmt.Errorf("read language setting: %w", err)
	}
	l, ok := i18n.Parse(stored)
	if opt.Language != "" {
		l, ok = opt.Language, true
	}
	if !ok {
		l = i18n.System()
	}
	if err := i18n.Load(l); err != nil {
		return nil, err
	}
	u.lang = l
	if err := u.loadContext(ctx); err != nil {
		return nil, err
	}
	u.build()
	u.shortcuts()
	// files and folders dropped on the window go to the import wizard
	win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		var paths []string
		for _, x := range uris {
			if x.Scheme() == "file" {
				paths = append(paths, x.Path())
			}
		}
		if len(paths) > 0 {
			u.ImportFiles(paths)
		}
	})
	if u.operator == "" {
		u.welcome()
	}
	return u, nil
}

// loadContext reads what every screen judges against.
func (u *UI) loadContext(ctx context.Context) error {
	op, err := u.store.Setting(ctx, common.SettingOperator)
	if err != nil {
		return fmt.Errorf("read operator: %w", err)
	}
	u.operator = op
	rules, err := u.store.Rules(ctx)
	if err != nil {
		return fmt.Errorf("read rules: %w", err)
	}
	cal, err := u.store.Calendar(ctx)
	if err != nil {
		return fmt.Errorf("read holiday calendar: %w", err)
	}
	units, err := u.store.UnitDict(ctx)
	if err != nil {
		return fmt.Errorf("read unit dictionary: %w", err)
	}
	today := u.opt.Today
	if today.IsZero() {
		today = model.Today()
	}
	u.day = model.Day{Today: today, Rules: rules, Cal: cal}
	u.units = units
	return nil
}

// Day is what lights are judged against now.
func (u *UI) Day() model.Day { return u.day }

// Operator is the name changes are recorded under.
func (u *UI) Operator() string { return u.operator }

// build (re)creates every screen: after a language switch all text is new.
func (u *UI) build() {
	u.ledgers = map[model.Kind]*ledger.Screen{}
	u.screens = map[string]fyne.CanvasObject{}
	u.dash, u.reports, u.imp, u.confl, u.village, u.month = nil, nil, nil, nil, nil, nil
	u.body = container.NewStack()
	u.nav = widget.NewList(func() int { return len(navOrder) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(u.navLabel(navOrder[i])) })
	u.nav.OnSelected = func(i widget.ListItemID) { u.Show(navOrder[i]) }
	// the navigation keeps its names whole: a wide screen never squeezes it
	navMin := canvas.NewRectangle(color.Transparent)
	navMin.SetMinSize(fyne.NewSize(150, 0))
	split := container.NewHSplit(container.NewStack(navMin, u.nav), u.body)
	split.Offset = 0.16
	u.win.SetContent(split)
	u.win.SetTitle(lang.L("app.title"))
	current := u.current
	if current == "" {
		current = NavDashboard
	}
	u.current = ""
	u.Show(current)
	u.countConflicts()
}

// NavTitles are the navigation entries as shown.
func (u *UI) NavTitles() []string {
	out := make([]string, len(navOrder))
	for i, id := range navOrder {
		out[i] = u.navLabel(id)
	}
	return out
}

// NavTitle is the navigation entry of screen id as shown.
func (u *UI) NavTitle(id string) string { return u.navLabel(id) }

// navLabel is a navigation entry: the conflicts one with its count.
func (u *UI) navLabel(id string) string {
	if id == NavConflicts && u.pending > 0 {
		return lang.L("nav.conflicts_n", map[string]any{"Count": u.pending})
	}
	return navTitle(id)
}

// countConflicts reads the pending conflicts for the badge and the
// workbench's line.
func (u *UI) countConflicts() {
	u.run.Go(func() func() {
		n, err := u.store.PendingConflicts(context.Background())
		return func() {
			if err != nil {
				fyne.LogError("count conflicts", err)
				return
			}
			u.pending = n
			u.nav.Refresh()
			if u.dash != nil {
				u.dash.SetConflicts(n)
			}
		}
	})
}

// Reports is the statistics screen, nil until it was first shown.
func (u *UI) Reports() *reports.Screen { return u.reports }

// Current is the id of the screen shown.
func (u *UI) Current() string { return u.current }

// Show switches to a screen by nav id.
func (u *UI) Show(id string) {
	if id == u.current {
		return
	}
	u.current = id
	u.body.Objects = []fyne.CanvasObject{u.screen(id)}
	u.body.Refresh()
	for i, n := range navOrder {
		if n == id {
			onSel := u.nav.OnSelected
			u.nav.OnSelected = nil
			u.nav.Select(i)
			u.nav.OnSelected = onSel
		}
	}
}

func (u *UI) screen(id string) fyne.CanvasObject {
	if o, ok := u.screens[id]; ok {
		return o
	}
	var o fyne.CanvasObject
	switch id {
	case NavDashboard:
		u.dash = dashboard.New(dashboard.Deps{Store: u.store, Run: u.run, Day: u.Day,
			Open: func(r model.Record) { u.OpenForm(r.RecordMeta().Kind, r) }})
		u.dash.ShowTasks = func(unit string, l model.Light) {
			u.Show(NavTasks)
			if unit != "" {
				u.Ledger(model.KindTask).ShowLeadOpen(unit)
			} else {
				u.Ledger(model.KindTask).ShowOnly(l)
			}
		}
		u.dash.ShowConflicts = func() { u.Show(NavConflicts) }
		u.dash.SetConflicts(u.pending)
		o = u.dash.Content()
	case NavTasks:
		o = u.Ledger(model.KindTask).Content()
	case NavProposals:
		o = u.Ledger(model.KindProposal).Content()
	case NavMeetings:
		o = u.Ledger(model.KindMeeting).Content()
	case NavVillage:
		var tabs []*container.TabItem
		for _, k := range []model.Kind{model.KindVillage, model.KindFund, model.KindProject, model.KindPoint, model.KindVisit, model.KindProblem} {
			tabs = append(tabs, container.NewTabItem(common.KindTitle(k), u.Ledger(k).Content()))
		}
		u.village = container.NewAppTabs(tabs...)
		o = u.village
	case NavReports:
		u.reports = reports.New(reports.Deps{Store: u.store, Window: u.win, Run: u.run, WriteReport: u.opt.WriteReport,
			Today: func() model.Date { return u.day.Today },
			Open:  func(r model.Record) { u.OpenForm(r.RecordMeta().Kind, r) }})
		o = u.reports.Content()
	case NavImport:
		if u.opt.Exchanger == nil {
			o = container.NewCenter(widget.NewLabel(lang.L("exchange.unavailable")))
			break
		}
		u.imp = exchange.NewImport(exchange.ImportDeps{Exchanger: u.opt.Exchanger, Window: u.win, Run: u.run, Done: u.Reload})
		if u.opt.PickFiles != nil {
			u.imp.Pick = u.opt.PickFiles
		}
		u.imp.ShowConflicts = func() { u.Show(NavConflicts) }
		o = u.imp.Content()
	case NavMonth:
		mx, ok := u.opt.Exchanger.(exchange.Monthly)
		if !ok {
			o = container.NewCenter(widget.NewLabel(lang.L("exchange.unavailable")))
			break
		}
		u.month = exchange.NewMonth(exchange.MonthDeps{Monthly: mx, Window: u.win, Run: u.run, Today: func() model.Date { return u.day.Today }})
		u.month.Import = u.ImportFiles
		u.month.OpenFile = u.openFile
		o = u.month.Content()
	case NavExport:
		if u.opt.Exchanger == nil {
			o = container.NewCenter(widget.NewLabel(lang.L("exchange.unavailable")))
			break
		}
		o = exchange.NewExport(exchange.ExportDeps{Exchanger: u.opt.Exchanger, Window: u.win, Run: u.run}).Content()
	case NavConflicts:
		u.confl = exchange.NewConflicts(exchange.ConflictsDeps{Store: u.store, Run: u.run, Operator: u.Operator, Changed: func() { u.reload(false) }})
		o = u.confl.Content()
	case NavSettings:
		o = settings.New(settings.Deps{
			Store: u.store, Window: u.win, Run: u.run,
			Units: u.Ledger(model.KindUnit).Content(), Holidays: u.Ledger(model.KindHoliday).Content(),
			ImportHolidays: func() { u.Show(NavImport) },
			Restore:        u.opt.Restore,
			Changed:        u.Reload,
			SetLanguage:    u.SetLanguage,
			Current:        u.lang,
			Version:        u.opt.Version,
		}).Content()
	default:
		o = widget.NewLabel(id)
	}
	u.screens[id] = o
	return o
}

// Ledger is the table screen of kind k (created on first use).
func (u *UI) Ledger(k model.Kind) *ledger.Screen {
	if s, ok := u.ledgers[k]; ok {
		return s
	}
	s := ledger.New(k, ledger.Deps{Store: u.store, Window: u.win, Run: u.run, Day: u.Day, Operator: u.Operator,
		Units: func() *model.UnitDict { return u.units }, Open: func(k model.Kind, r model.Record) { u.OpenForm(k, r) }})
	u.ledgers[k] = s
	return s
}

// Reload re-reads settings and refreshes every open screen (after a save,
// an import, a settings change).
func (u *UI) Reload() { u.reload(true) }

// reload refreshes the screens; the conflict list, which reloads itself
// after a resolution, only when conflicts is set.
func (u *UI) reload(conflicts bool) {
	if err := u.loadContext(context.Background()); err != nil {
		fyne.LogError("reload", err)
	}
	for _, s := range u.ledgers {
		s.Reload()
	}
	if u.dash != nil {
		u.dash.Reload()
	}
	if u.reports != nil {
		u.reports.Reload()
	}
	if conflicts && u.confl != nil {
		u.confl.Reload()
	}
	if u.month != nil {
		u.month.Reload()
	}
	u.countConflicts()
}

// Month is the 本月调度 screen, nil until it was first shown.
func (u *UI) Month() *exchange.Month { return u.month }

// ImportFiles opens the import wizard on files (folders stand for their
// workbooks): the month's folder, files dropped on the window.
func (u *UI) ImportFiles(paths []string) {
	files, err := ex.ExpandPaths(paths)
	u.Show(NavImport)
	if u.imp == nil {
		return
	}
	if err != nil {
		u.imp.ShowError(err)
		return
	}
	u.imp.SetFiles(files)
}

// Import is the import wizard, nil until it was first shown.
func (u *UI) Import() *exchange.Import { return u.imp }

// SetLanguage switches the language, stores the choice and rebuilds the window.
func (u *UI) SetLanguage(l i18n.Lang) {
	if l == u.lang {
		return
	}
	if err := i18n.Load(l); err != nil {
		fyne.LogError("switch language", err)
		return
	}
	u.lang = l
	if err := u.store.SetSetting(context.Background(), common.SettingLanguage, string(l)); err != nil {
		fyne.LogError("store language", err)
	}
	// rebuild after the select that triggered this has finished its callback
	u.build()
}

// currentLedger is the ledger on screen, if any (for Ctrl+N and Ctrl+F).
func (u *UI) currentLedger() *ledger.Screen {
	switch u.current {
	case NavTasks:
		return u.Ledger(model.KindTask)
	case NavProposals:
		return u.Ledger(model.KindProposal)
	case NavMeetings:
		return u.Ledger(model.KindMeeting)
	case NavVillage:
		if u.village != nil {
			kinds := []model.Kind{model.KindVillage, model.KindFund, model.KindProject, model.KindPoint, model.KindVisit, model.KindProblem}
			return u.Ledger(kinds[u.village.SelectedIndex()])
		}
	}
	return nil
}

func (u *UI) shortcuts() {
	c := u.win.Canvas()
	add := func(key fyne.KeyName, fn func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { fn() })
	}
	add(fyne.KeyN, func() {
		if l := u.currentLedger(); l != nil {
			u.OpenForm(l.Kind(), nil)
		} else {
			u.Show(NavTasks)
			u.OpenForm(model.KindTask, nil)
		}
	})
	add(fyne.KeyF, func() {
		l := u.currentLedger()
		if l == nil {
			u.Show(NavTasks)
			l = u.Ledger(model.KindTask)
		}
		l.FocusSearch()
	})
	add(fyne.KeyI, func() { // the wizard, asking for workbooks unless it is busy
		u.Show(NavImport)
		if u.imp != nil {
			u.imp.Choose()
		}
	})
	add(fyne.KeyE, func() { u.Show(NavExport) })
	add(fyne.KeyS, func() { // in the main window: save the newest open form
		if n := len(u.forms); n > 0 {
			_ = u.forms[n-1].Save()
		}
	})
}
