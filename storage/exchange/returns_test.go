package exchange

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// editRow types value into the column headed header of the row whose 编号
// is number, in the sheet of kind, as a department does.
func editRow(t *testing.T, path string, kind model.Kind, number, header, value string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	sheet := kind.SheetName()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	col, numCol := -1, -1
	for i, h := range rows[0] {
		switch h {
		case header:
			col = i
		case "编号":
			numCol = i
		}
	}
	require.True(t, col >= 0 && numCol >= 0, "%s / 编号", header)
	for r, row := range rows {
		if r > 0 && numCol < len(row) && row[numCol] == number {
			cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
			require.NoError(t, f.SetCellStr(sheet, cell, value))
			require.NoError(t, f.Save())
			return
		}
	}
	require.Failf(t, "no row", "%s", number)
}

// An item goes to its lead unit and its cooperating unit; both return it.
// The unchanged copy never undoes the edit, whatever the order of files;
// edits of different fields in the two returns both apply; the same field
// edited differently is one conflict naming both files; importing the
// returns again changes nothing.
func TestSeveralReturnsOfOneRecordMerge(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	t1 := newTask("督〔2019〕1号", "老旧小区改造", "已完成摸底")
	t2 := newTask("督〔2019〕2号", "城区停车难治理", "方案起草中")
	for _, tk := range []*model.Task{t1, t2} {
		tk.Units = []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCooperating}}
		require.NoError(t, s.Save(ctx, tk, "甲"))
	}
	lead := exportTo(t, s, "发改委.xlsx", ExportRequest{Unit: "市发展和改革委员会"})
	coop := exportTo(t, s, "财政局.xlsx", ExportRequest{Unit: "市财政局"})
	editRow(t, lead, model.KindTask, "督〔2019〕1号", "办理进展", "已开工12个小区")
	editRow(t, coop, model.KindTask, "督〔2019〕2号", "备注", "资金已拨付")

	full := exportTo(t, s, "全部.xlsx", ExportRequest{})
	for _, order := range [][]string{{coop, lead}, {lead, coop}} {
		c := openTestStore(t) // a clone of the office's database
		importAll(t, c, []string{full})
		importAll(t, c, order) // no rejection: a second return is no duplicate
		assert.Equal(t, "已开工12个小区", getTask(t, c, t1.ID).Progress, "the edit stands, the unchanged copy changes nothing")
		assert.Equal(t, "资金已拨付", getTask(t, c, t2.ID).Remarks)
	}

	// applied to the office's own database, then both returns edit one field
	plan := importAll(t, s, []string{coop, lead})
	assert.Equal(t, 2, plan.Counts().Updated)
	again := importAll(t, s, []string{lead, coop}).Counts()
	assert.Zero(t, again.New+again.Updated+again.Merged+again.Conflicts, "%+v", again)

	lead2 := exportTo(t, s, "发改委2.xlsx", ExportRequest{Unit: "市发展和改革委员会"})
	coop2 := exportTo(t, s, "财政局2.xlsx", ExportRequest{Unit: "市财政局"})
	editRow(t, lead2, model.KindTask, "督〔2019〕1号", "办理进展", "已开工20个小区")
	editRow(t, coop2, model.KindTask, "督〔2019〕1号", "办理进展", "资金到位，已开工18个小区")
	editRow(t, coop2, model.KindTask, "督〔2019〕1号", "备注", "财政局已拨款")
	plan = importAll(t, s, []string{lead2, coop2})
	c := plan.Counts()
	assert.Equal(t, 1, c.Conflicts)
	var conflicts []model.FieldConflict
	for _, it := range plan.Items {
		conflicts = append(conflicts, it.Conflicts...)
	}
	require.Len(t, conflicts, 1)
	assert.Equal(t, "progress", conflicts[0].Field)
	assert.Equal(t, []string{"发改委2.xlsx", "财政局2.xlsx"}, conflicts[0].Files)
	assert.JSONEq(t, `"已开工20个小区"`, string(conflicts[0].Local))
	assert.JSONEq(t, `"资金到位，已开工18个小区"`, string(conflicts[0].Incoming))
	assert.NotEmpty(t, conflicts[0].ID)
	got := getTask(t, s, t1.ID)
	assert.Equal(t, "已开工20个小区", got.Progress)
	assert.Equal(t, "财政局已拨款", got.Remarks, "the other field of the same return applies")
	pending, err := s.Conflicts(ctx, true)
	require.NoError(t, err)
	require.Len(t, pending, 1)

	again = importAll(t, s, []string{coop2, lead2}).Counts()
	assert.Zero(t, again.New+again.Updated+again.Merged+again.Conflicts, "%+v", again)
	pending, err = s.Conflicts(ctx, true)
	require.NoError(t, err)
	assert.Len(t, pending, 1, "still the one conflict")
}

// Returns of every record at once that change nothing keep only the
// records' identities in the plan; a return that changes a record is
// applied; and the plan, applied after the store changed, is made again
// from its files.
func TestReturnsThatChangeNothingKeepOnlyIdentities(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	rows := [][]any{{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}}
	for i := 1; i <= 30; i++ {
		rows = append(rows, []any{fmt.Sprintf("督〔2025〕%d号", i), fmt.Sprintf("整改事项%d", i), "市水务局", "6月底", "已完成排查"})
	}
	dir := t.TempDir()
	importFile(t, s, writeBook(t, dir, "台账.xlsx", "Sheet1", rows))

	changed := slices.Clone(rows)
	changed[5] = []any{"督〔2025〕5号", "整改事项5", "市水务局", "6月底", "已完成整改"}
	files := []string{
		writeBook(t, dir, "水务局.xlsx", "Sheet1", rows),
		writeBook(t, dir, "城管局.xlsx", "Sheet1", rows),
		writeBook(t, dir, "住建局.xlsx", "Sheet1", changed),
	}
	plan, err := PlanFiles(ctx, s, files, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	c := plan.Counts()
	assert.Equal(t, 1, c.Updated)
	assert.Equal(t, 29, c.Unchanged)
	for _, it := range plan.Items {
		if it.Action != model.ActionUnchanged {
			continue
		}
		require.Len(t, it.Merged, 2, it.Key)
		assert.IsType(t, &model.Identity{}, it.Local, it.Key)
		assert.IsType(t, &model.Identity{}, it.Incoming.Record, it.Key)
		for _, m := range it.Merged {
			assert.IsType(t, &model.Identity{}, m.Incoming.Record, it.Key)
		}
	}

	// the store changes before the plan is applied: planned again, applied
	other, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: "督〔2025〕9号"}))
	require.NoError(t, err)
	other.(*model.Task).Remarks = "本机备注"
	require.NoError(t, s.Save(ctx, other, "办公室"))
	applied, err := Apply(ctx, s, plan, ApplyRequest{By: "办公室"})
	require.NoError(t, err)
	assert.Equal(t, 1, applied.Plan.Counts().Updated)
	got, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: "督〔2025〕5号"}))
	require.NoError(t, err)
	assert.Equal(t, "已完成整改", got.(*model.Task).Progress)
	kept, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: "督〔2025〕9号"}))
	require.NoError(t, err)
	assert.Equal(t, "本机备注", kept.(*model.Task).Remarks)
}

// Departments retype the numbers of the items they return with the
// brackets their keyboard gives, padded, or without 号: each row still
// updates its item, none becomes a second one, the number keeps the
// office's spelling, and the preview names the row by it.
func TestReturnsWithRetypedNumbersFindTheirItems(t *testing.T) {
	s := openTestStore(t)
	dir := t.TempDir()
	typed := []string{"督[2025]1号", "督(2025)2号", "督〔2025〕03号", "督 〔2025〕 4 号", "督〔２０２５〕５号", "督【2025】6"}
	base := [][]any{{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}}
	ret := [][]any{{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}}
	for i, n := range typed {
		base = append(base, []any{fmt.Sprintf("督〔2025〕%d号", i+1), fmt.Sprintf("事项%d", i+1), "市住建局", "2025年6月30日", "初始"})
		ret = append(ret, []any{n, fmt.Sprintf("事项%d", i+1), "市住建局", "2025年6月30日", "已推进"})
	}
	importAll(t, s, []string{writeBook(t, dir, "台账.xlsx", "督办事项", base)})
	plan := importAll(t, s, []string{writeBook(t, dir, "回报.xlsx", "督办事项", ret)})
	c := plan.Counts()
	assert.Equal(t, len(typed), c.Updated, "%+v", c)
	assert.Zero(t, c.New)
	for i, it := range plan.Items {
		assert.Equal(t, fmt.Sprintf("督〔2025〕%d号", i+1), it.KeyText(), "named by the number as the office spells it")
	}
	n, err := s.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, len(typed), n)
	for i, it := range plan.Items {
		assert.Equal(t, []string{"progress"}, it.Changed, "%s: the number typed another way is no change", typed[i])
		got := getTask(t, s, it.Local.RecordMeta().ID)
		assert.Equal(t, fmt.Sprintf("督〔2025〕%d号", i+1), got.Number, "the office's spelling stays")
		assert.Equal(t, "已推进", got.Progress)
	}

	// Two departments' returns of one item, its number typed two ways:
	// one record, and their numbers are no conflict.
	a := writeBook(t, dir, "甲.xlsx", "督办事项", [][]any{ret[0], {"督[2025]1号", "事项1", "市住建局", "2025年6月30日", "甲的进展"}})
	b := writeBook(t, dir, "乙.xlsx", "督办事项", [][]any{ret[0], {"督〔2025〕01号", "事项1", "市住建局", "2025年6月30日", "已推进"}})
	both := importAll(t, s, []string{a, b})
	require.Len(t, both.Items, 1)
	for _, c := range both.Items[0].Conflicts {
		assert.NotEqual(t, "number", c.Field)
	}
}
