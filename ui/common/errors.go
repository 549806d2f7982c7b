package common

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// ShowError shows err in a dialog in the user's language (ErrorText):
// never the operating system's raw English.
func ShowError(err error, win fyne.Window) {
	dialog.ShowError(errors.New(ErrorText(err)), win)
}
