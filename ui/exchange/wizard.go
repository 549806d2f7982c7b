package exchange

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	ex "taizhang/storage/exchange"
	"taizhang/ui/common"
)

// Import is the import wizard: choose workbooks, watch them being read,
// browse what the import would do (new, updated, merged, conflicts,
// rejected rows), then apply or cancel. Nothing changes before apply.
type Import struct {
	ex   Exchanger
	win  fyne.Window
	run  *common.Runner
	done func() // after applying: the ledgers reload

	// Pick asks for workbooks and passes the chosen paths on; the default
	// is the file dialog filtered to Excel files. Tests set it.
	Pick func(chosen func(paths []string))
	// ShowConflicts opens the conflicts screen: after an import that left
	// conflicts, a button under the counts leads there.
	ShowConflicts func()
	toConflicts   *widget.Button

	files    []string
	plan     *model.Plan
	cancel   context.CancelFunc // stops reading the workbooks, or applying
	reading  bool
	applying bool
	gen      int    // bumped by every new reading and by cancel; stale results are dropped
	taught   string // what the last "treat as" taught, shown with the re-read plan

	fileLbl  *widget.Label
	path     *common.Entry
	progress *widget.ProgressBar
	busy     *widget.ProgressBarInfinite
	stage    *widget.Label
	tabs     *container.AppTabs
	message  *widget.Label
	choose   *widget.Button
	applyBtn *widget.Button
	stop     *widget.Button
	content  fyne.CanvasObject
}

// ImportDeps are the import wizard's collaborators.
type ImportDeps struct {
	Exchanger Exchanger
	Window    fyne.Window
	Run       *common.Runner
	Done      func() // after applying: the ledgers reload (may be nil)
}

func NewImport(d ImportDeps) *Import {
	s := &Import{ex: d.Exchanger, win: d.Window, run: d.Run, done: d.Done,
		fileLbl: widget.NewLabel(lang.L("import.no_files")), stage: widget.NewLabel(""),
		progress: widget.NewProgressBar(), busy: widget.NewProgressBarInfinite(),
		tabs: container.NewAppTabs(), message: widget.NewLabel("")}
	s.Pick = s.pickWithDialog
	s.message.Wrapping = common.Wrap()
	s.fileLbl.Wrapping = common.Wrap()
	s.path = common.NewEntry(false)
	s.path.SetPlaceHolder(lang.L("import.path_hint"))
	s.path.OnSubmitted = s.AddPath
	s.progress.Hide()
	s.busy.Hide()
	s.busy.Stop()
	s.tabs.Hide()
	s.choose = widget.NewButton(lang.L("import.choose"), func() { s.Pick(func(p []string) { s.SetFiles(append(s.files, p...)) }) })
	s.applyBtn = widget.NewButton(lang.L("import.apply"), s.Apply)
	s.applyBtn.Importance = widget.HighImportance
	s.applyBtn.Disable()
	s.stop = widget.NewButton(lang.L("action.cancel"), s.Cancel)
	s.stop.Disable()
	s.toConflicts = widget.NewButton(lang.L("import.to_conflicts"), func() {
		if s.ShowConflicts != nil {
			s.ShowConflicts()
		}
	})
	s.toConflicts.Importance = widget.WarningImportance
	s.toConflicts.Hide()
	s.content = container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("nav.import"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(lang.L("import.step1")),
		container.NewBorder(nil, nil, s.choose, widget.NewButton(lang.L("import.add_path"), func() { s.AddPath(s.path.Text) }), s.path),
		s.fileLbl,
		s.stage, s.progress, s.busy,
		widget.NewSeparator(), widget.NewLabel(lang.L("import.step2"))),
		container.NewVBox(s.message, container.NewHBox(s.toConflicts), widget.NewLabel(lang.L("import.step3")), container.NewHBox(s.stop, s.applyBtn)),
		nil, nil, s.tabs)
	return s
}

func (s *Import) Content() fyne.CanvasObject { return s.content }

// Tabs are the plan's pages (summary, new, updated, merged, conflicts, rejected).
func (s *Import) Tabs() *container.AppTabs { return s.tabs }

// Plan is the plan under review, nil when there is none.
func (s *Import) Plan() *model.Plan { return s.plan }

// Message is the line under the plan (applied, cancelled, failed).
func (s *Import) Message() string { return s.message.Text }

// Stage is the line above the bar (what is being read, compared or applied).
func (s *Import) Stage() string { return s.stage.Text }

// Progress is the reading progress bar (visible while reading).
func (s *Import) Progress() *widget.ProgressBar { return s.progress }

// ApplyButton and CancelButton are the wizard's last step.
func (s *Import) ApplyButton() *widget.Button  { return s.applyBtn }
func (s *Import) CancelButton() *widget.Button { return s.stop }

// ChooseButton adds workbooks.
func (s *Import) ChooseButton() *widget.Button { return s.choose }

// ShowError says why files could not be taken (a folder that cannot be read).
func (s *Import) ShowError(err error) { s.message.SetText(common.ErrorText(err)) }

// ConflictsButton leads to the conflicts screen (shown after an import
// that left conflicts).
func (s *Import) ConflictsButton() *widget.Button { return s.toConflicts }

// Choose asks for workbooks (the 选择文件 button), unless workbooks are
// being read or a plan is under review: Ctrl+I lands there.
func (s *Import) Choose() {
	if s.reading || s.plan != nil {
		return
	}
	s.Pick(func(p []string) { s.SetFiles(append(s.files, p...)) })
}

func (s *Import) pickWithDialog(chosen func([]string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		_ = r.Close()
		chosen([]string{r.URI().Path()})
	}, s.win)
	d.SetFilter(excelFilter())
	common.ShowFileDialog(d, s.win)
}

// maxNames is how many file names the wizard lists (a month brings 60).
const maxNames = 8

// AddPath adds the workbook or the folder's workbooks typed or pasted into
// the path field.
func (s *Import) AddPath(path string) {
	path = strings.Trim(strings.TrimSpace(path), `"`)
	if path == "" {
		return
	}
	files, err := ex.ExpandPaths([]string{path})
	if err != nil {
		s.message.SetText(common.ErrorText(err))
		return
	}
	s.path.SetText("")
	s.SetFiles(append(s.files, files...))
}

// PathEntry is the field a path (file or folder) is typed or pasted into.
func (s *Import) PathEntry() *common.Entry { return s.path }

// SetFiles chooses the workbooks and reads them off the UI goroutine; the
// progress bar moves file by file, then the plan is shown.
func (s *Import) SetFiles(files []string) {
	s.taught = ""
	s.read(files)
}

func (s *Import) read(files []string) {
	if s.cancel != nil {
		s.cancel()
	}
	s.files = files
	s.toConflicts.Hide()
	names := make([]string, 0, min(len(files), maxNames))
	for _, f := range files[:min(len(files), maxNames)] {
		names = append(names, filepath.Base(f))
	}
	list := strings.Join(names, "、")
	if len(files) > maxNames {
		list += lang.L("import.files_more", map[string]any{"Count": len(files) - maxNames})
	}
	s.fileLbl.SetText(lang.L("import.files", map[string]any{"Count": len(files), "Names": list}))
	s.plan = nil
	s.tabs.Hide()
	s.message.SetText("")
	s.applyBtn.Disable()
	if len(files) == 0 {
		s.fileLbl.SetText(lang.L("import.no_files"))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.gen++
	gen := s.gen
	s.reading = true
	s.stop.Enable()
	s.showProgress(0, len(files))
	s.progress.Show()
	s.content.Refresh()
	filesDone := 0
	// Rows read and compared move the bar within one large file too.
	ctx = storage.WithProgress(ctx, func(p storage.Progress) {
		fyne.Do(func() {
			if gen == s.gen {
				s.showRows(p, filesDone, len(files))
			}
		})
	})
	s.run.Go(func() func() {
		plan, err := s.ex.Plan(ctx, files, func(done, total int) {
			fyne.Do(func() {
				if gen == s.gen {
					filesDone = done
					s.showProgress(done, total)
				}
			})
		})
		return func() {
			if gen != s.gen {
				return // cancelled, or other files chosen since
			}
			s.reading = false
			s.progress.Hide()
			s.stage.SetText("")
			if err != nil {
				s.stop.Disable()
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.plan = plan
			s.showPlan(plan)
		}
	})
}

// showProgress counts the comparison against the store as one more step
// after the files, so the bar reaches its end only when the plan is ready.
func (s *Import) showProgress(done, total int) {
	if !s.reading {
		return
	}
	s.progress.SetValue(float64(done) / float64(total+1))
	if done < total {
		s.stage.SetText(lang.L("import.reading", map[string]any{"Done": done, "Total": total}))
	} else {
		s.stage.SetText(lang.L("import.comparing"))
	}
}

// showRows shows the rows read in the file being read, then the rows
// compared with the store (the bar's last step).
func (s *Import) showRows(p storage.Progress, filesDone, files int) {
	if !s.reading {
		return
	}
	switch p.Stage {
	case "read":
		if p.Total == 0 { // a file's end is shown by showProgress
			s.stage.SetText(lang.L("import.reading_rows", map[string]any{"Done": filesDone, "Total": files, "Rows": p.Done}))
		}
	case "plan":
		if p.Total > 0 {
			s.progress.SetValue((float64(files) + float64(p.Done)/float64(p.Total)) / float64(files+1))
			s.stage.SetText(lang.L("import.comparing_rows", map[string]any{"Done": p.Done, "Total": p.Total}))
		}
	}
}

// showApplying moves the bar with the rows applied, and says when the
// list indexes are built.
func (s *Import) showApplying(p storage.Progress) {
	if !s.applying || s.stop.Disabled() { // cancelling: the bar stays where it is
		return
	}
	switch p.Stage {
	case "apply":
		if p.Total > 0 {
			s.busy.Hide()
			s.progress.Show()
			s.progress.SetValue(float64(p.Done) / float64(p.Total))
			s.stage.SetText(lang.L("import.applying", map[string]any{"Done": p.Done, "Total": p.Total}))
		}
	case "indexes":
		s.stage.SetText(lang.L("import.indexing"))
	}
}

// showPlan fills the plan's pages and offers the apply that fits it:
// with rejected rows only a partial import can succeed.
func (s *Import) showPlan(p *model.Plan) {
	c := p.Counts()
	s.tabs.SetItems(planTabs(p, s.askTreatAs))
	// pages made while hidden lay out their rows when first shown
	s.tabs.OnSelected = func(it *container.TabItem) { it.Content.Refresh() }
	if s.taught != "" && len(s.tabs.Items) > 0 {
		s.tabs.SelectIndex(len(s.tabs.Items) - 1) // back to the warnings, where the word was taught
	} else {
		s.tabs.SelectIndex(0)
	}
	s.tabs.Show()
	s.content.Refresh() // a shown object gets its size only from a new layout
	msg := lang.L("import.counts", map[string]any{"New": c.New, "Updated": c.Updated, "Merged": c.Merged,
		"Unchanged": c.Unchanged, "Conflicts": c.Conflicts, "Rejected": c.Rejected, "Warnings": len(p.Warnings)})
	if s.taught != "" {
		msg = s.taught + "\n" + msg
	}
	s.message.SetText(msg)
	if c.Rejected > 0 {
		s.applyBtn.SetText(lang.L("import.apply_partial"))
	} else {
		s.applyBtn.SetText(lang.L("import.apply"))
	}
	s.applyBtn.Enable()
	s.stop.Enable()
}

// askTreatAs offers the values of a warned word's field (labels in the
// UI's language); on OK the word is taught to the value dictionary and
// the same workbooks are read again, so the plan shows it mapped.
func (s *Import) askTreatAs(w model.Warning) {
	v, ok := teachable(w)
	if !ok || s.reading {
		return
	}
	values := v.Values()
	labels := make([]string, len(values))
	for i, val := range values {
		labels[i] = v.Label(val, common.LangCode())
	}
	pick := widget.NewSelect(labels, nil)
	pick.PlaceHolder = lang.L("vocab.pick_value")
	intro := widget.NewLabel(lang.L("import.treat_intro", map[string]any{"Field": v.Title(common.LangCode()), "Word": w.Value}))
	intro.Wrapping = common.Wrap()
	d := dialog.NewCustomConfirm(lang.L("import.treat_as"), lang.L("action.ok"), lang.L("action.cancel"),
		container.NewVBox(intro, pick), func(ok bool) {
			if !ok || pick.SelectedIndex() < 0 {
				return
			}
			value, label := values[pick.SelectedIndex()], pick.Selected
			files := s.files
			s.run.Go(func() func() {
				err := s.ex.Teach(context.Background(), v.ID, w.Value, value)
				return func() {
					if err != nil {
						s.message.SetText(lang.L("import.teach_failed", map[string]any{"Error": common.ErrorText(err)}))
						return
					}
					s.taught = lang.L("import.taught", map[string]any{"Word": w.Value, "Value": label})
					s.read(files)
				}
			})
		}, s.win)
	d.Resize(fyne.NewSize(420, 220))
	d.Show()
}

// Cancel stops reading, or drops the reviewed plan, or stops applying it
// (the import is one transaction: nothing of it is kept, and the plan
// stays to be applied again); nothing was changed.
func (s *Import) Cancel() {
	if s.applying {
		if s.cancel != nil {
			s.cancel()
		}
		s.stop.Disable()
		s.stage.SetText(lang.L("import.cancelling"))
		return
	}
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.gen++
	s.reading = false
	s.plan = nil
	s.files = nil
	s.fileLbl.SetText(lang.L("import.no_files"))
	s.progress.Hide()
	s.stage.SetText("")
	s.tabs.Hide()
	s.applyBtn.Disable()
	s.stop.Disable()
	s.message.SetText(lang.L("import.cancelled"))
}

// askWithoutBackup runs on the worker when the backup before the import
// failed: it asks whether to import all the same (the import is one
// transaction, so going on is safe; only the way back is missing).
// Without a window to ask in, it goes on, as the command line does.
func (s *Import) askWithoutBackup(err error) bool {
	if s.win == nil {
		return true
	}
	answer := make(chan bool, 1)
	fyne.Do(func() {
		dialog.ShowConfirm(lang.L("import.backup_failed_title"),
			lang.L("import.backup_failed_ask", map[string]any{"Error": common.ErrorText(err)}),
			func(ok bool) { answer <- ok }, s.win)
	})
	return <-answer
}

// Apply applies the reviewed plan in the background (the store backs up
// first); with rejected rows, only the valid ones are imported.
func (s *Import) Apply() {
	if s.plan == nil {
		return
	}
	plan, partial := s.plan, len(s.plan.Rejected) > 0
	s.applyBtn.Disable()
	s.busy.Show()
	s.busy.Start()
	s.message.SetText("")
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.applying = cancel, true
	s.stop.Enable() // Cancel stops the import; the transaction keeps nothing of it
	// Rows applied move the bar (a first import of 100,000 rows takes
	// seconds), then the list indexes are built.
	ctx = storage.WithProgress(ctx, func(p storage.Progress) {
		fyne.Do(func() { s.showApplying(p) })
	})
	req := ApplyRequest{Partial: partial,
		Waiting:      func() { fyne.Do(func() { s.message.SetText(lang.L("import.waiting")) }) },
		BackupFailed: s.askWithoutBackup}
	s.run.Go(func() func() {
		res, err := s.ex.Apply(ctx, plan, req)
		return func() {
			cancel()
			s.applying, s.cancel = false, nil
			s.busy.Stop()
			s.busy.Hide()
			s.progress.Hide()
			s.stage.SetText("")
			if errors.Is(err, context.Canceled) {
				s.message.SetText(lang.L("import.apply_cancelled"))
				s.applyBtn.Enable()
				s.stop.Enable()
				return
			}
			if err != nil {
				text := common.ErrorText(err)
				if errors.Is(err, storage.ErrRejected) {
					text = lang.L("import.rejected_since")
				}
				s.message.SetText(lang.L("import.failed", map[string]any{"Error": text}))
				s.applyBtn.Enable()
				s.stop.Enable()
				return
			}
			s.plan, s.files = nil, nil
			s.stop.Disable()
			s.fileLbl.SetText(lang.L("import.no_files"))
			c := res.Plan.Counts()
			counts := map[string]any{"New": c.New, "Updated": c.Updated,
				"Merged": c.Merged, "Conflicts": c.Conflicts, "Rejected": c.Rejected, "Backup": filepath.Base(res.Backup)}
			switch {
			case res.BackupSkipped:
				s.message.SetText(lang.L("import.applied_unchanged", counts))
			case res.BackupErr != nil:
				s.message.SetText(lang.L("import.applied_no_backup", counts) + "\n" + res.BackupFailedText().In(common.LangCode()))
			default:
				s.message.SetText(lang.L("import.applied_counts", counts))
			}
			if c.Conflicts > 0 {
				s.toConflicts.Show()
			}
			if s.done != nil {
				s.done()
			}
		}
	})
}
