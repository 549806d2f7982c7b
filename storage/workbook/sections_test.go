package workbook

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// A ledger divided by section headings (一、经济发展类（3项）merged across the
// table, （二）民生保障类 typed in the first column alone): a heading is not
// an item, none of its words becomes a unit or a deadline, and each item
// keeps the heading it stands under, in its 分类 column. A deadline no rule
// reads (视情况而定) is kept as typed, without a date, and told; the row is
// not refused for it.
func TestSectionHeadingsAndUnreadDeadlines(t *testing.T) {
	res, err := Read("testdata/sections_openpyxl.xlsx", ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 6)
	tasks := map[string]*model.Task{}
	for _, in := range res.Rows {
		tk := in.Record.(*model.Task)
		tasks[tk.Title] = tk
		assert.Contains(t, in.Fields, "extra", tk.Title)
	}
	for _, u := range res.UnknownUnits {
		assert.NotContains(t, u, "类", "a heading is not a unit")
	}
	assert.Equal(t, "一、经济发展类（3项）", tasks["推进制造业高质量发展"].Extra["分类"])
	assert.Equal(t, "一、经济发展类（3项）", tasks["促进消费"].Extra["分类"])
	assert.Equal(t, "（二）民生保障类", tasks["新增城镇就业"].Extra["分类"])
	assert.Equal(t, "（二）民生保障类", tasks["筹办体育赛事"].Extra["分类"])

	assert.Equal(t, model.DeadlineOngoing, tasks["提升教育水平"].Deadline.Type, "按序时推进: no completion date")
	odd := tasks["筹办体育赛事"].Deadline
	assert.Equal(t, model.Deadline{Text: "视情况而定"}, odd, "kept as typed, without a date")
	var warned bool
	for _, w := range res.Warnings {
		if w.Value == "视情况而定" {
			warned = true
			assert.Equal(t, "deadline", w.Field)
			assert.Contains(t, w.Reason, "无法识别的完成时限")
		}
	}
	assert.True(t, warned, "the unread deadline is told: %+v", res.Warnings)
	var noted int
	for _, n := range res.Notes {
		if strings.Contains(n, "分类标题") {
			noted++
		}
	}
	assert.Equal(t, 2, noted, "each heading is named in a note: %q", res.Notes)
}

// Government forms number their columns in a row under the header (栏次:
// 甲 乙 1 2 3 4), and a table printed page by page, or two tables on one
// sheet, type the header again further down. Neither is an item: neither
// adds a unit to the dictionary nor a record, and the notes say they were
// passed over.
func TestColumnNumbersAndRepeatedHeaderAreNotItems(t *testing.T) {
	header := []any{"序号", "编号", "事项名称", "牵头单位", "完成时限", "办理进展"}
	path := writeSheets(t, testSheet{name: "督办事项", mergeTitle: true, rows: [][]any{
		{"督办事项台账"},
		header,
		{"甲", "乙", "1", "2", "3", "4"},
		{1, "督〔2025〕11号", "事项一", "市住房和城乡建设局", "2025年6月30日", "推进中"},
		{2, "督〔2025〕12号", "事项二", "市教育局", "2025年9月30日", "推进中"},
		header,
		{3, "督〔2025〕13号", "事项三", "市财政局", "年底前", "已完成"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings)
	assert.Empty(t, res.UnknownUnits)
	var numbers []string
	for _, in := range res.Rows {
		numbers = append(numbers, in.Record.(*model.Task).Number)
	}
	assert.Equal(t, []string{"督〔2025〕11号", "督〔2025〕12号", "督〔2025〕13号"}, numbers)
	notes := strings.Join(res.Notes, "\n")
	assert.Contains(t, notes, "第3行")
	assert.Contains(t, notes, "栏次")
	assert.Contains(t, notes, "第6行")
	assert.Contains(t, notes, "表头")
}

// A ledger with no 编号 column tells its items by their titles: a title
// typed twice refuses the second row, and the refusal shows the title as
// typed and says the titles are the same (not the key's inner form
// "title|…", and not "same number", which the sheet has none of).
func TestDuplicateTitlesSayWhatTheyShare(t *testing.T) {
	path := writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"序号", "工作任务", "责任单位", "完成时限"},
		{1, "推进老旧小区改造", "市住房和城乡建设局", "2025年6月30日"},
		{2, "建设智慧城市", "市财政局", "2025年12月31日"},
		{3, "推进老旧小区改造 ", "市教育局", "2025年6月30日"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rejected, 1)
	bad := res.Rejected[0]
	assert.Equal(t, 4, bad.Row)
	assert.Equal(t, "B", bad.Column)
	assert.Equal(t, "推进老旧小区改造", bad.Value)
	assert.Equal(t, "与工作表“Sheet1”第2行重复（“工作任务”相同）", bad.Reason)
}

// A header that names the year (完成时限（2025年）, 交办日期(2025)) puts the
// year-less dates under it in that year, whatever the file's date: 6月底 is
// 2025-06-30, not the month of the year the file was saved in.
func TestAYearInTheHeaderDatesTheColumn(t *testing.T) {
	path := writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"编号", "工作任务", "牵头单位", "交办日期(2025)", "完成时限（2025年）", "办理进展（截至6月25日）"},
		{"督〔2025〕1号", "任务一", "市住房和城乡建设局", "3月1日", "6月底", "进展顺利"},
		{"督〔2025〕2号", "任务二", "市教育局", "", "12月31日", "已完成"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 2)
	one, two := res.Rows[0].Record.(*model.Task), res.Rows[1].Record.(*model.Task)
	assert.Equal(t, model.NewDate(2025, 3, 1), one.AssignedOn)
	assert.Equal(t, model.NewDate(2025, 6, 30), one.Deadline.Due)
	assert.Equal(t, model.NewDate(2025, 12, 31), two.Deadline.Due)
	assert.Equal(t, "进展顺利", one.Progress, "办理进展（截至6月25日） is the progress column")
}

// A dash, a slash or 无 typed in a deadline, percentage, amount or count
// cell says there is none: the row is read as if the cell were empty,
// neither refused nor warned.
func TestBlankMarksInNumberAndDeadlineCells(t *testing.T) {
	path := writeSheets(t, testSheet{name: "Sheet1", rows: [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "完成百分比"},
		{"督〔2025〕1号", "任务一", "市财政局", "—", "/"},
		{"督〔2025〕2号", "任务二", "市财政局", "无", "－"},
		{"督〔2025〕3号", "任务三", "市财政局", "2025年6月30日", "——"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.Warnings)
	require.Len(t, res.Rows, 3)
	for _, in := range res.Rows[:2] {
		tk := in.Record.(*model.Task)
		assert.Equal(t, model.Deadline{}, tk.Deadline, tk.Number)
		assert.Zero(t, tk.Percent, tk.Number)
	}
	assert.Equal(t, model.NewDate(2025, 6, 30), res.Rows[2].Record.(*model.Task).Deadline.Due)
}

// A wide column: 事项名称 merged across two columns in the header and in
// every row. Its first row is an item, not the lower half of a two-level
// header.
func TestAColumnMergedAcrossTwoIsOneColumn(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range [][]any{
		{"编号", "事项名称", nil, "牵头单位", "完成时限"},
		{"督〔2025〕1号", "推进老旧小区改造工程建设", nil, "市住房和城乡建设局", "2025年6月30日"},
		{"督〔2025〕2号", "扩大有效投资", nil, "市财政局", "2025年9月30日"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
		require.NoError(t, f.MergeCell("Sheet1", fmt.Sprintf("B%d", i+1), fmt.Sprintf("C%d", i+1)))
	}
	path := filepath.Join(t.TempDir(), "wide.xlsx")
	require.NoError(t, f.SaveAs(path))
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 2, "both items")
	assert.Equal(t, "推进老旧小区改造工程建设", res.Rows[0].Record.(*model.Task).Title)
	assert.Equal(t, "扩大有效投资", res.Rows[1].Record.(*model.Task).Title)
	assert.Empty(t, res.Warnings, "the merged-over column is no unknown column")
	assert.Empty(t, res.Rows[0].Record.(*model.Task).Extra)
}

// A two-level header typed without merging its top cells: 责任单位 above
// 牵头单位 | 配合单位, 办理情况 above 进展 | 完成百分比, the other top cells
// alone. The second row is the header's, not an item naming a unit
// called 牵头单位.
func TestATwoLevelHeaderWithoutMerges(t *testing.T) {
	path := writeSheets(t, testSheet{name: "督办事项", rows: [][]any{
		{"编号", "事项名称", "责任单位", nil, "完成时限", "办理情况", nil},
		{nil, nil, "牵头单位", "配合单位", nil, "进展", "完成百分比"},
		{"督〔2025〕1号", "事项一", "市住房和城乡建设局", "市财政局", "2025年6月30日", "推进中", "50%"},
		{"督〔2025〕2号", "事项二", "市教育局", nil, "2025年9月30日", "已完成", "100%"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.UnknownUnits, "牵头单位 is no unit")
	require.Len(t, res.Rows, 2)
	one := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "督〔2025〕1号", one.Number)
	assert.Equal(t, []model.UnitRole{{Name: "市住房和城乡建设局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCooperating}}, one.Units)
	assert.Equal(t, "推进中", one.Progress)
	assert.Equal(t, 50, one.Percent)
}

// An item ledger's dates given as a month alone (交办日期 2025年3月, 办结时间
// 2025年6月): assigned on the month's first day, done on its last, each
// with a note; the row is not refused.
func TestItemDatesAsAMonth(t *testing.T) {
	path := writeSheets(t, testSheet{name: "督办事项", rows: [][]any{
		{"编号", "事项名称", "牵头单位", "交办日期", "完成时限", "办结时间", "销号时间"},
		{"督〔2025〕3号", "事项三", "市财政局", "2025年3月", "2025年6月30日", "2025年6月", "2025.7"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 1)
	tk := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, model.NewDate(2025, 3, 1), tk.AssignedOn)
	assert.Equal(t, model.NewDate(2025, 6, 30), tk.DoneOn)
	assert.Equal(t, model.NewDate(2025, 7, 31), tk.ClosedOn)
	assert.Len(t, res.Notes, 3, "%q", res.Notes)
}

// A unit cell that gives a contact in brackets (市住建局（张三 13800000000）):
// the unit is 市住建局, and the cell as typed is kept under its header,
// so the contact is not lost.
func TestUnitCellWithAContact(t *testing.T) {
	path := writeSheets(t, testSheet{name: "督办事项", rows: [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2025〕1号", "事项一", "市住建局（张三 13800000000）", "2025年6月30日"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	tk := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "市住房和城乡建设局", tk.LeadUnit)
	assert.Equal(t, "市住建局（张三 13800000000）", tk.Extra["牵头单位"])
	assert.Empty(t, res.UnknownUnits)
}

// A person typed after the unit with a space (市住建局 李明华) is its contact,
// not a second unit; the cell is kept as typed. So in a proposal's single
// 承办单位 too.
func TestUnitCellWithAPersonAfterTheUnit(t *testing.T) {
	path := writeSheets(t, testSheet{name: "督办事项", rows: [][]any{
		{"编号", "事项名称", "牵头单位", "配合单位", "完成时限"},
		{"督〔2025〕1号", "事项一", "市住建局 李明华", "市财政局 王小明 13800000000", "2025年6月30日"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	tk := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "市住房和城乡建设局", tk.LeadUnit)
	var names []string
	for _, u := range tk.Units {
		names = append(names, u.Name)
	}
	assert.Equal(t, []string{"市住房和城乡建设局", "市财政局"}, names)
	assert.Equal(t, "市住建局 李明华", tk.Extra["牵头单位"])
	assert.Equal(t, "市财政局 王小明 13800000000", tk.Extra["配合单位"])
	assert.Empty(t, res.UnknownUnits)
}
