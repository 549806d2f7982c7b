package exchange

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/workbook"
)

// Every row a plan keeps for applying comes back as the workbook gave it:
// ledgers of every kind from other writers (LibreOffice, openpyxl, Excel
// 97–2003) and a Taizhang export with ids, revisions, ancestry and lists.
func TestTheSpoolGivesBackEveryRowAsRead(t *testing.T) {
	ctx := context.Background()
	files, err := filepath.Glob("../workbook/testdata/*.xls*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	rng := rand.New(rand.NewPCG(1, 99))
	src := openTestStore(t)
	importAll(t, src, []string{randomLedger(t, rng, 6)})
	addTaskLists(t, src, rng)
	files = append(files, exportTo(t, src, "all.xlsx", ExportRequest{}))

	kinds := map[model.Kind]bool{}
	for _, path := range files {
		s := openTestStore(t)
		sp := newSpool(spoolBudget)
		var read []model.Incoming
		_, err := readFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh", legacy: nil}, func(in model.Incoming) error {
			require.NoError(t, sp.add(in))
			read = append(read, in)
			return nil
		})
		require.NoError(t, err, path)
		sp.close()
		require.True(t, sp.usable())
		i := 0
		require.NoError(t, sp.take(func(in model.Incoming) error {
			require.Less(t, i, len(read), "%s: more rows than read", path)
			assert.Equal(t, read[i], in, "%s row %d", path, i)
			kinds[in.Record.RecordMeta().Kind] = true
			i++
			return nil
		}))
		assert.Equal(t, len(read), i, "%s: every row", path)
		assert.False(t, sp.usable(), "given once")
	}
	for _, k := range []model.Kind{model.KindTask, model.KindProposal, model.KindVisit, model.KindProblem,
		model.KindProject, model.KindFund, model.KindUnit, model.KindVillage} {
		assert.True(t, kinds[k], "rows of %s were tried", k)
	}
}

// A clone applied from the rows its plan kept and one whose plan went over
// the spool's budget (and read its file again) give the same records.
func TestAPlanOverTheSpoolsBudgetReadsItsFileAgain(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2, 99))
	a := openTestStore(t)
	importAll(t, a, []string{randomLedger(t, rng, 6)})
	addTaskLists(t, a, rng)
	path := exportTo(t, a, "all.xlsx", ExportRequest{})

	for _, budget := range []int{0, 1} {
		b := openTestStore(t)
		plan, err := PlanFiles(ctx, b, []string{path}, ReadRequest{Lang: "zh", spoolBudget: budget})
		require.NoError(t, err)
		src := plan.Source.(*fileSource)
		assert.Equal(t, budget == 0, src.spool != nil, "budget %d: rows kept", budget)
		_, err = b.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester"})
		require.NoError(t, err)
		assertSameRecords(t, every(t, a), every(t, b), "clone")
	}
}

// A plan whose file was moved away after the preview is refused naming the
// file, as reading it would: its kept rows are not applied without it.
func TestAPlanWhoseFileIsGoneIsRefusedNamingIt(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	path := bigLedger(t, 20)
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.NotNil(t, plan.Source.(*fileSource).spool)
	require.NoError(t, os.Remove(path))

	_, err = Apply(ctx, s, plan, ApplyRequest{By: "办公室"})
	var fe *workbook.FileError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "big.xlsx", fe.File)
	assert.Contains(t, model.Localize(err, "zh"), "文件不存在")
	empty, err := s.Empty(ctx)
	require.NoError(t, err)
	assert.True(t, empty, "nothing imported")
}
