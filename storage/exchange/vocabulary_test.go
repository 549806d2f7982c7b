package exchange

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// The corpus of real wording (storage/workbook/testdata, 194 words over
// every kind, by openpyxl and by LibreOffice) imports with the plain
// all-or-nothing import; importing it again changes nothing; exported and
// imported into another PC, every kept word arrives as typed.
func TestRealWordingImportsAllOrNothingAndAgainUnchanged(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	files := []string{filepath.Join("..", "workbook", "testdata", "vocabulary_openpyxl.xlsx")}
	plan, err := PlanFiles(ctx, s, files, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	assert.NotEmpty(t, plan.Warnings)
	_, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "测试"})
	require.NoError(t, err)

	again, err := PlanFiles(ctx, s, files, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	c := again.Counts()
	assert.Equal(t, 0, c.New+c.Updated+c.Merged+c.Conflicts, "%+v", c)

	// The LibreOffice re-save of the same ledgers is the same data.
	lo, err := PlanFiles(ctx, s, []string{filepath.Join("..", "workbook", "testdata", "vocabulary_libreoffice.xlsx")}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	c = lo.Counts()
	assert.Equal(t, 0, c.New+c.Updated+c.Merged+c.Conflicts, "%+v", c)

	// A clone keeps every kept word and extra cell.
	out := exportTo(t, s, "all.xlsx", ExportRequest{})
	clone := openTestStore(t)
	cp := importFile(t, clone, out)
	require.Empty(t, cp.Rejected)
	kept := func(st *storage.Store) map[string]string {
		recs, err := st.List(ctx, storage.Query{Kind: model.KindTask})
		require.NoError(t, err)
		m := map[string]string{}
		for _, r := range recs {
			task := r.(*model.Task)
			m[task.Number] = task.StatusText + "|" + task.SourceText + "|" + task.Extra["是否重点"]
		}
		return m
	}
	assert.Equal(t, kept(s), kept(clone))
	assert.Contains(t, kept(clone)["督〔2019〕59号"], "暂缓")
}

// A village ledger carries one year's figures a row (总户数, 总人口, 贫困户,
// 低保, 五保); a later year's ledger adds its year and keeps the earlier.
func TestVillageYearlyFiguresAreReadAndKeptByYear(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	write := func(name string, year int, households int) string {
		return writeBook(t, t.TempDir(), name, "Sheet1", [][]any{
			{"村名", "乡镇", "年度", "总户数", "总人口", "贫困户", "贫困人口", "低保", "五保"},
			{"张庄村", "城关镇", year, households, households * 3, 40, 120, 12, 3},
		})
	}
	importFile(t, s, write("2018.xlsx", 2018, 300))
	plan := importFile(t, s, write("2019.xlsx", 2019, 310))
	assert.Empty(t, plan.Warnings, "every column has its field")
	recs, err := s.List(ctx, storage.Query{Kind: model.KindVillage})
	require.NoError(t, err)
	require.Len(t, recs, 1)
	v := recs[0].(*model.Village)
	require.Len(t, v.Years, 2, "%+v", v.Years)
	assert.Equal(t, model.VillageYear{ID: "2019", Year: 2019, Households: 310, People: 930, PoorHouseholds: 40,
		PoorPeople: 120, Dibao: 12, Wubao: 3}, v.Latest())
}

// A word taught on one PC travels in the 词汇对照 sheet (by the field's
// title and the value's label) and maps on the other PC too.
func TestTaughtWordsTravelInTheirSheet(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	_, err := a.Teach(ctx, "tasks.status", "按序时推进中", "in_progress", "甲")
	require.NoError(t, err)
	_, err = a.Teach(ctx, "funds.source", "扶贫车间收益", "self_raised", "甲")
	require.NoError(t, err)
	out := exportTo(t, a, "all.xlsx", ExportRequest{})
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	rows, err := f.GetRows("词汇对照")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(rows), 3)
	var shown [][]string
	for _, r := range rows[1:] {
		shown = append(shown, r[:3])
	}
	assert.Contains(t, shown, []string{"督办事项·状态", "按序时推进中", "办理中"}, "people read the field and value")

	importFile(t, b, out)
	dict, err := b.Dictionary(ctx)
	require.NoError(t, err)
	v, ok := dict.Lookup("tasks.status", "按序时推进中")
	assert.True(t, ok)
	assert.Equal(t, "in_progress", v)
	v, _ = dict.Lookup("funds.source", "扶贫车间收益")
	assert.Equal(t, "self_raised", v)
}
