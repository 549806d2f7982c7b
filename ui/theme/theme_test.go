package theme

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inked counts pixels that differ from the background (the top-left pixel):
// a glyph drawn as "�" or nothing leaves far fewer than real Chinese characters.
func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return n
}

func TestChineseRendersWithBundledFont(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New())

	capture := func(text string, bold bool) image.Image {
		lbl := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		w := test.NewTempWindow(t, lbl)
		w.Resize(fyne.NewSize(300, 60))
		return w.Canvas().Capture()
	}
	regular := inked(capture("督办事项亮灯", false))
	bold := inked(capture("督办事项亮灯", true))
	require.Greater(t, regular, 150, "Chinese characters should be drawn with strokes")
	assert.Greater(t, bold, regular, "bold Chinese text should carry more ink than regular")
}

func TestFontFaces(t *testing.T) {
	th := New()
	assert.NotEqual(t, th.Font(fyne.TextStyle{}).Content(), th.Font(fyne.TextStyle{Bold: true}).Content())
	assert.Equal(t, "NotoSansSC-Bold.otf", th.Font(fyne.TextStyle{Bold: true, Italic: true}).Name())
}
