package exchange_test

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// The plan's updated rows say what changes, old → new, per field.
func TestImportWizardShowsOldAndNewValues(t *testing.T) {
	e := newEnv(t)
	write := func(progress string) string {
		f := excelize.NewFile()
		defer f.Close()
		rows := [][]any{{"编号", "事项名称", "牵头单位", "办理进展"}, {"督〔2026〕7号", "河道整治", "市住建局", progress}}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
		}
		path := filepath.Join(t.TempDir(), "台账.xlsx")
		require.NoError(t, f.SaveAs(path))
		return path
	}
	imp := e.choose(write("已部署"))
	test.Tap(imp.ApplyButton())

	second := write("已开工建设")
	imp.Pick = func(chosen func([]string)) { chosen([]string{second}) }
	test.Tap(imp.ChooseButton())
	require.True(t, imp.Tabs().Visible())
	imp.Tabs().SelectIndex(2)
	updated := strings.Join(texts(imp.Tabs().Items[2].Content), "\n")
	assert.Contains(t, updated, "已部署 → 已开工建设")
}

// Two departments' returns of one item disagree: the conflicts tab names
// the two files, since neither value is this computer's.
func TestImportWizardNamesBothReturnsOfAConflict(t *testing.T) {
	e := newEnv(t)
	write := func(dir, name, number, progress string) string {
		f := excelize.NewFile()
		defer f.Close()
		rows := [][]any{{"编号", "事项名称", "牵头单位", "办理进展"}, {number, "河道整治", "市住建局", progress}}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
		}
		path := filepath.Join(dir, name)
		require.NoError(t, f.SaveAs(path))
		return path
	}
	imp := e.choose(write(t.TempDir(), "台账.xlsx", "督〔2026〕7号", "已部署"))
	test.Tap(imp.ApplyButton())

	dir := t.TempDir()
	a, b := write(dir, "住建局.xlsx", "督[2026]7号", "已开工"), write(dir, "财政局.xlsx", "督〔2026〕07号", "资金已拨付")
	imp.Pick = func(chosen func([]string)) { chosen([]string{a, b}) }
	test.Tap(imp.ChooseButton())
	require.True(t, imp.Tabs().Visible())
	imp.Tabs().SelectIndex(4)
	conflicts := strings.Join(texts(imp.Tabs().Items[4].Content), "\n")
	assert.Contains(t, conflicts, "督〔2026〕7号 · 办理进展：住建局.xlsx「已开工」，财政局.xlsx「资金已拨付」")
}
