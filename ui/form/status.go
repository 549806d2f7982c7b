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
	l, _ := model.LifecycleOf(f.rec)
	var out []string
	for _, s := range l.Next {
		out = append(out, common.EnumLabel(l.Statuses, s))
	}
	return out
}

// NeedsReason reports whether moving to the status labelled label needs a
// reason (退回, 撤销).
func (f *Form) NeedsReason(label string) bool {
	l, ok := model.LifecycleOf(f.rec)
	if !ok {
		return false
	}
	to, _ := common.EnumParse(l.Statuses, label)
	return l.NeedsReason(to)
}

// ChangeStatus moves the working copy to the status labelled label today,
// through the model's lifecycle rule; a refused move changes nothing and
// its reason is shown under the form.
func (f *Form) ChangeStatus(label, reason string) error {
	today := f.day().Today
	// a status picked makes the ledger's kept word give way (the model clears it)
	if err := model.ChangeStatus(f.rec, common.StatusValue(f.rec, label), reason, today); err != nil {
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
	to := common.NewSelect(next, nil)
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
