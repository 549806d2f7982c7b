package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/report"
)

// seedReports stores a small June 2019 in a data folder: two items of one
// unit written by alias and full name (one overdue), three proposals (one
// unevaluated), two research visits of one leader on one day, funds.
func seedReports(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := storage.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	ctx := context.Background()
	d := func(s string) model.Date {
		x, err := model.ParseISO(s)
		require.NoError(t, err)
		return x
	}
	lead := func(n string) []model.UnitRole { return []model.UnitRole{{Name: n, Role: model.RoleLead}} }
	recs := []model.Record{
		&model.Unit{Name: "市发展和改革委员会", Aliases: []string{"市发改委"}},
		&model.Task{Number: "督〔2019〕1号", Title: "营商环境", Source: model.SourceInstruction, Units: lead("市发改委"),
			AssignedOn: d("2019-03-01"), Deadline: model.Deadline{Due: d("2019-06-15"), Type: model.DeadlineDate},
			Status: model.TaskDone, DoneOn: d("2019-06-10")},
		&model.Task{Number: "督〔2019〕2号", Title: "项目推进", Source: model.SourceMeeting, Units: lead("市发展和改革委员会"),
			AssignedOn: d("2019-04-01"), Deadline: model.Deadline{Due: d("2019-05-31"), Type: model.DeadlineDate},
			Status: model.TaskInProgress},
		&model.Proposal{Body: model.BodyNPC, Number: "1", AssignedOn: d("2019-06-01"), RepliedOn: d("2019-06-20"),
			ResultClass: "A", Satisfaction: model.SatSatisfied, Units: lead("市发改委")},
		&model.Proposal{Body: model.BodyCPPCC, Number: "2", AssignedOn: d("2019-06-02"), Units: lead("市发改委")},
		&model.Visit{Number: "DY-1", Type: model.VisitResearch, StartOn: d("2019-06-03"), Leader: "王明", Units: []string{"市发改委"}},
		&model.Visit{Number: "DY-2", Type: model.VisitResearch, StartOn: d("2019-06-03"), Leader: "王 明", Units: []string{"市发展和改革委员会"}},
		&model.Fund{Date: d("2019-06-10"), SourceText: "财政专项扶贫资金", AmountFen: 1_150_000_00},
	}
	for _, r := range recs {
		require.NoError(t, st.Save(ctx, r, "test"))
	}
	return dir
}

func TestReportSummaryJSON(t *testing.T) {
	dir := seedReports(t)
	r := cli(t, dir, "report", "summary", "--from", "2019-06-01", "--to", "2019-06-30", "--json")
	require.Equal(t, 0, r.code, r.err)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	assert.ElementsMatch(t, []string{"from", "to", "tasks", "meetings", "proposals", "field", "liaison", "village"}, keys(got))
	tasks := got["tasks"].(map[string]any)
	assert.Equal(t, 2.0, tasks["tracked"])
	assert.Equal(t, 1.0, tasks["overdue"])
	assert.Equal(t, 0.5, tasks["on_time_rate"])
	units := tasks["by_unit"].([]any)
	require.Len(t, units, 1, "alias and full name are one unit")
	assert.Equal(t, "市发展和改革委员会", units[0].(map[string]any)["unit"])
	props := got["proposals"].(map[string]any)
	assert.Equal(t, 0.5, props["reply_rate"])
	assert.Equal(t, 1.0, props["satisfaction_rate"])
	field := got["field"].(map[string]any)
	assert.Equal(t, 2.0, field["visits"])
	assert.Equal(t, 1.0, field["days"], "one leader, one day")
	assert.Equal(t, 1.0, field["units"])
	village := got["village"].(map[string]any)
	assert.Equal(t, 115_000_000.0, village["funds_fen"])
	assert.Equal(t, 115_000_000.0, village["funds_by_source"].(map[string]any)["fiscal"])

	// A period with nothing: rates are null, not 0.
	r = cli(t, dir, "report", "summary", "--from", "2018-01-01", "--to", "2018-01-31", "--json")
	require.Equal(t, 0, r.code, r.err)
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	assert.Nil(t, got["tasks"].(map[string]any)["on_time_rate"])
	assert.Nil(t, got["proposals"].(map[string]any)["reply_rate"])
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestReportSummaryTextIsTheDraftAndTheFigures(t *testing.T) {
	dir := seedReports(t)
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	code := run(context.Background(), []string{"--data", dir, "--lang", "zh", "report", "summary",
		"--from", "2019-06-01", "--to", "2019-06-30"}, out, errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "2019年6月，共跟踪督办事项2项")
	assert.Contains(t, out.String(), "到基层调研2次、1天，联系基层单位1个、2次")
	assert.Contains(t, out.String(), "为帮扶村协调资金115万元")
	assert.Regexp(t, `协调资金（万元）\s+115\s+village\.funds_fen`, out.String())
	assert.Regexp(t, `满意率\s+100\.0%\s+proposals\.satisfaction_rate`, out.String())
	assert.Regexp(t, `市发展和改革委员会\s+2\s+1\s+1\s+50\.0%`, out.String())

	r := cli(t, dir, "report", "summary", "--from", "2019-06-01", "--to", "2019-06-30")
	require.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, "In June 2019, 2 supervised items were tracked")
}

func TestReportWorkbooks(t *testing.T) {
	dir := seedReports(t)
	outDir := t.TempDir()
	for _, c := range []struct {
		args  []string
		title string
	}{
		{[]string{"monthly", "--month", "2019-06"}, "督查督办工作月通报（2019年6月）"},
		{[]string{"quarterly", "--quarter", "2019Q2"}, "督查督办工作季点评（2019年第二季度）"},
		{[]string{"period", "--from", "2019-01-01", "--to", "2019-06-30"}, "工作情况统计汇总（2019年上半年）"},
	} {
		path := filepath.Join(outDir, c.args[0]+".xlsx")
		args := append([]string{"--data", dir, "--lang", "zh", "report"}, c.args...)
		out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
		code := run(context.Background(), append(args, path), out, errOut)
		require.Equal(t, 0, code, errOut.String())
		assert.Contains(t, out.String(), path)
		f, err := excelize.OpenFile(path)
		require.NoError(t, err)
		title, err := f.GetCellValue(report.SheetCover, "A1")
		require.NoError(t, err)
		assert.Equal(t, c.title, title)
		overdue, err := f.GetRows(report.SheetOverdue)
		require.NoError(t, err)
		assert.Equal(t, "督〔2019〕2号", overdue[len(overdue)-1][1])
		f.Close()
	}
	entries, err := os.ReadDir(outDir)
	require.NoError(t, err)
	assert.Len(t, entries, 3, "no temporary files left behind")
}

func TestReportUsageAndFailures(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "r.xlsx")
	for _, args := range [][]string{
		{"report"},
		{"report", "weekly", out},
		{"report", "summary", "--from", "2019-06-01"},
		{"report", "summary", "--from", "2019-06-31", "--to", "2019-07-01"},
		{"report", "summary", "--from", "2019-07-01", "--to", "2019-06-01"},
		{"report", "monthly", out},
		{"report", "monthly", "--month", "2019-13", out},
		{"report", "monthly", "--month", "2019-06"},
		{"report", "quarterly", "--quarter", "2019Q5", out},
		{"report", "period", "--from", "2019-01-01", "--to", "2019-06-30", "r.csv"},
	} {
		r := cli(t, dir, args...)
		assert.Equal(t, 2, r.code, "args %v: %s", args, r.err)
	}
	assert.NoFileExists(t, out)
	r := cli(t, dir, "report", "monthly", "--month", "2019-06", filepath.Join(t.TempDir(), "missing", "r.xlsx"))
	assert.Equal(t, 1, r.code, "an unwritable destination is an error, not a usage error")
}
