package exchange

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

func openTestStore(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func newTask(number, title, progress string) *model.Task {
	t := model.New(model.KindTask).(*model.Task)
	t.Number, t.Title, t.Progress = number, title, progress
	t.Source = model.SourceInstruction
	t.Status = model.TaskInProgress
	t.AssignedOn = model.NewDate(2019, 3, 1)
	t.Deadline = model.Deadline{Due: model.NewDate(2019, 6, 30), Text: "2019年6月30日", Type: model.DeadlineDate}
	t.Units = []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead}}
	return t
}

func exportTo(t *testing.T, s *storage.Store, name string, req ExportRequest) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	require.NoError(t, err)
	_, err = Export(context.Background(), s, f, req)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return path
}

func importFile(t *testing.T, s *storage.Store, path string) *model.Plan {
	t.Helper()
	ctx := context.Background()
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "en"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	res, err := s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester"})
	require.NoError(t, err)
	return res.Plan
}

func getTask(t *testing.T, s *storage.Store, id string) *model.Task {
	t.Helper()
	r, err := s.Get(context.Background(), id)
	require.NoError(t, err)
	return r.(*model.Task)
}

// The full round trip of the issue: A exports, B imports the clone, both
// edit, B's file comes back to A: one-sided edits merge, the field edited
// on both sides is a conflict with both values, a second import of the
// same file changes nothing.
func TestSyncRoundTripBetweenMachines(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	t1 := newTask("督〔2019〕1号", "老旧小区改造", "已完成摸底")
	t2 := newTask("督〔2019〕2号", "城区停车难治理", "方案起草中")
	require.NoError(t, a.Save(ctx, t1, "甲"))
	require.NoError(t, a.Save(ctx, t2, "甲"))

	full := exportTo(t, a, "a.xlsx", ExportRequest{})
	plan := importFile(t, b, full)
	assert.Equal(t, 2, plan.Counts().New)
	bt1 := getTask(t, b, t1.ID)
	desc, err := b.IsAncestor(ctx, t1.ID, t1.Rev, bt1.Rev)
	require.NoError(t, err)
	assert.True(t, desc, "the clone descends from the exported revision")
	assert.Equal(t, "已完成摸底", bt1.Progress)

	// B (field laptop) edits progress of 1 and the title of 2.
	bt1.Progress = "已开工12个小区"
	require.NoError(t, b.Save(ctx, bt1, "乙"))
	bt2 := getTask(t, b, t2.ID)
	bt2.Title = "城区停车难综合治理（乙改）"
	require.NoError(t, b.Save(ctx, bt2, "乙"))
	// A edits the leader of 1 and the title of 2.
	at1 := getTask(t, a, t1.ID)
	at1.Leader = "王明"
	require.NoError(t, a.Save(ctx, at1, "甲"))
	at2 := getTask(t, a, t2.ID)
	at2.Title = "城区停车难专项治理（甲改）"
	require.NoError(t, a.Save(ctx, at2, "甲"))

	back := exportTo(t, b, "b.xlsx", ExportRequest{})
	plan = importFile(t, a, back)
	c := plan.Counts()
	assert.Equal(t, 1, c.Merged, "one-sided edits on both machines merge")
	assert.Equal(t, 1, c.Conflicts)
	at1 = getTask(t, a, t1.ID)
	assert.Equal(t, "已开工12个小区", at1.Progress, "B's progress arrives")
	assert.Equal(t, "王明", at1.Leader, "A's leader stays")
	at2 = getTask(t, a, t2.ID)
	assert.Equal(t, "城区停车难专项治理（甲改）", at2.Title, "a conflict overwrites nothing")

	cs, err := a.Conflicts(ctx, true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "title", cs[0].Field)
	assert.Contains(t, cs[0].Local, "甲改")
	assert.Contains(t, cs[0].Incoming, "乙改")

	// The same file again: nothing changes, no second conflict.
	revs := map[string]string{t1.ID: at1.Rev, t2.ID: at2.Rev}
	plan2, err := PlanFiles(ctx, a, []string{back}, ReadRequest{})
	require.NoError(t, err)
	_, err = a.ApplyImport(ctx, plan2, storage.ApplyOptions{By: "tester", NoBackup: true})
	require.NoError(t, err)
	assert.Equal(t, revs[t1.ID], getTask(t, a, t1.ID).Rev)
	assert.Equal(t, revs[t2.ID], getTask(t, a, t2.ID).Rev)
	cs, err = a.Conflicts(ctx, true)
	require.NoError(t, err)
	assert.Len(t, cs, 1)

	// Taking theirs applies B's title, and the history says so.
	require.NoError(t, a.ResolveConflict(ctx, cs[0].ID, "incoming", "甲"))
	assert.Equal(t, "城区停车难综合治理（乙改）", getTask(t, a, t2.ID).Title)

	// Once resolved, the same file does not bring the conflict back.
	plan3, err := PlanFiles(ctx, a, []string{back}, ReadRequest{})
	require.NoError(t, err)
	assert.Equal(t, 0, plan3.Counts().Conflicts)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 2}, actions(plan3, model.KindTask))
}

// A department fills in the exported ledger in Excel (the hidden revision
// stays as exported): its edits arrive as updates, and the history names
// the import.
func TestSyncDepartmentEditsExportedLedger(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	t1 := newTask("督〔2019〕7号", "河道整治", "")
	require.NoError(t, a.Save(ctx, t1, "甲"))
	path := exportTo(t, a, "dept.xlsx", ExportRequest{Unit: "市发展和改革委员会"})

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	sheet := model.KindTask.SheetName()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	col := -1
	for i, h := range rows[0] {
		if h == "办理进展" {
			col = i
		}
	}
	require.GreaterOrEqual(t, col, 0, "the exported sheet has 办理进展")
	cell, err := excelize.CoordinatesToCellName(col+1, 2)
	require.NoError(t, err)
	require.NoError(t, f.SetCellStr(sheet, cell, "已清淤3公里"))
	props, err := f.GetDocProps() // saved by the department, as Excel stamps it
	require.NoError(t, err)
	props.Modified = "2019-06-20T09:00:00Z"
	require.NoError(t, f.SetDocProps(props))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	plan := importFile(t, a, path)
	assert.Equal(t, 1, plan.Counts().Updated)
	got := getTask(t, a, t1.ID)
	assert.Equal(t, "已清淤3公里", got.Progress)
	hist, err := a.History(ctx, t1.ID)
	require.NoError(t, err)
	require.NotEmpty(t, hist)
	fields := map[string]string{}
	for _, h := range hist {
		if h.ImportFile != "" {
			fields[h.Field] = h.ImportFile
		}
	}
	assert.Equal(t, map[string]string{"progress": "dept.xlsx", "reports": "dept.xlsx"}, fields,
		"the progress, and the department's return as its report")
	require.Len(t, got.Reports, 1)
	assert.Equal(t, "市发展和改革委员会", got.Reports[0].Unit)
	assert.Equal(t, "已清淤3公里", got.Reports[0].Done)

	// A edits progress again afterwards; the same old file does not undo it.
	got.Progress = "已清淤5公里"
	require.NoError(t, a.Save(ctx, got, "甲"))
	plan = importFile(t, a, path)
	assert.Equal(t, 1, plan.Counts().Unchanged)
	assert.Equal(t, "已清淤5公里", getTask(t, a, t1.ID).Progress)
}

// Rows of a ledger Taizhang did not write match by number; an empty cell
// blanks nothing; a value different from a local one is a conflict; unknown
// units join the dictionary.
func TestSyncForeignLedgerByNumber(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	t1 := newTask("督〔2019〕9号", "背街小巷改造", "")
	require.NoError(t, a.Save(ctx, t1, "甲"))

	path := writeBook(t, t.TempDir(), "外来台账.xlsx", "Sheet1", [][]any{
		{"2019年督办事项推进情况表"},
		{"编号", "事项名称", "牵头单位", "完成时限", "进展情况"},
		{"督〔2019〕9号", "", "市发展和改革委员会", "2019年6月30日", "已完成设计"},
		{"督〔2019〕10号", "新增的事项", "市城管执法局", "年底前", "刚启动"},
	})

	plan := importFile(t, a, path)
	c := plan.Counts()
	assert.Equal(t, 1, c.Updated)
	assert.Equal(t, 1, c.New)
	assert.Contains(t, plan.NewUnits, "市城管执法局")
	got := getTask(t, a, t1.ID)
	assert.Equal(t, "背街小巷改造", got.Title, "an empty cell blanks nothing")
	assert.Equal(t, "已完成设计", got.Progress)
	units, err := a.UnitDict(ctx)
	require.NoError(t, err)
	_, known := units.Resolve("市城管执法局")
	assert.True(t, known, "an unknown unit is added to the dictionary")

	// Re-import: nothing changes.
	plan = importFile(t, a, path)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 2}, actions(plan, model.KindTask))

	// The office edits progress; the department's next file has another.
	got.Progress = "办公室核实：设计已评审"
	require.NoError(t, a.Save(ctx, got, "甲"))
	f2, err := excelize.OpenFile(path)
	require.NoError(t, err)
	require.NoError(t, f2.SetCellStr("Sheet1", "E3", "已开工"))
	require.NoError(t, f2.Save())
	plan = importFile(t, a, path)
	assert.Equal(t, 1, plan.Counts().Conflicts)
	assert.Equal(t, "办公室核实：设计已评审", getTask(t, a, t1.ID).Progress)
}

// All-or-nothing: a rejected row stops the whole import.
func TestApplyRefusesRejectedPlan(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	plan := &model.Plan{Rejected: []model.Rejection{{Place: model.Place{File: "x.xlsx", Row: 3}, Reason: "bad"}}}
	_, err := a.ApplyImport(ctx, plan, storage.ApplyOptions{By: "t"})
	require.ErrorIs(t, err, storage.ErrRejected)
	n, err := a.Count(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Zero(t, n)
}

func actions(p *model.Plan, k model.Kind) map[model.Action]int {
	out := map[model.Action]int{}
	for _, it := range p.Items {
		if it.Kind == k {
			out[it.Action]++
		}
	}
	return out
}

// A ledger with only 牵头单位 never drops the cooperating units.
func TestSyncPartialUnitColumnsKeepOtherRoles(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	t1 := newTask("督〔2019〕21号", "黑臭水体治理", "")
	t1.Units = append(t1.Units, model.UnitRole{Name: "市生态环境局", Role: model.RoleCooperating})
	require.NoError(t, a.Save(ctx, t1, "甲"))

	in := model.New(model.KindTask).(*model.Task)
	in.Number = t1.Number
	in.Units = []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead}}
	in.Progress = "已完成2条"
	plan, err := a.PlanImport(ctx, []model.Incoming{{Record: in, Fields: []string{"number", "units", "lead_unit", "progress"},
		UnitRoles: []model.Role{model.RoleLead, model.RoleResponsible}, Ref: model.RowRef{File: "x.xlsx", Sheet: "S", Row: 2}}}, nil, nil, "")
	require.NoError(t, err)
	require.Len(t, plan.Items, 1)
	assert.Equal(t, model.ActionUpdated, plan.Items[0].Action)
	assert.Equal(t, []string{"progress"}, plan.Items[0].Changed)
	_, err = a.ApplyImport(ctx, plan, storage.ApplyOptions{By: "t", NoBackup: true})
	require.NoError(t, err)
	got := getTask(t, a, t1.ID)
	assert.Equal(t, "已完成2条", got.Progress)
	assert.Len(t, got.Units, 2, "the cooperating unit stays")
}

// A deadline typed as text (年底前) keeps the year this side worked out,
// whatever dates the returned file carries.
func TestReimportKeepsTextDeadlineYear(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	t1 := newTask("督〔2019〕41号", "公园改造", "")
	t1.AssignedOn = model.Date{}
	t1.Deadline = model.Deadline{Due: model.NewDate(2019, 12, 31), Text: "年底前", Type: model.DeadlineYearEnd}
	require.NoError(t, a.Save(ctx, t1, "甲"))
	path := exportTo(t, a, "out.xlsx", ExportRequest{Kinds: []model.Kind{model.KindTask}})

	// Another program re-saves it with other document dates.
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	require.NoError(t, f.SetDocProps(&excelize.DocProperties{Created: "2006-09-16T00:00:00Z", Modified: "2006-09-16T00:00:00Z"}))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	plan := importFile(t, a, path)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 1}, actions(plan, model.KindTask))
	assert.Equal(t, model.NewDate(2019, 12, 31), getTask(t, a, t1.ID).Deadline.Due)
}

// Two funds alike in date, source, amount and project are two records when
// they come with their own ids: a clone keeps both.
func TestCloneKeepsRecordsThatShareADescribingKey(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	for i := 0; i < 2; i++ {
		f := model.New(model.KindFund).(*model.Fund)
		f.Date, f.SourceText, f.AmountFen, f.Project = model.NewDate(2019, 5, 1), "爱心捐款", 50000, "助学"
		require.NoError(t, a.Save(ctx, f, "甲"))
	}
	path := exportTo(t, a, "funds.xlsx", ExportRequest{Kinds: []model.Kind{model.KindFund}})
	plan := importFile(t, b, path)
	assert.Equal(t, map[model.Action]int{model.ActionNew: 2}, actions(plan, model.KindFund))
	n, err := b.Count(ctx, storage.Query{Kind: model.KindFund})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	plan = importFile(t, b, path)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 2}, actions(plan, model.KindFund))
}

// An edit made between the preview and the apply is never overwritten: the
// row is decided again against it.
func TestApplyReplansRowsEditedSincePreview(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	t1 := newTask("督〔2019〕51号", "桥梁检测", "")
	require.NoError(t, a.Save(ctx, t1, "甲"))
	path := exportTo(t, a, "out.xlsx", ExportRequest{Kinds: []model.Kind{model.KindTask}})
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	for i, h := range rows[0] {
		if h == "办理进展" {
			cell, _ := excelize.CoordinatesToCellName(i+1, 2)
			require.NoError(t, f.SetCellStr("督办事项", cell, "部门：已检测5座"))
		}
	}
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	plan, err := PlanFiles(ctx, a, []string{path}, ReadRequest{})
	require.NoError(t, err)
	require.Equal(t, 1, plan.Counts().Updated)

	// Meanwhile someone types progress here.
	local := getTask(t, a, t1.ID)
	local.Progress = "本机：已检测3座"
	require.NoError(t, a.Save(ctx, local, "甲"))

	res, err := a.ApplyImport(ctx, plan, storage.ApplyOptions{By: "t", NoBackup: true})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Plan.Counts().Conflicts)
	assert.Equal(t, "本机：已检测3座", getTask(t, a, t1.ID).Progress)
}

// A ledger that numbers rows (序号) but not items comes back to the same
// items: importing it twice creates nothing the second time.
func TestLedgerWithoutNumbersReimportsUnchanged(t *testing.T) {
	a := openTestStore(t)
	path := writeBook(t, t.TempDir(), "无编号台账.xlsx", "Sheet1", [][]any{
		{"序号", "工作任务", "牵头单位", "完成时限", "推进情况"},
		{1, "推进老旧小区改造", "市住建局", "2019年10月底", "已开工"},
		{2, "整治城区停车秩序", "市公安局", "年底前", "方案已定"},
	})
	plan := importFile(t, a, path)
	assert.Equal(t, map[model.Action]int{model.ActionNew: 2}, actions(plan, model.KindTask))
	plan = importFile(t, a, path)
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: 2}, actions(plan, model.KindTask))

	f2, err := excelize.OpenFile(path)
	require.NoError(t, err)
	require.NoError(t, f2.SetCellStr("Sheet1", "E2", "已完工"))
	require.NoError(t, f2.Save())
	plan = importFile(t, a, path)
	assert.Equal(t, map[model.Action]int{model.ActionUpdated: 1, model.ActionUnchanged: 1}, actions(plan, model.KindTask))
	n, err := a.Count(context.Background(), storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Equal(t, 2, n)
}

// A record an import creates says so in its history: by whom, when and from
// which file, as its first entry; and a clone of it on another machine says
// it was created there by that machine's import.
func TestAnImportedRecordsHistoryBeginsWithItsImport(t *testing.T) {
	ctx := context.Background()
	a := openTestStore(t)
	path := writeBook(t, t.TempDir(), "外来台账.xlsx", "Sheet1", [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "进展情况"},
		{"督〔2019〕10号", "新增的事项", "市城管执法局", "年底前", "刚启动"},
	})
	importFile(t, a, path)
	made, err := a.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: "督〔2019〕10号"}))
	require.NoError(t, err)
	made.(*model.Task).Progress = "已过半"
	require.NoError(t, a.Save(ctx, made, "甲"))

	hist, err := a.History(ctx, made.RecordMeta().ID)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	assert.Equal(t, "progress", hist[0].Field)
	created := hist[1]
	assert.Equal(t, storage.HistCreated, created.New)
	assert.Equal(t, "", created.Field)
	assert.Equal(t, "tester", created.By)
	assert.Equal(t, "外来台账.xlsx", created.ImportFile)
	assert.False(t, created.At.IsZero())
	assert.False(t, created.At.After(hist[0].At))

	b := openTestStore(t)
	importFile(t, b, exportTo(t, a, "clone.xlsx", ExportRequest{}))
	hist, err = b.History(ctx, made.RecordMeta().ID)
	require.NoError(t, err)
	require.NotEmpty(t, hist)
	last := hist[len(hist)-1]
	assert.Equal(t, storage.HistCreated, last.New)
	assert.Equal(t, "tester", last.By)
	assert.Equal(t, "clone.xlsx", last.ImportFile)
	n := 0
	for _, h := range hist {
		if h.New == storage.HistCreated {
			n++
		}
	}
	assert.Equal(t, 1, n, "created once")
}
