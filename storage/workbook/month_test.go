package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// Funds and projects are often dated by month only: the fund and the start
// take the month's first day, the finish its last, each with a note.
func TestMonthOnlyDatesForFundsAndProjects(t *testing.T) {
	path := writeSheets(t,
		testSheet{name: "帮扶资金", rows: [][]any{
			{"到位时间", "资金来源", "金额（万元）", "项目"},
			{"2019年5月", "省级财政专项", "115", "蔬菜大棚"},
		}},
		testSheet{name: "帮扶项目", rows: [][]any{
			{"项目名称", "所在村", "开工时间", "完工时间"},
			{"蔬菜大棚", "石门村", "2019.4", "2019年9月"},
		}})
	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	for _, in := range res.Rows {
		switch v := in.Record.(type) {
		case *model.Fund:
			assert.Equal(t, model.NewDate(2019, 5, 1), v.Date)
			assert.Equal(t, model.Fen(115_0000_00), v.AmountFen)
		case *model.Project:
			assert.Equal(t, model.NewDate(2019, 4, 1), v.StartOn)
			assert.Equal(t, model.NewDate(2019, 9, 30), v.FinishOn)
		}
	}
	assert.Len(t, res.Notes, 3)
	assert.Contains(t, res.Notes[0], "只有年月")

	// A visit's date is a day: a month alone is still rejected there.
	path = writeSheets(t, testSheet{name: "走访调研", rows: [][]any{
		{"走访编号", "日期", "带队领导", "地点"},
		{"ZF-1", "2019年5月", "王明", "某县"},
	}})
	res, err = Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	assert.Len(t, res.Rejected, 1)
}
