package ui

import "fyne.io/fyne/v2"

// preferred is the main window's size where the screen allows it.
var preferred = fyne.NewSize(1280, 720)

// screenMargin is what the taskbar and the window's frame take.
var screenMargin = fyne.NewSize(24, 72)

// InitialSize is the main window's first size on a screen of the given
// size (in Fyne's units; zero when unknown): the preferred size, never
// larger than the screen less the taskbar and frame, so that on an old
// 1024×768 office PC the window opens whole.
func InitialSize(screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		screen = fyne.NewSize(1024, 768) // unknown: what the oldest office PCs show whole
	}
	return fyne.NewSize(min(preferred.Width, screen.Width-screenMargin.Width),
		min(preferred.Height, screen.Height-screenMargin.Height))
}
