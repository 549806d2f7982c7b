package exchange

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

// The village and liaison point corpus (storage/workbook/testdata, by
// openpyxl and re-saved by LibreOffice) imports whole with the plain
// all-or-nothing import, gives the figures a person adds up from the sheets,
// and importing it again — or its LibreOffice re-save — changes nothing.
// Its funds sheet split by source gives four funds from two rows: each is
// stored, none twice.
func TestVillageCorpusImportsWithItsFigures(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	dir := filepath.Join("..", "workbook", "testdata")
	files := []string{filepath.Join(dir, "village_openpyxl.xlsx")}
	plan, err := PlanFiles(ctx, s, files, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	_, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "测试"})
	require.NoError(t, err)

	count := func(k model.Kind) int {
		recs, err := s.List(ctx, storage.Query{Kind: k})
		require.NoError(t, err)
		return len(recs)
	}
	assert.Equal(t, 1, count(model.KindVillage))
	assert.Equal(t, 18, count(model.KindFund))
	assert.Equal(t, 4, count(model.KindProject))
	assert.Equal(t, 11, count(model.KindVisit))
	assert.Equal(t, 5, count(model.KindProblem))
	assert.Equal(t, 3, count(model.KindPoint))

	ds, err := s.Figures(ctx)
	require.NoError(t, err)
	sum := model.Summarize(ds, model.NewDate(2019, 1, 1), model.NewDate(2019, 12, 31), model.DefaultRules())
	assert.Equal(t, model.Fen(531_7500_00), sum.Village.FundsFen, "115万×3 + 5000 + 2万 + 52.25万 + 115.8万 + 16.2万")
	assert.Equal(t, model.Fen(368_2500_00), sum.Village.FundsBySource["fiscal"])
	assert.Equal(t, model.Fen(11_5000_00), sum.Village.FundsBySource["coordinated"], "11.5（万元）")
	assert.Equal(t, model.Fen(0), sum.Village.FundsBySource["other"])
	assert.Equal(t, 4, sum.Village.Projects)
	assert.Equal(t, 2, sum.Village.ProjectsDone)
	assert.Equal(t, 8, sum.Field.Visits)
	assert.Equal(t, 13, sum.Field.Days, "王市长 3+2+1, 王建国 2+2+1, 李明 1+1")
	assert.Equal(t, 7, sum.Field.Units)
	assert.Equal(t, 14, sum.Field.UnitContacts)
	assert.Equal(t, 1, sum.Liaison.Visits)
	next := model.Summarize(ds, model.NewDate(2020, 1, 1), model.NewDate(2020, 12, 31), model.DefaultRules())
	assert.Equal(t, model.Fen(52_0000_00), next.Village.FundsFen, "the sheet split by source")

	for _, f := range []string{"village_openpyxl.xlsx", "village_libreoffice.xlsx"} {
		again, err := PlanFiles(ctx, s, []string{filepath.Join(dir, f)}, ReadRequest{Lang: "zh"})
		require.NoError(t, err)
		c := again.Counts()
		assert.Equal(t, 0, c.New+c.Updated+c.Merged+c.Conflicts+c.Rejected, "%s: %+v", f, c)
	}
}
