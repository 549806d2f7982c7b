package exchange_test

import (
	"html"
	"regexp"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"taizhang/ui/exchange"
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

// choose opens the import wizard on e's store and chooses paths in it, as
// a user does in the file dialog: the plan is on screen when it returns.
func (e *env) choose(paths ...string) *exchange.Import {
	imp := exchange.NewImport(exchange.ImportDeps{Exchanger: e.ex, Window: e.win, Run: e.run})
	imp.Pick = func(chosen func([]string)) { chosen(paths) }
	e.win.SetContent(imp.Content())
	test.Tap(imp.ChooseButton())
	return imp
}
