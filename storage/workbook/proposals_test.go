package workbook

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// writeMerged writes one sheet of rows and merges the given ranges, as
// proposals desks lay their ledgers out.
func writeMerged(t *testing.T, sheet string, rows [][]any, merges ...[2]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, f.SetSheetRow(sheet, cell, &row))
	}
	for _, m := range merges {
		require.NoError(t, f.MergeCell(sheet, m[0], m[1]))
	}
	path := filepath.Join(t.TempDir(), "proposals.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// A line of text merged across the table under the data (a numbered note
// without 注, a 合计：共4件 line) is read as the note it is: no row is
// rejected and no record is made of it.
func TestProposalNoteLinesMergedAcrossAreNotRecords(t *testing.T) {
	path := writeMerged(t, "政协提案", [][]any{
		{"市政协十二届三次会议委员提案办理台账（2019年）"},
		{"提案号", "提案题目", "提案人", "承办单位", "交办时间", "办复时间", "委员满意度"},
		{12, "关于优化营商环境的提案", "民盟市委", "市发改委", "2019-03-20", "2019年6月15日", "满意"},
		{"第8号", "关于发展社区养老服务的提案", "刘一", "市民政局", "2019.3.20", nil, "未反馈"},
		{"合计：共2件，已办复1件"},
		{"2.满意度以委员书面反馈意见为准。"},
	}, [2]string{"A1", "G1"}, [2]string{"A5", "G5"}, [2]string{"A6", "G6"})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings)
	props := proposalsOf(t, res, "政协提案")
	require.Len(t, props, 2)
	assert.Equal(t, "12", props[0].Record.(*model.Proposal).Number)
	assert.Equal(t, "8", props[1].Record.(*model.Proposal).Number)
	for _, n := range res.Notes {
		assert.NotContains(t, n, "分类标题", "a total or a note under the data heads no section")
	}
}

// An instructions sheet first in the workbook explains the columns in a
// two-column table (栏目 | 填写要求): its sentences name header words but
// it holds no proposals.
func TestProposalInstructionsSheetIsNotALedger(t *testing.T) {
	path := writeSheets(t,
		testSheet{name: "填表说明", rows: [][]any{
			{"填表说明"},
			{"1. 建议号按大会秘书处编号填写，如“第12号”。"},
			{"栏目", "填写要求"},
			{"主办单位", "负责答复的单位，只填一个"},
			{"会办单位", "向主办单位提供会办意见的单位，多个单位用顿号隔开"},
			{"答复日期", "以答复函落款日期为准"},
		}},
		testSheet{name: "人大建议", mergeTitle: true, rows: [][]any{
			{"2019年市十六届人大三次会议代表建议办理台账"},
			{"建议号", "案由", "领衔代表", "主办单位", "会办单位", "答复日期"},
			{"第12号", "关于加快老旧小区改造的建议", "张三", "市住建局", "市财政局", "2019.6.20"},
		}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	for _, rep := range res.Report.Sheets {
		if rep.Sheet == "填表说明" {
			assert.Nil(t, rep.Kind, "the instructions sheet holds no ledger")
			assert.Zero(t, rep.Rows)
		}
	}
	assert.Empty(t, proposalsOf(t, res, "填表说明"))
	require.Len(t, proposalsOf(t, res, "人大建议"), 1)
}

// 代表满意度 over 办理工作 / 办理结果 rates the handling and the result
// separately: the second is the result's satisfaction, not the result class
// (办理结果 under 办理情况) and not a column kept aside.
func TestProposalSatisfactionGroupOverHandlingAndResult(t *testing.T) {
	path := writeMerged(t, "人大建议", [][]any{
		{"2019年市十六届人大三次会议代表建议办理情况登记表"},
		{"建议号", "案由", "主办单位", "办理情况", nil, "代表满意度", nil},
		{nil, nil, nil, "答复日期", "办理结果", "办理工作", "办理结果"},
		{"第12号", "关于加快老旧小区改造的建议", "市住建局", "2019.6.20", "A", "满意", "基本满意"},
		{"15", "关于增设公交线路的建议", "市教育局", "2019.6.21", "B类", "基本满意", "不满意"},
	}, [2]string{"A1", "G1"}, [2]string{"A2", "A3"}, [2]string{"B2", "B3"}, [2]string{"C2", "C3"},
		[2]string{"D2", "E2"}, [2]string{"F2", "G2"})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings, "every column is understood")
	props := proposalsOf(t, res, "人大建议")
	require.Len(t, props, 2)
	first, second := props[0].Record.(*model.Proposal), props[1].Record.(*model.Proposal)
	assert.Equal(t, "A", first.ResultClass)
	assert.Equal(t, model.SatSatisfied, first.Satisfaction)
	assert.Equal(t, model.SatBasically, first.ResultSatisfaction)
	assert.Equal(t, "B", second.ResultClass)
	assert.Equal(t, model.SatBasically, second.Satisfaction)
	assert.Equal(t, model.SatUnsatisfied, second.ResultSatisfaction)
	assert.Empty(t, first.Extra)

	// Without a result-class column the 办理结果 under 满意度 is still a rating.
	path = writeMerged(t, "人大建议", [][]any{
		{"建议号", "案由", "主办单位", "满意度", nil},
		{nil, nil, nil, "对办理工作", "对办理结果"},
		{"第12号", "关于加快老旧小区改造的建议", "市住建局", "满意", "不满意"},
	}, [2]string{"A1", "A2"}, [2]string{"B1", "B2"}, [2]string{"C1", "C2"}, [2]string{"D1", "E1"})
	res, err = Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	props = proposalsOf(t, res, "人大建议")
	require.Len(t, props, 1)
	p := props[0].Record.(*model.Proposal)
	assert.Empty(t, p.ResultClass)
	assert.Equal(t, model.SatSatisfied, p.Satisfaction)
	assert.Equal(t, model.SatUnsatisfied, p.ResultSatisfaction)
}

// Desks type words in date columns: 未答复 / 暂未答复 / 已答复 in 答复日期, a
// dash or 无 for none. No row is refused for them: a dash or 无 is no date,
// a word is kept under its header and warned; a date that does not exist
// still refuses its row.
func TestProposalWordsInDateColumns(t *testing.T) {
	path := writeSheets(t, testSheet{name: "人大建议", rows: [][]any{
		{"建议号", "案由", "主办单位", "交办日期", "答复日期", "面商日期"},
		{1, "关于甲的建议", "市住建局", "2019-03-15", "未答复", "—"},
		{2, "关于乙的建议", "市住建局", "2019-03-15", "已答复", "无"},
		{3, "关于丙的建议", "市住建局", "/", "暂未答复", "2019.5.10"},
		{4, "关于丁的建议", "市住建局", "2019-03-15", "2019-6-31", nil},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1, "only the date that does not exist")
	assert.Equal(t, 5, res.Rejected[0].Row)
	assert.Equal(t, "E", res.Rejected[0].Column)

	props := proposalsOf(t, res, "人大建议")
	require.Len(t, props, 3)
	byNumber := map[string]*model.Proposal{}
	for _, in := range props {
		p := in.Record.(*model.Proposal)
		byNumber[p.Number] = p
		assert.True(t, p.RepliedOn.IsZero(), p.Number)
	}
	assert.Equal(t, "未答复", byNumber["1"].Extra["答复日期"])
	assert.Equal(t, "已答复", byNumber["2"].Extra["答复日期"])
	assert.Equal(t, "暂未答复", byNumber["3"].Extra["答复日期"])
	assert.True(t, byNumber["1"].MetOn.IsZero())
	assert.NotContains(t, byNumber["1"].Extra, "面商日期", "a dash is no date")
	assert.NotContains(t, byNumber["2"].Extra, "面商日期", "无 is no date")
	assert.True(t, byNumber["3"].AssignedOn.IsZero())
	assert.Equal(t, model.NewDate(2019, 5, 10), byNumber["3"].MetOn)

	var warned []string
	for _, w := range res.Warnings {
		if w.Field == "replied_on" {
			warned = append(warned, w.Value)
			assert.Equal(t, "E", w.Column)
		}
		assert.NotEqual(t, "met_on", w.Field, "a dash is not warned")
		assert.NotEqual(t, "assigned_on", w.Field, "a slash is not warned")
	}
	assert.ElementsMatch(t, []string{"未答复", "已答复", "暂未答复"}, warned)
}

// A 面商情况 column says how the unit met the proposer: a date cell, a date
// in words (已面商（2019.5.10）) or a word (电话沟通). The date is the
// meeting's; the words around it are kept and warned, and no row is refused.
func TestProposalMeetingColumnInWords(t *testing.T) {
	path := writeSheets(t, testSheet{name: "政协提案", rows: [][]any{
		{"提案号", "提案题目", "承办单位", "面商情况"},
		{12, "关于优化营商环境的提案", "市发改委", "已面商（2019.5.10）"},
		{8, "关于发展社区养老服务的提案", "市财政局", "电话沟通"},
		{21, "关于深化职业教育校企合作的提案", "市教育局", "2019-05-20"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	props := proposalsOf(t, res, "政协提案")
	require.Len(t, props, 3)
	met := props[0].Record.(*model.Proposal)
	assert.Equal(t, model.NewDate(2019, 5, 10), met.MetOn)
	assert.Equal(t, "已面商（2019.5.10）", met.Extra["面商情况"], "the words around the date are kept")
	phone := props[1].Record.(*model.Proposal)
	assert.True(t, phone.MetOn.IsZero())
	assert.Equal(t, "电话沟通", phone.Extra["面商情况"])
	assert.Equal(t, model.NewDate(2019, 5, 20), props[2].Record.(*model.Proposal).MetOn)
	assert.Empty(t, props[2].Record.(*model.Proposal).Extra)
	warned := 0
	for _, w := range res.Warnings {
		if w.Field == "met_on" {
			warned++
		}
	}
	assert.Equal(t, 2, warned, "both cells in words are warned")
}

// A reply deadline is typed as deadlines are (6月底, 交办之日起3个月内); a
// reply date as a period (6月中旬). Neither refuses the ledger: a deadline
// gives its day, a date no form reads is kept and warned; a month without
// a day and a day that does not exist still refuse their row.
func TestProposalDeadlinesAndVagueDates(t *testing.T) {
	path := writeMerged(t, "人大建议", [][]any{
		{"2019年市十六届人大三次会议代表建议办理台账"},
		{"建议号", "案由", "主办单位", "交办日期", "答复期限", "延期至", "答复日期"},
		{1, "关于甲的建议", "市住建局", "2019-03-15", "6月底", "9月底", "6月中旬"},
		{2, "关于乙的建议", "市住建局", "2019-03-15", "交办之日起3个月内", nil, "2019-06-10"},
		{3, "关于丙的建议", "市住建局", nil, "3个月", "年底前", nil},
		{4, "关于丁的建议", "市住建局", "2019年3月", nil, nil, nil},
		{5, "关于戊的建议", "市住建局", "2019-03-15", "2019年6月31日", nil, nil},
	}, [2]string{"A1", "G1"})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	var refused []string
	for _, r := range res.Rejected {
		refused = append(refused, r.Value)
	}
	assert.ElementsMatch(t, []string{"2019年3月", "2019年6月31日"}, refused)

	byNumber := map[string]*model.Proposal{}
	for _, in := range proposalsOf(t, res, "人大建议") {
		p := in.Record.(*model.Proposal)
		byNumber[p.Number] = p
	}
	require.Len(t, byNumber, 3)
	assert.Equal(t, model.NewDate(2019, 6, 30), byNumber["1"].DueOn)
	assert.Equal(t, model.NewDate(2019, 9, 30), byNumber["1"].ExtendedTo)
	assert.True(t, byNumber["1"].RepliedOn.IsZero())
	assert.Equal(t, "6月中旬", byNumber["1"].Extra["答复日期"])
	assert.Equal(t, model.NewDate(2019, 6, 15), byNumber["2"].DueOn, "three months from the assigned date")
	assert.True(t, byNumber["3"].DueOn.IsZero(), "three months from no date is no date")
	assert.Equal(t, "3个月", byNumber["3"].Extra["答复期限"])
	assert.Equal(t, model.NewDate(2019, 12, 31), byNumber["3"].ExtendedTo, "年底前 in the title's year")

	warned := map[string]bool{}
	for _, w := range res.Warnings {
		warned[w.Value] = true
	}
	assert.True(t, warned["6月中旬"])
	assert.True(t, warned["3个月"])
	assert.False(t, warned["6月底"], "a deadline typed as deadlines are is no surprise")
}

// A title merged across fewer columns than the table (a column added after
// the title was laid out) is still the title, not a group heading over the
// header: the body and session come from it and every column is understood.
func TestProposalTitleNarrowerThanTheTable(t *testing.T) {
	path := writeMerged(t, "Sheet1", [][]any{
		{"2019年市十六届人大三次会议代表建议办理台账"},
		{"建议号", "案由", "领衔代表", "主办单位", "交办日期", "答复日期", "满意度", "备注"},
		{"第12号", "关于加快老旧小区改造的建议", "张三", "市住建局", "2019-03-15", "2019.6.20", "满意", nil},
	}, [2]string{"A1", "F1"})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings, "every column is understood")
	props := proposalsOf(t, res, "Sheet1")
	require.Len(t, props, 1)
	p := props[0].Record.(*model.Proposal)
	assert.Equal(t, model.BodyNPC, p.Body)
	assert.Equal(t, "第十六届第三次会议", p.Session)
	assert.Equal(t, "12", p.Number)
	assert.Equal(t, model.NewDate(2019, 6, 20), p.RepliedOn)
	assert.Empty(t, p.Extra)
	require.Len(t, res.Report.Sheets, 1)
	require.NotNil(t, res.Report.Sheets[0].HeaderRow)
	assert.Equal(t, 2, *res.Report.Sheets[0].HeaderRow)
}

// One proposal over several rows: its number and title merged down, one
// unit a row, a 办理类型 column saying each unit's role. A person reads one
// proposal with a lead and co-units, not a duplicate row.
func TestProposalOverSeveralRowsOneUnitEach(t *testing.T) {
	path := writeMerged(t, "人大建议", [][]any{
		{"2019年市十六届人大三次会议代表建议办理台账"},
		{"建议号", "案由", "领衔代表", "承办单位", "办理类型", "答复日期"},
		{"第15号", "关于增设公交线路的建议", "李四", "市教育局", "主办", "2019.6.21"},
		{nil, nil, nil, "市财政局", "会办", nil},
		{nil, nil, nil, "市住建局", "协办", nil},
		{"第16号", "关于推进学前教育的建议", "王五", "市财政局", "会办", "2019.6.22"},
		{nil, nil, nil, "市教育局", "主办", nil},
		{"第17号", "关于乡村振兴的建议", "孙八", "市农业局", nil, nil},
		{nil, nil, nil, "市财政局", nil, nil},
		{"第18号", "关于物业管理的建议", "吴十", "主办：市住建局；会办：市财政局", "主办", nil},
	}, [2]string{"A1", "F1"}, [2]string{"A3", "A5"}, [2]string{"B3", "B5"}, [2]string{"C3", "C5"}, [2]string{"F3", "F5"},
		[2]string{"A6", "A7"}, [2]string{"B6", "B7"}, [2]string{"C6", "C7"}, [2]string{"F6", "F7"},
		[2]string{"A8", "A9"}, [2]string{"B8", "B9"}, [2]string{"C8", "C9"})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings, "the role column is understood")
	props := proposalsOf(t, res, "人大建议")
	require.Len(t, props, 4)
	p := props[0].Record.(*model.Proposal)
	assert.Equal(t, "15", p.Number)
	assert.Equal(t, []model.UnitRole{{Name: "市教育局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo},
		{Name: "市住房和城乡建设局", Role: model.RoleCo}}, p.Units)
	assert.Equal(t, model.NewDate(2019, 6, 21), p.RepliedOn)
	assert.Empty(t, p.Extra)
	p = props[1].Record.(*model.Proposal)
	assert.Equal(t, "市教育局", p.LeadUnit, "the lead on the second row")
	assert.ElementsMatch(t, []model.UnitRole{{Name: "市教育局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo}}, p.Units)
	p = props[2].Record.(*model.Proposal)
	assert.Equal(t, []model.UnitRole{{Name: "市农业农村局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo}}, p.Units,
		"without roles the first row's unit leads")
	p = props[3].Record.(*model.Proposal)
	assert.Equal(t, []model.UnitRole{{Name: "市住房和城乡建设局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo}}, p.Units,
		"units marked in their cell keep their roles")
}

// A rating form ticks one column: 满意度 over 满意 / 基本满意 / 不满意, 办理结果
// over A / B / C / D, with √ (or ✔, ●, 1) in the one that applies. A person
// reads the ticked column's heading as the value.
func TestProposalTickColumns(t *testing.T) {
	path := writeMerged(t, "人大建议", [][]any{
		{"建议号", "案由", "主办单位", "办理结果", nil, nil, nil, "满意度", nil, nil},
		{nil, nil, nil, "A", "B", "C", "D", "满意", "基本满意", "不满意"},
		{"第12号", "关于甲的建议", "市住建局", "√", nil, nil, nil, "√", nil, nil},
		{"第15号", "关于乙的建议", "市教育局", nil, "✔", nil, nil, nil, "●", nil},
		{"第16号", "关于丙的建议", "市财政局", nil, nil, nil, "1", nil, nil, "√"},
		{"第17号", "关于丁的建议", "市财政局", nil, nil, nil, nil, nil, nil, nil},
	}, [2]string{"A1", "A2"}, [2]string{"B1", "B2"}, [2]string{"C1", "C2"}, [2]string{"D1", "G1"}, [2]string{"H1", "J1"})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings, "the tick columns are understood")
	props := proposalsOf(t, res, "人大建议")
	require.Len(t, props, 4)
	want := []struct {
		class string
		sat   model.Satisfaction
	}{{"A", model.SatSatisfied}, {"B", model.SatBasically}, {"D", model.SatUnsatisfied}, {"", model.SatNone}}
	for i, w := range want {
		p := props[i].Record.(*model.Proposal)
		assert.Equal(t, w.class, p.ResultClass, p.Number)
		assert.Equal(t, w.sat, p.Satisfaction, p.Number)
		assert.Empty(t, p.Extra, p.Number)
	}
}

// 是（市长领办） in a 是否重点 column is yes, with what the brackets say kept.
func TestProposalFlagWithRemark(t *testing.T) {
	path := writeSheets(t, testSheet{name: "政协提案", rows: [][]any{
		{"提案号", "提案题目", "提案者", "主办单位", "是否重点提案"},
		{"0001", "关于甲的提案", "张三", "市住建局", "是（市长领办）"},
		{"0002", "关于乙的提案", "李四", "市住建局", "否"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	props := proposalsOf(t, res, "政协提案")
	require.Len(t, props, 2)
	p := props[0].Record.(*model.Proposal)
	assert.Equal(t, "1", p.Number)
	assert.Equal(t, "张三", p.Proposer, "提案者 is the proposer")
	assert.True(t, p.Key)
	assert.Equal(t, "是（市长领办）", p.Extra["是否重点提案"])
	assert.False(t, props[1].Record.(*model.Proposal).Key)
	for _, w := range res.Warnings {
		assert.NotEqual(t, "提案者", w.Header)
	}
}

// A date cell in a column no field takes (会办意见反馈时间) is kept as the date a
// person sees, not as Excel's serial number.
func TestProposalExtraDateCellKeptAsADate(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"提案号", "提案题目", "主办单位", "会办意见反馈时间", "件数"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{12, "关于甲的提案", "市住建局", time.Date(2019, 6, 20, 0, 0, 0, 0, time.UTC), 3}))
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle("Sheet1", "D2", "D2", style))
	path := filepath.Join(t.TempDir(), "extra.xlsx")
	require.NoError(t, f.SaveAs(path))
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	props := proposalsOf(t, res, "Sheet1")
	require.Len(t, props, 1)
	p := props[0].Record.(*model.Proposal)
	assert.Equal(t, "2019-06-20", p.Extra["会办意见反馈时间"])
	assert.Equal(t, "3", p.Extra["件数"], "a count stays a number")
}

// A proposals ledger whose only date of the reply is 办结时间 counts it as
// the reply date (办复): a rated, classed proposal is a replied one. Where
// 答复日期 is there too, 办结时间 stays beside it under extra.
func TestProposalDoneDateIsTheReplyWithoutAReplyColumn(t *testing.T) {
	path := writeSheets(t, testSheet{name: "政协提案", rows: [][]any{
		{"提案号", "提案题目", "主办单位", "办结时间", "满意度"},
		{1, "关于甲的提案", "市住建局", "2020-06-20", "满意"},
	}}, testSheet{name: "人大建议", rows: [][]any{
		{"建议号", "案由", "主办单位", "答复日期", "办结日期"},
		{1, "关于乙的建议", "市住建局", "2020-06-10", "2020-07-01"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	p := proposalsOf(t, res, "政协提案")[0].Record.(*model.Proposal)
	assert.Equal(t, model.NewDate(2020, 6, 20), p.RepliedOn)
	q := proposalsOf(t, res, "人大建议")[0].Record.(*model.Proposal)
	assert.Equal(t, model.NewDate(2020, 6, 10), q.RepliedOn)
	assert.Equal(t, "2020-07-01", q.Extra["办结日期"])
}
