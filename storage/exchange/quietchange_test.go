package exchange

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

// changedLedger is a ledger of n items whose progress reads progress(i).
func changedLedger(t *testing.T, dir, name string, n int, progress func(i int) string, extra ...[]any) string {
	t.Helper()
	rows := [][]any{{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}}
	for i := 1; i <= n; i++ {
		rows = append(rows, []any{fmt.Sprintf("督〔2025〕%d号", i), fmt.Sprintf("整改事项%d", i), "市水务局", "6月底", progress(i)})
	}
	rows = append(rows, extra...)
	return writeBook(t, dir, name, "Sheet1", rows)
}

// historiesByKey are histories (without times) by record key.
func historiesByKey(t *testing.T, s *storage.Store) map[string][]string {
	t.Helper()
	byID := histories(t, s)
	out := map[string][]string{}
	recs, err := s.List(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	for _, r := range recs {
		out[model.NaturalKey(r)] = byID[r.RecordMeta().ID]
	}
	return out
}

func conflictLines(t *testing.T, s *storage.Store) []string {
	t.Helper()
	cs, err := s.Conflicts(context.Background(), false)
	require.NoError(t, err)
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s %s→%s", c.Field, c.Number, c.Local, c.Incoming))
	}
	slices.Sort(out)
	return out
}

// A ledger whose every row changed is the monthly re-import of a ledger
// kept in Excel. Past the rows a preview lists, the plan only counts the
// updates and merges, keeping their merged records packed (or, past a
// budget, nothing: applying decides each such row again): either way the
// store ends as when every row is held (records, histories, conflicts),
// with a conflict, a merge, an unchanged row and a refused duplicate among
// them. Edited between the preview and the import, the store is planned
// again and keeps the edit.
func TestALedgerWhoseRowsAllChangedIsDecidedAgainWhenApplied(t *testing.T) {
	for _, budget := range []string{"", "0"} {
		name := map[string]string{"": "merged records kept", "0": "every row decided again"}[budget]
		t.Run(name, func(t *testing.T) {
			if budget != "" {
				t.Setenv("TAIZHANG_KEPT_BUDGET", budget)
			}
			ledgerWhoseRowsAllChanged(t, budget == "")
		})
	}
}

func ledgerWhoseRowsAllChanged(t *testing.T, kept bool) {
	ctx := context.Background()
	const n = 2*model.QuietShown + 60
	dir := t.TempDir()
	first := changedLedger(t, dir, "六月.xlsx", n, func(i int) string { return "已完成排查" })
	dup := []any{fmt.Sprintf("督〔2025〕%d号", n-5), "同一事项又一行", "市水务局", "6月底", "重复"}
	next := changedLedger(t, dir, "七月.xlsx", n, func(i int) string {
		if i == n-20 {
			return "已完成排查" // unchanged
		}
		return fmt.Sprintf("第%d项已整改完毕", i)
	}, dup)

	prepare := func() *storage.Store {
		s := openTestStore(t)
		importAll(t, s, []string{first})
		edit := func(i int, fn func(*model.Task)) {
			r, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: fmt.Sprintf("督〔2025〕%d号", i)}))
			require.NoError(t, err)
			fn(r.(*model.Task))
			require.NoError(t, s.Save(ctx, r, "办公室"))
		}
		for i := model.QuietShown + 10; i <= n; i += 37 {
			edit(i, func(task *model.Task) { task.Title += "（已改）" }) // merged with the ledger's progress
		}
		edit(n-3, func(task *model.Task) { task.Progress = "本机另写的进展" }) // a conflict
		return s
	}
	quiet, whole := prepare(), prepare()

	plan, err := PlanFiles(ctx, quiet, []string{next}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	held, err := planFiles(ctx, whole, []string{next}, ReadRequest{Lang: "zh"}, false)
	require.NoError(t, err)
	assert.Equal(t, held.Counts(), plan.Counts(), "the same counts, listed or not")
	assert.Empty(t, held.QuietChanged)
	c := plan.Counts()
	assert.Equal(t, 1, c.Conflicts)
	assert.Equal(t, 1, c.Rejected, "the duplicate row")
	assert.Positive(t, c.Merged)
	assert.Equal(t, n-2-c.Merged, c.Updated)
	assert.Equal(t, c.Updated-model.QuietShown, plan.Quiet.Updated, "past the rows listed, updates are counted")
	assert.Len(t, plan.QuietChanged, plan.Quiet.Updated+plan.Quiet.Merged)
	assert.Less(t, len(plan.Items), 2*model.QuietShown+10, "the plan holds no item for the rows it counts")
	assert.Equal(t, kept, plan.QuietResults != nil, "their merged records kept, within the budget")

	res, err := Apply(ctx, quiet, plan, ApplyRequest{By: "办公室", Partial: true})
	require.NoError(t, err)
	want, err := Apply(ctx, whole, held, ApplyRequest{By: "办公室", Partial: true})
	require.NoError(t, err)
	assert.Equal(t, want.Plan.Counts(), res.Plan.Counts())
	assert.Equal(t, bodies(t, whole), bodies(t, quiet))
	assert.Equal(t, historiesByKey(t, whole), historiesByKey(t, quiet))
	assert.Equal(t, conflictLines(t, whole), conflictLines(t, quiet))
	assert.Len(t, conflictLines(t, quiet), 1)
	last, err := quiet.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: fmt.Sprintf("督〔2025〕%d号", n)}))
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("第%d项已整改完毕", n), last.(*model.Task).Progress, "a counted row was applied")
	problems, err := quiet.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)

	// Edited after the preview: planned again from the file, the edit kept.
	third := changedLedger(t, dir, "八月.xlsx", n, func(i int) string { return fmt.Sprintf("八月第%d项进展", i) })
	plan, err = PlanFiles(ctx, quiet, []string{third}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.NotEmpty(t, plan.QuietChanged)
	key := model.NaturalKey(&model.Task{Number: fmt.Sprintf("督〔2025〕%d号", n-1)})
	r, err := quiet.FindByKey(ctx, model.KindTask, key)
	require.NoError(t, err)
	r.(*model.Task).Remarks = "预览后本机补的备注"
	require.NoError(t, quiet.Save(ctx, r, "办公室"))
	_, err = Apply(ctx, quiet, plan, ApplyRequest{By: "办公室"})
	require.NoError(t, err)
	r, err = quiet.FindByKey(ctx, model.KindTask, key)
	require.NoError(t, err)
	assert.Equal(t, "预览后本机补的备注", r.(*model.Task).Remarks, "the edit made after the preview")
	assert.Equal(t, fmt.Sprintf("八月第%d项进展", n-1), r.(*model.Task).Progress, "and the ledger's change")
}
