package reports

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// line is one clickable line of the figure list or of a chart: a name, a
// bar in a chart, a value at the right end; highlighted under the mouse so
// the user sees it leads somewhere. It draws its text itself, with less
// padding than labels, so that more lines fit on an office screen.
type line struct {
	widget.BaseWidget
	name, value string
	bar         *bar    // nil in the figure list
	nameWidth   float32 // the name column in a chart; 0: what the value leaves
	valueWidth  float32 // the value column in a chart, so all bars align
	onTap       func()
	hovered     bool
}

const linePad = 6

func newLine(name, value string, onTap func()) *line {
	l := &line{name: name, value: value, onTap: onTap}
	l.ExtendBaseWidget(l)
	return l
}

func (l *line) CreateRenderer() fyne.WidgetRenderer {
	r := &lineRenderer{l: l, bg: canvas.NewRectangle(color.Transparent),
		name: canvas.NewText("", color.Black), value: canvas.NewText("", color.Black)}
	r.value.TextStyle.Bold = l.bar == nil
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.Refresh()
	return r
}

func (l *line) Tapped(*fyne.PointEvent) {
	if l.onTap != nil {
		l.onTap()
	}
}

func (l *line) MouseIn(*desktop.MouseEvent) {
	l.hovered = l.onTap != nil
	l.Refresh()
}

func (l *line) MouseMoved(*desktop.MouseEvent) {}

func (l *line) MouseOut() {
	l.hovered = false
	l.Refresh()
}

func (l *line) Cursor() desktop.Cursor {
	if l.onTap == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}

type lineRenderer struct {
	l           *line
	bg          *canvas.Rectangle
	name, value *canvas.Text
}

func (r *lineRenderer) Layout(size fyne.Size) {
	l := r.l
	r.bg.Resize(size)
	valueW := max(l.valueWidth, r.value.MinSize().Width)
	h := r.name.MinSize().Height
	y := (size.Height - h) / 2
	r.value.Move(fyne.NewPos(size.Width-linePad-valueW, y))
	r.value.Resize(fyne.NewSize(valueW, h))
	nameW := l.nameWidth
	if nameW == 0 {
		nameW = size.Width - 3*linePad - valueW
	}
	r.name.Text = ellipsize(l.name, nameW-linePad, r.name.TextSize, r.name.TextStyle)
	r.name.Move(fyne.NewPos(linePad, y))
	r.name.Resize(fyne.NewSize(nameW, h))
	if l.bar != nil {
		x := linePad + nameW
		l.bar.Move(fyne.NewPos(x, 0))
		l.bar.Resize(fyne.NewSize(max(size.Width-x-2*linePad-valueW, 0), size.Height))
	}
}

func (r *lineRenderer) MinSize() fyne.Size {
	l := r.l
	nameW := l.nameWidth
	if nameW == 0 {
		nameW = fyne.MeasureText(l.name, r.name.TextSize, r.name.TextStyle).Width + linePad
	}
	barW := float32(0)
	if l.bar != nil {
		barW = l.bar.MinSize().Width
	}
	valueW := max(l.valueWidth, r.value.MinSize().Width)
	return fyne.NewSize(linePad+nameW+barW+2*linePad+valueW, r.name.MinSize().Height+2*linePad-2)
}

func (r *lineRenderer) Refresh() {
	fg := theme.Color(theme.ColorNameForeground)
	r.name.Color, r.value.Color = fg, fg
	r.name.TextSize, r.value.TextSize = theme.TextSize(), theme.TextSize()
	r.name.Text, r.value.Text = r.l.name, r.l.value
	r.value.Alignment = fyne.TextAlignTrailing
	r.bg.FillColor = color.Transparent
	if r.l.hovered {
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	r.bg.Refresh()
	r.Layout(r.l.Size())
	r.name.Refresh()
	r.value.Refresh()
	if r.l.bar != nil {
		r.l.bar.Refresh()
	}
}

func (r *lineRenderer) Objects() []fyne.CanvasObject {
	if r.l.bar != nil {
		return []fyne.CanvasObject{r.bg, r.name, r.l.bar, r.value}
	}
	return []fyne.CanvasObject{r.bg, r.name, r.value}
}

func (r *lineRenderer) Destroy() {}

// ellipsize cuts text to fit width, ending it with "…".
func ellipsize(text string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	for n := len(runes) - 1; n > 0; n-- {
		if s := string(runes[:n]) + "…"; fyne.MeasureText(s, size, style).Width <= width {
			return s
		}
	}
	return "…"
}
