package common_test

import (
	"fmt"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/ui/common"
	"taizhang/ui/i18n"
	tztheme "taizhang/ui/theme"
)

var drawnRow = regexp.MustCompile(`<text[^>]*size="(\d+)x\d+"[^>]*>([^<]*)</text>`)

// A Chinese paragraph with a space early on (a number, as in the
// statistics draft) fills each line instead of breaking at that space.
func TestChineseParagraphFillsItsLines(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	l := widget.NewLabel("截至 11 月底，共跟踪督办事项三千二百项，其中本期新交办二百一十项；已办结一千五百项，办结率百分之四十六点九；按期办结率百分之八十二；逾期未办结四十项。")
	l.Wrapping = common.Wrap()
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(420, 400))
	rows := drawnRow.FindAllStringSubmatch(test.RenderObjectToMarkup(l), -1)
	require.Greater(t, len(rows), 2, "the paragraph wraps")
	for _, r := range rows[:len(rows)-1] {
		var width int
		_, _ = fmt.Sscan(r[1], &width)
		assert.Greater(t, width, 300, "line %q is cut short", r[2])
	}
}
