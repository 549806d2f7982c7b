package exchange

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// bodies are every record's fields without id, revision and stamps, one
// JSON text per record, sorted: two stores hold the same records when
// their bodies are equal.
func bodies(t *testing.T, s *storage.Store) []string {
	t.Helper()
	var out []string
	eachBody(t, s, func(_ model.Record, body string) { out = append(out, body) })
	slices.Sort(out)
	return out
}

// histories are every record's history by id, without times.
func histories(t *testing.T, s *storage.Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	for _, k := range model.Kinds() {
		recs, err := s.List(ctx, storage.Query{Kind: k})
		require.NoError(t, err)
		for _, r := range recs {
			h, err := s.History(ctx, r.RecordMeta().ID)
			require.NoError(t, err)
			for _, c := range h {
				out[r.RecordMeta().ID] = append(out[r.RecordMeta().ID], fmt.Sprintf("%s %s %v→%v by %s from %s", c.Rev, c.Field, c.Old, c.New, c.By, c.ImportFile))
			}
		}
	}
	return out
}

// A first import into an empty folder is applied as it is read (Import)
// and gives the database that planning the whole file, then applying the
// plan, gives: for ledgers of every kind from other writers, a clone with
// ids, revisions and lists (the same histories too), a workbook giving its
// records on two sheets (planned whole again) and a ledger past the rows a
// plan shows.
func TestAFirstImportAppliedAsReadIsTheUsualImport(t *testing.T) {
	ctx := context.Background()
	files, err := filepath.Glob("../workbook/testdata/*.xls*")
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 99))
	src := openTestStore(t)
	importAll(t, src, []string{randomLedger(t, rng, 6)})
	addTaskLists(t, src, rng)
	clone := exportTo(t, src, "all.xlsx", ExportRequest{})
	files = append(files, clone, proposalsWithSatisfaction(t, model.QuietShown+20), bigLedger(t, model.QuietShown+250))

	applied := 0
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			asRead, usual := openTestStore(t), openTestStore(t)
			plan, out, err := Import(ctx, asRead, []string{path}, ReadRequest{Lang: "zh"}, ApplyRequest{By: "tester"})
			require.NoError(t, err)
			want, err := PlanFiles(ctx, usual, []string{path}, ReadRequest{Lang: "zh"})
			require.NoError(t, err)
			assert.Equal(t, want.Rejected, plan.Rejected)
			if Refused(want, false) {
				assert.Nil(t, out, "rows were rejected: nothing applied")
				empty, err := asRead.Empty(ctx)
				require.NoError(t, err)
				assert.True(t, empty, "nothing kept")
				imports, err := asRead.Imports(ctx)
				require.NoError(t, err)
				assert.Empty(t, imports, "no import recorded")
				return
			}
			require.NotNil(t, out)
			applied++
			base := filepath.Base(path)
			twoSheets := base == "2019年政协提案.xlsx" || strings.HasPrefix(base, "twosheets_")
			assert.Equal(t, !twoSheets, out.asRead, "applied as read, unless a record is on two sheets (planned whole)")
			res, err := Apply(ctx, usual, want, ApplyRequest{By: "tester"})
			require.NoError(t, err)
			assert.Equal(t, res.Plan.Counts(), out.Plan.Counts())
			assert.Equal(t, res.Plan.NewUnits, out.Plan.NewUnits)
			assert.Equal(t, res.Plan.Notes, out.Plan.Notes)
			assert.Equal(t, bodies(t, usual), bodies(t, asRead))
			if path == clone {
				assertSameRecords(t, every(t, usual), every(t, asRead), "clone")
				assert.Equal(t, histories(t, usual), histories(t, asRead))
			}
			for _, s := range []*storage.Store{usual, asRead} {
				imports, err := s.Imports(ctx)
				require.NoError(t, err)
				require.Len(t, imports, 1)
				var c model.Counts
				require.NoError(t, json.Unmarshal(imports[0].Counts, &c))
				assert.Equal(t, res.Plan.Counts(), c, "the import is recorded with its counts")
				problems, err := s.Check(ctx)
				require.NoError(t, err)
				assert.Empty(t, problems)
			}
			// and either imports its own file again as unchanged
			again, _, err := Import(ctx, asRead, []string{path}, ReadRequest{Lang: "zh"}, ApplyRequest{By: "tester"})
			require.NoError(t, err)
			c := again.Counts()
			assert.Zero(t, c.New+c.Updated+c.Conflicts, "%+v", c)
		})
	}
	assert.Greater(t, applied, 10, "most files were applied")
}

// A first import applied as read keeps nothing when a row is rejected
// (all-or-nothing), keeps the valid rows with --partial, and keeps nothing
// when cancelled while it writes.
func TestAFirstImportAppliedAsReadIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	path := bigLedger(t, model.QuietShown+50)
	dup := duplicateRow(t, path, model.QuietShown+40)

	s := openTestStore(t)
	plan, out, err := Import(ctx, s, []string{dup}, ReadRequest{Lang: "zh"}, ApplyRequest{By: "tester"})
	require.NoError(t, err)
	require.Len(t, plan.Rejected, 1)
	assert.Contains(t, plan.Rejected[0].Reason, fmt.Sprintf("第%d行", model.QuietShown+42), "names the row it repeats")
	assert.Nil(t, out)
	empty, err := s.Empty(ctx)
	require.NoError(t, err)
	assert.True(t, empty, "the rows written before the rejected one are not kept")

	plan, out, err = Import(ctx, s, []string{dup}, ReadRequest{Lang: "zh"}, ApplyRequest{By: "tester", Partial: true})
	require.NoError(t, err)
	require.NotNil(t, out)
	assert.True(t, out.asRead)
	assert.Len(t, plan.Rejected, 1)
	n, err := s.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, model.QuietShown+50, n, "the valid rows, the duplicate refused")

	c := openTestStore(t)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cctx = storage.WithProgress(cctx, func(p storage.Progress) {
		if p.Stage == "apply" && p.Done >= 50 {
			cancel()
		}
	})
	_, _, err = Import(cctx, c, []string{path}, ReadRequest{Lang: "zh"}, ApplyRequest{By: "tester"})
	require.ErrorIs(t, err, context.Canceled)
	empty, err = c.Empty(ctx)
	require.NoError(t, err)
	assert.True(t, empty, "cancelled while writing: nothing kept")
	imports, err := c.Imports(ctx)
	require.NoError(t, err)
	assert.Empty(t, imports)
}

// duplicateRow is a copy of bigLedger's file with its row numbered i given
// again at the end: the same record twice, the second refused.
func duplicateRow(t *testing.T, path string, i int) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Sheet1")
	require.NoError(t, err)
	row := make([]any, 0, len(rows[i+1]))
	for _, v := range rows[i+1] {
		row = append(row, v)
	}
	cell, _ := excelize.CoordinatesToCellName(1, len(rows)+1)
	require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	out := filepath.Join(t.TempDir(), "dup.xlsx")
	require.NoError(t, f.SaveAs(out))
	return out
}
