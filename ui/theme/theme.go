// Package theme is Taizhang's Fyne theme: the default look, following the
// system's light or dark variant, drawn with the bundled Chinese font so
// text renders the same on PCs without a CJK font and in headless tests.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"taizhang/assets"
)

// Theme delegates everything but fonts to the default theme.
type Theme struct {
	regular, bold fyne.Resource
}

// New returns the theme with the embedded regular and bold faces.
func New() *Theme {
	return &Theme{
		regular: fyne.NewStaticResource("NotoSansSC-Regular.otf", assets.FontRegular),
		bold:    fyne.NewStaticResource("NotoSansSC-Bold.otf", assets.FontBold),
	}
}

var _ fyne.Theme = (*Theme)(nil)

// Font returns the bold face for bold styles (Fyne would otherwise draw
// Chinese bold text regular) and the default monospace face for code.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return t.bold
	default:
		return t.regular
	}
}

func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// Alert-light colours, chosen to read on both light and dark backgrounds.
var (
	Red    = color.NRGBA{R: 0xd9, G: 0x30, B: 0x25, A: 0xff}
	Yellow = color.NRGBA{R: 0xf2, G: 0xb1, B: 0x1a, A: 0xff}
	Green  = color.NRGBA{R: 0x2e, G: 0x9e, B: 0x44, A: 0xff}
	Grey   = color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}
)
