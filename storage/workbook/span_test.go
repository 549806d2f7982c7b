package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// A visit that lasted several days is written in one date cell.
func TestVisitDateCellTakesASpanOfDays(t *testing.T) {
	path := writeSheets(t, testSheet{name: "走访调研", rows: [][]any{
		{"走访编号", "走访类型", "日期", "带队领导", "地点"},
		{"ZF-1", "调研", "2019年5月6日-8日", "王明", "某县"},
		{"ZF-2", "调研", "2019年6月10日至11日", "李华", "某镇"},
		{"ZF-3", "调研", "2019.6.3", "李华", "某村"},
		{"ZF-4", "调研", "2019年6月8日-6日", "李华", "某村"},
	}})
	res, err := Read(path, ReadOptions{Lang: "en"})
	require.NoError(t, err)
	got := map[string][2]model.Date{}
	for _, in := range res.Rows {
		v := in.Record.(*model.Visit)
		got[v.Number] = [2]model.Date{v.StartOn, v.EndOn}
		assert.Contains(t, in.Fields, "end_on")
	}
	assert.Equal(t, [2]model.Date{model.NewDate(2019, 5, 6), model.NewDate(2019, 5, 8)}, got["ZF-1"])
	assert.Equal(t, [2]model.Date{model.NewDate(2019, 6, 10), model.NewDate(2019, 6, 11)}, got["ZF-2"])
	assert.Equal(t, [2]model.Date{model.NewDate(2019, 6, 3), model.NewDate(2019, 6, 3)}, got["ZF-3"])
	require.Len(t, res.Rejected, 1, "a span that ends before it starts is rejected")
	assert.Equal(t, 5, res.Rejected[0].Row)
	assert.Equal(t, "C", res.Rejected[0].Column)
}
