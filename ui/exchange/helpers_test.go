package exchange_test

import (
	"html"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

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

func findLabel(t *testing.T, o fyne.CanvasObject, text string) *widget.Label {
	t.Helper()
	return find(t, o, text, func(l *widget.Label) string { return l.Text })
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return find(t, o, text, func(b *widget.Button) string { return b.Text })
}

// find is the first widget of type W laid out under o that shows text.
func find[W fyne.CanvasObject](t *testing.T, o fyne.CanvasObject, text string, shows func(W) string) W {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if w, ok := x.(W); ok && shows(w) == text {
			return w
		}
	}
	var none W
	require.Failf(t, "not shown", "%T %q", none, text)
	return none
}
