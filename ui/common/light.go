package common

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"taizhang/model"
	tztheme "taizhang/ui/theme"
)

// LightColor is the colour of an alert light; none is transparent.
func LightColor(l model.Light) color.Color {
	switch l {
	case model.LightRed:
		return tztheme.Red
	case model.LightYellow:
		return tztheme.Yellow
	case model.LightGreen:
		return tztheme.Green
	}
	return color.Transparent
}

// NewLightDot is a small coloured circle centred in its cell; SetLight
// recolours it (table cells are reused).
type LightDot struct {
	Circle *canvas.Circle
	Object fyne.CanvasObject
}

func NewLightDot() *LightDot {
	c := canvas.NewCircle(color.Transparent)
	c.Resize(fyne.NewSize(12, 12))
	box := container.NewCenter(container.NewGridWrap(fyne.NewSize(12, 12), c))
	return &LightDot{Circle: c, Object: container.NewStack(layout.NewSpacer(), box)}
}

func (d *LightDot) SetLight(l model.Light) {
	c := LightColor(l)
	if d.Circle.FillColor == c {
		return
	}
	d.Circle.FillColor = c
	d.Circle.Refresh()
}
