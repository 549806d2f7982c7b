package reports

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	tztheme "taizhang/ui/theme"
)

// segment is one coloured part of a bar.
type segment struct {
	value float64
	color color.Color
}

// bar is a horizontal bar of coloured segments, each as long as its value
// relative to the longest bar of its chart (scale), so bars fill the width
// they are given.
type bar struct {
	widget.BaseWidget
	segments []segment
	scale    float64
}

func newBar(scale float64, segs ...segment) *bar {
	b := &bar{segments: segs, scale: scale}
	b.ExtendBaseWidget(b)
	return b
}

func (b *bar) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{b: b}
	for _, s := range b.segments {
		rect := canvas.NewRectangle(s.color)
		rect.CornerRadius = 2
		r.rects = append(r.rects, rect)
	}
	return r
}

type barRenderer struct {
	b     *bar
	rects []*canvas.Rectangle
}

func (r *barRenderer) Layout(size fyne.Size) {
	h := float32(14)
	y := (size.Height - h) / 2
	x := float32(0)
	for i, s := range r.b.segments {
		w := float32(0)
		if r.b.scale > 0 {
			w = size.Width * float32(s.value/r.b.scale)
		}
		r.rects[i].Move(fyne.NewPos(x, y))
		r.rects[i].Resize(fyne.NewSize(w, h))
		x += w
	}
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(60, 14) }
func (r *barRenderer) Refresh() {
	for i, s := range r.b.segments {
		r.rects[i].FillColor = s.color
		r.rects[i].Refresh()
	}
}
func (r *barRenderer) Objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(r.rects))
	for i, x := range r.rects {
		out[i] = x
	}
	return out
}
func (r *barRenderer) Destroy() {}

// chartRow is one bar of a chart: its name, the bar, its value written out,
// and what tapping it shows.
type chartRow struct {
	name     string
	segments []segment
	value    string
	tap      func()
}

// nameWidth is the width of a chart's name column: room for a department's
// usual full name; longer names are cut with an ellipsis.
const nameWidth = 190

// barChart draws rows as horizontal bars, all scaled to the longest and
// starting and ending at the same place, so their lengths compare.
func barChart(rows []chartRow) fyne.CanvasObject {
	if len(rows) == 0 {
		return widget.NewLabel(lang.L("stats.none"))
	}
	scale, valueW := 0.0, float32(0)
	for _, r := range rows {
		total := 0.0
		for _, s := range r.segments {
			total += s.value
		}
		scale = max(scale, total)
		valueW = max(valueW, fyne.MeasureText(r.value, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	box := container.NewVBox()
	for _, r := range rows {
		l := newLine(r.name, r.value, r.tap)
		l.bar, l.nameWidth, l.valueWidth = newBar(scale, r.segments...), nameWidth, valueW
		box.Add(l)
	}
	return box
}

// legend names the colours of a chart.
func legend(items ...segmentName) fyne.CanvasObject {
	box := container.NewHBox()
	for _, it := range items {
		sw := canvas.NewRectangle(it.color)
		sw.CornerRadius = 2
		box.Add(container.NewCenter(container.NewGridWrap(fyne.NewSize(12, 12), sw)))
		box.Add(widget.NewLabel(it.name))
	}
	return box
}

type segmentName struct {
	name  string
	color color.Color
}

// Chart colours: done reads as the theme's primary, overdue as the red
// light, still open as a quiet grey.
func doneColor() color.Color    { return theme.Color(theme.ColorNamePrimary) }
func overdueColor() color.Color { return tztheme.Red }
func openColor() color.Color {
	return color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0x80}
}
