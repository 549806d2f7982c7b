package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// A department's workbook carries its own 单位 sheet with 简称, after the
// ledger that uses them: the ledger's aliases resolve through it, so no
// alias becomes a unit of its own.
func TestUnitSheetResolvesAliasesOfOtherSheets(t *testing.T) {
	path := writeSheets(t,
		testSheet{name: "附件1", rows: [][]any{
			{"编号", "事项名称", "牵头单位", "配合单位", "完成时限"},
			{"CW-1", "事项一", "市发改委", "财政局、市教育局", "2019.3.31"},
			{"CW-2", "事项二", "市发展和改革委员会", "", "2019.4.30"},
		}},
		testSheet{name: "单位", rows: [][]any{
			{"单位全称", "简称"},
			{"市发展和改革委员会", "市发改委、发改委"},
			{"市财政局", "财政局"},
		}},
	)
	dict := model.NewUnitDict(nil)
	res, err := Read(path, ReadOptions{Units: dict, Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)

	var tasks []*model.Task
	for _, in := range res.Rows {
		if tk, ok := in.Record.(*model.Task); ok {
			tasks = append(tasks, tk)
		}
	}
	require.Len(t, tasks, 2)
	assert.Equal(t, "市发展和改革委员会", tasks[0].LeadUnit, "市发改委 is the 单位 sheet's alias")
	assert.Equal(t, []model.UnitRole{
		{Name: "市发展和改革委员会", Role: model.RoleLead},
		{Name: "市财政局", Role: model.RoleCooperating},
		{Name: "市教育局", Role: model.RoleCooperating},
	}, tasks[0].Units)
	assert.Equal(t, "市发展和改革委员会", tasks[1].LeadUnit)
	assert.Equal(t, []string{"市教育局"}, res.UnknownUnits, "only the unit the 单位 sheet does not list is new")

	require.Len(t, res.Report.Sheets, 2)
	assert.Equal(t, "附件1", res.Report.Sheets[0].Sheet, "sheets are reported in the workbook's order")
	assert.Equal(t, "单位", res.Report.Sheets[1].Sheet)
	assert.Len(t, res.Rows, 4, "two tasks and two units")
	assert.Empty(t, dict.Units(), "the caller's dictionary is left as it was")
}
