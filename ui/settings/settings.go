// Package settings is the settings screen: operator name, alert
// thresholds, unit dictionary, holiday calendar, data folder and backups,
// language, and removal of the sample data.
package settings

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
	"taizhang/ui/i18n"
)

// Store is what the settings screen reads and writes.
type Store interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Rules(ctx context.Context) (model.Rules, error)
	SetRules(ctx context.Context, r model.Rules) error
	Backup(ctx context.Context, out string) (string, error)
	Backups() ([]storage.BackupInfo, error)
	BackupSpace() (n int, bytes int64, err error)
	BackupPolicy(ctx context.Context) (storage.BackupPolicy, error)
	SetBackupPolicy(ctx context.Context, p storage.BackupPolicy) error
	ImportLimits(ctx context.Context) (storage.ImportLimits, error)
	SetImportLimits(ctx context.Context, l storage.ImportLimits) error
	Delete(ctx context.Context, id, by string) error
	Dir() string
	// List and Teach serve the value dictionary (词汇对照).
	List(ctx context.Context, q storage.Query) ([]model.Record, error)
	Teach(ctx context.Context, of, word, value, by string) (*model.Term, error)
}

// Deps are the screen's collaborators.
type Deps struct {
	Store  Store
	Window fyne.Window
	Run    *common.Runner
	// Units and Holidays are the ledgers of the dictionary and calendar.
	Units, Holidays fyne.CanvasObject
	// ImportHolidays opens the import screen (holiday sheets come from Excel).
	ImportHolidays func()
	// Restore replaces the database with a backup (the caller closes and
	// reopens the store); nil when not available.
	Restore func(file string) error
	// Changed tells the main window that the operator, rules or language changed.
	Changed func()
	// SetLanguage switches the UI language and rebuilds the window.
	SetLanguage func(l i18n.Lang)
	Current     i18n.Lang
	// Version is the program's version, shown beside the data folder.
	Version string
}

// Screen is the settings screen.
type Screen struct {
	deps     Deps
	operator *widget.Entry
	yellow   *widget.Entry
	workdays *widget.Check
	propYel  *widget.Entry
	progYel  *widget.Entry
	progRed  *widget.Entry
	message  *widget.Label
	backups  *widget.List
	list     []storage.BackupInfo
	vocab    *Vocabulary
	space    *widget.Label
	// import limits and backup bounds, on the data tab
	limitCell, limitRows, limitCells *widget.Entry
	backupKeep, backupBudget         *widget.Entry
	content                          fyne.CanvasObject
}

func New(d Deps) *Screen {
	s := &Screen{deps: d, message: widget.NewLabel("")}
	ctx := context.Background()
	s.operator = widget.NewEntry()
	op, _ := d.Store.Setting(ctx, common.SettingOperator)
	s.operator.SetText(op)
	r, err := d.Store.Rules(ctx)
	if err != nil {
		r = model.DefaultRules()
	}
	s.yellow, s.propYel = intEntry(r.YellowDays), intEntry(r.ProposalYellowDays)
	s.progYel, s.progRed = intEntry(r.ProgressYellow), intEntry(r.ProgressRed)
	s.workdays = widget.NewCheck(lang.L("settings.workdays"), nil)
	s.workdays.SetChecked(r.YellowInWorkdays)

	general := widget.NewForm(
		widget.NewFormItem(lang.L("settings.operator"), s.operator),
		widget.NewFormItem(lang.L("settings.yellow_days"), container.NewBorder(nil, nil, nil, s.workdays, s.yellow)),
		widget.NewFormItem(lang.L("settings.proposal_yellow"), s.propYel),
		widget.NewFormItem(lang.L("settings.progress_yellow"), s.progYel),
		widget.NewFormItem(lang.L("settings.progress_red"), s.progRed),
	)
	save := widget.NewButton(lang.L("action.save"), func() { _ = s.Save() })
	save.Importance = widget.HighImportance

	langSel := widget.NewSelect([]string{"中文", "English"}, nil)
	if d.Current == i18n.English {
		langSel.SetSelected("English")
	} else {
		langSel.SetSelected("中文")
	}
	langSel.OnChanged = func(v string) {
		l, _ := i18n.Parse(v)
		if d.SetLanguage != nil {
			d.SetLanguage(l)
		}
	}
	removeSample := widget.NewButton(lang.L("settings.remove_sample"), s.askRemoveSample)
	s.vocab = newVocabulary(d.Store, d.Run, s.by)

	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("settings.general"), container.NewVScroll(container.NewVBox(general,
			container.NewHBox(save), widget.NewSeparator(),
			widget.NewForm(widget.NewFormItem(lang.L("settings.language"), langSel)),
			widget.NewSeparator(), container.NewHBox(removeSample), s.message))),
		container.NewTabItem(lang.L("kind.units"), orEmpty(d.Units)),
		container.NewTabItem(lang.L("kind.holidays"), container.NewBorder(
			container.NewHBox(widget.NewButton(lang.L("settings.import_holidays"), func() {
				if d.ImportHolidays != nil {
					d.ImportHolidays()
				}
			})), nil, nil, nil, orEmpty(d.Holidays))),
		container.NewTabItem(lang.L("settings.vocab"), s.vocab.Content()),
		container.NewTabItem(lang.L("settings.data"), s.dataTab()),
	)
	// words taught in the import wizard since the screen was made show up
	tabs.OnSelected = func(it *container.TabItem) {
		if it.Content == s.vocab.Content() {
			s.vocab.Reload()
		}
	}
	s.content = tabs
	return s
}

func orEmpty(o fyne.CanvasObject) fyne.CanvasObject {
	if o == nil {
		return widget.NewLabel("")
	}
	return o
}

func intEntry(v int) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(strconv.Itoa(v))
	return e
}

func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Operator is the operator entry (the name changes are recorded under).
func (s *Screen) Operator() *widget.Entry { return s.operator }

// Vocabulary is the value dictionary section.
func (s *Screen) Vocabulary() *Vocabulary { return s.vocab }

// by is the operator changes are recorded under: the stored name, else
// the one typed.
func (s *Screen) by() string {
	if op, err := s.deps.Store.Setting(context.Background(), common.SettingOperator); err == nil && op != "" {
		return op
	}
	return strings.TrimSpace(s.operator.Text)
}

// Message is the last outcome shown.
func (s *Screen) Message() string { return s.message.Text }

// Save stores the operator name and the thresholds.
func (s *Screen) Save() error {
	ctx := context.Background()
	r, err := s.deps.Store.Rules(ctx)
	if err != nil {
		r = model.DefaultRules()
	}
	for _, f := range []struct {
		e   *widget.Entry
		dst *int
	}{{s.yellow, &r.YellowDays}, {s.propYel, &r.ProposalYellowDays}, {s.progYel, &r.ProgressYellow}, {s.progRed, &r.ProgressRed}} {
		n, err := strconv.Atoi(strings.TrimSpace(f.e.Text))
		if err != nil || n < 0 {
			s.show(lang.L("settings.bad_number", map[string]any{"Value": f.e.Text}))
			return fmt.Errorf("threshold %q: not a whole number", f.e.Text)
		}
		*f.dst = n
	}
	r.YellowInWorkdays = s.workdays.Checked
	name := strings.TrimSpace(s.operator.Text)
	if name == "" {
		s.show(lang.L("settings.need_operator"))
		return fmt.Errorf("operator name is empty")
	}
	if err := s.deps.Store.SetSetting(ctx, common.SettingOperator, name); err != nil {
		s.show(common.ErrorText(err))
		return fmt.Errorf("save operator: %w", err)
	}
	if err := s.deps.Store.SetRules(ctx, r); err != nil {
		s.show(common.ErrorText(err))
		return fmt.Errorf("save rules: %w", err)
	}
	s.show(lang.L("settings.saved"))
	if s.deps.Changed != nil {
		s.deps.Changed()
	}
	return nil
}

func (s *Screen) show(text string) { s.message.SetText(text) }

func (s *Screen) dataTab() fyne.CanvasObject {
	s.reloadBackups()
	s.backups = widget.NewList(func() int { return len(s.list) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("settings.restore"), nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := s.list[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s  %s  %.1f MB", b.Time.Local().Format("2006-01-02 15:04"), b.Name, float64(b.Size)/1e6))
			btn := c.Objects[1].(*widget.Button)
			btn.OnTapped = func() { s.askRestore(b) }
			if s.deps.Restore == nil {
				btn.Disable()
			}
		})
	backup := widget.NewButton(lang.L("settings.backup_now"), func() {
		s.deps.Run.Go(func() func() {
			path, err := s.deps.Store.Backup(context.Background(), "")
			return func() {
				if err != nil {
					s.show(common.ErrorText(err))
					return
				}
				s.show(lang.L("settings.backed_up", map[string]any{"Path": path}))
				s.reloadBackups()
				s.backups.Refresh()
			}
		})
	})
	folder := widget.NewLabel(lang.L("settings.folder", map[string]any{"Dir": s.deps.Store.Dir()}))
	folder.Wrapping = common.Wrap()
	version := widget.NewLabel(lang.L("settings.version", map[string]any{"Version": s.deps.Version}))
	return container.NewBorder(container.NewVBox(version, folder, s.limitsForm(), s.space, container.NewHBox(backup)),
		nil, nil, nil, s.backups)
}

// limitsForm edits the import limits and the backups' count and space.
func (s *Screen) limitsForm() fyne.CanvasObject {
	ctx := context.Background()
	lim, err := s.deps.Store.ImportLimits(ctx)
	if err != nil {
		lim = storage.DefaultImportLimits()
	}
	pol, err := s.deps.Store.BackupPolicy(ctx)
	if err != nil {
		pol = storage.DefaultBackupPolicy()
	}
	s.limitCell, s.limitRows, s.limitCells = intEntry(lim.MaxCellBytes>>10), intEntry(lim.MaxRows), intEntry(lim.MaxCells)
	s.backupKeep, s.backupBudget = intEntry(pol.Keep), intEntry(int(pol.Budget>>20))
	save := widget.NewButton(lang.L("action.save"), func() { _ = s.SaveLimits() })
	return widget.NewCard("", lang.L("settings.limits"), container.NewVBox(widget.NewForm(
		widget.NewFormItem(lang.L("settings.limit_cell"), s.limitCell),
		widget.NewFormItem(lang.L("settings.limit_rows"), s.limitRows),
		widget.NewFormItem(lang.L("settings.limit_cells"), s.limitCells),
		widget.NewFormItem(lang.L("settings.backup_keep"), s.backupKeep),
		widget.NewFormItem(lang.L("settings.backup_budget"), s.backupBudget),
	), container.NewHBox(save)))
}

// SaveLimits stores the import limits and the backup bounds (whole
// positive numbers; the backups are pruned to them at the next backup).
func (s *Screen) SaveLimits() error {
	var v [5]int
	for i, e := range []*widget.Entry{s.limitCell, s.limitRows, s.limitCells, s.backupKeep, s.backupBudget} {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil || n <= 0 {
			s.show(lang.L("settings.bad_number", map[string]any{"Value": e.Text}))
			return fmt.Errorf("limit %q: not a whole positive number", e.Text)
		}
		v[i] = n
	}
	ctx := context.Background()
	err := s.deps.Store.SetImportLimits(ctx, storage.ImportLimits{MaxCellBytes: v[0] << 10, MaxRows: v[1], MaxCells: v[2]})
	if err == nil {
		err = s.deps.Store.SetBackupPolicy(ctx, storage.BackupPolicy{Keep: v[3], Budget: int64(v[4]) << 20})
	}
	if err != nil {
		s.show(common.ErrorText(err))
		return err
	}
	s.show(lang.L("settings.limits_saved"))
	s.reloadBackups()
	return nil
}

// LimitEntries are the limit fields: largest cell (KB), rows per sheet,
// cells per file, backups kept, backup space (MB).
func (s *Screen) LimitEntries() []*widget.Entry {
	return []*widget.Entry{s.limitCell, s.limitRows, s.limitCells, s.backupKeep, s.backupBudget}
}

// Space is the line that says how much room the backups take.
func (s *Screen) Space() string { return s.space.Text }

func (s *Screen) reloadBackups() {
	list, err := s.deps.Store.Backups()
	if err != nil {
		s.show(common.ErrorText(err))
	}
	s.list = list
	var total int64
	for _, b := range list {
		total += b.Size
	}
	pol, err := s.deps.Store.BackupPolicy(context.Background())
	if err != nil {
		pol = storage.DefaultBackupPolicy()
	}
	if s.space == nil {
		s.space = widget.NewLabel("")
	}
	s.space.SetText(lang.L("settings.backups_space", map[string]any{"Count": len(list), "Size": sizeText(total), "Budget": sizeText(pol.Budget)}))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

func (s *Screen) askRestore(b storage.BackupInfo) {
	dialog.ShowConfirm(lang.L("settings.restore"), lang.L("settings.restore_confirm", map[string]any{"Name": b.Name}), func(ok bool) {
		if !ok {
			return
		}
		if err := s.deps.Restore(b.Path); err != nil {
			dialog.ShowError(errors.New(common.ErrorText(err)), s.deps.Window)
		}
	}, s.deps.Window)
}

func (s *Screen) askRemoveSample() {
	dialog.ShowConfirm(lang.L("settings.remove_sample"), lang.L("settings.remove_sample_confirm"), func(ok bool) {
		if ok {
			n, err := RemoveSample(context.Background(), s.deps.Store, s.operator.Text)
			if err != nil {
				s.show(common.ErrorText(err))
				return
			}
			s.show(lang.L("settings.sample_removed", map[string]any{"Count": n}))
			if s.deps.Changed != nil {
				s.deps.Changed()
			}
		}
	}, s.deps.Window)
}

// RemoveSample deletes the records the sample dataset created (their ids
// are kept in a setting) and returns how many it deleted.
func RemoveSample(ctx context.Context, st Store, by string) (int, error) {
	ids, err := st.Setting(ctx, common.SettingSample)
	if err != nil {
		return 0, fmt.Errorf("read sample ids: %w", err)
	}
	n := 0
	for _, id := range strings.Fields(ids) {
		if err := st.Delete(ctx, id, by); err != nil {
			return n, fmt.Errorf("delete sample record %s: %w", id, err)
		}
		n++
	}
	if err := st.SetSetting(ctx, common.SettingSample, ""); err != nil {
		return n, fmt.Errorf("clear sample ids: %w", err)
	}
	return n, nil
}
