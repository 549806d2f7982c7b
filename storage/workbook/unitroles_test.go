package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func TestUnitRolesCarriedBySheet(t *testing.T) {
	lead, resp, coop := model.RoleLead, model.RoleResponsible, model.RoleCooperating
	path := writeSheets(t,
		testSheet{name: "牵头配合", rows: [][]any{
			{"编号", "事项名称", "牵头单位", "配合单位"},
			{"A1", "一", "市发改委", "市财政局"},
			{"A2", "二", "市发改委、市住建局", "市财政局"}, // the other lead-cell unit is responsible
			{"A3", "三", "市教育局", nil},
		}},
		testSheet{name: "只有牵头", rows: [][]any{
			{"编号", "事项名称", "牵头单位"},
			{"B1", "一", "市发改委"},
			{"B2", "二", "牵头：市农业局；配合：市住建局"}, // markers in the cell give cooperating
		}},
		testSheet{name: "三种单位", rows: [][]any{
			{"编号", "事项名称", "牵头单位", "责任单位", "配合单位"},
			{"C1", "一", "市发改委", nil, nil},
		}},
		testSheet{name: "只有责任", rows: [][]any{
			{"编号", "事项名称", "责任单位"},
			{"D1", "一", "市教育局"},
		}},
		testSheet{name: "没有单位", rows: [][]any{
			{"编号", "事项名称", "完成时限"},
			{"E1", "一", "6月底"},
		}},
	)
	res, err := Read(path, ReadOptions{Units: testUnits()})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	roles := map[string][]model.Role{}
	for _, in := range res.Rows {
		roles[in.Record.(*model.Task).Number] = in.UnitRoles
	}
	assert.Equal(t, []model.Role{lead, coop}, roles["A1"], "no 责任单位 column: local responsible units are kept")
	assert.Nil(t, roles["A2"], "the second unit of the 牵头单位 cell is responsible: every role is carried")
	assert.Equal(t, []model.Role{lead, coop}, roles["A3"])
	assert.Equal(t, []model.Role{lead}, roles["B1"])
	assert.Equal(t, []model.Role{lead, coop}, roles["B2"])
	assert.Nil(t, roles["C1"], "all three unit columns")
	assert.Equal(t, []model.Role{lead, resp}, roles["D1"], "a lone 责任单位 column: its first unit leads")
	assert.Nil(t, roles["E1"])
	for _, in := range res.Rows {
		if in.Record.(*model.Task).Number == "E1" {
			assert.NotContains(t, in.Fields, "units")
		}
	}
}

func TestUnitRolesProposals(t *testing.T) {
	path := writeSheets(t,
		testSheet{name: "主办", rows: [][]any{
			{"建议号", "案由", "主办单位"},
			{1, "一", "市教育局"},
			{2, "二", "市教育局、市财政局"},
		}},
		testSheet{name: "全部", rows: [][]any{
			{"提案号", "案由", "主办单位", "会办单位", "分办单位"},
			{1, "一", "市教育局", nil, nil},
		}},
	)
	res, err := Read(path, ReadOptions{Units: testUnits()})
	require.NoError(t, err)
	require.Len(t, res.Rows, 3)
	assert.Equal(t, []model.Role{model.RoleLead}, res.Rows[0].UnitRoles)
	assert.Equal(t, []model.Role{model.RoleLead, model.RoleCo}, res.Rows[1].UnitRoles)
	assert.Nil(t, res.Rows[2].UnitRoles)
}

func TestUnitRolesDepartmentLedger(t *testing.T) {
	res, err := Read("testdata/ledger.xlsx", ReadOptions{Units: testUnits()})
	require.NoError(t, err)
	require.Len(t, res.Rows, 6)
	assert.Nil(t, res.Rows[0].UnitRoles, "市发改委、市财政局 in 牵头单位: the second is responsible")
	assert.Equal(t, []model.Role{model.RoleLead, model.RoleCooperating}, res.Rows[2].UnitRoles)
}
