package exchange

import (
	"context"
	"fmt"
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

// Export writes a workbook: every kind or one, optionally one unit's
// records (the ledger sent to a department) or those changed since a day.
type Export struct {
	ex      Exchanger
	win     fyne.Window
	run     *common.Runner
	kind    *widget.Select
	unit    *widget.Entry
	since   *widget.Entry
	message *widget.Label
	content fyne.CanvasObject
}

func NewExport(ex Exchanger, win fyne.Window, run *common.Runner) *Export {
	s := &Export{ex: ex, win: win, run: run, unit: widget.NewEntry(), since: widget.NewEntry(), message: widget.NewLabel("")}
	opts := []string{lang.L("filter.all")}
	for _, k := range model.Kinds() {
		opts = append(opts, common.KindTitle(k))
	}
	s.kind = widget.NewSelect(opts, nil)
	s.kind.SetSelected(opts[0])
	s.since.SetPlaceHolder("2019-06-01")
	form := widget.NewForm(
		widget.NewFormItem(lang.L("export.kind"), s.kind),
		widget.NewFormItem(lang.L("field.unit"), s.unit),
		widget.NewFormItem(lang.L("export.since"), s.since),
	)
	save := widget.NewButton(lang.L("export.save"), s.choose)
	save.Importance = widget.HighImportance
	s.content = container.NewVBox(widget.NewLabelWithStyle(lang.L("nav.export"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, container.NewHBox(save), s.message)
	return s
}

func (s *Export) Content() fyne.CanvasObject { return s.content }

func (s *Export) choose() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		s.Write(path)
	}, s.win)
	d.SetFileName("台账导出-" + model.Today().String() + ".xlsx")
	d.Show()
}

// Write exports to path with the chosen selection.
func (s *Export) Write(path string) {
	var req ExportRequest
	for _, k := range model.Kinds() {
		if common.KindTitle(k) == s.kind.Selected {
			req.Kinds = []model.Kind{k}
		}
	}
	req.Unit = strings.TrimSpace(s.unit.Text)
	if t := strings.TrimSpace(s.since.Text); t != "" {
		d, err := model.ParseDate(t, model.Today())
		if err != nil {
			s.message.SetText(common.ErrorText(err))
			return
		}
		req.ChangedSince = d
	}
	s.run.Go(func() func() {
		stats, err := s.ex.Export(context.Background(), path, req)
		return func() {
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
		}
	})
}
