package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// Without a 填报日期 line, a year-less date (5月20日, 6月底) takes its year
// from the title (2019年上半年…) or the sheet's name (2019年督办台账), not
// from the day the file was saved, which may be years later.
func TestYearlessDatesTakeTheTitleYear(t *testing.T) {
	path := writeSheets(t,
		testSheet{name: "调研台账", mergeTitle: true, rows: [][]any{
			{"2019年上半年市领导调研情况登记表"},
			{"走访编号", "调研时间", "带队领导", "调研地点"},
			{"DY-04", "5月20日", "王市长", "王庄村"},
			{"DY-05", "6月30日-7月2日", "李副市长", "东湖镇"},
		}},
		testSheet{name: "2019年督办台账", rows: [][]any{
			{"编号", "事项名称", "牵头单位", "完成时限"},
			{"D-1", "新建幼儿园", "市教育局", "6月底"},
		}},
		testSheet{name: "2018-2019年问题清单", mergeTitle: true, rows: [][]any{
			{"2018年、2019年走访问题汇总"},
			{"问题描述", "走访编号", "提出日期"},
			{"道路破损", "DY-04", "5月20日"},
		}},
	)
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 4)

	v := res.Rows[0].Record.(*model.Visit)
	assert.Equal(t, model.NewDate(2019, 5, 20), v.StartOn, "the title's year")
	v = res.Rows[1].Record.(*model.Visit)
	assert.Equal(t, model.NewDate(2019, 6, 30), v.StartOn)
	assert.Equal(t, model.NewDate(2019, 7, 2), v.EndOn)

	tk := res.Rows[2].Record.(*model.Task)
	assert.Equal(t, model.NewDate(2019, 6, 30), tk.Deadline.Due, "the sheet name's year")
	assert.Equal(t, model.DeadlineMonthEnd, tk.Deadline.Type)

	p := res.Rows[3].Record.(*model.Problem)
	assert.NotEqual(t, 2018, p.RaisedOn.Y, "a title naming two years decides nothing")
	assert.NotEqual(t, 2019, p.RaisedOn.Y, "nor does a sheet name naming two")
}

func TestTitleRef(t *testing.T) {
	saved := model.NewDate(2019, 7, 5)
	assert.Equal(t, saved, titleRef("Sheet1", []string{"2019年督办事项台账"}, saved), "the file's date is in the named year")
	assert.Equal(t, model.NewDate(2019, 12, 31), titleRef("Sheet1", []string{"２０１９年度督办事项台账"}, model.NewDate(2026, 11, 26)))
	assert.Equal(t, model.NewDate(2019, 6, 30), titleRef("2019年6月调度表", nil, model.NewDate(2026, 11, 26)), "a named month")
	assert.True(t, titleRef("Sheet1", []string{"督办事项台账"}, saved).IsZero())
}
