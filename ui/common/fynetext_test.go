package common_test

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/ui/common"
	"taizhang/ui/i18n"
	tztheme "taizhang/ui/theme"
)

var drawnText = regexp.MustCompile(`<text[^>]*>([^<]+)</text>`)

func drawnTexts(c fyne.Canvas) []string {
	var out []string
	for _, m := range drawnText.FindAllStringSubmatch(test.RenderToMarkup(c), -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

// The test locale is C, which Fyne reads as English: what Fyne itself
// writes must still come out in the app's language.
func TestFyneOwnTextsFollowTheAppLanguage(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1000, 700))

	w.SetContent(common.NewSelect([]string{"甲", "乙"}, nil))
	seen := drawnTexts(w.Canvas())
	assert.Contains(t, seen, "（请选择）")
	assert.NotContains(t, seen, "(Select one)")

	d := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, w)
	d.Resize(fyne.NewSize(900, 600))
	common.ShowFileDialog(d, w)
	seen = drawnTexts(w.Canvas())
	assert.Contains(t, seen, "主文件夹", "Home")
	assert.Contains(t, seen, "取消")
	assert.Contains(t, seen, "打开 文件", "the dialog's title")
	for _, english := range []string{"Home", "Computer", "Cancel", "Open", "Open File", "Show Hidden Files"} {
		assert.NotContains(t, seen, english)
	}
}
