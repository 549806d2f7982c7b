package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// A problem list says whether each problem is solved in a 是否解决 column
// (是 / 否 / 已解决) and when in 办结时间: a person reads the first as solved
// on that day, the second as being worked on (解决情况 正在协调).
func TestProblemListSolvedYesNoAndDoneTime(t *testing.T) {
	path := writeSheets(t, testSheet{name: "问题清单", rows: [][]any{
		{"2019年调研发现问题清单"},
		{"序号", "问题描述", "责任单位", "提出时间", "是否解决", "解决情况", "办结时间"},
		{1, "王庄村灌溉设施老化", "市农业局", "2019年5月8日", "是", "已更换水泵2台", "2019年6月20日"},
		{2, "消防通道堵塞", "市住建局", "2019.5.14", "否", "正在协调", nil},
		{3, "社区活动场地不足", "市财政局", "2019.5.20", "否", nil, nil},
		{4, "2户住房漏雨", "市财政局", "2019.6.3", "已解决", "已维修", "2019.6.28"},
	}, mergeTitle: true})
	res := readOne(t, path, model.KindProblem)
	require.Len(t, res.Rows, 4)
	for _, w := range res.Warnings {
		assert.NotContains(t, []string{"是否解决", "办结时间"}, w.Header, "a column the problem list has a field for")
	}
	p := res.Rows[0].Record.(*model.Problem)
	assert.Equal(t, model.ProblemStatus("resolved"), p.Status, "是否解决 是")
	assert.Equal(t, model.NewDate(2019, 6, 20), p.ResolvedOn, "办结时间")
	assert.Equal(t, "已更换水泵2台", p.Resolution)
	p = res.Rows[1].Record.(*model.Problem)
	assert.Equal(t, model.ProblemStatus("in_progress"), p.Status, "否, and 正在协调 says it is being worked on")
	assert.True(t, p.ResolvedOn.IsZero())
	assert.Equal(t, model.ProblemStatus("open"), res.Rows[2].Record.(*model.Problem).Status, "否 alone")
	p = res.Rows[3].Record.(*model.Problem)
	assert.Equal(t, model.ProblemStatus("resolved"), p.Status, "已解决 in the yes/no column")
	assert.Equal(t, model.NewDate(2019, 6, 28), p.ResolvedOn)
}

// A village profile keeps one year a row: the same village on two rows of
// one sheet is one village with two years, not a duplicate row.
func TestVillageProfileYearARow(t *testing.T) {
	path := writeSheets(t, testSheet{name: "村基本情况", rows: [][]any{
		{"对口帮扶村基本情况表"},
		{"村名", "所属乡镇", "年度", "总户数", "总人口", "建档立卡贫困户", "贫困人口"},
		{"王庄村", "城关镇", "2018年", "118户", "450人", "32户", "97人"},
		{"王庄村", "城关镇", "2019年度", "120户", "456人", 30, 91},
		{"王庄村", "城关镇", "2019年度", "121户", "456人", 30, 91},
	}, mergeTitle: true})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1, "one village")
	v := res.Rows[0].Record.(*model.Village)
	assert.Equal(t, "王庄村", v.Name)
	assert.Equal(t, "城关镇", v.Township)
	assert.Equal(t, []model.VillageYear{
		{ID: "2018", Year: 2018, Households: 118, People: 450, PoorHouseholds: 32, PoorPeople: 97},
		{ID: "2019", Year: 2019, Households: 120, People: 456, PoorHouseholds: 30, PoorPeople: 91},
	}, v.Years, "its two years")
	require.Len(t, res.Rejected, 1, "the same year twice is a duplicate")
	assert.Equal(t, 5, res.Rejected[0].Row)
}
