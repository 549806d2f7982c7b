package form

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// NextStatuses are the labels the status dialog offers: only the moves
// the lifecycle allows from the current status.
func (f *Form) NextStatuses() []string {
	var out []string
	switch v := f.rec.(type) {
	case *model.Task:
		for _, s := range model.NextTaskStatuses(v.Status) {
			out = append(out, common.EnumLabel(model.TaskStatuses, s))
		}
	case *model.Proposal:
		for _, s := range model.NextProposalStatuses(v.Status) {
			out = append(out, common.EnumLabel(model.ProposalStatuses, s))
		}
	}
	return out
}

// NeedsReason reports whether moving to the status labelled label needs a
// reason (退回, 撤销).
func (f *Form) NeedsReason(label string) bool {
	switch v := f.rec.(type) {
	case *model.Task:
		to, _ := common.EnumParse(model.TaskStatuses, label)
		return model.TaskNeedsReason(v.Status, to)
	case *model.Proposal:
		to, _ := common.EnumParse(model.ProposalStatuses, label)
		return model.ProposalNeedsReason(v.Status, to)
	}
	return false
}

// ChangeStatus moves the working copy to the status labelled label today,
// through the model's lifecycle rule; a refused move changes nothing and
// its reason is shown under the form.
func (f *Form) ChangeStatus(label, reason string) error {
	today := f.day().Today
	var err error
	switch v := f.rec.(type) {
	case *model.Task:
		to, _ := common.EnumParse(model.TaskStatuses, label)
		if err = model.ChangeTaskStatus(v, to, reason, today); err == nil {
			v.StatusText = "" // a status was picked: the ledger's word gives way, as in enumKept
		}
	case *model.Proposal:
		to, _ := common.EnumParse(model.ProposalStatuses, label)
		if err = model.ChangeProposalStatus(v, to, reason, today); err == nil {
			v.StatusText = ""
		}
	}
	if err != nil {
		f.message.SetText(lang.L("status.refused", map[string]any{"Reason": common.ErrorText(err)}))
		f.message.Importance = widget.DangerImportance
		f.message.Refresh()
		return err
	}
	f.message.SetText(lang.L("status.changed"))
	f.message.Importance = widget.MediumImportance
	f.message.Refresh()
	f.refreshHeader()
	for _, fd := range f.fields { // 交办/办结 may have filled dates
		if fd.entry != nil && fd.in == inDate {
			fd.entry.SetText(fd.get(f.rec))
		}
	}
	return nil
}

func (f *Form) askStatus() {
	next := f.NextStatuses()
	if len(next) == 0 {
		dialog.ShowInformation(lang.L("status.change"), lang.L("status.final"), f.deps.Window)
		return
	}
	to := widget.NewSelect(next, nil)
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder(lang.L("status.reason_hint"))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("field.status"), to),
		widget.NewFormItem(lang.L("field.reason"), reason),
	}
	dialog.ShowForm(lang.L("status.change"), lang.L("action.ok"), lang.L("action.cancel"), items, func(ok bool) {
		if ok && to.Selected != "" {
			_ = f.ChangeStatus(to.Selected, reason.Text)
		}
	}, f.deps.Window)
}
