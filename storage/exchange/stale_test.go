package exchange

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// A ledger imported again plans each unchanged row down to its record's
// identity (the plan of a large file does not hold the file). When one of
// those records is edited between the preview and the apply, the import
// plans again from the file: the edit is kept and nothing is lost.
func TestUnchangedRowsLeaveIdentitiesAndAnEditMeanwhileIsKept(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	path := bigLedger(t, 300)
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	_, err = Apply(ctx, s, plan, ApplyRequest{By: "办公室"})
	require.NoError(t, err)

	again, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Equal(t, 300, again.Counts().Unchanged)
	for _, it := range again.Items {
		id, ok := it.Incoming.Record.(*model.Identity)
		require.True(t, ok, "row %d keeps only the record's identity, not %T", it.Incoming.Ref.Row, it.Incoming.Record)
		assert.NotEmpty(t, id.ID)
		assert.NotEmpty(t, id.Title, "the preview still names the item")
	}

	// Someone edits item 7 while the preview is open.
	rec, err := s.FindByKey(ctx, model.KindTask, again.Items[6].Key)
	require.NoError(t, err)
	task := rec.(*model.Task)
	task.Progress = "已完成主体工程（预览后修改）"
	require.NoError(t, s.Save(ctx, task, "张三"))

	_, err = s.ApplyImport(ctx, again, storage.ApplyOptions{By: "办公室", NoBackup: true})
	require.ErrorIs(t, err, storage.ErrStalePlan, "the store alone cannot decide a row it let go")
	got, err := s.Get(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, task.Rev, got.RecordMeta().Rev, "nothing was imported")

	applied, err := Apply(ctx, s, again, ApplyRequest{By: "办公室"})
	require.NoError(t, err, "planned again from the file")
	c := applied.Plan.Counts()
	assert.Equal(t, 0, c.New+c.Conflicts)
	got, err = s.Get(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, "已完成主体工程（预览后修改）", got.(*model.Task).Progress, "the edit made meanwhile stands")
}

// A ledger saved again between the preview and the import is refused: the
// rows the preview let go would be read from another file. Nothing is
// imported; a new preview imports the file as it is now.
func TestAFileChangedAfterThePreviewIsRefused(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	path := bigLedger(t, 50)
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Equal(t, 50, plan.Counts().New)

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("Sheet1", "B3", "整改事项（改名）"))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	_, err = Apply(ctx, s, plan, ApplyRequest{By: "办公室"})
	require.ErrorIs(t, err, ErrFileChanged)
	assert.Contains(t, model.Localize(err, "zh"), "文件在预览之后被修改过")
	n, err := s.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Zero(t, n, "nothing was imported")

	plan, err = PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	_, err = Apply(ctx, s, plan, ApplyRequest{By: "办公室"})
	require.NoError(t, err)
	rec, err := s.FindByKey(ctx, model.KindTask, plan.Items[0].Key)
	require.NoError(t, err)
	assert.Equal(t, "整改事项（改名）", rec.(*model.Task).Title)
}

// A first import of a large file lists the first rows it will create and
// counts the others; every row is created all the same, once, as read.
func TestALargeFirstImportCountsWhatItDoesNotList(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	path := bigLedger(t, model.QuietShown+150)
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+150, plan.Counts().New)
	assert.Len(t, plan.Items, model.QuietShown, "the first rows are listed for the preview")
	assert.Equal(t, 150, plan.Quiet.New)

	applied, err := Apply(ctx, s, plan, ApplyRequest{By: "办公室"})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+150, applied.Plan.Counts().New)
	n, err := s.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+150, n)
	last, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: fmt.Sprintf("督〔2025〕%d号", model.QuietShown+150)}))
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("整改事项%d", model.QuietShown+150), last.(*model.Task).Title)

	// imported again: all unchanged, counted
	again, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	c := again.Counts()
	assert.Equal(t, model.QuietShown+150, c.Unchanged)
	assert.Zero(t, c.New+c.Updated+c.Conflicts)
	_, err = Apply(ctx, s, again, ApplyRequest{By: "办公室"})
	require.NoError(t, err)
	n, err = s.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+150, n)
}

// Past the rows a preview lists, a row standing for a record an earlier row
// of the file makes is refused when planned and passed over when applied
// (partially), every time the same way: the store already had records of
// the kind, so the new rows are decided again as the file is read.
func TestAQuietDuplicateRowIsPassedOverWhenApplied(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	require.NoError(t, s.Save(ctx, newTask("督〔2019〕1号", "已有事项", ""), "办公室"))
	rows := [][]any{{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}}
	for i := 1; i <= model.QuietShown+80; i++ {
		rows = append(rows, []any{fmt.Sprintf("督〔2025〕%d号", i), fmt.Sprintf("整改事项%d", i), "市水务局", "6月底", "已完成排查"})
		if i == model.QuietShown+40 {
			rows = append(rows, []any{fmt.Sprintf("督〔2025〕%d号", i), "同一事项又一行", "市水务局", "6月底", "重复"})
		}
	}
	path := writeBook(t, t.TempDir(), "dup.xlsx", "Sheet1", rows)
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, plan.Rejected, 1)
	assert.Equal(t, model.QuietShown+42, plan.Rejected[0].Row)

	applied, err := Apply(ctx, s, plan, ApplyRequest{By: "办公室", Partial: true})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+80, applied.Plan.Counts().New)
	n, err := s.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+81, n)
	kept, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: fmt.Sprintf("督〔2025〕%d号", model.QuietShown+40)}))
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("整改事项%d", model.QuietShown+40), kept.(*model.Task).Title, "the first row of the two")
}
