package exchange

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/workbook"
)

// randomLedger writes a workbook with a sheet per kind (the export's
// headers) of n rows of random values of each column's type: the data a
// property test starts from.
func randomLedger(t *testing.T, rng *rand.Rand, n int) string {
	t.Helper()
	units := []string{"市发展和改革委员会", "市财政局", "市住房和城乡建设局", "市教育局", "市水务局", "市交通运输局"}
	texts := []string{"老旧小区改造", "城区内涝治理", "乡村道路硬化", "蔬菜大棚建设", "停车难治理", "河道清淤"}
	deadlines := []string{"6月底", "年底前", "2019-09-30", "长期坚持", "每月25日前", "7个工作日", "3月底", "上半年"}
	f := excelize.NewFile()
	defer f.Close()
	for ki, k := range model.Kinds() {
		if k == model.KindTerm {
			continue // words are taught, not generated
		}
		sheet := k.SheetName()
		if ki == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", sheet))
		} else {
			_, err := f.NewSheet(sheet)
			require.NoError(t, err)
		}
		cols := workbook.Columns(k)
		header := make([]any, 0, len(cols))
		for _, c := range cols {
			header = append(header, c.Header)
		}
		require.NoError(t, f.SetSheetRow(sheet, "A1", &header))
		for r := 0; r < n; r++ {
			row := make([]any, len(cols))
			for i, c := range cols {
				pick := func(s []string) string { return s[rng.IntN(len(s))] }
				switch c.Type {
				case workbook.TypeText:
					row[i] = fmt.Sprintf("%s%d", pick(texts), r+1)
					if c.Field == "session" {
						row[i] = "第十六届第三次会议"
					}
				case workbook.TypeDate:
					row[i] = fmt.Sprintf("2019-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
				case workbook.TypeDeadline:
					row[i] = pick(deadlines)
				case workbook.TypeMoney:
					row[i] = fmt.Sprint(1000 + rng.IntN(5000000))
				case workbook.TypeInt, workbook.TypeYear:
					row[i] = 1 + rng.IntN(50)
				case workbook.TypeFloat:
					row[i] = fmt.Sprintf("%d.5", 1+rng.IntN(30))
				case workbook.TypePercent:
					row[i] = fmt.Sprintf("%d%%", 1+rng.IntN(99))
				case workbook.TypeBool:
					row[i] = pick([]string{"是", "否"})
				case workbook.TypeEnum:
					if len(c.Enum.Labels) > 0 {
						row[i] = pick(c.Enum.Labels)
					}
				case workbook.TypeUnits, workbook.TypeUnit:
					row[i] = pick(units)
				case workbook.TypeList:
					row[i] = "甲村、乙村"
				}
				if c.Key && c.Type == workbook.TypeText {
					row[i] = fmt.Sprintf("%s-%d", c.Header, r+1)
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			require.NoError(t, f.SetSheetRow(sheet, cell, &row))
		}
	}
	path := filepath.Join(t.TempDir(), "random.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// addTaskLists gives random tasks progress reports (some reviewed),
// extensions, reminders and a status reason, as the office's work does.
func addTaskLists(t *testing.T, s *storage.Store, rng *rand.Rand) {
	ctx := context.Background()
	recs, err := s.List(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	for i, r := range recs {
		tk := r.(*model.Task)
		if i%2 == 0 {
			tk.Reports = append(tk.Reports, model.Report{ID: fmt.Sprintf("rep-%d", i), Unit: "市财政局", Period: "2019-06",
				ReportedOn: model.NewDate(2019, 6, 1+rng.IntN(28)), Done: "已完成摸底", Problems: "资金缺口", Next: "加快推进",
				Percent: rng.IntN(100), Class: model.ReportBehind, Review: model.ReviewReturned, ReviewNote: "请补充数字"})
		}
		if i%3 == 0 {
			tk.Extensions = append(tk.Extensions, model.Extension{ID: fmt.Sprintf("ext-%d", i), RequestedOn: model.NewDate(2019, 6, 20),
				Reason: "汛期停工", OldDeadline: model.NewDate(2019, 6, 30), NewDeadline: model.NewDate(2019, 9, 30),
				State: model.ExtensionApproved, DecidedOn: model.NewDate(2019, 6, 25)})
			tk.Reminders = append(tk.Reminders, model.Reminder{ID: fmt.Sprintf("rem-%d", i), On: model.NewDate(2019, 7, 10),
				Method: "phone", Level: 1 + rng.IntN(3), Note: "电话督促"})
			tk.StatusReason = "已报市政府同意"
		}
		require.NoError(t, s.Save(ctx, tk, "甲"))
	}
}

// every lists the records of every kind by id, each as its fields
// without revision and update stamps.
func every(t *testing.T, s *storage.Store) map[string]map[string]json.RawMessage {
	t.Helper()
	out := map[string]map[string]json.RawMessage{}
	for _, k := range model.Kinds() {
		recs, err := s.List(context.Background(), storage.Query{Kind: k})
		require.NoError(t, err)
		for _, r := range recs {
			f, err := model.Fields(r)
			require.NoError(t, err)
			for _, meta := range []string{"rev", "updated_at", "updated_by"} {
				delete(f, meta)
			}
			out[r.RecordMeta().ID] = f
		}
	}
	return out
}

func assertSameRecords(t *testing.T, want, got map[string]map[string]json.RawMessage, msg string) {
	t.Helper()
	require.Equal(t, len(want), len(got), msg)
	for id, wf := range want {
		gf, ok := got[id]
		if !assert.True(t, ok, "%s: record %s missing", msg, id) {
			continue
		}
		for name, v := range wf {
			assert.True(t, model.EqualJSON(v, gf[name]), "%s: %s %s field %s: %s ≠ %s", msg, wf["kind"], id, name, v, gf[name])
		}
	}
}

// The exact-clone property: generated data of every kind, exported whole
// and imported into an empty folder, lists equal field by field; edits on
// both sides then sync without loss; a conflict resolved on one PC
// settles the other after one more exchange.
func TestCloneIsExactAndSyncsBack(t *testing.T) {
	ctx := context.Background()
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			a, b := openTestStore(t), openTestStore(t)
			plan := importAll(t, a, []string{randomLedger(t, rng, 6)})
			require.NotZero(t, plan.Counts().New)
			addTaskLists(t, a, rng)

			importAll(t, b, []string{exportTo(t, a, "all.xlsx", ExportRequest{})})
			assertSameRecords(t, every(t, a), every(t, b), "clone")

			// both sides edit: A a task's progress and a problem, B another
			// task's remarks and the same task's progress (a conflict)
			tasks, err := a.List(ctx, storage.Query{Kind: model.KindTask})
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(tasks), 2)
			t1, t2 := tasks[0].RecordMeta().ID, tasks[1].RecordMeta().ID
			at1 := getTask(t, a, t1)
			at1.Progress = "A：已开工"
			require.NoError(t, a.Save(ctx, at1, "甲"))
			bt1, bt2 := getTask(t, b, t1), getTask(t, b, t2)
			bt1.Progress = "B：已完成招标"
			bt2.Remarks = "B 的备注"
			require.NoError(t, b.Save(ctx, bt1, "乙"))
			require.NoError(t, b.Save(ctx, bt2, "乙"))

			back := importAll(t, a, []string{exportTo(t, b, "b.xlsx", ExportRequest{})})
			assert.Equal(t, 1, back.Counts().Conflicts, "the field both sides edited")
			assert.Equal(t, "B 的备注", getTask(t, a, t2).Remarks, "B's one-sided edit arrives")
			assert.Equal(t, "A：已开工", getTask(t, a, t1).Progress, "nothing overwritten")
			pending, err := a.Conflicts(ctx, true)
			require.NoError(t, err)
			require.Len(t, pending, 1)
			keep, want := "incoming", "B：已完成招标"
			if seed%2 == 0 {
				keep, want = "local", "A：已开工"
			}
			require.NoError(t, a.ResolveConflict(ctx, pending[0].ID, keep, "甲"))
			assert.Equal(t, want, getTask(t, a, t1).Progress)

			// one more exchange: A's resolution (either way) settles B, and
			// B's file comes back to A without raising the conflict again
			importAll(t, b, []string{exportTo(t, a, "a2.xlsx", ExportRequest{})})
			assert.Equal(t, want, getTask(t, b, t1).Progress)
			pendingB, err := b.Conflicts(ctx, true)
			require.NoError(t, err)
			assert.Empty(t, pendingB, "no conflict on the other PC")
			again := importAll(t, a, []string{exportTo(t, b, "b2.xlsx", ExportRequest{})}).Counts()
			assert.Zero(t, again.Conflicts+again.Updated+again.New, "%+v", again)
			assertSameRecords(t, every(t, a), every(t, b), "after the exchange")
			for _, s := range []*storage.Store{a, b} {
				problems, err := s.Check(ctx)
				require.NoError(t, err)
				assert.Empty(t, problems, "bodies, revisions and figure facts agree after merges and a resolved conflict")
			}
		})
	}
}

// A clone larger than a preview shows (model.QuietShown rows of a kind)
// keeps every record's revision, those only counted in the preview too:
// exports from either side then import into the other as unchanged.
func TestALargeCloneKeepsEveryRevision(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	n := 2*model.QuietShown + 37
	require.NoError(t, a.Update(ctx, func(tx *storage.Tx) error {
		if err := tx.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市住建局"}, "甲", ""); err != nil {
			return err
		}
		for i := range n {
			task := model.New(model.KindTask).(*model.Task)
			task.Number, task.Title = fmt.Sprintf("督〔2026〕%d号", i+1), fmt.Sprintf("第%d项事项", i+1)
			task.Source, task.Status = model.SourceInstruction, model.TaskInProgress
			task.AssignedOn = model.NewDate(2026, 3, 1+i%28)
			task.Units = []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}}
			task.Progress = fmt.Sprintf("进展%d", i)
			task.Normalize()
			if err := tx.Save(ctx, task, "甲", ""); err != nil {
				return err
			}
		}
		return nil
	}))
	plan := importAll(t, b, []string{exportTo(t, a, "all.xlsx", ExportRequest{})})
	assert.Equal(t, n+1, plan.Counts().New, "the tasks and their unit")
	revs := func(s *storage.Store) map[string]string {
		out := map[string]string{}
		recs, err := s.List(ctx, storage.Query{Kind: model.KindTask})
		require.NoError(t, err)
		for _, r := range recs {
			out[r.RecordMeta().ID] = r.RecordMeta().Rev
		}
		return out
	}
	want := revs(a)
	require.Len(t, want, n)
	assert.Equal(t, want, revs(b), "every record at its revision from A")
	back := importAll(t, a, []string{exportTo(t, b, "b.xlsx", ExportRequest{})}).Counts()
	assert.Zero(t, back.New+back.Updated+back.Conflicts, "%+v", back)
	assert.Equal(t, n+1, back.Unchanged)
}

// A copied record is created without looking its id up when its kind had
// no records (a clone's 100,000 look-ups): an id that a record of another
// kind already holds still refuses the import, leaving the store as it was.
func TestACloneWhoseIDAnotherKindHoldsIsRefused(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	n := 2*model.QuietShown + 5 // past what a preview shows: rows let go
	var taken string
	require.NoError(t, a.Update(ctx, func(tx *storage.Tx) error {
		for i := range n {
			task := model.New(model.KindTask).(*model.Task)
			task.Number, task.Title = fmt.Sprintf("督〔2026〕%d号", i+1), fmt.Sprintf("第%d项事项", i+1)
			task.Source, task.Status = model.SourceInstruction, model.TaskInProgress
			task.Normalize()
			if err := tx.Save(ctx, task, "甲", ""); err != nil {
				return err
			}
			taken = task.ID
		}
		return nil
	}))
	meeting := model.New(model.KindMeeting).(*model.Meeting)
	meeting.ID, meeting.Number, meeting.Title = taken, "常务会〔2026〕1号", "常务会议"
	require.NoError(t, b.Update(ctx, func(tx *storage.Tx) error { return tx.Save(ctx, meeting, "乙", "") }))
	before, err := b.Count(ctx, storage.Query{})
	require.NoError(t, err)

	plan, err := PlanFiles(ctx, b, []string{exportTo(t, a, "all.xlsx", ExportRequest{})}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	_, err = Apply(ctx, b, plan, ApplyRequest{By: "乙"})
	require.ErrorContains(t, err, "row")
	after, err := b.Count(ctx, storage.Query{})
	require.NoError(t, err)
	assert.Equal(t, before, after, "nothing of the import stays")
	got, err := b.Get(ctx, taken)
	require.NoError(t, err)
	assert.Equal(t, "常务会议", got.(*model.Meeting).Title)
}

// A clone's export carries each record's lineage even while the adopted
// revision is only the record's own row: a third machine that has an
// older revision takes the newer one as an update, not a conflict.
func TestACloneExportsItsAdoptedLineage(t *testing.T) {
	ctx := context.Background()
	a, b, c := openTestStore(t), openTestStore(t), openTestStore(t)
	task := newTask("督〔2019〕7号", "背街小巷改造", "启动")
	require.NoError(t, a.Save(ctx, task, "甲"))
	importFile(t, c, exportTo(t, a, "a1.xlsx", ExportRequest{}))
	task.Progress = "过半"
	require.NoError(t, a.Save(ctx, task, "甲"))
	importFile(t, b, exportTo(t, a, "a2.xlsx", ExportRequest{}))

	plan := importFile(t, c, exportTo(t, b, "b.xlsx", ExportRequest{}))
	counts := plan.Counts()
	assert.Equal(t, 1, counts.Updated, "%+v", counts)
	assert.Zero(t, counts.Conflicts)
	assert.Equal(t, "过半", getTask(t, c, task.ID).Progress)
	assert.Equal(t, task.Rev, getTask(t, c, task.ID).Rev, "the same revision as A's")
}
