package workbook

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// A unit merged down rows leads every row it covers; the same path saved
// again with the merge over other rows is read by its new merges, though
// an import's two passes over one file search the merges once.
func TestMergesFollowTheFileNotItsPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "merged.xlsx")
	write := func(mergeTo string) {
		f := excelize.NewFile()
		defer f.Close()
		s := "Sheet1"
		rows := [][]any{{"督办编号", "事项名称", "牵头单位"},
			{"D1", "事项一", "市财政局"}, {"D2", "事项二"}, {"D3", "事项三"}, {"D4", "事项四", "市教育局"}}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, f.SetSheetRow(s, cell, &r))
		}
		require.NoError(t, f.MergeCell(s, "C2", mergeTo))
		require.NoError(t, f.SaveAs(path))
	}
	leads := func() []string { return leadUnits(t, path) }
	write("C4")
	want := []string{"市财政局", "市财政局", "市财政局", "市教育局"}
	assert.Equal(t, want, leads())
	assert.Equal(t, want, leads(), "read again")
	write("C3")
	assert.Equal(t, []string{"市财政局", "市财政局", "", "市教育局"}, leads(), "saved again with a smaller merge")
}

// leadUnits are the lead units of the tasks the workbook at path gives, in
// row order.
func leadUnits(t *testing.T, path string) []string {
	t.Helper()
	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	var out []string
	for _, in := range res.Rows {
		out = append(out, in.Record.(*model.Task).LeadUnit)
	}
	return out
}
