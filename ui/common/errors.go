package common

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"taizhang/model"
)

// ErrorText is an error in the user's language: the project's own errors
// through model.Localize; the operating system's (a missing file, no
// permission, a full disk) as a sentence naming the file, since a raw
// "open …: no such file or directory" means nothing to the office.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	var l model.Localized
	if errors.As(err, &l) {
		return model.Localize(err, LangCode())
	}
	var pe *fs.PathError
	path := ""
	if errors.As(err, &pe) {
		path = pe.Path
	}
	args := map[string]any{"Path": path}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("oserr.not_exist", args)
	case errors.Is(err, fs.ErrPermission):
		return lang.L("oserr.permission", args)
	case errors.Is(err, fs.ErrExist):
		return lang.L("oserr.exist", args)
	case errors.Is(err, syscall.ENOSPC):
		return lang.L("oserr.disk_full", args)
	case pe != nil:
		return lang.L("oserr.other", map[string]any{"Path": path, "Detail": pe.Err.Error()})
	}
	return err.Error()
}

// ShowError shows err in a dialog in the user's language (ErrorText).
func ShowError(err error, win fyne.Window) {
	dialog.ShowError(fmt.Errorf("%s", ErrorText(err)), win)
}
