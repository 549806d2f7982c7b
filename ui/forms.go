package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
	"taizhang/ui/history"
)

// OpenForm opens a record (nil: a new one of kind k) in its own window:
// Ctrl+S saves, Esc and closing the window ask before discarding changes.
func (u *UI) OpenForm(k model.Kind, r model.Record) *form.Form {
	w := u.app.NewWindow(common.KindTitle(k))
	var f *form.Form
	f = form.New(k, r, form.Deps{
		Store: u.store, Window: w, Run: u.run, Day: u.Day, Operator: u.Operator, Units: u.units,
		Saved: func(model.Record) {
			w.SetTitle(f.Title())
			for _, l := range u.ledgers {
				if l.Kind() == k {
					l.Reload()
				}
			}
			if u.dash != nil {
				u.dash.Reload()
			}
			if u.reports != nil {
				u.reports.Reload()
			}
		},
		Close: func() {
			u.dropForm(f)
			w.Close()
		},
		History: u.OpenHistory,
	})
	u.forms = append(u.forms, f)
	w.SetTitle(f.Title())
	w.SetContent(f.Content())
	w.SetCloseIntercept(f.Cancel)
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { _ = f.Save() })
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			f.Cancel()
		}
	})
	w.Resize(fyne.NewSize(760, 720))
	w.Show()
	return f
}

// OpenHistory shows a record's change list in its own window.
func (u *UI) OpenHistory(r model.Record) {
	hw := u.app.NewWindow(lang.L("action.history"))
	hw.SetContent(history.Content(context.Background(), u.store, r))
	hw.Resize(fyne.NewSize(720, 480))
	hw.Show()
}

// Forms are the open record forms, oldest first.
func (u *UI) Forms() []*form.Form { return u.forms }

func (u *UI) dropForm(f *form.Form) {
	for i, x := range u.forms {
		if x == f {
			u.forms = append(u.forms[:i], u.forms[i+1:]...)
			return
		}
	}
}

// CloseRequested reports whether the main window may close: false (and a
// question is shown in the form's window) while a form has unsaved changes.
func (u *UI) CloseRequested() bool {
	for _, f := range u.forms {
		if f.Dirty() {
			f.Cancel()
			return false
		}
	}
	return true
}
