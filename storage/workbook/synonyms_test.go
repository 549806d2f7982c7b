package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// readOne reads a workbook whose only sheet holds the given kind.
func readOne(t *testing.T, path string, kind model.Kind) *Result {
	t.Helper()
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	for _, rep := range res.Report.Sheets {
		require.NotNil(t, rep.Kind, rep.Sheet)
		assert.Equal(t, kind, *rep.Kind, rep.Sheet)
	}
	return res
}

func TestDepartmentTaskHeaders(t *testing.T) {
	path := writeSheets(t, testSheet{name: "重点工作推进表", rows: [][]any{
		{"序号", "督办编号", "工作任务", "具体任务", "领导批示", "分管领导", "牵头单位", "配合单位", "时间节点", "推进情况", "是否办结", "备注"},
		{1, "督〔2019〕21号", "老旧小区改造", "完成30个小区改造", "抓紧推进，确保年底完成", "王副市长", "市住建局", "市财政局", "2019年10月31日", "已完成20个", "否", ""},
		{2, "督〔2019〕22号", "校舍安全改造", "完成12所学校加固", "", "李副市长", "市教育局", "", "6月底", "已全部完工", "是", ""},
	}})
	res := readOne(t, path, model.KindTask)
	require.Len(t, res.Rows, 2)
	tk := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "督〔2019〕21号", tk.Number)
	assert.Equal(t, "老旧小区改造", tk.Title, "工作任务 names the item")
	assert.Equal(t, "完成30个小区改造", tk.Content)
	assert.Equal(t, "抓紧推进，确保年底完成", tk.Instruction)
	assert.Equal(t, "王副市长", tk.Leader)
	assert.Equal(t, "市住房和城乡建设局", tk.LeadUnit)
	assert.Equal(t, model.NewDate(2019, 10, 31), tk.Deadline.Due)
	assert.Equal(t, "已完成20个", tk.Progress)
	assert.Equal(t, model.TaskInProgress, tk.Status, "是否办结 否")
	assert.Equal(t, model.TaskDone, res.Rows[1].Record.(*model.Task).Status, "是否办结 是")
	assert.Contains(t, res.Rows[0].Fields, "status")

	// Another department: 事项名称 takes the title, so 工作任务 is the content;
	// 完成情况 holds sentences, not a status.
	path = writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"编号", "事项名称", "工作任务", "责任领导", "责任单位", "完成时间", "完成情况", "落实情况"},
		{"督〔2019〕30号", "优化营商环境", "压减审批时限50%", "张副市长", "市发改委", "2019.12.31", "已完成可研批复", "正在推进"},
	}})
	res = readOne(t, path, model.KindTask)
	require.Len(t, res.Rows, 1)
	tk = res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "优化营商环境", tk.Title)
	assert.Equal(t, "压减审批时限50%", tk.Content)
	assert.Equal(t, "已完成可研批复", tk.Progress)
	assert.Equal(t, model.TaskRegistered, tk.Status, "no status column: inferred from the dates")
	assert.NotContains(t, res.Rows[0].Fields, "status")
	assert.Equal(t, "市发展和改革委员会", tk.LeadUnit)
}

func TestDepartmentProposalHeaders(t *testing.T) {
	path := writeSheets(t, testSheet{name: "代表建议", rows: [][]any{
		{"序号", "建议号", "建议题目", "领衔代表", "主办单位", "协办单位", "办复时间", "结果类别", "代表满意度", "见面沟通", "备注"},
		{1, 15, "关于推进学前教育的建议", "张三", "市教育局", "市财政局", "2019-06-20", "A", "满意", "2019-06-01", ""},
	}})
	res := readOne(t, path, model.KindProposal)
	require.Len(t, res.Rows, 1)
	p := res.Rows[0].Record.(*model.Proposal)
	assert.Equal(t, "15", p.Number)
	assert.Equal(t, "关于推进学前教育的建议", p.Title)
	assert.Equal(t, "张三", p.Proposer)
	assert.Equal(t, []model.UnitRole{{Name: "市教育局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo}}, p.Units)
	assert.Equal(t, model.NewDate(2019, 6, 20), p.RepliedOn)
	assert.Equal(t, "A", p.ResultClass)
	assert.Equal(t, model.SatSatisfied, p.Satisfaction)
	assert.Equal(t, model.NewDate(2019, 6, 1), p.MetOn)
	assert.Equal(t, model.BodyNPC, p.Body)

	path = writeSheets(t, testSheet{name: "政协提案", rows: [][]any{
		{"提案号", "提案题目", "第一提案人", "承办单位", "答复时间", "办理结果", "委员意见"},
		{"第88号", "关于发展夜间经济的提案", "王五", "市发改委", "2019年7月2日", "B", "基本满意"},
	}})
	res = readOne(t, path, model.KindProposal)
	require.Len(t, res.Rows, 1)
	p = res.Rows[0].Record.(*model.Proposal)
	assert.Equal(t, "王五", p.Proposer)
	assert.Equal(t, "B", p.ResultClass)
	assert.Equal(t, model.SatBasically, p.Satisfaction)
	assert.Equal(t, model.NewDate(2019, 7, 2), p.RepliedOn)
	assert.Equal(t, model.BodyCPPCC, p.Body)
}

func TestDepartmentVisitHeaders(t *testing.T) {
	path := writeSheets(t, testSheet{name: "调研情况", rows: [][]any{
		{"序号", "时间", "带队领导", "随行人员", "调研地点", "调研内容", "联系基层单位", "发现问题", "备注"},
		{1, "2019-04-12", "王副市长", "张三、李四", "城关镇王庄村", "春季农业生产", "王庄村委会、城关镇农技站", "灌溉设施老化", ""},
	}})
	res := readOne(t, path, model.KindVisit)
	require.Len(t, res.Rows, 1)
	v := res.Rows[0].Record.(*model.Visit)
	assert.Equal(t, model.NewDate(2019, 4, 12), v.StartOn)
	assert.Equal(t, "王副市长", v.Leader)
	assert.Equal(t, "张三、李四", v.People)
	assert.Equal(t, "城关镇王庄村", v.Place)
	assert.Equal(t, "春季农业生产", v.Purpose)
	assert.Equal(t, []string{"王庄村委会", "城关镇农技站"}, v.Units)
	assert.Equal(t, "灌溉设施老化", v.Findings)

	path = writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"走访时间", "带队", "走访单位", "走访内容", "了解情况", "存在问题"},
		{"2019年5月8日", "李副市长", "市第一中学", "校园安全检查", "安全制度健全", "消防通道堵塞"},
	}})
	res = readOne(t, path, model.KindVisit)
	require.Len(t, res.Rows, 1)
	v = res.Rows[0].Record.(*model.Visit)
	assert.Equal(t, []string{"市第一中学"}, v.Units, "走访单位 are the units contacted")
	assert.Equal(t, "校园安全检查", v.Purpose)
	assert.Equal(t, "安全制度健全", v.Findings, "the first findings column wins")
}

func TestDepartmentFundHeaders(t *testing.T) {
	path := writeSheets(t, testSheet{name: "到位资金", mergeTitle: true, rows: [][]any{
		{"2019年帮扶资金到位情况"},
		{"填报单位：市政府办公室", nil, nil, "单位：万元"},
		{"序号", "到位时间", "资金来源", "到位资金", "资金用途", "备注"},
		{1, "2019/3/15", "财政专项扶贫资金", 115, "蔬菜大棚", ""},
		{2, "2019/4/2", "市政府办公室帮扶资金", "12.5", "村道硬化", ""},
	}})
	res := readOne(t, path, model.KindFund)
	require.Len(t, res.Rows, 2)
	f := res.Rows[0].Record.(*model.Fund)
	assert.Equal(t, model.NewDate(2019, 3, 15), f.Date)
	assert.EqualValues(t, 115_0000_00, f.AmountFen, "单位：万元 above the header")
	assert.Equal(t, "蔬菜大棚", f.Project)
	assert.EqualValues(t, 12_5000_00, res.Rows[1].Record.(*model.Fund).AmountFen)

	path = writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"拨付时间", "来源", "金额（万元）", "用途"},
		{"2019-05-06", "社会捐助", 3, "助学"},
	}})
	res = readOne(t, path, model.KindFund)
	require.Len(t, res.Rows, 1)
	f = res.Rows[0].Record.(*model.Fund)
	assert.EqualValues(t, 3_0000_00, f.AmountFen)
	assert.Equal(t, "助学", f.Project)
	assert.Equal(t, model.NewDate(2019, 5, 6), f.Date)

	// A header saying 元 wins over the title's 万元.
	path = writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"单位：万元"},
		{"日期", "资金来源", "金额（元）"},
		{"2019-05-06", "社会捐助", 3000},
	}})
	res = readOne(t, path, model.KindFund)
	assert.EqualValues(t, 3000_00, res.Rows[0].Record.(*model.Fund).AmountFen)
}

func TestSheetNameBreaksTie(t *testing.T) {
	// 编号 + 日期 fits meetings and visits equally; the sheet name decides.
	rows := [][]any{{"编号", "日期"}, {"Z-1", "2019-04-12"}}
	for name, want := range map[string]model.Kind{"走访记录": model.KindVisit, "会议记录": model.KindMeeting} {
		res, err := Read(writeSheets(t, testSheet{name: name, rows: rows}), ReadOptions{})
		require.NoError(t, err)
		require.NotNil(t, res.Report.Sheets[0].Kind)
		assert.Equal(t, want, *res.Report.Sheets[0].Kind, name)
	}
}
