// Package form is the record form of every kind: each field validated as
// it is typed (what a date or an amount was read as shows beside it),
// selects for enumerations, units with roles and alias completion, the
// lifecycle status button, and for tasks the lists of progress reports,
// extensions and reminders.
package form

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/ui/common"
)

// Store is what the form writes, and reads again when the record changed
// since it was opened.
type Store interface {
	Save(ctx context.Context, r model.Record, by string) error
	Get(ctx context.Context, id string) (model.Record, error)
}

// Deps are the form's collaborators.
type Deps struct {
	Store    Store
	Window   fyne.Window // the window the form sits in (dialogs open there)
	Run      *common.Runner
	Day      func() model.Day
	Operator func() string
	Units    *model.UnitDict
	// Saved is told about every successful save (the ledger reloads).
	Saved func(r model.Record)
	// Close closes the form (its window); called after cancel or save-and-close.
	Close func()
	// History shows a saved record's change list.
	History func(r model.Record)
	// Print writes a saved task's 督办单 (reminder false) or 催办通知单 as a
	// print-ready workbook and opens it; it returns the file's path.
	Print func(t *model.Task, reminder bool) (string, error)
}

// Form edits one record. The record is a working copy: nothing reaches the
// store before Save.
type Form struct {
	kind   model.Kind
	deps   Deps
	rec    model.Record
	base   model.Record // the record as opened or last saved: what the edits are relative to
	saved  []byte       // JSON of the record as last saved, to tell unsaved changes
	units  *model.UnitDict
	fields []*field

	form    *widget.Form
	title   *widget.Label
	status  *widget.Label
	message *widget.Label
	lists   *taskLists
	content fyne.CanvasObject
}

// New opens r (nil: a new record of kind k) for editing.
func New(k model.Kind, r model.Record, d Deps) *Form {
	f := &Form{kind: k, deps: d, units: d.Units}
	if f.units == nil {
		f.units = model.NewUnitDict(nil)
	}
	if r == nil {
		r = model.New(k)
		f.defaults(r)
	} else {
		r = clone(r)
	}
	f.rec = r
	f.saved, _ = json.Marshal(r)
	if r.RecordMeta().ID == "" {
		f.saved = nil // a new record is unsaved until saved
	} else {
		f.base = clone(r)
	}
	f.build()
	return f
}

// defaults fills what a new record starts with.
func (f *Form) defaults(r model.Record) {
	switch v := r.(type) {
	case *model.Task:
		v.Status = model.TaskRegistered
	case *model.Proposal:
		v.Status = model.PropRegistered
		v.Satisfaction = model.SatNone
	case *model.Problem:
		v.Status = "open"
	case *model.Project:
		v.Status = "planned"
	}
}

// clone deep-copies a record through JSON so edits never touch the
// caller's copy (the ledger's cache).
func clone(r model.Record) model.Record {
	c := model.New(r.RecordMeta().Kind)
	b, err := json.Marshal(r)
	if err == nil && json.Unmarshal(b, c) == nil {
		*c.RecordMeta() = *r.RecordMeta()
		return c
	}
	return r
}

func (f *Form) day() model.Day {
	if f.deps.Day == nil {
		return model.DefaultDay()
	}
	return f.deps.Day()
}

// Content is the form's canvas object.
func (f *Form) Content() fyne.CanvasObject { return f.content }

// Record is the working copy.
func (f *Form) Record() model.Record { return f.rec }

// Title is the window title for the record.
func (f *Form) Title() string { return f.title.Text }

// Message is the last save or validation message shown under the form.
func (f *Form) Message() string { return f.message.Text }

// StatusText is the status line ("状态：办理中", with a word a ledger typed
// beside it: "状态：办理中（原文：暂缓）").
func (f *Form) StatusText() string { return f.status.Text }

// Items are the form's rows (label and widget), in order.
func (f *Form) Items() []*widget.FormItem { return f.form.Items }

// Dirty reports whether the working copy differs from what was saved.
func (f *Form) Dirty() bool {
	b, _ := json.Marshal(f.rec)
	return f.saved == nil || string(b) != string(f.saved)
}

func (f *Form) build() {
	f.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.status = widget.NewLabel("")
	f.message = widget.NewLabel("")
	f.message.Wrapping = common.Wrap()
	f.form = widget.NewForm()
	for _, sp := range f.specs() {
		fd := f.bind(sp)
		f.fields = append(f.fields, fd)
		f.form.Append(sp.label, fd.obj)
	}
	f.refreshHeader()

	save := widget.NewButton(lang.L("action.save"), func() { _ = f.Save() })
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("action.cancel"), f.Cancel)
	buttons := []fyne.CanvasObject{cancel, save}
	if f.deps.History != nil {
		buttons = append([]fyne.CanvasObject{widget.NewButton(lang.L("action.history"), func() {
			if f.rec.RecordMeta().ID != "" {
				f.deps.History(f.rec)
			}
		})}, buttons...)
	}
	if f.deps.Print != nil && f.kind == model.KindTask {
		for _, reminder := range []bool{true, false} { // prepended: 督办单 comes first
			reminder := reminder
			label := lang.L("print.supervision")
			if reminder {
				label = lang.L("print.reminder")
			}
			buttons = append([]fyne.CanvasObject{widget.NewButton(label, func() { f.print(reminder) })}, buttons...)
		}
	}
	head := []fyne.CanvasObject{f.title}
	if f.hasStatus() {
		head = append(head, container.NewHBox(f.status, widget.NewButton(lang.L("status.change"), f.askStatus)))
	}
	main := fyne.CanvasObject(container.NewVScroll(f.form))
	if f.kind == model.KindTask {
		f.lists = newTaskLists(f)
		main = container.NewAppTabs(
			container.NewTabItem(lang.L("form.tab.main"), main),
			container.NewTabItem(lang.L("form.tab.reports"), f.lists.reports),
			container.NewTabItem(lang.L("form.tab.extensions"), f.lists.extensions),
			container.NewTabItem(lang.L("form.tab.reminders"), f.lists.reminders),
		)
	}
	f.content = container.NewBorder(container.NewVBox(head...),
		container.NewVBox(f.message, container.NewHBox(append([]fyne.CanvasObject{}, buttons...)...)),
		nil, nil, main)
}

// print writes the sheet of the record as saved (unsaved edits are not
// on an official sheet).
func (f *Form) print(reminder bool) {
	t, ok := f.rec.(*model.Task)
	if !ok || t.ID == "" {
		f.message.SetText(lang.L("print.save_first"))
		return
	}
	if f.Dirty() {
		f.message.SetText(lang.L("print.save_first"))
		return
	}
	path, err := f.deps.Print(t, reminder)
	if err != nil {
		f.message.SetText(common.ErrorText(err))
		return
	}
	f.message.SetText(lang.L("print.done", map[string]any{"Path": path}))
}

func (f *Form) hasStatus() bool { return f.kind.HasLifecycle() }

// refreshHeader shows the record's key, status and light.
func (f *Form) refreshHeader() {
	key := model.KeyLabel(f.rec)
	if f.rec.RecordMeta().ID == "" {
		f.title.SetText(lang.L("form.new", map[string]any{"Kind": common.KindTitle(f.kind)}))
	} else {
		f.title.SetText(common.KindTitle(f.kind) + " " + key)
	}
	if l, ok := model.LifecycleOf(f.rec); ok {
		f.status.SetText(lang.L("status.line", map[string]any{
			"Status": common.WithTyped(common.EnumLabel(l.Statuses, l.Status), l.Typed),
			"Light":  common.LightLabel(f.day().Light(f.rec))}))
	}
}

// changed runs after every edit.
func (f *Form) changed() {
	if f.title != nil {
		f.refreshHeader()
	}
}

// Validate lists the fields that do not hold a valid value.
func (f *Form) Validate() error {
	var errs []error
	for _, fd := range f.fields {
		fd.apply(f.rec, fd.text())
		if fd.err != nil {
			errs = append(errs, fmt.Errorf("%s: %s", fd.label, common.ErrorText(fd.err)))
		}
	}
	return errors.Join(errs...)
}

// Save validates and stores the record (Ctrl+S).
func (f *Form) Save() error {
	if err := f.Validate(); err != nil {
		f.message.SetText(lang.L("form.invalid") + "\n" + err.Error()) // the fields' own messages, in the user's language
		f.message.Importance = widget.DangerImportance
		f.message.Refresh()
		return err
	}
	f.rec.Normalize()
	by := ""
	if f.deps.Operator != nil {
		by = f.deps.Operator()
	}
	if err := f.deps.Store.Save(context.Background(), f.rec, by); err != nil {
		f.message.SetText(lang.L("form.save_failed", map[string]any{"Error": common.ErrorText(err)}))
		f.message.Importance = widget.DangerImportance
		f.message.Refresh()
		var stale *storage.StaleError
		if errors.As(err, &stale) {
			f.showStale(stale)
		}
		return err
	}
	// the store may have merged edits made elsewhere into the record
	f.refill()
	f.base = clone(f.rec)
	f.saved, _ = json.Marshal(f.rec)
	f.message.SetText(lang.L("form.saved"))
	f.message.Importance = widget.SuccessImportance
	f.message.Refresh()
	f.refreshHeader()
	if f.deps.Saved != nil {
		f.deps.Saved(f.rec)
	}
	return nil
}

// Cancel closes the form, asking first when there are unsaved changes
// (Esc, the cancel button and closing the window all come here).
func (f *Form) Cancel() {
	if !f.Dirty() || (f.rec.RecordMeta().ID == "" && f.empty()) {
		f.close()
		return
	}
	dialog.ShowConfirm(lang.L("form.discard.title"), lang.L("form.discard.text"), func(ok bool) {
		if ok {
			f.close()
		}
	}, f.deps.Window)
}

// empty reports whether a new record is still as it started.
func (f *Form) empty() bool {
	blank := model.New(f.kind)
	f.defaults(blank)
	a, _ := json.Marshal(blank)
	b, _ := json.Marshal(f.rec)
	return string(a) == string(b)
}

func (f *Form) close() {
	if f.deps.Close != nil {
		f.deps.Close()
	}
}
