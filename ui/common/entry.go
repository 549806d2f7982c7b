package common

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text entry that leaves the window's own shortcuts (Ctrl+S,
// Ctrl+F, Ctrl+N…) to the window. Fyne gives a shortcut to the focused
// entry alone, and its entry drops every one it does not know, so Ctrl+S
// did nothing while the cursor was in a field.
type Entry struct{ widget.Entry }

// NewEntry is a one-line Entry; multi a multi-line one.
func NewEntry(multi bool) *Entry {
	e := &Entry{}
	e.MultiLine = multi
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut passes Ctrl+letter shortcuts on to the window; cut, copy,
// paste, undo and the cursor keys stay with the entry.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if !toWindow(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// SelectEntry is widget.SelectEntry with Entry's shortcut handling.
type SelectEntry struct{ widget.SelectEntry }

// NewSelectEntry is a SelectEntry offering options.
func NewSelectEntry(options []string) *SelectEntry {
	e := &SelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedShortcut: see Entry.TypedShortcut.
func (e *SelectEntry) TypedShortcut(s fyne.Shortcut) {
	if !toWindow(e, s) {
		e.SelectEntry.TypedShortcut(s)
	}
}

// toWindow gives a Ctrl (Cmd) + letter shortcut to the canvas o is on;
// false when it is not such a shortcut or o is on no canvas.
func toWindow(o fyne.CanvasObject, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || len(cs.KeyName) != 1 || cs.KeyName[0] < 'A' || cs.KeyName[0] > 'Z' {
		return false
	}
	if cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) == 0 {
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	sc, ok := c.(fyne.Shortcutable)
	if !ok {
		return false
	}
	sc.TypedShortcut(cs)
	return true
}
