package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// bigLedger writes a 督办事项 ledger of n rows under a title row.
func bigLedger(t *testing.T, n int) string {
	t.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{"2025年重点督办事项台账"}))
	require.NoError(t, sw.SetRow("A2", []any{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}))
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		require.NoError(t, sw.SetRow(cell, []any{fmt.Sprintf("督〔2025〕%d号", i), fmt.Sprintf("整改事项%d", i),
			"市水务局", "6月底", "已完成排查"}))
	}
	require.NoError(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "big.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// One large file: rows read, planned and applied are reported as they go,
// and cancelling in the middle of any stage leaves the store as it was.
func TestProgressMovesAndCancelChangesNothing(t *testing.T) {
	const rows = 1200
	s := openTestStore(t)
	path := bigLedger(t, rows)

	var seen []storage.Progress
	ctx := storage.WithProgress(context.Background(), func(p storage.Progress) { seen = append(seen, p) })
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "en"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	_, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester", NoBackup: true})
	require.NoError(t, err)

	last := map[string]storage.Progress{}
	steps := map[string]int{}
	for _, p := range seen {
		assert.GreaterOrEqual(t, p.Done, last[p.Stage].Done, "%s never goes back", p.Stage)
		last[p.Stage] = p
		steps[p.Stage]++
	}
	for _, stage := range []string{"read", "plan", "apply"} {
		assert.Equal(t, rows, last[stage].Done, "%s reaches every row", stage)
		assert.GreaterOrEqual(t, steps[stage], 3, "%s moves while it works, not only at its end", stage)
	}
	n, err := s.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	require.Equal(t, rows, n)

	// Now into a fresh folder, cancelled at each stage in turn.
	for _, stage := range []string{"read", "plan", "apply"} {
		s := openTestStore(t)
		ctx, cancel := context.WithCancel(context.Background())
		ctx = storage.WithProgress(ctx, func(p storage.Progress) {
			if p.Stage == stage && p.Done >= 500 {
				cancel()
			}
		})
		plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "en"})
		if err == nil {
			_, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester", NoBackup: true})
		}
		cancel()
		require.ErrorIs(t, err, context.Canceled, "cancelled while %s", stage)
		n, err := s.Count(context.Background(), storage.Query{Kind: model.KindTask})
		require.NoError(t, err)
		assert.Zero(t, n, "cancelled while %s: no record kept", stage)
		imports, err := s.Imports(context.Background())
		require.NoError(t, err)
		assert.Empty(t, imports, "cancelled while %s: no import recorded", stage)
		units, err := s.Count(context.Background(), storage.Query{Kind: model.KindUnit})
		require.NoError(t, err)
		assert.Zero(t, units, "cancelled while %s: no unit added", stage)
	}
}
