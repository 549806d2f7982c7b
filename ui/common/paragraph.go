package common

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Paragraph is a label for long text that breaks its own lines at its
// width, by the rules of Chinese typesetting: any two characters may part,
// except that closing punctuation (，。、；) never starts a line, opening
// brackets never end one, and Latin words and numbers stay whole. Fyne's
// wraps cannot do this: word wrap breaks only at spaces, break wrap puts
// "，" at the start of a line.
type Paragraph struct {
	widget.Label
	source string
	width  float32 // the width Text was broken for
}

func NewParagraph(text string) *Paragraph {
	p := &Paragraph{source: text}
	p.Label.Text = text
	p.ExtendBaseWidget(p)
	return p
}

// Source is the text without the line breaks added for the width.
func (p *Paragraph) Source() string { return p.source }

func (p *Paragraph) SetText(text string) {
	p.source = text
	p.Label.Text = p.broken(p.width)
	p.Refresh()
}

func (p *Paragraph) Resize(s fyne.Size) {
	if s.Width != p.width {
		p.width = s.Width
		p.Label.Text = p.broken(s.Width)
		p.Label.Refresh()
	}
	p.Label.Resize(s)
}

// MinSize is as tall as the lines at the current width, and narrow: the
// text fits any width it is given.
func (p *Paragraph) MinSize() fyne.Size {
	m := p.Label.MinSize()
	return fyne.NewSize(min(m.Width, 4*theme.TextSize()), m.Height)
}

func (p *Paragraph) broken(width float32) string {
	if width <= 0 {
		return p.source
	}
	return BreakLines(p.source, width-2*theme.InnerPadding()-1, theme.TextSize(), p.TextStyle)
}

// Characters that may not start a line, and that may not end one.
const (
	noLineStart = "，。、；：？！）》」』】〕〉”’…%·,.;:?!)]}"
	noLineEnd   = "（《「『【〔〈“‘([{"
)

func isWordRune(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '%' || r == '-')
}

// BreakLines puts line breaks into text so that each line fits width when
// drawn at size in style, following the rules Paragraph describes.
func BreakLines(text string, width, size float32, style fyne.TextStyle) string {
	widths := map[rune]float32{}
	w := func(r rune) float32 {
		v, ok := widths[r]
		if !ok {
			v = fyne.MeasureText(string(r), size, style).Width
			widths[r] = v
		}
		return v
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		runes := []rune(para)
		start, used := 0, float32(0)
		for i := 0; i < len(runes); i++ {
			used += w(runes[i])
			if used <= width || i == start {
				continue
			}
			b := i // runes[b] goes to the next line
			for k := 0; k < 2 && b > start+1 && strings.ContainsRune(noLineStart, runes[b]); k++ {
				b--
			}
			if b > start+1 && strings.ContainsRune(noLineEnd, runes[b-1]) {
				b--
			}
			if isWordRune(runes[b]) && isWordRune(runes[b-1]) {
				j := b
				for j > start && isWordRune(runes[j-1]) {
					j--
				}
				if j > start {
					b = j
				}
			}
			out = append(out, string(runes[start:b]))
			start, used = b, 0
			for _, r := range runes[start : i+1] {
				used += w(r)
			}
		}
		out = append(out, string(runes[start:]))
	}
	return strings.Join(out, "\n")
}
