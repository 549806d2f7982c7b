package exchange

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Export modes, as the radio group offers them.
const (
	ExportFull  = "full"
	ExportUnit  = "unit"
	ExportSince = "since"
)

// Export writes a workbook: everything, one unit's ledger (to send to a
// department), or what changed since a day; optionally encrypted. Writing
// runs off the UI goroutine; afterwards a dialog offers to open the folder.
type Export struct {
	ex  Exchanger
	win fyne.Window
	run *common.Runner

	// PickSave asks where to write (default: the save dialog) and passes
	// the path on. OpenFolder shows a folder (default: the system's file
	// manager through the app). Tests set both.
	PickSave   func(name string, chosen func(path string))
	OpenFolder func(u *url.URL) error

	units    *model.UnitDict
	unitOpts []string // the unit picker's current completions
	mode     *widget.RadioGroup
	kind     *widget.Select
	unit     *widget.SelectEntry
	since    *widget.Entry
	password *widget.Entry
	confirm  *widget.Entry
	save     *widget.Button
	busy     *widget.ProgressBarInfinite
	message  *widget.Label
	content  fyne.CanvasObject
}

func NewExport(ex Exchanger, win fyne.Window, run *common.Runner) *Export {
	s := &Export{ex: ex, win: win, run: run, unit: widget.NewSelectEntry(nil), since: widget.NewEntry(),
		password: widget.NewPasswordEntry(), confirm: widget.NewPasswordEntry(),
		busy: widget.NewProgressBarInfinite(), message: widget.NewLabel(""), units: model.NewUnitDict(nil)}
	s.PickSave = s.saveDialog
	s.OpenFolder = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }
	s.message.Wrapping = common.Wrap()
	s.busy.Stop()
	s.busy.Hide()

	modes := map[string]string{lang.L("export.mode.full"): ExportFull, lang.L("export.mode.unit"): ExportUnit,
		lang.L("export.mode.since"): ExportSince}
	s.mode = widget.NewRadioGroup([]string{lang.L("export.mode.full"), lang.L("export.mode.unit"), lang.L("export.mode.since")},
		func(label string) { s.modeChanged(modes[label]) })
	s.mode.Horizontal = true
	opts := []string{lang.L("filter.all")}
	for _, k := range model.Kinds() {
		opts = append(opts, common.KindTitle(k))
	}
	s.kind = common.NewSelect(opts, nil)
	s.kind.SetSelected(opts[0])
	s.unit.SetPlaceHolder(lang.L("export.unit_hint"))
	s.unit.OnChanged = func(text string) {
		s.unitOpts = s.completions(text)
		s.unit.SetOptions(s.unitOpts)
	}
	s.since.SetPlaceHolder("2026-06-01")
	s.password.SetPlaceHolder(lang.L("export.password_hint"))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("export.mode"), s.mode),
		widget.NewFormItem(lang.L("export.kind"), s.kind),
		widget.NewFormItem(lang.L("field.unit"), s.unit),
		widget.NewFormItem(lang.L("export.since"), s.since),
		widget.NewFormItem(lang.L("export.password"), s.password),
		widget.NewFormItem(lang.L("export.confirm"), s.confirm),
	)
	s.save = widget.NewButton(lang.L("export.save"), s.choose)
	s.save.Importance = widget.HighImportance
	s.content = container.NewVBox(widget.NewLabelWithStyle(lang.L("nav.export"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, container.NewHBox(s.save), s.busy, s.message)
	s.mode.SetSelected(lang.L("export.mode.full"))
	s.loadUnits()
	return s
}

func (s *Export) Content() fyne.CanvasObject { return s.content }

// Message is the line under the button (done, or what is wrong).
func (s *Export) Message() string { return s.message.Text }

// Controls for tests and keyboard users.
func (s *Export) Mode() *widget.RadioGroup   { return s.mode }
func (s *Export) Unit() *widget.SelectEntry  { return s.unit }
func (s *Export) Since() *widget.Entry       { return s.since }
func (s *Export) Password() *widget.Entry    { return s.password }
func (s *Export) Confirm() *widget.Entry     { return s.confirm }
func (s *Export) SaveButton() *widget.Button { return s.save }
func (s *Export) Busy() fyne.CanvasObject    { return s.busy }
func (s *Export) UnitOptions() []string      { return s.unitOpts }
func (s *Export) KindSelect() *widget.Select { return s.kind }

func (s *Export) modeChanged(mode string) {
	s.unit.Disable()
	s.since.Disable()
	switch mode {
	case ExportUnit:
		s.unit.Enable()
	case ExportSince:
		s.since.Enable()
	}
}

func (s *Export) loadUnits() {
	s.run.Go(func() func() {
		units, err := s.ex.Units(context.Background())
		return func() {
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.units = units
		}
	})
}

// completions are the dictionary units whose name or an alias contains
// what was typed, by full name.
func (s *Export) completions(text string) []string {
	part := strings.TrimSpace(text)
	if part == "" {
		return nil
	}
	var out []string
	for _, u := range s.units.Units() {
		if u.Name == part {
			return nil // chosen
		}
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			if strings.Contains(n, part) {
				out = append(out, u.Name)
				break
			}
		}
		if len(out) >= 12 {
			break
		}
	}
	return out
}

func (s *Export) saveDialog(name string, chosen func(string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		chosen(path)
	}, s.win)
	d.SetFileName(name)
	d.SetFilter(excelFilter())
	common.ShowFileDialog(d, s.win)
}

// request reads the form; an error says what to correct.
func (s *Export) request() (ExportRequest, string, error) {
	var req ExportRequest
	for _, k := range model.Kinds() {
		if common.KindTitle(k) == s.kind.Selected {
			req.Kinds = []model.Kind{k}
		}
	}
	name := lang.L("export.file", map[string]any{"Day": model.Today().String()})
	switch s.mode.Selected {
	case lang.L("export.mode.unit"):
		u := strings.TrimSpace(s.unit.Text)
		if u == "" {
			return req, "", fmt.Errorf("%s", lang.L("export.need_unit"))
		}
		req.Unit = s.units.Canonical(u)
		name = lang.L("export.file_unit", map[string]any{"Unit": req.Unit, "Day": model.Today().String()})
	case lang.L("export.mode.since"):
		d, err := model.ParseDate(strings.TrimSpace(s.since.Text), model.Today())
		if err != nil {
			return req, "", fmt.Errorf("%s：%s", lang.L("export.since"), common.ErrorText(err))
		}
		req.ChangedSince = d
		name = lang.L("export.file_since", map[string]any{"Since": d.String(), "Day": model.Today().String()})
	}
	if s.password.Text != s.confirm.Text {
		return req, "", fmt.Errorf("%s", lang.L("export.password_mismatch"))
	}
	req.Password = s.password.Text
	return req, name, nil
}

func (s *Export) choose() {
	req, name, err := s.request()
	if err != nil {
		s.message.SetText(err.Error()) // the form's own message
		return
	}
	s.PickSave(name, func(path string) { s.write(path, req) })
}

// write exports in the background, the bar running, then offers the folder.
func (s *Export) write(path string, req ExportRequest) {
	s.save.Disable()
	s.busy.Show()
	s.busy.Start()
	s.message.SetText(lang.L("export.writing", map[string]any{"Path": filepath.Base(path)}))
	s.run.Go(func() func() {
		stats, err := s.ex.Export(context.Background(), path, req)
		return func() {
			s.busy.Stop()
			s.busy.Hide()
			s.save.Enable()
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			var parts []string
			for k, n := range stats {
				parts = append(parts, fmt.Sprintf("%s %d", common.KindTitle(k), n))
			}
			sort.Strings(parts)
			s.message.SetText(lang.L("export.done", map[string]any{"Path": path}) + "\n" + strings.Join(parts, "，"))
			s.offerFolder(path)
		}
	})
}

func (s *Export) offerFolder(path string) {
	d := dialog.NewConfirm(lang.L("export.done_title"), lang.L("export.open_folder_ask", map[string]any{"Path": path}),
		func(open bool) {
			if !open {
				return
			}
			u, err := FolderURL(path)
			if err == nil {
				err = s.OpenFolder(u)
			}
			if err != nil {
				s.message.SetText(common.ErrorText(err))
			}
		}, s.win)
	d.SetConfirmText(lang.L("export.open_folder"))
	d.SetDismissText(lang.L("action.close"))
	d.Show()
}

// FolderURL is the file URL of the folder holding path ("file:///C:/…" on
// Windows, "file:///home/…" elsewhere).
func FolderURL(path string) (*url.URL, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("folder of %s: %w", path, err)
	}
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a drive letter
	}
	return &url.URL{Scheme: "file", Path: p}, nil
}
