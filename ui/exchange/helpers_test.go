package exchange_test

import (
	"html"
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

var drawnText = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// texts are the texts drawn under o (table and list cells included), in
// the order Fyne's markup lists them.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, m := range drawnText.FindAllStringSubmatch(test.RenderObjectToMarkup(o), -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}
