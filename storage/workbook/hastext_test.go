package workbook

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// hasText decides a blank cell as strings.TrimSpace does: full-width and
// no-break spaces, line separators and broken bytes included.
func TestHasTextIsTrimSpace(t *testing.T) {
	for _, v := range []string{"", " ", "\t\n\v\f\r", "a", " a", "a ", "\u3000", "\u3000事项", "\u00a0", "\u0085", "\u2028x",
		"\xff", " \xff", "\xe4\xb8", "事项", "\x00", "\x1f", "\u200b"} {
		assert.Equal(t, strings.TrimSpace(v) != "", hasText(v), "%q", v)
	}
}

// Total and footer rows are told however their words are padded:
// full-width spaces, punctuation, line breaks; a title that merely
// contains 合计 is data.
func TestTotalAndFooterRowsAreNotData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "totals.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"督办编号", "事项名称", "牵头单位"}, {"D1", "事项一", "市财政局"},
		{"\u3000合计", "", "3项"}, {" *总计：", "2"}, {"\n小计", "1"}, {"D2", "合计数据核对", "市教育局"},
		{"", "制表人：张三", "审核人：李四"}, {"D3", "事项三", "市教育局"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	require.NoError(t, f.SaveAs(path))
	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	var titles []string
	for _, in := range res.Rows {
		titles = append(titles, in.Record.(*model.Task).Title)
	}
	assert.Equal(t, []string{"事项一", "合计数据核对", "事项三"}, titles)
	assert.Empty(t, res.Rejected)
}
