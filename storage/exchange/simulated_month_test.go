package exchange

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// rewriteSheet lets a test edit an exported task sheet as a department
// does in Excel: rows as text, then written back (re-sorted, renamed…).
func rewriteSheet(t *testing.T, path string, edit func(f *excelize.File, rows [][]string) (string, [][]string)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	sheet := model.KindTask.SheetName()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	name, rows := edit(f, rows)
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow(sheet, cell, &cells))
	}
	if name != sheet {
		require.NoError(t, f.SetSheetName(sheet, name))
	}
	stampSaved(t, f)
	require.NoError(t, f.Save())
}

// stampSaved marks the file saved now, as Excel, WPS and LibreOffice do
// (excelize leaves the export's stamp).
func stampSaved(t *testing.T, f *excelize.File) {
	t.Helper()
	props, err := f.GetDocProps()
	require.NoError(t, err)
	props.Modified = time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	require.NoError(t, f.SetDocProps(props))
}

func col(rows [][]string, header string) int {
	return slices.Index(rows[0], header)
}

func rowOf(rows [][]string, number string) int {
	for i, r := range rows {
		if i > 0 && len(r) > 0 && r[col(rows, "编号")] == number {
			return i
		}
	}
	return -1
}

func set(rows [][]string, number, header, value string) {
	r, c := rowOf(rows, number), col(rows, header)
	for len(rows[r]) <= c {
		rows[r] = append(rows[r], "")
	}
	rows[r][c] = value
}

// A month of the office's cycle, as the acceptance asks: ledgers
// exported for five units; the departments edit progress, status words,
// done dates typed as text, percents, add a row, re-sort rows, rename the
// sheet, one re-saves in LibreOffice; the office edits some of the same
// items meanwhile; all five returns are imported in one command. Every
// department edit applies, the one field edited on both sides is one
// conflict with both values, nothing is lost or duplicated, each returning
// unit has its progress report and is not named as 漏报, and importing the
// returns again changes nothing.
func TestSimulatedMonth(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	units := []string{"市发展和改革委员会", "市财政局", "市住房和城乡建设局", "市教育局", "市水务局"}
	short := []string{"市发改委", "财政局", "市住建局", "教育局", "水务局"}
	for i, u := range units {
		require.NoError(t, s.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: u, Aliases: []string{short[i]}}, "办公厅"))
	}
	var ids []string
	for n := 0; n < 10; n++ {
		tk := newTask(fmt.Sprintf("督〔2019〕%d号", n+1), fmt.Sprintf("重点工作%d", n+1), "已部署")
		tk.Cycle, tk.ReportDay = model.CycleMonthly, 25
		tk.Deadline = model.Deadline{Due: model.NewDate(2019, 12, 31), Text: "年底前", Type: model.DeadlineYearEnd}
		tk.Units = []model.UnitRole{{Name: units[n%5], Role: model.RoleLead}, {Name: units[(n+1)%5], Role: model.RoleCooperating}}
		require.NoError(t, s.Save(ctx, tk, "办公厅"))
		ids = append(ids, tk.ID)
	}
	byNumber := func(n int) *model.Task { return getTask(t, s, ids[n-1]) }

	files := make([]string, 5)
	for i, u := range units {
		files[i] = exportTo(t, s, fmt.Sprintf("%s台账.xlsx", short[i]), ExportRequest{Unit: u})
	}

	// 发改委 (items 1, 6 lead; 5, 10 cooperate): progress, a done status
	// word with its date typed as text, a percent
	rewriteSheet(t, files[0], func(_ *excelize.File, rows [][]string) (string, [][]string) {
		set(rows, "督〔2019〕1号", "办理进展", "发改委：项目已开工")
		set(rows, "督〔2019〕6号", "状态", "已完成")
		set(rows, "督〔2019〕6号", "办结日期", "2019年6月20日")
		set(rows, "督〔2019〕6号", "完成进度", "100%")
		return model.KindTask.SheetName(), rows
	})
	// 财政局 (2, 7; 1, 6): re-sorts its rows, renames the sheet, edits progress
	rewriteSheet(t, files[1], func(_ *excelize.File, rows [][]string) (string, [][]string) {
		set(rows, "督〔2019〕2号", "办理进展", "财政局：资金已拨付")
		set(rows, "督〔2019〕7号", "状态", "正在推进")
		set(rows, "督〔2019〕7号", "完成进度", "60%")
		rows[1], rows[len(rows)-1] = rows[len(rows)-1], rows[1]
		return "6月进展", rows
	})
	// 住建局 (3, 8; 2, 7): adds an item of its own, edits progress
	rewriteSheet(t, files[2], func(_ *excelize.File, rows [][]string) (string, [][]string) {
		set(rows, "督〔2019〕3号", "办理进展", "住建局：完成设计")
		extra := make([]string, len(rows[0]))
		extra[col(rows, "编号")], extra[col(rows, "事项名称")] = "督〔2019〕99号", "住建局自报：背街小巷整治"
		extra[col(rows, "牵头单位")], extra[col(rows, "办理进展")] = "市住建局", "已摸排"
		return model.KindTask.SheetName(), append(rows, extra)
	})
	// 教育局 (4, 9; 3, 8): edits progress and a done date typed without a
	// year, then re-saves the file in LibreOffice
	rewriteSheet(t, files[3], func(_ *excelize.File, rows [][]string) (string, [][]string) {
		set(rows, "督〔2019〕4号", "办理进展", "教育局：新校舍封顶")
		set(rows, "督〔2019〕9号", "办结日期", "6月18日")
		set(rows, "督〔2019〕9号", "状态", "办结")
		return model.KindTask.SheetName(), rows
	})
	if _, err := exec.LookPath("soffice"); err == nil {
		out := t.TempDir()
		cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+out+"/profile",
			"--convert-to", "xlsx", "--outdir", out, files[3])
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, string(b))
		resaved := filepath.Join(out, filepath.Base(files[3]))
		_, err = os.Stat(resaved)
		require.NoError(t, err, string(b))
		files[3] = resaved
	} else {
		t.Log("soffice not on PATH: the LibreOffice re-save is not exercised")
	}
	// 水务局 (5, 10; 4, 9) opens its ledger, changes nothing, saves and
	// returns it.
	f5, err := excelize.OpenFile(files[4])
	require.NoError(t, err)
	stampSaved(t, f5)
	require.NoError(t, f5.Save())
	require.NoError(t, f5.Close())

	// Meanwhile the office edits item 1's progress (also edited by 发改委:
	// a conflict) and item 2's remarks (财政局 edited its progress: a merge).
	o1 := byNumber(1)
	o1.Progress = "办公厅：督查组已现场核查"
	require.NoError(t, s.Save(ctx, o1, "办公厅"))
	o2 := byNumber(2)
	o2.Remarks = "列入月度通报"
	require.NoError(t, s.Save(ctx, o2, "办公厅"))

	plan := importAll(t, s, files)
	var conflicts []model.FieldConflict
	for _, it := range plan.Items {
		conflicts = append(conflicts, it.Conflicts...)
	}
	require.Len(t, conflicts, 1, "one two-sided edit, one conflict")
	assert.Equal(t, "progress", conflicts[0].Field)
	assert.JSONEq(t, `"办公厅：督查组已现场核查"`, string(conflicts[0].Local))
	assert.JSONEq(t, `"发改委：项目已开工"`, string(conflicts[0].Incoming))

	// every department edit applied
	assert.Equal(t, "办公厅：督查组已现场核查", byNumber(1).Progress, "the conflict keeps this side until resolved")
	assert.Equal(t, "财政局：资金已拨付", byNumber(2).Progress)
	assert.Equal(t, "列入月度通报", byNumber(2).Remarks, "the office's edit of another field stays")
	assert.Equal(t, "住建局：完成设计", byNumber(3).Progress)
	assert.Equal(t, "教育局：新校舍封顶", byNumber(4).Progress)
	t6 := byNumber(6)
	assert.Equal(t, model.TaskDone, t6.Status)
	assert.Equal(t, model.NewDate(2019, 6, 20), t6.DoneOn)
	assert.Equal(t, 100, t6.Percent)
	t7 := byNumber(7)
	assert.Equal(t, model.TaskInProgress, t7.Status)
	assert.Equal(t, 60, t7.Percent)
	t9 := byNumber(9)
	assert.Equal(t, model.TaskDone, t9.Status)
	assert.Equal(t, model.NewDate(2019, 6, 18), t9.DoneOn, "a year-less date takes the item's year")

	// nothing lost or duplicated: ten items and the one added
	all, err := s.List(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Len(t, all, 11)
	for n := 1; n <= 10; n++ {
		tk := byNumber(n)
		assert.Equal(t, fmt.Sprintf("重点工作%d", n), tk.Title)
		assert.Len(t, tk.Units, 2, "item %d keeps both units", n)
		assert.Equal(t, model.NewDate(2019, 12, 31), tk.Deadline.Due, "item %d: 年底前 stays 2019's", n)
	}

	// each unit that returned its ledger reported on its items, and is
	// not named as 漏报 for this month
	asOf := model.Today().MonthEnd()
	for n := 1; n <= 10; n++ {
		tk := byNumber(n)
		lead := units[(n-1)%5]
		assert.True(t, slices.ContainsFunc(tk.Reports, func(r model.Report) bool { return r.Unit == lead }),
			"item %d has %s's report: %+v", n, lead, tk.Reports)
		assert.NotContains(t, model.MissedReports(tk, asOf), lead, "item %d", n)
	}

	again := importAll(t, s, files).Counts()
	assert.Zero(t, again.New+again.Updated+again.Merged+again.Conflicts, "the returns again change nothing: %+v", again)
	all, err = s.List(ctx, storage.Query{Kind: model.KindTask})
	require.NoError(t, err)
	assert.Len(t, all, 11)
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems, "the month's merged returns leave bodies, revisions and figure facts agreeing")
}
