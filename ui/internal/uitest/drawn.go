// Package uitest holds what the screens' headless tests share.
package uitest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Drawn lists the visible objects under o as they are drawn (table and
// list cells included), through the widgets' live renderers.
func Drawn(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, x := range test.WidgetRenderer(c).Objects() {
			out = append(out, Drawn(x)...)
		}
	case *fyne.Container:
		for _, x := range c.Objects {
			out = append(out, Drawn(x)...)
		}
	}
	return out
}
