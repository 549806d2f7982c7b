package common

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Fyne's own strings. Those Fyne passes through lang (Open, Cancel, Yes,
// File, Folder…) are in the app's catalogues, which are loaded under every
// locale (i18n.Load), so they follow the app's language even where Fyne
// matched the system's. Two it leaves in English are handled here: the
// select's placeholder and the file dialog's places (Home, Computer…).

// NewSelect is widget.NewSelect with the placeholder in the app's language
// instead of "(Select one)".
func NewSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("select.one")
	return s
}

// places are the file dialog's favourites, as Fyne names them.
var places = map[string]string{
	"Home": "place.home", "Computer": "place.computer", "Desktop": "place.desktop",
	"Documents": "place.documents", "Downloads": "place.downloads", "Music": "place.music",
	"Pictures": "place.pictures", "Videos": "place.videos", "Movies": "place.videos",
	"App Files": "place.app_files",
}

// ShowFileDialog shows d in win with its places named in the app's
// language: Fyne sets their labels from fixed English names, so the list's
// update function is wrapped once it exists.
func ShowFileDialog(d *dialog.FileDialog, win fyne.Window) {
	d.Show()
	LocalizePlaces(win)
}

// LocalizePlaces renames the places of a file dialog shown over win.
func LocalizePlaces(win fyne.Window) {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	var lists []*widget.List
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			lists = append(lists, l)
		}
	})
	for _, l := range lists {
		update := l.UpdateItem
		if update == nil {
			continue
		}
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			walk(item, func(o fyne.CanvasObject) {
				if lb, ok := o.(*widget.Label); ok {
					if key, ok := places[lb.Text]; ok {
						lb.SetText(lang.L(key))
					}
				}
			})
		}
		l.Refresh()
	}
}

// walk visits o and what it holds, through the public fields of the
// containers a file dialog is made of (its renderers are Fyne's own).
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, visit)
		}
	case *widget.PopUp:
		walk(v.Content, visit)
	case *container.Split:
		walk(v.Leading, visit)
		walk(v.Trailing, visit)
	case *container.Scroll:
		walk(v.Content, visit)
	}
}
