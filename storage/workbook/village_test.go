package workbook

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

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

// A projects ledger groups 受益户数 and 其中贫困户 under 受益情况, and puts
// 计划投资 / 实际投资 under 投资（万元）: every cell lands in its field.
func TestProjectTwoLevelHeader(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"2019年帮扶项目推进情况表"},
		{"序号", "项目名称", "项目类别", "建设内容及规模", "投资（万元）", nil, "建设时间", nil, "进展情况", "受益情况", nil},
		{nil, nil, nil, nil, "计划投资", "实际投资", "开工时间", "完工时间", nil, "受益户数", "其中贫困户"},
		{1, "蔬菜大棚", "产业扶贫", "21座大棚", 115, 115, "2019年3月", "2019年6月", "已完工", "120户", "30户"},
		{"合计", nil, nil, nil, 115, 115, nil, nil, nil, 120, 30},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &row))
	}
	require.NoError(t, f.MergeCell(sh, "A1", "K1"))
	for _, c := range []string{"A", "B", "C", "D", "I"} {
		require.NoError(t, f.MergeCell(sh, c+"2", c+"3"))
	}
	for _, m := range [][2]string{{"E2", "F2"}, {"G2", "H2"}, {"J2", "K2"}} {
		require.NoError(t, f.MergeCell(sh, m[0], m[1]))
	}
	path := filepath.Join(t.TempDir(), "projects.xlsx")
	require.NoError(t, f.SaveAs(path))

	res := readOne(t, path, model.KindProject)
	require.Len(t, res.Rows, 1, "the 合计 row is no project")
	for _, w := range res.Warnings {
		assert.NotEqual(t, "受益情况/其中贫困户", w.Header, "其中贫困户 is the poor households")
	}
	p := res.Rows[0].Record.(*model.Project)
	assert.Equal(t, "蔬菜大棚", p.Name)
	assert.Equal(t, model.ProjectCategory("产业发展"), p.Category)
	assert.Equal(t, "21座大棚", p.Content)
	assert.Equal(t, model.Fen(115_0000_00), p.PlannedFen)
	assert.Equal(t, model.Fen(115_0000_00), p.ActualFen)
	assert.Equal(t, model.NewDate(2019, 3, 1), p.StartOn)
	assert.Equal(t, model.NewDate(2019, 6, 30), p.FinishOn)
	assert.Equal(t, model.ProjectStatus("done"), p.Status)
	assert.Equal(t, 120, p.Households)
	assert.Equal(t, 30, p.PoorHouseholds)
	assert.Empty(t, p.Extra)
}

// Ledgers fill a cell that has nothing to say with a dash, a slash or 无:
// a person reads no value there, not a bad one, and the row is imported.
func TestPlaceholderCellsAreEmpty(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "计划投资（万元）", "实际投资（万元）", "开工时间", "完工时间", "完成进度", "受益户数", "数量"},
		{"饮水安全", 20, "—", "2019年5月", "/", "-", "无", "——"},
		{"村道硬化", 60, "／", "2019.4", "暂无", "－", "/", "—"},
	}}, testSheet{name: "问题清单", rows: [][]any{
		{"问题描述", "提出时间", "是否解决", "解决日期"},
		{"消防通道堵塞", "2019.5.14", "否", "/"},
	}}, testSheet{name: "村基本情况", rows: [][]any{
		{"村名", "年度", "总户数", "低保户数", "五保户数"},
		{"王庄村", 2019, "120户", "—", "无"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 4)
	p := res.Rows[0].Record.(*model.Project)
	assert.Equal(t, model.Fen(20_0000_00), p.PlannedFen)
	assert.Zero(t, p.ActualFen)
	assert.Equal(t, model.NewDate(2019, 5, 1), p.StartOn)
	assert.True(t, p.FinishOn.IsZero())
	assert.Zero(t, p.Percent)
	assert.Zero(t, p.Households)
	assert.Zero(t, p.Quantity)
	assert.True(t, res.Rows[2].Record.(*model.Problem).ResolvedOn.IsZero())
	v := res.Rows[3].Record.(*model.Village)
	require.Len(t, v.Years, 1)
	assert.Equal(t, model.VillageYear{ID: "2019", Year: 2019, Households: 120}, v.Years[0])
}

// A funds ledger grouped by source names the source once, in the section
// heading above its rows (一、财政专项扶贫资金), with a 小计 under each group:
// the rows take their source from the heading; a heading that names no
// source (一、产业项目) gives none.
func TestFundSourceFromSectionHeading(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"王庄村2019年帮扶资金分类明细"},
		{"序号", "到位日期", "金额（万元）", "资金用途"},
		{"一、财政专项扶贫资金（2笔）"},
		{1, "2019.12.2", 10, "产业奖补"},
		{2, "2019.12.9", 5, "公益岗位"},
		{"小计", nil, 15, nil},
		{"二、社会捐赠"},
		{1, "2019.12.16", 1.2, "冬季慰问"},
		{"小计", nil, 1.2, nil},
		{"三、产业项目"},
		{1, "2019.12.20", 2, "合作社分红"},
		{"总计", nil, 18.2, nil},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &row))
	}
	for _, r := range []string{"1", "3", "7", "10"} {
		require.NoError(t, f.MergeCell(sh, "A"+r, "D"+r))
	}
	path := filepath.Join(t.TempDir(), "funds.xlsx")
	require.NoError(t, f.SaveAs(path))

	res := readOne(t, path, model.KindFund)
	require.Len(t, res.Rows, 4, "小计 and 总计 are no funds")
	want := []struct {
		source model.FundSource
		text   string
		fen    model.Fen
	}{
		{"fiscal", "财政专项扶贫资金", 10_0000_00},
		{"fiscal", "财政专项扶贫资金", 5_0000_00},
		{"donation", "社会捐赠", 1_2000_00},
		{"other", "", 2_0000_00},
	}
	for i, w := range want {
		fund := res.Rows[i].Record.(*model.Fund)
		assert.Equal(t, w.source, fund.Source, "row %d", i)
		assert.Equal(t, w.text, fund.SourceText, "row %d", i)
		assert.Equal(t, w.fen, fund.AmountFen, "row %d", i)
	}
	assert.Contains(t, res.Rows[0].Fields, "source_text")
}

// A projects ledger without a 数量 column says the scale in 建设内容及规模 or
// 建设规模 (21座大棚, 硬化道路3.2公里): one count with its measure word is the
// project's quantity; a cell with two counts, or none, gives none.
func TestProjectQuantityFromScale(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "建设规模", "计划投资（万元）"},
		{"蔬菜大棚", "21座大棚", 115},
		{"村道硬化", "硬化道路3.2公里", 60},
		{"饮水安全", "新建蓄水池2个", 20},
		{"光伏电站", "100千瓦", 30},
		{"产业园", "大棚21座，冷库2座", 50},
		{"人居环境", "改厕120户", 10},
		{"党建活动室", "新建活动室一处", 5},
	}})
	res := readOne(t, path, model.KindProject)
	require.Len(t, res.Rows, 7)
	for i, want := range []struct {
		n    float64
		unit string
	}{{21, "座"}, {3.2, "公里"}, {2, "个"}, {100, "千瓦"}, {0, ""}, {0, ""}, {0, ""}} {
		p := res.Rows[i].Record.(*model.Project)
		assert.Equal(t, want.n, p.Quantity, p.Name)
		assert.Equal(t, want.unit, p.QuantityUnit, p.Name)
		if want.n != 0 {
			assert.Contains(t, res.Rows[i].Fields, "quantity", p.Name)
			assert.Contains(t, res.Rows[i].Fields, "quantity_unit", p.Name)
		} else {
			assert.NotContains(t, res.Rows[i].Fields, "quantity", p.Name)
		}
	}
	assert.Equal(t, "21座大棚", res.Rows[0].Record.(*model.Project).Content, "the text stays as typed")

	// A 数量 column says it itself.
	path = writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "建设规模", "数量"},
		{"蔬菜大棚", "21座大棚", nil},
	}})
	res = readOne(t, path, model.KindProject)
	assert.Zero(t, res.Rows[0].Record.(*model.Project).Quantity)
}

// A liaison visit log without a 联系点 column names the point as the place
// visited: the visit's point is that point, by its full name.
func TestLiaisonVisitPointFromPlace(t *testing.T) {
	path := writeSheets(t, testSheet{name: "基层联系点", rows: [][]any{
		{"联系点名称", "简称", "联系人", "联系电话", "责任处室"},
		{"城关镇社区服务中心", "城关社区", "刘芳", 13812345678, "秘书一处"},
	}}, testSheet{name: "走访", rows: [][]any{
		{"走访日期", "走访类型", "带队领导", "走访地点", "走访内容"},
		{"2019.5.20", "联系点走访", "李副市长", "城关社区", "社区治理"},
		{"2019.5.21", "调研", "李副市长", "城关社区", "社区治理"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	var visits []model.Incoming
	for _, in := range res.Rows {
		if _, ok := in.Record.(*model.Visit); ok {
			visits = append(visits, in)
		}
	}
	require.Len(t, visits, 2)
	v := visits[0].Record.(*model.Visit)
	assert.Equal(t, model.VisitLiaison, v.Type)
	assert.Equal(t, "城关镇社区服务中心", v.Point)
	assert.Equal(t, "城关社区", v.Place, "the place stays as typed")
	assert.Contains(t, visits[0].Fields, "point")
	assert.Empty(t, visits[1].Record.(*model.Visit).Point, "a research visit names no point")
	assert.Equal(t, "13812345678", res.Rows[0].Record.(*model.Point).Phone, "a phone typed as a number")
}

// Village figures as offices type them: households and people in one cell
// (120户/456人) under a 户数/人口 header, or under one of them (低保户
// 11户/25人 is 11 households), and the poor households' people under a
// two-level 建档立卡贫困户 heading.
func TestVillageHouseholdsAndPeople(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"王庄村基本情况（2019年）"},
		{"村名", "户数/人口", "建档立卡贫困户", nil, "低保户", "五保户"},
		{nil, nil, "户数", "人口", nil, nil},
		{"王庄村", "120户/456人", "30户", "91人", "11户/25人", "3户（3人）"},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &row))
	}
	require.NoError(t, f.MergeCell(sh, "A1", "F1"))
	require.NoError(t, f.MergeCell(sh, "C2", "D2"))
	for _, c := range []string{"A", "B", "E", "F"} {
		require.NoError(t, f.MergeCell(sh, c+"2", c+"3"))
	}
	path := filepath.Join(t.TempDir(), "village.xlsx")
	require.NoError(t, f.SaveAs(path))

	res := readOne(t, path, model.KindVillage)
	require.Len(t, res.Rows, 1)
	for _, w := range res.Warnings {
		assert.Empty(t, w.Header, "every column has its field: %v", w)
	}
	v := res.Rows[0].Record.(*model.Village)
	assert.Empty(t, v.Extra)
	assert.Equal(t, []model.VillageYear{{ID: "2019", Year: 2019, Households: 120, People: 456,
		PoorHouseholds: 30, PoorPeople: 91, Dibao: 11, Wubao: 3}}, v.Years)
}

// The poor households' group may come before the village's own figures:
// its 户数 and 人口 are still the poor households and people.
func TestVillagePoorGroupFirst(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"村名", "年度", "建档立卡贫困户", nil, "全村", nil},
		{nil, nil, "户数", "人口", "户数", "人口"},
		{"王庄村", 2019, 30, 91, 120, 456},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &row))
	}
	require.NoError(t, f.MergeCell(sh, "C1", "D1"))
	require.NoError(t, f.MergeCell(sh, "E1", "F1"))
	require.NoError(t, f.MergeCell(sh, "A1", "A2"))
	require.NoError(t, f.MergeCell(sh, "B1", "B2"))
	path := filepath.Join(t.TempDir(), "village.xlsx")
	require.NoError(t, f.SaveAs(path))

	res := readOne(t, path, model.KindVillage)
	require.Len(t, res.Rows, 1)
	v := res.Rows[0].Record.(*model.Village)
	assert.Equal(t, []model.VillageYear{{ID: "2019", Year: 2019, Households: 120, People: 456,
		PoorHouseholds: 30, PoorPeople: 91}}, v.Years)
}

// A problem's 责任单位 cell may name several units, on one line or on
// several: each is a unit (by its full name when the dictionary knows it),
// never one unit called 城关镇县住建局.
func TestProblemSeveralResponsibleUnits(t *testing.T) {
	path := writeSheets(t, testSheet{name: "问题清单", rows: [][]any{
		{"问题描述", "责任单位", "提出时间"},
		{"灌溉设施老化", "城关镇、市农业局", "2019.5.6"},
		{"道路破损", "城关镇\n市住建局", "2019.5.6"},
		{"校舍漏雨", "市教育局", "2019.5.6"},
	}})
	res := readOne(t, path, model.KindProblem)
	require.Len(t, res.Rows, 3)
	assert.Equal(t, "城关镇、市农业农村局", res.Rows[0].Record.(*model.Problem).Unit)
	assert.Equal(t, "城关镇、市住房和城乡建设局", res.Rows[1].Record.(*model.Problem).Unit)
	assert.Equal(t, "市教育局", res.Rows[2].Record.(*model.Problem).Unit)
	assert.Equal(t, []string{"城关镇"}, res.UnknownUnits, "the units the dictionary lacks, one by one")
}

// Problem lists head the resolution 办理情况, 整改情况 or 落实情况: the cell
// is how the problem was handled, and says its state (已解决, 正在推进).
func TestProblemHandlingHeaders(t *testing.T) {
	for _, header := range []string{"办理情况", "整改情况", "落实情况", "处理情况"} {
		path := writeSheets(t, testSheet{name: "问题清单", rows: [][]any{
			{"问题描述", "责任单位", "提出时间", header},
			{"灌溉设施老化", "市农业局", "2019.5.6", "已解决"},
			{"道路破损", "市住建局", "2019.5.6", "正在推进"},
		}})
		res := readOne(t, path, model.KindProblem)
		require.Len(t, res.Rows, 2, header)
		assert.Empty(t, res.Warnings, header)
		p := res.Rows[0].Record.(*model.Problem)
		assert.Equal(t, "已解决", p.Resolution, header)
		assert.Equal(t, model.ProblemStatus("resolved"), p.Status, header)
		assert.Equal(t, model.ProblemStatus("in_progress"), res.Rows[1].Record.(*model.Problem).Status, header)
	}
}

// A visit log lists the units one visit met a row each, with the date,
// leader and place merged down over them (or left blank under it): a person
// reads one visit that met three units, not three visits or duplicates.
func TestVisitOverSeveralRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"2019年调研情况"},
		{"序号", "调研时间", "带队领导", "调研地点", "接触基层单位", "调研主题", "发现问题"},
		{1, "5月6日-7日", "王市长", "平安县", "城关镇政府", "乡村振兴", "灌溉设施老化"},
		{nil, nil, nil, nil, "王庄村委会", nil, "道路破损"},
		{nil, nil, nil, nil, "平安县第一中学", nil, nil},
		{2, "5月8日", "李副市长", "河西区", "河西区应急局", "安全生产", nil},
		{nil, nil, nil, nil, "河西区住建局", nil, nil},
		{3, "5月8日", "李副市长", "河西区", "河西区应急局", "安全生产", nil},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &row))
	}
	require.NoError(t, f.MergeCell(sh, "A1", "G1"))
	for _, c := range []string{"A", "B", "C", "D", "F"} {
		require.NoError(t, f.MergeCell(sh, c+"3", c+"5"))
	}
	path := filepath.Join(t.TempDir(), "visits.xlsx")
	require.NoError(t, f.SaveAs(path))

	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1, "row 8 repeats row 6's visit")
	assert.Equal(t, 8, res.Rejected[0].Row)
	require.Len(t, res.Rows, 2)
	v := res.Rows[0].Record.(*model.Visit)
	assert.Equal(t, model.NewDate(2019, 5, 6), v.StartOn)
	assert.Equal(t, model.NewDate(2019, 5, 7), v.EndOn)
	assert.Equal(t, "王市长", v.Leader)
	assert.Equal(t, []string{"城关镇政府", "王庄村委会", "平安县第一中学"}, v.Units)
	assert.Equal(t, "灌溉设施老化；道路破损", v.Findings)
	assert.Equal(t, "乡村振兴", v.Purpose)
	v = res.Rows[1].Record.(*model.Visit)
	assert.Equal(t, "李副市长", v.Leader)
	assert.Equal(t, []string{"河西区应急局", "河西区住建局"}, v.Units, "a blank row under a visit continues it")
}

// Many funds ledgers give a row a project and split its money by source in
// columns under 资金来源 (财政专项资金 | 帮扶单位 | 社会捐赠 | 群众自筹): each
// amount is a fund of its column's source; the 资金合计 column is their sum,
// no fund of its own.
func TestFundsSplitBySourceInColumns(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "资金"
	require.NoError(t, f.SetSheetName("Sheet1", sh))
	rows := [][]any{
		{"2019年帮扶资金投入情况（单位：万元）"},
		{"序号", "项目名称", "到位时间", "资金合计", "资金来源", nil, nil, nil},
		{nil, nil, nil, nil, "财政专项资金", "帮扶单位", "社会捐赠", "群众自筹"},
		{1, "蔬菜大棚", "2019年3月", 115, 80, 20, nil, 15},
		{2, "助学", "2019.9.1", 2, "—", nil, "2", nil},
		{"合计", nil, nil, 117, 80, 20, 2, 15},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &row))
	}
	require.NoError(t, f.MergeCell(sh, "A1", "H1"))
	for _, c := range []string{"A", "B", "C", "D"} {
		require.NoError(t, f.MergeCell(sh, c+"2", c+"3"))
	}
	require.NoError(t, f.MergeCell(sh, "E2", "H2"))
	path := filepath.Join(t.TempDir(), "funds.xlsx")
	require.NoError(t, f.SaveAs(path))

	res := readOne(t, path, model.KindFund)
	assert.Empty(t, res.Warnings, "资金合计 is the sum of the sources")
	require.NotNil(t, res.Report.Sheets[0].HeaderRow)
	assert.Equal(t, 3, *res.Report.Sheets[0].HeaderRow, "a two-level header")
	type fund struct {
		date    model.Date
		source  model.FundSource
		text    string
		fen     model.Fen
		project string
	}
	var got []fund
	for _, in := range res.Rows {
		fd := in.Record.(*model.Fund)
		got = append(got, fund{fd.Date, fd.Source, fd.SourceText, fd.AmountFen, fd.Project})
		assert.Contains(t, in.Fields, "source_text")
		assert.Contains(t, in.Fields, "amount_fen")
	}
	d := model.NewDate
	assert.Equal(t, []fund{
		{d(2019, 3, 1), "fiscal", "财政专项资金", 80_0000_00, "蔬菜大棚"},
		{d(2019, 3, 1), "assisting_unit", "帮扶单位", 20_0000_00, "蔬菜大棚"},
		{d(2019, 3, 1), "self_raised", "群众自筹", 15_0000_00, "蔬菜大棚"},
		{d(2019, 9, 1), "donation", "社会捐赠", 2_0000_00, "助学"},
	}, got)
}

// Two source columns side by side without a group heading split the money
// too; a 帮扶单位 column beside a 资金来源 column names the assisting unit,
// and is no money.
func TestFundsSourceColumnsOrNot(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶资金", rows: [][]any{
		{"日期", "项目", "财政专项资金", "社会捐赠", "合计"},
		{"2019.3.1", "蔬菜大棚", "80万", "5万", "85万"},
	}})
	res := readOne(t, path, model.KindFund)
	require.Len(t, res.Rows, 2)
	assert.Equal(t, model.Fen(80_0000_00), res.Rows[0].Record.(*model.Fund).AmountFen)
	assert.Equal(t, model.FundSource("donation"), res.Rows[1].Record.(*model.Fund).Source)

	path = writeSheets(t, testSheet{name: "帮扶资金", rows: [][]any{
		{"日期", "帮扶单位", "资金来源", "金额（万元）"},
		{"2019.3.1", "市政府办公室", "单位帮扶资金", 12},
	}})
	res = readOne(t, path, model.KindFund)
	require.Len(t, res.Rows, 1)
	fd := res.Rows[0].Record.(*model.Fund)
	assert.Equal(t, model.Fen(12_0000_00), fd.AmountFen)
	assert.Equal(t, model.FundSource("assisting_unit"), fd.Source)
	assert.Equal(t, map[string]string{"帮扶单位": "市政府办公室"}, fd.Extra)
}

// When a fund arrived or a project started and finished, ledgers write a
// month or a part of a year (2019年3月中旬, 201903, 2019年上半年, 年底): a
// fund or a start takes the period's first day, a finish its last; 201903
// is never a day in the year 2452.
func TestFundAndProjectPeriods(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶资金", rows: [][]any{
		{"2019年帮扶资金台账"},
		{"到位时间", "资金来源", "金额（元）", "用途"},
		{"2019年3月中旬", "财政专项资金", 1000, "a"},
		{"201903", "财政专项资金", 1001, "b"},
		{201904, "财政专项资金", 1002, "c"},
		{"2019年上半年", "财政专项资金", 1003, "d"},
		{"年底", "财政专项资金", 1004, "e"},
		{"19年3月", "财政专项资金", 1005, "f"},
	}, mergeTitle: true}, testSheet{name: "帮扶项目", rows: [][]any{
		{"2019年帮扶项目"},
		{"项目名称", "开工时间", "完工时间"},
		{"冷库", "2019年3月中旬", "2019年底"},
		{"大棚", "2019年一季度", "2019年上半年"},
	}, mergeTitle: true})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 8)
	d := model.NewDate
	for i, want := range []model.Date{d(2019, 3, 11), d(2019, 3, 1), d(2019, 4, 1), d(2019, 1, 1), d(2019, 12, 1), d(2019, 3, 1)} {
		assert.Equal(t, want, res.Rows[i].Record.(*model.Fund).Date, "fund %d", i)
	}
	p := res.Rows[6].Record.(*model.Project)
	assert.Equal(t, d(2019, 3, 11), p.StartOn)
	assert.Equal(t, d(2019, 12, 31), p.FinishOn)
	p = res.Rows[7].Record.(*model.Project)
	assert.Equal(t, d(2019, 1, 1), p.StartOn)
	assert.Equal(t, d(2019, 6, 30), p.FinishOn)
}

// A visit is led by one leader: a 带队领导 cell naming two (王建国、李明)
// has the first lead it and the others go with it, so no leader called
// 王建国李明 is counted; a leader written with a space or a title stays one.
func TestVisitLeaderCellNamingTwo(t *testing.T) {
	path := writeSheets(t, testSheet{name: "调研", rows: [][]any{
		{"调研时间", "带队领导", "参加人员", "调研地点"},
		{"2019.5.6", "王建国、李明", "张三", "平安县"},
		{"2019.5.7", "王建国（副市长）\n李明（秘书长）", nil, "河西区"},
		{"2019.5.8", "王　建国 副市长", "张三", "河西区"},
	}})
	res := readOne(t, path, model.KindVisit)
	require.Len(t, res.Rows, 3)
	v := res.Rows[0].Record.(*model.Visit)
	assert.Equal(t, "王建国", v.Leader)
	assert.Equal(t, "李明、张三", v.People)
	v = res.Rows[1].Record.(*model.Visit)
	assert.Equal(t, "王建国（副市长）", v.Leader)
	assert.Equal(t, "李明（秘书长）", v.People)
	assert.Equal(t, "王　建国 副市长", res.Rows[2].Record.(*model.Visit).Leader)
}

// A liaison point list gives the short name in brackets after the full one
// (城关镇社区服务中心（城关社区）): the name is the full one, the bracket its
// short name, which visits may use. A bracket that is no short form of the
// name (王庄村（社区）) stays part of it.
func TestPointShortNameInBrackets(t *testing.T) {
	path := writeSheets(t, testSheet{name: "基层联系点", rows: [][]any{
		{"联系点名称", "联系人", "联系电话"},
		{"城关镇社区服务中心（城关社区）", "刘芳", 13812345678},
		{"王庄村（社区）", "陈刚", "0371-5551234"},
	}}, testSheet{name: "走访", rows: [][]any{
		{"走访日期", "走访类型", "带队领导", "联系点"},
		{"2019.5.20", "联系点走访", "李副市长", "城关社区"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 3)
	p := res.Rows[0].Record.(*model.Point)
	assert.Equal(t, "城关镇社区服务中心", p.Name)
	assert.Equal(t, "城关社区", p.ShortName)
	assert.Contains(t, res.Rows[0].Fields, "short_name")
	assert.Equal(t, "王庄村（社区）", res.Rows[1].Record.(*model.Point).Name)
	assert.Empty(t, res.Rows[1].Record.(*model.Point).ShortName)
	assert.Equal(t, "城关镇社区服务中心", res.Rows[2].Record.(*model.Visit).Point)
}

// A visit log with no 走访类型 column says in its title or sheet name what
// visits it holds (市领导基层调研台账, 基层联系点走访记录): every row is of
// that type, so it counts in the figures; a title naming none leaves it.
func TestVisitTypeFromTitle(t *testing.T) {
	for title, want := range map[string]model.VisitType{
		"2019年市领导基层调研情况台账": model.VisitResearch,
		"基层联系点走访记录":        model.VisitLiaison,
		"王庄村入户走访登记表":       model.VisitVillage,
		"2019年工作记录":        "",
	} {
		path := writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
			{title},
			{"走访日期", "带队领导", "走访地点", "接触基层单位"},
			{"2019.5.6", "王市长", "平安县", "城关镇政府"},
		}, mergeTitle: true})
		res := readOne(t, path, model.KindVisit)
		require.Len(t, res.Rows, 1, title)
		assert.Equal(t, want, res.Rows[0].Record.(*model.Visit).Type, title)
		if want != "" {
			assert.Contains(t, res.Rows[0].Fields, "type", title)
		}
	}
	path := writeSheets(t, testSheet{name: "调研走访", rows: [][]any{
		{"走访日期", "带队领导", "走访地点"},
		{"2019.5.6", "王市长", "平安县"},
	}})
	res := readOne(t, path, model.KindVisit)
	assert.Equal(t, model.VisitResearch, res.Rows[0].Record.(*model.Visit).Type, "the sheet's name")
}

// A visit whose type nothing states, to a place that is a liaison point,
// is a liaison visit to that point.
func TestUntypedVisitToAPointIsALiaisonVisit(t *testing.T) {
	path := writeSheets(t, testSheet{name: "基层联系点", rows: [][]any{
		{"联系点名称", "简称", "联系人"},
		{"城关镇社区服务中心", "城关社区", "刘芳"},
	}}, testSheet{name: "Sheet2", rows: [][]any{
		{"走访日期", "带队领导", "走访地点"},
		{"2019.5.20", "李副市长", "城关社区"},
		{"2019.5.21", "李副市长", "平安县"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rows, 3)
	v := res.Rows[1].Record.(*model.Visit)
	assert.Equal(t, model.VisitLiaison, v.Type)
	assert.Equal(t, "城关镇社区服务中心", v.Point)
	assert.Contains(t, res.Rows[1].Fields, "type")
	assert.Empty(t, res.Rows[2].Record.(*model.Visit).Type, "a place that is no point says nothing")
}

// A solved problem's 解决情况 often says when (已于6月20日更换水泵): without a
// 解决日期 the problem was resolved that day, so it counts as solved in its
// period; a date in the text of an unsolved problem (计划6月30日前完成) is no
// resolution date.
func TestProblemResolvedDateInItsResolution(t *testing.T) {
	path := writeSheets(t, testSheet{name: "问题清单", rows: [][]any{
		{"2019年调研发现问题清单"},
		{"问题描述", "责任单位", "是否解决", "解决情况"},
		{"灌溉设施老化", "市农业局", "是", "已于6月20日更换水泵2台"},
		{"道路破损", "市住建局", "否", "计划6月30日前完成"},
		{"校舍漏雨", "市教育局", "是", "2019.7.2已维修完毕"},
	}, mergeTitle: true})
	res := readOne(t, path, model.KindProblem)
	require.Len(t, res.Rows, 3)
	p := res.Rows[0].Record.(*model.Problem)
	assert.Equal(t, model.NewDate(2019, 6, 20), p.ResolvedOn, "the year of the title")
	assert.Equal(t, "已于6月20日更换水泵2台", p.Resolution)
	assert.Contains(t, res.Rows[0].Fields, "resolved_on")
	assert.True(t, res.Rows[1].Record.(*model.Problem).ResolvedOn.IsZero())
	assert.Equal(t, model.NewDate(2019, 7, 2), res.Rows[2].Record.(*model.Problem).ResolvedOn)
	for _, w := range res.Warnings {
		assert.NotContains(t, w.Reason, "没有解决日期", "row %d", w.Row)
	}
}

// A count typed with the other measure word (456人 under 受益户数) is not
// the households: the field is left alone and the cell kept and told.
func TestCountWithTheOtherMeasureWord(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "受益户数", "受益贫困户数"},
		{"饮水安全", "456人", "30户"},
	}}, testSheet{name: "村基本情况", rows: [][]any{
		{"村名", "年度", "总户数", "总人口"},
		{"王庄村", 2019, "120户", "120户"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 2)
	p := res.Rows[0].Record.(*model.Project)
	assert.Zero(t, p.Households)
	assert.Equal(t, 30, p.PoorHouseholds)
	assert.Equal(t, "456人", p.Extra["受益户数"])
	assert.NotContains(t, res.Rows[0].Fields, "households")
	v := res.Rows[1].Record.(*model.Village)
	assert.Equal(t, []model.VillageYear{{ID: "2019", Year: 2019, Households: 120}}, v.Years)
	assert.Equal(t, "120户", v.Extra["总人口"])
	var warned []string
	for _, w := range res.Warnings {
		warned = append(warned, w.Header)
	}
	assert.Contains(t, warned, "受益户数")
	assert.Contains(t, warned, "总人口")
}

// A village profile kept a sheet a year (sheets 2018年 and 2019年, the year
// only in the sheet's name) is one village with both years and what each
// sheet says of it.
func TestVillageProfileASheetAYear(t *testing.T) {
	path := writeSheets(t, testSheet{name: "2018年", rows: [][]any{
		{"村名", "总户数", "总人口"},
		{"王庄村", "118户", "450人"},
	}}, testSheet{name: "2019年", rows: [][]any{
		{"村名", "第一书记", "总户数", "总人口"},
		{"王庄村", "张伟", "120户", "456人"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 1)
	v := res.Rows[0].Record.(*model.Village)
	assert.Equal(t, "张伟", v.FirstSecretary)
	assert.Contains(t, res.Rows[0].Fields, "first_secretary")
	assert.Equal(t, []model.VillageYear{
		{ID: "2018", Year: 2018, Households: 118, People: 450},
		{ID: "2019", Year: 2019, Households: 120, People: 456},
	}, v.Years)
}

// A liaison visit log names its point with 联系点 after the short name
// (民主社区联系点): it is that point. A points list says 是否停用.
func TestLiaisonPointNamedWithSuffix(t *testing.T) {
	path := writeSheets(t, testSheet{name: "基层联系点", rows: [][]any{
		{"联系点名称", "简称", "联系人", "是否停用"},
		{"西关街道民主社区", "民主社区", "刘芳", "否"},
		{"红星村", nil, "陈刚", "是"},
	}}, testSheet{name: "联系点走访", rows: [][]any{
		{"走访日期", "联系点", "走访人员"},
		{"2019.1.10", "民主社区联系点", "张三"},
		{"2019.2.12", "红星村基层联系点", "张三"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 4)
	assert.False(t, res.Rows[0].Record.(*model.Point).Inactive)
	assert.True(t, res.Rows[1].Record.(*model.Point).Inactive, "是否停用 是")
	assert.Equal(t, "西关街道民主社区", res.Rows[2].Record.(*model.Visit).Point)
	assert.Equal(t, "红星村", res.Rows[3].Record.(*model.Visit).Point)
}

// A project library heads the place 项目地点.
func TestProjectPlaceHeader(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "项目地点", "总投资（万元）"},
		{"蔬菜大棚", "王庄村一组", 115},
	}})
	res := readOne(t, path, model.KindProject)
	require.Len(t, res.Rows, 1)
	assert.Equal(t, "王庄村一组", res.Rows[0].Record.(*model.Project).Location)
	assert.Empty(t, res.Warnings)
}
