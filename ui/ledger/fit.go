package ledger

import (
	"unicode/utf8"

	"fyne.io/fyne/v2/theme"
)

// fit cuts text to what fits in a cell of the given width, ending in "…".
//
// The cells do not use the label's own ellipsis truncation: Fyne 2.7 shapes
// every truncated label with a fresh HarfBuzz font, about 1.4 ms per new
// text with the bundled CJK font, so a page of new search results took
// ~250 ms to lay out (measured). Widths here are estimated from the
// character classes of Noto Sans CJK: ideographs and full-width forms are
// one em, ASCII at most 0.62 em on average, so the estimate errs on the
// short side.
func fit(text string, width float32) string {
	if width <= 0 {
		return text
	}
	size := theme.TextSize()
	avail := width - 2*theme.InnerPadding()
	if textWidth(text, size) <= avail {
		return text
	}
	avail -= size // the ellipsis
	var w float32
	for i, r := range text {
		w += runeWidth(r, size)
		if w > avail {
			return text[:i] + "…"
		}
	}
	return text
}

// fits reports whether text shows whole in a cell of the given width.
func fits(text string, width float32) bool {
	return width <= 0 || textWidth(text, theme.TextSize()) <= width-2*theme.InnerPadding()
}

func textWidth(s string, size float32) float32 {
	if len(s) == utf8.RuneCountInString(s) { // ASCII only
		return float32(len(s)) * 0.62 * size
	}
	var w float32
	for _, r := range s {
		w += runeWidth(r, size)
	}
	return w
}

func runeWidth(r rune, size float32) float32 {
	if r < 0x80 {
		return 0.62 * size
	}
	return size
}
