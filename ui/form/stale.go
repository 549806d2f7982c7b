package form

import (
	"context"
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
)

// showStale explains a refused save: the record changed since the form
// opened and the same fields were changed both times. It shows, field by
// field, what was typed here and what is stored now, and offers to reload
// the record: the stored values of those fields come in, every other edit
// made in the form stays.
func (f *Form) showStale(e *storage.StaleError) {
	cur, err := f.deps.Store.Get(context.Background(), f.rec.RecordMeta().ID)
	if err != nil {
		f.message.SetText(lang.L("form.save_failed", map[string]any{"Error": common.ErrorText(err)}))
		return
	}
	mine, _ := model.Fields(f.rec)
	theirs, _ := model.Fields(cur)
	reason := widget.NewLabel(e.Reason(common.LangCode()))
	reason.Wrapping = common.Wrap()
	rows := []fyne.CanvasObject{reason}
	for _, name := range e.Fields {
		label, vals := Describe(f.kind, name, string(mine[name]), string(theirs[name]))
		l := widget.NewLabel(lang.L("form.stale.field", map[string]any{"Field": label, "Mine": vals[0], "Stored": vals[1]}))
		l.Wrapping = common.Wrap()
		rows = append(rows, l)
	}
	rows = append(rows, widget.NewLabel(lang.L("form.stale.hint")))
	d := dialog.NewCustomConfirm(lang.L("form.stale.title"), lang.L("form.stale.reload"), lang.L("action.close"),
		container.NewVBox(rows...), func(reload bool) {
			if reload {
				f.reload(cur)
			}
		}, f.deps.Window)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// reload takes the stored record and puts this form's edits back on it,
// except for the fields changed both times, which take the stored values.
func (f *Form) reload(cur model.Record) {
	names := make([]string, 0)
	if fields, err := model.Fields(cur); err == nil {
		for n := range fields {
			names = append(names, n)
		}
	}
	merged := clone(cur)
	if f.base != nil {
		m, _, _, err := model.Merge3(f.base, cur, f.rec, names)
		if err != nil {
			f.message.SetText(lang.L("form.save_failed", map[string]any{"Error": common.ErrorText(err)}))
			return
		}
		merged = m
	}
	f.rec = merged
	f.base = clone(cur)
	f.saved, _ = json.Marshal(cur)
	f.refill()
	f.message.SetText(lang.L("form.stale.reloaded"))
	f.message.Importance = widget.WarningImportance
	f.message.Refresh()
}

// refill shows the working copy's values in every field (after a reload,
// or a save the store merged other edits into).
func (f *Form) refill() {
	for _, fd := range f.fields {
		v := fd.get(f.rec)
		switch {
		case fd.sel != nil:
			if fd.sel.Selected != v {
				fd.sel.SetSelected(v)
			}
		case fd.check != nil:
			if fd.check.Checked != (v == "1") {
				fd.check.SetChecked(v == "1")
			}
		default:
			if fd.entry.Text != v {
				fd.entry.SetText(v)
			}
		}
	}
	if f.lists != nil {
		f.lists.refresh()
	}
	f.refreshHeader()
}
