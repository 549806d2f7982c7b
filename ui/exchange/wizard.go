package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Import is the import wizard: choose workbooks, review what the import
// would do (new, updated, merged, conflicts, rejected rows), then apply.
type Import struct {
	ex      Exchanger
	win     fyne.Window
	run     *common.Runner
	done    func() // after applying: the ledgers reload
	files   []string
	plan    *model.Plan
	fileLbl *widget.Label
	review  *widget.Label
	partial *widget.Check
	apply   *widget.Button
	content fyne.CanvasObject
}

func NewImport(ex Exchanger, win fyne.Window, run *common.Runner, done func()) *Import {
	s := &Import{ex: ex, win: win, run: run, done: done,
		fileLbl: widget.NewLabel(lang.L("import.no_files")), review: widget.NewLabel("")}
	s.review.Wrapping = fyne.TextWrapWord
	s.partial = widget.NewCheck(lang.L("import.partial"), nil)
	s.apply = widget.NewButton(lang.L("import.apply"), s.Apply)
	s.apply.Importance = widget.HighImportance
	s.apply.Disable()
	choose := widget.NewButton(lang.L("import.choose"), s.choose)
	s.content = container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("nav.import"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(lang.L("import.step1")), container.NewHBox(choose), s.fileLbl,
		widget.NewSeparator(), widget.NewLabel(lang.L("import.step2"))),
		container.NewVBox(widget.NewLabel(lang.L("import.step3")), container.NewHBox(s.partial, s.apply)),
		nil, nil, container.NewVScroll(s.review))
	return s
}

func (s *Import) Content() fyne.CanvasObject { return s.content }

// Review is the plan summary shown.
func (s *Import) Review() string { return s.review.Text }

func (s *Import) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		_ = r.Close()
		s.SetFiles(append(s.files, r.URI().Path()))
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".xlsm", ".xls"}))
	d.Show()
}

// SetFiles chooses the workbooks and plans their import.
func (s *Import) SetFiles(files []string) {
	s.files = files
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f)
	}
	s.fileLbl.SetText(strings.Join(names, "\n"))
	s.review.SetText(lang.L("import.planning"))
	s.apply.Disable()
	s.run.Go(func() func() {
		plan, err := s.ex.Plan(context.Background(), files)
		return func() {
			if err != nil {
				s.review.SetText(common.ErrorText(err))
				return
			}
			s.plan = plan
			s.review.SetText(Summary(plan))
			s.apply.Enable()
		}
	})
}

// Summary describes a plan for people: counts, sheets, rejected rows.
func Summary(p *model.Plan) string {
	c := p.Counts()
	var b strings.Builder
	b.WriteString(lang.L("import.counts", map[string]any{"New": c.New, "Updated": c.Updated, "Merged": c.Merged,
		"Unchanged": c.Unchanged, "Conflicts": c.Conflicts, "Rejected": c.Rejected}))
	b.WriteString("\n")
	for _, f := range p.Files {
		for _, sh := range f.Sheets {
			kind := lang.L("import.skipped")
			if sh.Kind != nil {
				kind = common.KindTitle(*sh.Kind)
			}
			fmt.Fprintf(&b, "%s / %s: %s, %d\n", filepath.Base(f.File), sh.Sheet, kind, sh.Rows)
		}
	}
	for i, r := range p.Rejected {
		if i == 200 {
			b.WriteString("…\n")
			break
		}
		fmt.Fprintf(&b, "✗ %s %s!%s%d %s「%s」%s\n", filepath.Base(r.File), r.Sheet, r.Column, r.Row, r.Header, r.Value, r.Reason)
	}
	if len(p.NewUnits) > 0 {
		b.WriteString(lang.L("import.new_units", map[string]any{"Units": strings.Join(p.NewUnits, "、")}) + "\n")
	}
	for _, n := range p.Notes {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// Apply applies the reviewed plan.
func (s *Import) Apply() {
	if s.plan == nil {
		return
	}
	plan, partial := s.plan, s.partial.Checked
	s.apply.Disable()
	s.run.Go(func() func() {
		err := s.ex.Apply(context.Background(), plan, partial)
		return func() {
			if err != nil {
				s.review.SetText(s.review.Text + "\n" + lang.L("import.failed", map[string]any{"Error": common.ErrorText(err)}))
				s.apply.Enable()
				return
			}
			s.plan = nil
			s.review.SetText(s.review.Text + "\n" + lang.L("import.applied"))
			if s.done != nil {
				s.done()
			}
		}
	})
}
