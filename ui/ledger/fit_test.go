package ledger

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"

	tztheme "taizhang/ui/theme"
)

// TestFitCutsWhatTheCellCannotShow checks the estimate against the width
// Fyne measures with the bundled font: what fit keeps always fits.
func TestFitCutsWhatTheCellCannotShow(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	title := "推进城北区营商环境优化专项行动暨老旧小区加装电梯三年攻坚"
	for _, tc := range []struct {
		text  string
		width float32
	}{
		{title, 240}, {title, 120}, {"督〔2026〕115号-WWW-mmm", 100}, {"市住房和城乡建设局、市发展和改革委员会", 150},
	} {
		got := fit(tc.text, tc.width)
		assert.True(t, strings.HasSuffix(got, "…"), "%q is cut in %v", tc.text, tc.width)
		assert.True(t, strings.HasPrefix(tc.text, strings.TrimSuffix(got, "…")))
		shown := fyne.MeasureText(got, 14, fyne.TextStyle{}).Width
		assert.LessOrEqual(t, shown, tc.width-2*8, "%q fits in %v (measured %v)", got, tc.width, shown)
		assert.Greater(t, shown, (tc.width-2*8)*0.6, "%q does not waste the cell", got)
	}
	assert.Equal(t, "推进老旧小区改造", fit("推进老旧小区改造", 240), "what fits stays whole")
	assert.Equal(t, "督1", fit("督1", 60))
}
