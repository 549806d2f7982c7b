package exchange

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

// writeBook writes one sheet of rows as a department's workbook.
func writeBook(t *testing.T, dir, name, sheet string, rows [][]any) string {
	t.Helper()
	path := filepath.Join(dir, name)
	writeWorkbook(t, path, sheetRows{sheet, rows})
	return path
}

// The office's reference lists travel with the ledgers that use them.
func referenceBatch(t *testing.T) []string {
	dir := t.TempDir()
	return []string{
		writeBook(t, dir, "督办台账.xlsx", "督办事项", [][]any{
			{"编号", "事项名称", "牵头单位", "配合单位", "交办日期", "完成时限"},
			{"督〔2019〕1号", "老旧小区改造", "市发改委", "住建局", "2019-09-27", "7个工作日"},
			{"督〔2019〕2号", "停车难治理", "市住建局", "", "2019-12-15", "3月底"},
		}),
		writeBook(t, dir, "走访台账.xlsx", "走访调研", [][]any{
			{"走访编号", "走访类型", "走访日期", "带队领导", "联系点", "走访单位"},
			{"LX-1", "联系点走访", "2019-05-06", "王市长", "民主社区", "市发改委"},
		}),
		writeBook(t, dir, "单位名录.xlsx", "单位", [][]any{
			{"单位全称", "简称"},
			{"市发展和改革委员会", "市发改委、发改委"},
			{"市住房和城乡建设局", "市住建局、住建局"},
		}),
		writeBook(t, dir, "联系点.xlsx", "基层联系点", [][]any{
			{"联系点名称", "简称", "走访频次"},
			{"西关街道民主社区", "民主社区", "每月"},
		}),
		writeBook(t, dir, "节假日.xlsx", "节假日", [][]any{
			{"日期", "名称", "调休"},
			{"2019-09-29", "国庆节调休", "补班"},
			{"2019-10-01", "国庆节", "休"}, {"2019-10-02", "国庆节", "休"}, {"2019-10-03", "国庆节", "休"},
			{"2019-10-04", "国庆节", "休"}, {"2019-10-07", "国庆节", "休"},
			{"2019-10-12", "国庆节调休", "上班"},
		}),
	}
}

func importAll(t *testing.T, s *storage.Store, paths []string) *model.Plan {
	t.Helper()
	ctx := context.Background()
	plan, err := PlanFiles(ctx, s, paths, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	res, err := s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester"})
	require.NoError(t, err)
	return res.Plan
}

// snapshot is every record of the store, by kind and key, without ids,
// revisions and times.
func snapshot(t *testing.T, s *storage.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	eachBody(t, s, func(r model.Record, body string) {
		out[string(r.RecordMeta().Kind)+"|"+model.NaturalKey(r)] = body
	})
	return out
}

// eachBody gives every record of the store with its fields as JSON,
// without id, revision and times.
func eachBody(t *testing.T, s *storage.Store, fn func(r model.Record, body string)) {
	t.Helper()
	for _, k := range model.Kinds() {
		recs, err := s.List(context.Background(), storage.Query{Kind: k})
		require.NoError(t, err)
		for _, r := range recs {
			f, err := model.Fields(r)
			require.NoError(t, err)
			for _, meta := range []string{"id", "rev", "updated_at", "updated_by"} {
				delete(f, meta)
			}
			b, err := json.Marshal(f)
			require.NoError(t, err)
			fn(r, string(b))
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Importing ledgers together with the unit directory, the liaison points
// and the holiday calendar gives the same database whatever the order of
// the files: the reference lists are read first. Importing them again
// changes nothing.
func TestReferenceListsComeFirstWhateverTheFileOrder(t *testing.T) {
	batch := referenceBatch(t)
	forward, backward := openTestStore(t), openTestStore(t)
	importAll(t, forward, batch)
	rev := append([]string(nil), batch...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	plan := importAll(t, backward, rev)
	assert.Empty(t, plan.NewUnits, "every unit named is in the directory")

	a, b := snapshot(t, forward), snapshot(t, backward)
	assert.Equal(t, keys(a), keys(b))
	assert.Equal(t, a, b)

	units, err := backward.List(context.Background(), storage.Query{Kind: model.KindUnit})
	require.NoError(t, err)
	assert.Len(t, units, 2, "no alias became a unit of its own")

	recs, err := backward.List(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	byNumber := map[string]*model.Task{}
	for _, r := range recs {
		byNumber[r.(*model.Task).Number] = r.(*model.Task)
	}
	t1 := byNumber["督〔2019〕1号"]
	require.NotNil(t, t1)
	assert.Equal(t, "市发展和改革委员会", t1.LeadUnit)
	assert.Equal(t, []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead},
		{Name: "市住房和城乡建设局", Role: model.RoleCooperating}}, t1.Units)
	// counted on the imported calendar: 9-29 (补班), 9-30, 10-8 … 10-12 (上班)
	assert.Equal(t, model.NewDate(2019, 10, 12), t1.Deadline.Due)
	assert.Equal(t, model.NewDate(2020, 3, 31), byNumber["督〔2019〕2号"].Deadline.Due)

	visits, err := backward.List(context.Background(), storage.Query{Kind: model.KindVisit})
	require.NoError(t, err)
	require.Len(t, visits, 1)
	assert.Equal(t, "西关街道民主社区", visits[0].(*model.Visit).Point)
	assert.Equal(t, []string{"市发展和改革委员会"}, visits[0].(*model.Visit).Units)

	for _, s := range []*storage.Store{forward, backward} {
		again := importAll(t, s, batch)
		c := again.Counts()
		assert.Zero(t, c.New+c.Updated+c.Merged+c.Conflicts, "%+v", c)
		assert.Empty(t, again.NewUnits)
	}
	// one file at a time, ledgers first, then the lists: the unit
	// directory folds the 市发改委 the ledger created into the full name,
	// the point list names the visit's point in full; a second round
	// changes nothing
	one := openTestStore(t)
	for _, p := range batch {
		importAll(t, one, []string{p})
	}
	assert.Equal(t, a, snapshot(t, one), "one by one ends as all together")
	for _, p := range batch {
		c := importAll(t, one, []string{p}).Counts()
		assert.Zero(t, c.New+c.Updated+c.Merged+c.Conflicts, "%s: %+v", filepath.Base(p), c)
	}
}
