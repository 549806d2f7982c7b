package settings

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// unitsTab is the unit dictionary with, above it, the units recorded twice
// (a name that is another unit's alias), each with a merge button: the
// same fold as `units merge`.
func (s *Screen) unitsTab() fyne.CanvasObject {
	s.dupBox = container.NewVBox()
	s.reloadDuplicates()
	return container.NewBorder(s.dupBox, nil, nil, nil, orEmpty(s.deps.Units))
}

func (s *Screen) reloadDuplicates() {
	dups, err := s.deps.Store.DuplicateUnits(context.Background())
	s.dupBox.RemoveAll()
	if err != nil {
		s.dupBox.Add(widget.NewLabel(common.ErrorText(err)))
		return
	}
	s.dups = dups
	for _, d := range dups {
		btn := widget.NewButton(lang.L("settings.units.merge"), func() { s.askMerge(d) })
		s.dupBox.Add(container.NewBorder(nil, nil, nil, btn,
			widget.NewLabel(lang.L("settings.units.duplicate", map[string]any{"Name": d.Name, "Of": d.Of}))))
	}
	s.dupBox.Refresh()
}

// Duplicates are the units the screen offers to merge.
func (s *Screen) Duplicates() []model.UnitDuplicate { return s.dups }

func (s *Screen) askMerge(d model.UnitDuplicate) {
	dialog.ShowConfirm(lang.L("settings.units.merge"),
		lang.L("settings.units.merge_confirm", map[string]any{"Name": d.Name, "Of": d.Of}), func(ok bool) {
			if ok {
				_ = s.MergeUnits(d)
			}
		}, s.deps.Window)
}

// MergeUnits folds d.Name into d.Of, every record rewritten with history.
func (s *Screen) MergeUnits(d model.UnitDuplicate) error {
	m, err := s.deps.Store.MergeUnits(context.Background(), d.Name, d.Of, s.by())
	if err != nil {
		s.show(common.ErrorText(err))
		return err
	}
	s.show(lang.L("settings.units.merged", map[string]any{"From": m.From, "Into": m.Into, "Count": m.Records}))
	s.reloadDuplicates()
	if s.deps.Changed != nil {
		s.deps.Changed()
	}
	return nil
}
