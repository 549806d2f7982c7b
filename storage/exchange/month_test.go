package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// setProgress types a department's progress into its ledger's row for number.
func setProgress(t *testing.T, path, number, progress string) {
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	col, row := -1, -1
	for i, r := range rows {
		for j, v := range r {
			if v == "办理进展" && col < 0 {
				col = j
			}
			if v == number {
				row = i
			}
		}
	}
	require.True(t, col >= 0 && row >= 0)
	cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
	require.NoError(t, f.SetCellValue("督办事项", cell, progress))
	require.NoError(t, f.Save())
}

func TestMonthCycleOneLedgerPerUnitBackThroughTheFolder(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	units := []string{"市公安局", "市财政局", "市教育局"}
	for i, u := range units {
		for j := 0; j <= i; j++ {
			tk := newTask(fmt.Sprintf("督%d-%d", i, j), fmt.Sprintf("%s事项%d", u, j), "")
			tk.Units = []model.UnitRole{{Name: u, Role: model.RoleLead}}
			tk.Deadline = model.Deadline{Due: model.NewDate(2026, 12, 31), Text: "2026年12月31日", Type: model.DeadlineDate}
			tk.Normalize()
			require.NoError(t, s.Save(ctx, tk, "seed"))
		}
	}
	done := model.New(model.KindTask).(*model.Task)
	done.Number, done.Title, done.Status = "督9", "已办完的事", model.TaskDone
	done.Units = []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}}
	done.Normalize()
	require.NoError(t, s.Save(ctx, done, "seed"))

	open, err := OpenUnits(ctx, s)
	require.NoError(t, err)
	assert.Equal(t, []string{"市教育局", "市财政局", "市公安局"}, open, "units with open items, most first; 市住建局 has none")

	dir := t.TempDir()
	month := model.NewDate(2026, 11, 1)
	var steps []int
	files, err := ExportEachUnit(ctx, s, UnitLedgersRequest{Dir: dir, Month: month, Operator: "王敏",
		Progress: func(d, n int) { steps = append(steps, d) }})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2, 3}, steps)
	require.Len(t, files, 3)
	assert.Equal(t, filepath.Join(dir, "市教育局-台账-2026-11.xlsx"), files[0].Path)
	assert.Equal(t, 3, files[0].Tasks)

	f, err := excelize.OpenFile(files[0].Path)
	require.NoError(t, err)
	assert.Equal(t, CoverSheet, f.GetSheetList()[0], "the cover comes first")
	cover, err := f.GetRows(CoverSheet)
	require.NoError(t, err)
	f.Close()
	assert.Contains(t, cover[0][0], "市教育局")
	assert.Contains(t, cover[4][0], "2026年11月25日", "by when")

	st, err := MonthStatus(ctx, s, dir, month, open, model.NewDate(2026, 11, 20))
	require.NoError(t, err)
	for _, u := range st {
		assert.True(t, u.Sent, u.Unit)
		assert.False(t, u.Returned, u.Unit)
	}

	// two departments fill theirs in; the folder is imported in one go
	setProgress(t, files[0].Path, "督2-0", "已完成方案")
	setProgress(t, files[2].Path, "督0-0", "正在推进")
	paths, err := ExpandPaths([]string{dir})
	require.NoError(t, err)
	require.Len(t, paths, 3)
	plan, err := PlanFiles(ctx, s, paths, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, plan.Rejected, "the cover sheet is not read as a ledger")
	assert.Equal(t, 2, plan.Counts().Updated)
	_, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "王敏"})
	require.NoError(t, err)

	st, err = MonthStatus(ctx, s, dir, month, open, model.NewDate(2026, 11, 20))
	require.NoError(t, err)
	for _, u := range st {
		assert.True(t, u.Returned, "%s: every file of the folder was imported", u.Unit)
		assert.Zero(t, u.Conflicts, u.Unit)
	}

	// a file written again after the import is out, not back
	require.NoError(t, os.Chtimes(files[1].Path, st[1].ReturnedAt.Add(3600e9), st[1].ReturnedAt.Add(3600e9)))
	st, err = MonthStatus(ctx, s, dir, month, open, model.NewDate(2026, 11, 20))
	require.NoError(t, err)
	assert.False(t, st[1].Returned)

	bulletin := filepath.Join(dir, BulletinFileName(month))
	require.NoError(t, WriteMonthlyBulletin(ctx, s, bulletin, month, "zh"))
	b, err := excelize.OpenFile(bulletin)
	require.NoError(t, err)
	defer b.Close()
	title, err := b.GetCellValue(b.GetSheetList()[0], "A1")
	require.NoError(t, err)
	assert.Equal(t, "督查督办工作月通报（2026年11月）", title)
}
