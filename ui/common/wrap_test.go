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

// The statistics draft as drawn: no line starts with closing punctuation,
// none ends with an opening bracket, numbers stay whole, every line fits
// and the text is all there.
func TestParagraphFollowsChineseLineBreakingRules(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	draft := "2026年11月，共跟踪督办事项43131项，其中本期新交办718项；已办结23104项、办结率53.6%，已销号496项；按期办结率74.3%，逾期未办结3459项；到基层调研4次、4天，联系基层单位4个、4次，发现问题4个，协调解决调研发现问题3个；60个基层联系点共走访6次（58个点次未按月走访），解决问题9个；走访帮扶村2次，为帮扶村协调资金5024万元（财政专项资金1489万元、部门整合资金1211万元、帮扶单位投入1096万元、社会捐赠605万元、群众自筹319万元、协调争取资金304万元），新开工帮扶项目9个。"
	for _, width := range []float32{300, 420, 611, 640} {
		p := common.NewParagraph(draft)
		w := test.NewTempWindow(t, p)
		w.Resize(fyne.NewSize(width, 800))
		rows := drawnRow.FindAllStringSubmatch(test.RenderObjectToMarkup(p), -1)
		require.Greater(t, len(rows), 2, "the paragraph wraps at %v", width)
		var all string
		for i, r := range rows {
			var drawn int
			_, _ = fmt.Sscan(r[1], &drawn)
			line := []rune(r[2])
			all += r[2]
			assert.LessOrEqual(t, float32(drawn), p.Size().Width, "line %q fits", r[2])
			assert.NotContains(t, "，。、；：）%", string(line[0]), "line %q starts with closing punctuation", r[2])
			assert.NotContains(t, "（", string(line[len(line)-1]), "line %q ends with an opening bracket", r[2])
			if i > 0 {
				prev := []rune(rows[i-1][2])
				assert.False(t, isDigit(prev[len(prev)-1]) && isDigit(line[0]), "a number is split: %q / %q", rows[i-1][2], r[2])
			}
		}
		assert.Equal(t, draft, all, "nothing lost at %v", width)
		assert.Equal(t, draft, p.Source())
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
