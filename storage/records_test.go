package storage

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func TestHistoryRecordsEveryFieldChangeAndNothingForNoOp(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("督〔2019〕15号", "老旧小区改造")
	require.NoError(t, s.Save(ctx, task, "张三"))
	rev1 := task.Rev

	h, err := s.History(ctx, task.ID)
	require.NoError(t, err)
	require.Len(t, h, 1)
	assert.Equal(t, "", h[0].Field)
	assert.Equal(t, HistCreated, h[0].New)
	assert.Equal(t, "张三", h[0].By)

	// saving the same thing again (even from a fresh Get) changes nothing
	again, err := s.Get(ctx, task.ID)
	require.NoError(t, err)
	require.NoError(t, s.Save(ctx, again, "李四"))
	assert.Equal(t, rev1, again.RecordMeta().Rev)
	assert.Equal(t, "张三", again.RecordMeta().UpdatedBy)
	h, err = s.History(ctx, task.ID)
	require.NoError(t, err)
	assert.Len(t, h, 1, "a no-op save writes no history")

	task.Progress = "已完成3个小区改造"
	task.Percent = 40
	task.Units = append(task.Units, model.UnitRole{Name: "市城管局", Role: model.RoleCooperating})
	require.NoError(t, s.Save(ctx, task, "李四"))
	assert.NotEqual(t, rev1, task.Rev)

	h, err = s.History(ctx, task.ID)
	require.NoError(t, err)
	require.Len(t, h, 4)
	byField := map[string]model.Change{}
	for _, c := range h[:3] {
		byField[c.Field] = c
		assert.Equal(t, task.Rev, c.Rev)
		assert.Equal(t, "李四", c.By)
	}
	assert.Equal(t, `""`, byField["progress"].Old)
	assert.Equal(t, `"已完成3个小区改造"`, byField["progress"].New)
	assert.Equal(t, `0`, byField["percent"].Old)
	assert.Equal(t, `40`, byField["percent"].New)
	assert.Contains(t, byField["units"].New, "市城管局")
	assert.NotContains(t, byField["units"].Old, "市城管局")
	assert.Equal(t, HistCreated, h[3].New, "newest first")
}

func TestTombstones(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := sampleTask("督〔2019〕1号", "甲事项")
	b := sampleTask("督〔2019〕2号", "乙事项")
	require.NoError(t, s.Save(ctx, a, "张三"))
	require.NoError(t, s.Save(ctx, b, "张三"))

	require.NoError(t, s.Delete(ctx, a.ID, "李四"))
	got, err := s.Get(ctx, a.ID)
	require.NoError(t, err)
	assert.True(t, got.RecordMeta().Deleted)
	assert.Equal(t, "甲事项", got.(*model.Task).Title, "the tombstone keeps the fields")
	assert.Equal(t, 2, revGen(got.RecordMeta().Rev))

	live, err := s.List(ctx, Query{Kind: model.KindTask})
	require.NoError(t, err)
	require.Len(t, live, 1)
	assert.Equal(t, b.ID, live[0].RecordMeta().ID)
	all, err := s.List(ctx, Query{Kind: model.KindTask, Deleted: true})
	require.NoError(t, err)
	assert.Len(t, all, 2)

	h, err := s.History(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, HistDeleted, h[0].New)
	assert.Equal(t, "李四", h[0].By)

	// deleting again changes nothing; saving with Deleted false restores
	require.NoError(t, s.Delete(ctx, a.ID, "李四"))
	got, _ = s.Get(ctx, a.ID)
	assert.Equal(t, 2, revGen(got.RecordMeta().Rev))
	got.RecordMeta().Deleted = false
	require.NoError(t, s.Save(ctx, got, "王五"))
	live, err = s.List(ctx, Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Len(t, live, 2)
	h, _ = s.History(ctx, a.ID)
	assert.Equal(t, HistRestored, h[0].New)

	assert.ErrorIs(t, s.Delete(ctx, "missing", "x"), ErrNotFound)
}

func TestFindByKey(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("督〔２０１９〕15号", "老旧小区改造") // full-width digits as typed
	require.NoError(t, s.Save(ctx, task, "张三"))
	got, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: "督〔2019〕15号"}))
	require.NoError(t, err)
	assert.Equal(t, task.ID, got.RecordMeta().ID)
	_, err = s.FindByKey(ctx, model.KindProposal, model.NaturalKey(task))
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.FindByKey(ctx, model.KindTask, "")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestSaveRejectsKindChangeAndMismatch(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("1", "x")
	require.NoError(t, s.Save(ctx, task, "a"))
	p := &model.Proposal{Title: "y"}
	p.ID = task.ID
	assert.Error(t, s.Save(ctx, p, "a"))
	q := &model.Proposal{Title: "z"}
	q.Kind = model.KindTask
	assert.Error(t, s.Save(ctx, q, "a"))
}

func TestListFilters(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	mk := func(num, lead string, status model.TaskStatus, src model.Source, assigned model.Date, deadline model.Date, coop ...string) *model.Task {
		tk := &model.Task{Number: num, Title: "事项" + num, Source: src, Status: status, AssignedOn: assigned,
			Deadline: model.Deadline{Due: deadline, Type: model.DeadlineDate}}
		tk.Units = []model.UnitRole{{Name: lead, Role: model.RoleLead}}
		for _, c := range coop {
			tk.Units = append(tk.Units, model.UnitRole{Name: c, Role: model.RoleCooperating})
		}
		require.NoError(t, s.Save(ctx, tk, "t"))
		return tk
	}
	a := mk("A1", "市住建局", model.TaskInProgress, model.SourceMeeting, model.NewDate(2019, 1, 10), model.NewDate(2019, 6, 30), "市财政局")
	b := mk("B2", "市财政局", model.TaskDone, model.SourceInstruction, model.NewDate(2019, 3, 1), model.NewDate(2019, 4, 30))
	c := mk("C3", "市交通局", model.TaskInProgress, model.SourceInstruction, model.NewDate(2019, 8, 1), model.NewDate(2019, 12, 31))
	require.NoError(t, s.Save(ctx, &model.Problem{Description: "路灯不亮", Unit: "市财政局"}, "t"))

	ids := func(q Query) []string {
		q.Kind = model.KindTask
		got, err := s.IDs(ctx, q)
		require.NoError(t, err)
		n, err := s.Count(ctx, Query{Kind: q.Kind, Status: q.Status, Unit: q.Unit, Source: q.Source, From: q.From, To: q.To, Text: q.Text})
		require.NoError(t, err)
		if q.Limit == 0 {
			assert.Equal(t, len(got), n)
		}
		return got
	}
	assert.ElementsMatch(t, []string{a.ID, c.ID}, ids(Query{Status: "in_progress"}))
	assert.ElementsMatch(t, []string{a.ID, b.ID}, ids(Query{Unit: "市财政局"}), "lead unit or any unit")
	assert.ElementsMatch(t, []string{b.ID, c.ID}, ids(Query{Source: "instruction"}))
	assert.ElementsMatch(t, []string{b.ID}, ids(Query{From: model.NewDate(2019, 2, 1), To: model.NewDate(2019, 7, 31)}))
	assert.Equal(t, []string{b.ID, a.ID, c.ID}, ids(Query{Sort: "deadline"}))
	assert.Equal(t, []string{c.ID, b.ID, a.ID}, ids(Query{Sort: "-number"}))
	assert.Equal(t, []string{b.ID}, ids(Query{Sort: "-number", Limit: 1, Offset: 1}))
	assert.Equal(t, []string{c.ID, b.ID, a.ID}, ids(Query{}), "default: most recently updated first")

	probs, err := s.List(ctx, Query{Kind: model.KindProblem, Unit: "市财政局"})
	require.NoError(t, err)
	assert.Len(t, probs, 1)

	_, err = s.List(ctx, Query{Sort: "x'); DROP TABLE records; --"})
	assert.Error(t, err)
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	v, err := s.Setting(ctx, "operator")
	require.NoError(t, err)
	assert.Equal(t, "", v)
	require.NoError(t, s.SetSetting(ctx, "operator", "张三"))
	require.NoError(t, s.SetSetting(ctx, "operator", "李四"))
	v, err = s.Setting(ctx, "operator")
	require.NoError(t, err)
	assert.Equal(t, "李四", v)
}

// Creating records writes no history rows of its own: each record's first
// revision tells its creation (an import of 100,000 rows wrote as many
// rows saying "created"). A created row an older version wrote is shown
// once, as it was.
func TestCreationIsToldByTheFirstRevision(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	importRows(t, s, ledgerRows(3))
	var n int
	require.NoError(t, s.rd.QueryRowContext(ctx, "SELECT count(*) FROM changes").Scan(&n))
	assert.Zero(t, n)
	rec, err := s.FindByKey(ctx, model.KindTask, model.NaturalKey(ledgerRows(1)[0].Record))
	require.NoError(t, err)
	hist, err := s.History(ctx, rec.RecordMeta().ID)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, HistCreated, hist[0].New)
	assert.Equal(t, rec.RecordMeta().Rev, hist[0].Rev)
	assert.Equal(t, "test", hist[0].By)

	_, err = s.wr.ExecContext(ctx, `INSERT INTO changes (record_id, rev, field, old, new, by, at)
		VALUES (?, ?, '', '', ?, '旧版本', '2024-01-01T00:00:00.000000000Z')`, rec.RecordMeta().ID, rec.RecordMeta().Rev, HistCreated)
	require.NoError(t, err)
	hist, err = s.History(ctx, rec.RecordMeta().ID)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, "旧版本", hist[0].By)
}
