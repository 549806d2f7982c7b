package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

type result struct {
	code     int
	out, err string
}

func cli(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	all := append([]string{"--data", dir, "--lang", "en"}, args...)
	code := run(context.Background(), all, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

func TestCheckOnFreshFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	r := cli(t, dir, "check")
	assert.Equal(t, 0, r.code, r.err)
	assert.FileExists(t, filepath.Join(dir, "taizhang.db"))
}

func TestUsageErrorsExitTwoWithOneLine(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"list"},
		{"list", "nonsense"},
		{"export"},
		{"resolve", "c-1", "--keep", "both"},
		{"check", "extra"},
		{"list", "tasks", "--bogus"},
		{"export", "--changed-since", "2019/01/01", "x.xlsx"},
	} {
		r := cli(t, dir, args...)
		assert.Equal(t, 2, r.code, "args %v", args)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(r.err), "\n")+1, "one line for %v: %q", args, r.err)
	}
}

func TestVersion(t *testing.T) {
	r := cli(t, t.TempDir(), "version")
	require.Equal(t, 0, r.code)
	assert.Contains(t, r.out, "taizhang-cli ")
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"},
		{"督〔2019〕1号", "老旧小区改造", "市住建局", "2019年6月30日", "已摸底"},
	})
	require.Equal(t, 0, cli(t, dir, "import", ledger).code)
	out := filepath.Join(t.TempDir(), "copy.db")
	r := cli(t, dir, "backup", out)
	require.Equal(t, 0, r.code, r.err)
	require.FileExists(t, out)

	// Change the data, then restore the copy: the change is gone.
	second := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2019〕2号", "停车治理", "市公安局", "年底前"},
	})
	require.Equal(t, 0, cli(t, dir, "import", second).code)
	require.Len(t, listTasks(t, dir), 2)
	r = cli(t, dir, "restore", out)
	require.Equal(t, 0, r.code, r.err)
	assert.Len(t, listTasks(t, dir), 1)
	assert.Equal(t, 0, cli(t, dir, "check").code)

	// A file that is not a database is refused and changes nothing.
	bad := filepath.Join(t.TempDir(), "bad.db")
	require.NoError(t, os.WriteFile(bad, []byte("not a database"), 0o644))
	r = cli(t, dir, "restore", bad)
	assert.Equal(t, 1, r.code)
	assert.Len(t, listTasks(t, dir), 1)
}

func TestImportJSONAndListJSON(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"市政府督办事项台账"},
		{"编号", "事项来源", "事项名称", "牵头单位", "配合单位", "交办日期", "完成时限", "状态", "办理进展"},
		{"督〔2019〕15号", "领导批示", "城区内涝治理", "市水务局", "市住建局、市城管局", "2019-03-01", "6月底", "办理中", "已完成排查"},
	})
	r := cli(t, dir, "import", "--json", ledger)
	require.Equal(t, 0, r.code, r.err)
	var imp map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &imp), r.out)
	for _, k := range []string{"files", "dry_run", "applied", "counts", "conflicts", "rejected"} {
		assert.Contains(t, imp, k)
	}
	assert.Equal(t, true, imp["applied"])
	assert.EqualValues(t, 1, imp["counts"].(map[string]any)["new"])

	tasks := listTasks(t, dir)
	require.Len(t, tasks, 1)
	task := tasks[0]
	assert.Equal(t, "督〔2019〕15号", task["number"])
	assert.Equal(t, "instruction", task["source"])
	assert.Equal(t, "市水务局", task["lead_unit"])
	assert.Equal(t, "2019-06-30", task["deadline"])
	assert.Equal(t, "6月底", task["deadline_text"])
	assert.Equal(t, "month_end", task["deadline_kind"])
	assert.Equal(t, "in_progress", task["status"])
	assert.Contains(t, []any{"red", "yellow", "green", "none"}, task["light"])
	for _, k := range []string{"id", "kind", "rev", "updated_at", "units", "assigned_on", "done_on", "closed_on", "percent", "progress"} {
		assert.Contains(t, task, k)
	}

	// Dry run of the same file: unchanged, nothing applied.
	r = cli(t, dir, "import", "--dry-run", "--json", ledger)
	require.Equal(t, 0, r.code, r.err)
	require.NoError(t, json.Unmarshal([]byte(r.out), &imp))
	assert.Equal(t, false, imp["applied"])
	assert.EqualValues(t, 1, imp["counts"].(map[string]any)["unchanged"])
}

func TestImportRejectsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2019〕1号", "好的一行", "市住建局", "2019年6月30日"},
		{"督〔2019〕2号", "坏日期", "市住建局", "2019年2月30日"},
	})
	r := cli(t, dir, "import", "--json", ledger)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.err, "row 3")
	assert.Empty(t, listTasks(t, dir))

	r = cli(t, dir, "import", "--partial", ledger)
	assert.Equal(t, 0, r.code, r.err)
	assert.Len(t, listTasks(t, dir), 1)
}

func TestExportThenTemplate(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2019〕1号", "=HYPERLINK(\"x\")", "市住建局", "2019年6月30日"},
	})
	require.Equal(t, 0, cli(t, dir, "import", ledger).code)
	out := filepath.Join(t.TempDir(), "out.xlsx")
	r := cli(t, dir, "export", out)
	require.Equal(t, 0, r.code, r.err)
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	assert.Contains(t, f.GetSheetList(), "督办事项")
	tpl := filepath.Join(t.TempDir(), "tpl.xlsx")
	r = cli(t, dir, "template", "--kind", "proposals", tpl)
	require.Equal(t, 0, r.code, r.err)
	assert.FileExists(t, tpl)

	r = cli(t, dir, "import", filepath.Join(t.TempDir(), "missing.xlsx"))
	assert.Equal(t, 1, r.code)
}

func listTasks(t *testing.T, dir string) []map[string]any {
	t.Helper()
	r := cli(t, dir, "list", "tasks", "--json")
	require.Equal(t, 0, r.code, r.err)
	var out []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &out), r.out)
	return out
}

func writeLedger(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &row))
	}
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

func TestEncryptedExportNeedsItsPassword(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2019〕5号", "保密事项", "市保密局", "2019年9月30日"},
	})
	require.Equal(t, 0, cli(t, a, "import", ledger).code)
	out := filepath.Join(t.TempDir(), "secret.xlsx")
	r := cli(t, a, "export", "--password", "s3cret", out)
	require.Equal(t, 0, r.code, r.err)

	r = cli(t, b, "import", out)
	assert.Equal(t, 1, r.code, "an encrypted file without its password is refused")
	assert.Contains(t, strings.ToLower(r.err), "password")
	assert.Empty(t, listTasks(t, b))

	r = cli(t, b, "import", "--password", "s3cret", out)
	require.Equal(t, 0, r.code, r.err)
	tasks := listTasks(t, b)
	require.Len(t, tasks, 1)
	assert.Equal(t, "保密事项", tasks[0]["title"])
}

func TestExportChangedSinceHoldsOnlyRecentChanges(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2019〕6号", "事项六", "市住建局", "2019年9月30日"},
	})
	require.Equal(t, 0, cli(t, dir, "import", ledger).code)
	future := filepath.Join(t.TempDir(), "future.xlsx")
	require.Equal(t, 0, cli(t, dir, "export", "--changed-since", "2999-01-01", "--kind", "tasks", future).code)
	f, err := excelize.OpenFile(future)
	require.NoError(t, err)
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	f.Close()
	assert.Len(t, rows, 1, "only the header: nothing changed since 2999")

	today := filepath.Join(t.TempDir(), "today.xlsx")
	require.Equal(t, 0, cli(t, dir, "export", "--changed-since", "2000-01-01", "--kind", "tasks", today).code)
	f, err = excelize.OpenFile(today)
	require.NoError(t, err)
	rows, err = f.GetRows("督办事项")
	require.NoError(t, err)
	f.Close()
	assert.Len(t, rows, 2)
}

func TestDryRunExitsAsTheImportWould(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限"},
		{"督〔2019〕1号", "好的一行", "市住建局", "2019年6月30日"},
		{"督〔2019〕2号", "坏日期", "市住建局", "2019年2月30日"},
	})
	r := cli(t, dir, "import", "--dry-run", "--json", ledger)
	assert.Equal(t, 1, r.code)
	var imp map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &imp), "the plan is still printed")
	assert.Len(t, imp["rejected"], 1)
	r = cli(t, dir, "import", "--dry-run", "--partial", ledger)
	assert.Equal(t, 0, r.code)
	assert.Empty(t, listTasks(t, dir), "a dry run changes nothing")
}

func TestListFiltersByUnitAliasStatusAndQuery(t *testing.T) {
	dir := t.TempDir()
	units := writeLedger(t, [][]any{
		{"单位名称", "简称"},
		{"市发展和改革委员会", "市发改委、发改委"},
	})
	require.Equal(t, 0, cli(t, dir, "import", units).code)
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "状态"},
		{"督〔2019〕1号", "优化营商环境", "市发改委", "2019年6月30日", "办理中"},
		{"督〔2019〕2号", "河道整治", "市水务局", "2019年6月30日", "已办结"},
	})
	r := cli(t, dir, "import", ledger)
	require.Equal(t, 0, r.code, r.err)
	count := func(args ...string) int {
		r := cli(t, dir, append([]string{"list", "tasks", "--json"}, args...)...)
		require.Equal(t, 0, r.code, r.err)
		var out []map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.out), &out))
		return len(out)
	}
	assert.Equal(t, 1, count("--unit", "发改委"))
	assert.Equal(t, 1, count("--unit", "市发展和改革委员会"))
	assert.Equal(t, 1, count("--status", "办理中"))
	assert.Equal(t, 1, count("--status", "done"))
	assert.Equal(t, 1, count("--query", "营商"))
	assert.Equal(t, 0, count("--query", "营商", "--status", "done"))
}

// list --json is written record by record; the text is exactly the
// indented array a single encoding gives (none, one, several records).
func TestListJSONStreamsTheSameArray(t *testing.T) {
	dir := t.TempDir()
	indented := func(s string) string {
		var v any
		require.NoError(t, json.Unmarshal([]byte(s), &v), s)
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		require.NoError(t, enc.Encode(v))
		return buf.String()
	}
	r := cli(t, dir, "list", "tasks", "--json")
	require.Equal(t, 0, r.code, r.err)
	assert.Equal(t, "[]\n", r.out)

	rows := [][]any{{"编号", "事项名称", "牵头单位", "完成时限", "办理进展"}}
	for i := 1; i <= 3; i++ {
		rows = append(rows, []any{fmt.Sprintf("督〔2019〕%d号", i), fmt.Sprintf("整改事项<%d>&", i), "市水务局", "6月底", "已完成排查"})
	}
	r = cli(t, dir, "import", writeLedger(t, rows))
	require.Equal(t, 0, r.code, r.err)
	for _, query := range []string{"督〔2019〕2号", "整改"} {
		r = cli(t, dir, "list", "tasks", "--query", query, "--json")
		require.Equal(t, 0, r.code, r.err)
		assert.Equal(t, indented(r.out), r.out)
		assert.Contains(t, r.out, "整改事项<", "no HTML escaping")
	}
	assert.Len(t, listTasks(t, dir), 3)
}

// Two departments' returns of one item disagreeing in one import: the
// conflict line names both files, not "local" for the other file's value.
func TestConflictBetweenTwoReturnsNamesBothFiles(t *testing.T) {
	dir := t.TempDir()
	header := []any{"编号", "事项名称", "牵头单位", "办理进展"}
	base := writeLedger(t, [][]any{header, {"督〔2025〕1号", "事项一", "市财政局", "初始"}})
	require.Equal(t, 0, cli(t, dir, "import", base).code)
	a := filepath.Join(t.TempDir(), "甲单位.xlsx")
	b := filepath.Join(t.TempDir(), "乙单位.xlsx")
	require.NoError(t, os.Rename(writeLedger(t, [][]any{header, {"督[2025]1号", "事项一", "市财政局", "甲的进展"}}), a))
	require.NoError(t, os.Rename(writeLedger(t, [][]any{header, {"督〔2025〕01号", "事项一", "市财政局", "乙的进展"}}), b))
	res := cli(t, dir, "import", "--dry-run", a, b)
	assert.Contains(t, res.out, "conflict 督〔2025〕1号 progress: 甲单位.xlsx 甲的进展 | 乙单位.xlsx 乙的进展", res.out+res.err)
	assert.NotContains(t, res.out, "number", "the number typed two ways is no conflict")
}
