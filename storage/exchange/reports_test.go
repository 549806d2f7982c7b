package exchange

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// A department's returned ledger is its progress report: the 办理进展,
// 完成百分比, 存在问题 and 下步措施 of each item become a report of the unit
// on its 填报单位 line, dated its 填报日期; the missed-report list then
// names only the units that sent nothing. Reading the same return again
// adds nothing.
func TestReturnedLedgerIsTheUnitsProgressReport(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	tk := newTask("督〔2019〕9号", "河道整治", "")
	tk.Cycle, tk.ReportDay = model.CycleMonthly, 25
	tk.Units = []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead},
		{Name: "市财政局", Role: model.RoleResponsible}, {Name: "市水务局", Role: model.RoleCooperating}}
	require.NoError(t, s.Save(ctx, tk, "甲"))
	require.NoError(t, s.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市发展和改革委员会",
		Aliases: []string{"市发改委"}}, "甲"))
	assert.Equal(t, []string{"市发展和改革委员会", "市财政局"}, model.MissedReports(getTask(t, s, tk.ID), model.NewDate(2019, 6, 30)))

	ledger := writeBook(t, t.TempDir(), "发改委6月.xlsx", "督办事项", [][]any{
		{"2019年6月督办事项进展情况表"},
		{"填报单位（盖章）：市发改委      填报人：张三     填报日期：2019年6月24日"},
		{"编号", "事项名称", "办理进展", "完成百分比", "存在问题", "下步措施"},
		{"督〔2019〕9号", "河道整治", "已完成清淤3公里", "40%", "资金缺口200万元", "7月底前完成招标"},
	})
	plan := importAll(t, s, []string{ledger})
	assert.Equal(t, 1, plan.Counts().Updated)
	got := getTask(t, s, tk.ID)
	require.Len(t, got.Reports, 1)
	rep := got.Reports[0]
	assert.Equal(t, "市发展和改革委员会", rep.Unit, "the alias on the 填报单位 line, in full")
	assert.Equal(t, model.NewDate(2019, 6, 24), rep.ReportedOn)
	assert.Empty(t, rep.Period, "the ledger names no cycle: the report counts by its date")
	assert.Equal(t, "已完成清淤3公里", rep.Done)
	assert.Equal(t, 40, rep.Percent)
	assert.Equal(t, "资金缺口200万元", rep.Problems)
	assert.Equal(t, "7月底前完成招标", rep.Next)
	assert.Equal(t, model.ReviewPending, rep.Review)
	assert.Equal(t, []string{"市财政局"}, model.MissedReports(got, model.NewDate(2019, 6, 30)),
		"the unit that returned its ledger is not 漏报")

	again := importAll(t, s, []string{ledger}).Counts()
	assert.Zero(t, again.New+again.Updated+again.Merged+again.Conflicts, "%+v", again)
	assert.Len(t, getTask(t, s, tk.ID).Reports, 1)
}

// The ledger exported for one unit comes back as that unit's report,
// dated the day the department saved it.
func TestExportedUnitLedgerReturnsAsReport(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	tk := newTask("督〔2019〕10号", "城区绿化", "")
	tk.Cycle, tk.ReportDay = model.CycleMonthly, 25
	require.NoError(t, s.Save(ctx, tk, "甲"))
	path := exportTo(t, s, "发改委.xlsx", ExportRequest{Unit: "市发展和改革委员会"})
	editRow(t, path, model.KindTask, "督〔2019〕10号", "办理进展", "已栽植3000株")
	// The cover sheet asks for 存在问题 and 下步措施: the sheet has their columns.
	editRow(t, path, model.KindTask, "督〔2019〕10号", "存在问题", "苗木短缺")
	editRow(t, path, model.KindTask, "督〔2019〕10号", "下步措施", "协调林业局")
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	require.NoError(t, f.SetDocProps(&excelize.DocProperties{Created: "2019-06-01T00:00:00Z", Modified: "2019-06-20T09:00:00Z"}))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	importAll(t, s, []string{path})
	got := getTask(t, s, tk.ID)
	require.Len(t, got.Reports, 1)
	assert.Equal(t, "市发展和改革委员会", got.Reports[0].Unit)
	assert.Equal(t, model.NewDate(2019, 6, 20), got.Reports[0].ReportedOn)
	assert.Equal(t, "已栽植3000株", got.Reports[0].Done)
	assert.Equal(t, "苗木短缺", got.Reports[0].Problems)
	assert.Equal(t, "协调林业局", got.Reports[0].Next)
	assert.Empty(t, got.Extra, "the report's text is the report's, not kept again beside the item")
	assert.Empty(t, model.MissedReports(got, model.NewDate(2019, 6, 30)))

	// The office's own export has no report columns: nobody's report to fill.
	whole := exportTo(t, s, "总台账.xlsx", ExportRequest{})
	wf, err := excelize.OpenFile(whole)
	require.NoError(t, err)
	defer wf.Close()
	header, err := wf.GetRows(model.KindTask.SheetName())
	require.NoError(t, err)
	assert.NotContains(t, header[0], "存在问题")
}

// A return whose 办理情况 heads a group of columns (merged across 进展情况,
// 完成百分比, 存在问题, 下步措施, as many departments lay it out): each
// column keeps its own meaning. 存在问题 under it is the report's problems,
// not the item's status (办理情况 alone is a status column's word), and
// nothing of the row is left as an unknown word.
func TestReturnedLedgerWithAGroupHeading(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	tk := newTask("督〔2019〕9号", "河道整治", "")
	tk.Units = []model.UnitRole{{Name: "市发改委", Role: model.RoleLead}}
	require.NoError(t, s.Save(ctx, tk, "甲"))

	path := filepath.Join(t.TempDir(), "发改委6月.xlsx")
	f := excelize.NewFile()
	const sh = "督办事项"
	require.NoError(t, f.SetSheetName("Sheet1", sh))
	for i, r := range [][]any{
		{"2019年6月督办事项进展情况表"},
		{"填报单位（盖章）：市发改委      填报人：张三     填报日期：2019年6月24日"},
		{"编号", "事项名称", "办理情况", nil, nil, nil, "备注"},
		{nil, nil, "进展情况", "完成百分比", "存在问题", "下步措施", nil},
		{"督〔2019〕9号", "河道整治", "已完成清淤3公里", "40%", "资金缺口200万元", "7月底前完成招标", ""},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow(sh, cell, &r))
	}
	for _, m := range [][2]string{{"A1", "G1"}, {"A2", "G2"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "F3"}, {"G3", "G4"}} {
		require.NoError(t, f.MergeCell(sh, m[0], m[1]))
	}
	require.NoError(t, f.SaveAs(path))
	require.NoError(t, f.Close())

	plan := importAll(t, s, []string{path})
	assert.Equal(t, 1, plan.Counts().Updated)
	assert.Empty(t, plan.Warnings, "no column of the group is taken for a status word")
	got := getTask(t, s, tk.ID)
	assert.Empty(t, got.StatusText)
	assert.Equal(t, tk.Status, got.Status)
	require.Len(t, got.Reports, 1)
	rep := got.Reports[0]
	assert.Equal(t, "已完成清淤3公里", rep.Done)
	assert.Equal(t, 40, rep.Percent)
	assert.Equal(t, "资金缺口200万元", rep.Problems)
	assert.Equal(t, "7月底前完成招标", rep.Next)
}

// Returns word their problem and next-step columns in many ways; each
// wording fills the unit's report.
func TestReturnedLedgerProblemAndNextStepWordings(t *testing.T) {
	for _, h := range [][2]string{{"存在的困难", "下一步打算"}, {"问题和困难", "下一步计划"}, {"存在问题及困难", "下步工作措施"}} {
		t.Run(h[0]+"/"+h[1], func(t *testing.T) {
			ctx := context.Background()
			s := openTestStore(t)
			tk := newTask("督〔2019〕9号", "河道整治", "")
			require.NoError(t, s.Save(ctx, tk, "甲"))
			ledger := writeBook(t, t.TempDir(), "回报.xlsx", "督办事项", [][]any{
				{"填报单位：市水务局      填报日期：2019年6月24日"},
				{"编号", "事项名称", "办理进展", h[0], h[1]},
				{"督〔2019〕9号", "河道整治", "已完成清淤", "资金缺口", "7月招标"},
			})
			plan := importAll(t, s, []string{ledger})
			assert.Empty(t, plan.Warnings, "no column is left unread")
			got := getTask(t, s, tk.ID)
			require.Len(t, got.Reports, 1)
			assert.Equal(t, "资金缺口", got.Reports[0].Problems)
			assert.Equal(t, "7月招标", got.Reports[0].Next)
		})
	}
}
