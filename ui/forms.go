package ui

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

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
		Print:   u.PrintNotice,
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
	w.Resize(fyne.NewSize(760, 660)) // whole on a 1024×768 screen, above the taskbar
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

// PrintNotice writes a task's 督办单 (or, with reminder, its 催办通知单) as
// a print-ready workbook into the print folder and opens it in the
// spreadsheet program, where the machine has one.
func (u *UI) PrintNotice(t *model.Task, reminder bool) (string, error) {
	dir := u.opt.PrintDir
	if dir == "" {
		dir = filepath.Join(defaultDocuments(), lang.L("print.folder"))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if u.opt.Notices == nil {
		return "", errors.New("printing is not wired (ui.Options.Notices)")
	}
	l := common.LangCode()
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) {
			return '_'
		}
		return r
	}, u.opt.Notices.Title(reminder, l)+"-"+model.KeyLabel(t)) + ".xlsx"
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	err = u.opt.Notices.Write(f, t, reminder, u.day.Today, l)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return "", err
	}
	if err := u.openFile(path); err != nil {
		fyne.LogError("open "+path, err) // written all the same: the message names it
	}
	return path, nil
}

// openFile opens a written workbook in the system's program for it
// (Options.OpenFile in tests).
func (u *UI) openFile(path string) error {
	if u.opt.OpenFile != nil {
		return u.opt.OpenFile(path)
	}
	return u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
}

// defaultDocuments is the user's documents folder (or home).
func defaultDocuments() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}
