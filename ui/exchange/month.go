package exchange

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	ex "taizhang/storage/exchange"
	"taizhang/ui/common"
)

// Monthly is the month's cycle as storage/exchange does it (StoreExchanger).
type Monthly interface {
	OpenUnits(ctx context.Context) ([]string, error)
	ExportEachUnit(ctx context.Context, req ex.UnitLedgersRequest) ([]ex.UnitFile, error)
	MonthStatus(ctx context.Context, dir string, month model.Date, units []string, today model.Date) ([]ex.UnitStatus, error)
	MonthlyBulletin(ctx context.Context, path string, month model.Date) error
}

func (x StoreExchanger) OpenUnits(ctx context.Context) ([]string, error) {
	return ex.OpenUnits(ctx, x.Store)
}

func (x StoreExchanger) ExportEachUnit(ctx context.Context, req ex.UnitLedgersRequest) ([]ex.UnitFile, error) {
	req.Operator = x.Operator()
	return ex.ExportEachUnit(ctx, x.Store, req)
}

func (x StoreExchanger) MonthStatus(ctx context.Context, dir string, month model.Date, units []string, today model.Date) ([]ex.UnitStatus, error) {
	return ex.MonthStatus(ctx, x.Store, dir, month, units, today)
}

func (x StoreExchanger) MonthlyBulletin(ctx context.Context, path string, month model.Date) error {
	return ex.WriteMonthlyBulletin(ctx, x.Store, path, month, x.Lang())
}

// Month is 本月调度: the month's cycle on one screen. Choose the month, the
// folder and the units (by default those with open items); write every
// unit's ledger into the folder in one action; follow each unit (sent,
// returned, conflicts, missing reports); import the folder; finish with
// the month's bulletin.
type Month struct {
	mx    Monthly
	win   fyne.Window
	run   *common.Runner
	today func() model.Date

	// Import opens the import wizard on these files (the main window's).
	Import func(files []string)
	// PickFolder asks for a folder (default: the folder dialog). Tests set it.
	PickFolder func(chosen func(dir string))
	// OpenFile opens the bulletin in the spreadsheet program, to read and
	// print (nil: not opened).
	OpenFile func(path string) error

	month    *common.Entry
	dir      *common.Entry
	units    []string
	checked  map[string]bool
	status   map[string]ex.UnitStatus
	rows     *fyne.Container
	progress *widget.ProgressBar
	message  *widget.Label
	summary  *widget.Label
	exportB  *widget.Button
	importB  *widget.Button
	reportB  *widget.Button
	content  fyne.CanvasObject
}

// NewMonth builds the screen and reads the units with open items.
func NewMonth(mx Monthly, win fyne.Window, run *common.Runner, today func() model.Date) *Month {
	s := &Month{mx: mx, win: win, run: run, today: today, checked: map[string]bool{}, status: map[string]ex.UnitStatus{},
		month: common.NewEntry(false), dir: common.NewEntry(false), rows: container.NewVBox(),
		progress: widget.NewProgressBar(), message: widget.NewLabel(""), summary: widget.NewLabel("")}
	s.PickFolder = s.folderDialog
	s.message.Wrapping = common.Wrap()
	s.progress.Hide()
	t := today()
	s.month.SetText(fmt.Sprintf("%04d-%02d", t.Y, t.M))
	s.month.OnChanged = func(string) { s.Reload() }
	s.dir.SetText(defaultMonthDir(t))
	s.dir.OnChanged = func(string) { s.Reload() }
	choose := widget.NewButton(lang.L("month.choose_dir"), func() { s.PickFolder(func(d string) { s.dir.SetText(d) }) })
	all := widget.NewButton(lang.L("month.all"), func() { s.checkAll(true) })
	none := widget.NewButton(lang.L("month.none"), func() { s.checkAll(false) })
	s.exportB = widget.NewButton(lang.L("month.export"), s.ExportAll)
	s.exportB.Importance = widget.HighImportance
	s.importB = widget.NewButton(lang.L("month.import"), s.ImportFolder)
	s.reportB = widget.NewButton(lang.L("month.bulletin"), s.Bulletin)

	intro := widget.NewLabel(lang.L("month.intro"))
	intro.Wrapping = common.Wrap()
	form := container.New(layoutForm(),
		widget.NewLabel(lang.L("month.month")), s.month,
		widget.NewLabel(lang.L("month.dir")), container.NewBorder(nil, nil, nil, choose, s.dir))
	pad := canvas.NewRectangle(color.Transparent)
	pad.SetMinSize(widget.NewCheck("", nil).MinSize())
	head := container.NewBorder(nil, nil, pad, nil, container.NewGridWithColumns(5, bold(lang.L("month.col.unit")), bold(lang.L("month.col.sent")),
		bold(lang.L("month.col.returned")), bold(lang.L("month.col.conflicts")), bold(lang.L("month.col.missing"))))
	top := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("nav.month"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		intro, form,
		container.NewHBox(s.exportB, s.importB, s.reportB, all, none), s.progress, s.message, s.summary, head)
	s.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.rows))
	s.loadUnits()
	return s
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// layoutForm is two columns: labels, then fields taking the rest.
func layoutForm() fyne.Layout { return &formLayout{} }

type formLayout struct{}

func (formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return widget.NewForm().MinSize().Max(container.NewGridWithColumns(2, objs...).MinSize())
}

func (formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var labelW, y float32
	for i := 0; i < len(objs); i += 2 {
		labelW = max(labelW, objs[i].MinSize().Width)
	}
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(labelW, h))
		objs[i+1].Move(fyne.NewPos(labelW+4, y))
		objs[i+1].Resize(fyne.NewSize(size.Width-labelW-4, h))
		y += h + 4
	}
}

// defaultMonthDir is 台账调度/YYYY-MM in the user's documents (or home).
func defaultMonthDir(t model.Date) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	base := home
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		base = filepath.Join(home, "Documents")
	}
	return filepath.Join(base, "台账调度", fmt.Sprintf("%04d-%02d", t.Y, t.M))
}

func (s *Month) Content() fyne.CanvasObject { return s.content }

// MonthEntry, DirEntry: the month (YYYY-MM) and folder fields.
func (s *Month) MonthEntry() *common.Entry { return s.month }
func (s *Month) DirEntry() *common.Entry   { return s.dir }

// ExportButton, ImportButton, BulletinButton: the cycle's three steps.
func (s *Month) ExportButton() *widget.Button   { return s.exportB }
func (s *Month) ImportButton() *widget.Button   { return s.importB }
func (s *Month) BulletinButton() *widget.Button { return s.reportB }

// Message is the outcome of the last action; Summary counts the units
// sent and returned.
func (s *Month) Message() string { return s.message.Text }
func (s *Month) Summary() string { return s.summary.Text }

// Units are the units listed; Checked says which are ticked.
func (s *Month) Units() []string                 { return s.units }
func (s *Month) Checked(unit string) bool        { return s.checked[unit] }
func (s *Month) SetChecked(unit string, on bool) { s.checked[unit] = on; s.showRows() }

// Status is a unit's line as last read.
func (s *Month) Status(unit string) ex.UnitStatus { return s.status[unit] }

// Month is the chosen month (its first day); ok false when the field
// does not hold YYYY-MM.
func (s *Month) Month() (model.Date, bool) {
	d, err := model.ParseISO(strings.TrimSpace(s.month.Text) + "-01")
	if err != nil || d.IsZero() {
		return model.Date{}, false
	}
	return d, true
}

func (s *Month) loadUnits() {
	s.run.Go(func() func() {
		units, err := s.mx.OpenUnits(context.Background())
		return func() {
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.units = units
			for _, u := range units {
				if _, ok := s.checked[u]; !ok {
					s.checked[u] = true
				}
			}
			s.Reload()
		}
	})
}

// Reload reads each unit's status again (after an import, a resolution).
func (s *Month) Reload() {
	month, ok := s.Month()
	if !ok {
		s.message.SetText(lang.L("month.bad_month"))
		return
	}
	dir, units, today := strings.TrimSpace(s.dir.Text), append([]string(nil), s.units...), s.today()
	s.run.Go(func() func() {
		st, err := s.mx.MonthStatus(context.Background(), dir, month, units, today)
		return func() {
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.status = map[string]ex.UnitStatus{}
			for _, u := range st {
				s.status[u.Unit] = u
			}
			s.showRows()
		}
	})
}

func (s *Month) checkAll(on bool) {
	for _, u := range s.units {
		s.checked[u] = on
	}
	s.showRows()
}

func (s *Month) showRows() {
	yes := func(b bool, when string) string {
		if !b {
			return "—"
		}
		return "✓ " + when
	}
	rows := make([]fyne.CanvasObject, 0, len(s.units))
	sent, back := 0, 0
	for _, u := range s.units {
		u := u
		st := s.status[u]
		check := widget.NewCheck("", func(on bool) { s.checked[u] = on })
		check.SetChecked(s.checked[u])
		sentAt, backAt := "", ""
		if st.Sent {
			sent++
			sentAt = st.SentAt.Format("01-02 15:04")
		}
		if st.Returned {
			back++
			backAt = st.ReturnedAt.Local().Format("01-02 15:04")
		}
		name := widget.NewLabel(u)
		name.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewBorder(nil, nil, check, nil, container.NewGridWithColumns(5, name, widget.NewLabel(yes(st.Sent, sentAt)),
			widget.NewLabel(yes(st.Returned, backAt)), widget.NewLabel(fmt.Sprint(st.Conflicts)), widget.NewLabel(fmt.Sprint(st.MissingReports)))))
	}
	if len(rows) == 0 {
		rows = append(rows, widget.NewLabel(lang.L("month.no_units")))
	}
	s.rows.Objects = rows
	s.rows.Refresh()
	s.summary.SetText(lang.L("month.summary", map[string]any{"Units": len(s.units), "Sent": sent, "Returned": back}))
}

// ExportAll writes the ledger of every ticked unit into the folder, with
// one progress bar.
func (s *Month) ExportAll() {
	month, ok := s.Month()
	if !ok {
		s.message.SetText(lang.L("month.bad_month"))
		return
	}
	dir := strings.TrimSpace(s.dir.Text)
	if dir == "" {
		s.message.SetText(lang.L("month.no_dir"))
		return
	}
	var units []string
	for _, u := range s.units {
		if s.checked[u] {
			units = append(units, u)
		}
	}
	if len(units) == 0 {
		s.message.SetText(lang.L("month.none_checked"))
		return
	}
	s.exportB.Disable()
	s.progress.SetValue(0)
	s.progress.Show()
	s.run.Go(func() func() {
		files, err := s.mx.ExportEachUnit(context.Background(), ex.UnitLedgersRequest{Dir: dir, Units: units, Month: month,
			Generator: "taizhang", Progress: func(done, total int) {
				v := float64(done) / float64(total)
				if s.run != nil && s.run.Sync {
					s.progress.SetValue(v)
					return
				}
				fyne.Do(func() { s.progress.SetValue(v) })
			}})
		return func() {
			s.exportB.Enable()
			if err != nil {
				s.message.SetText(lang.L("month.export_failed", map[string]any{"Count": len(files), "Error": common.ErrorText(err)}))
			} else {
				s.message.SetText(lang.L("month.exported", map[string]any{"Count": len(files), "Dir": dir}))
			}
			s.Reload()
		}
	})
}

// ImportFolder opens the import wizard on every workbook in the folder.
func (s *Month) ImportFolder() {
	files, err := ex.WorkbooksIn(strings.TrimSpace(s.dir.Text))
	if err != nil {
		s.message.SetText(common.ErrorText(err))
		return
	}
	if len(files) == 0 {
		s.message.SetText(lang.L("month.no_files"))
		return
	}
	if s.Import != nil {
		s.Import(files)
	}
}

// Bulletin writes the month's 月通报 into the folder.
func (s *Month) Bulletin() {
	month, ok := s.Month()
	if !ok {
		s.message.SetText(lang.L("month.bad_month"))
		return
	}
	dir := strings.TrimSpace(s.dir.Text)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.message.SetText(common.ErrorText(err))
		return
	}
	path := filepath.Join(dir, ex.BulletinFileName(month))
	s.reportB.Disable()
	s.run.Go(func() func() {
		err := s.mx.MonthlyBulletin(context.Background(), path, month)
		return func() {
			s.reportB.Enable()
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.message.SetText(lang.L("month.bulletin_done", map[string]any{"Path": path}))
			if s.OpenFile != nil {
				if err := s.OpenFile(path); err != nil {
					fyne.LogError("open "+path, err) // written all the same: the message names it
				}
			}
		}
	})
}

func (s *Month) folderDialog(chosen func(string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		chosen(u.Path())
	}, s.win)
	common.ShowFileDialog(d, s.win)
}
