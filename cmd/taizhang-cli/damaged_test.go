package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/storage/exchange"
)

func tenRows(t *testing.T, name, prefix string) string {
	path := filepath.Join(t.TempDir(), name)
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "事项名称", "牵头单位"}))
	for i := 2; i <= 11; i++ {
		require.NoError(t, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{fmt.Sprintf("%s〔2019〕%d号", prefix, i), "事项", "市财政局"}))
	}
	require.NoError(t, f.SaveAs(path))
	return path
}

// A cut sheet: refused naming where it breaks, the database untouched;
// --partial imports the rows before the cut and says so.
func TestImportDamagedFile(t *testing.T) {
	dir := t.TempDir()
	cut := cutSheetAt(t, tenRows(t, "ledger.xlsx", "督"), `<row r="8"`)
	r := cli(t, dir, "import", cut)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.err, `ledger.xlsx: sheet "Sheet1" is damaged`)
	assert.Contains(t, r.err, "the last row read whole is row 7")
	assert.Contains(t, r.err, "add --partial")
	r = cli(t, dir, "list", "tasks", "--json")
	require.Equal(t, 0, r.code, r.err)
	assert.NotContains(t, r.out, "督〔2019〕")

	r = cli(t, dir, "import", "--partial", "--json", cut)
	require.Equal(t, 0, r.code, r.err)
	var out importJSON
	require.NoError(t, json.Unmarshal([]byte(r.out), &out))
	assert.Equal(t, 6, out.Counts.New, "rows 2 to 7")
	require.NotNil(t, out.Files[0].Sheets[0].BrokenAfter)
	assert.Equal(t, 7, *out.Files[0].Sheets[0].BrokenAfter)
	assert.Contains(t, strings.Join(out.Notes, "\n"), "breaks after row 7")

	// the same rows again change nothing: no backup
	r = cli(t, dir, "import", "--partial", cut)
	require.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, "nothing changed, so no backup was taken")
}

// Two CLI imports into one folder at the same moment: both succeed, one
// after the other, each with its own backup.
func TestTwoCLIImportsAtOnce(t *testing.T) {
	dir := t.TempDir()
	files := []string{tenRows(t, "a.xlsx", "甲"), tenRows(t, "b.xlsx", "乙")}
	require.Equal(t, 0, cli(t, dir, "check").code)
	var wg sync.WaitGroup
	res := make([]result, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"--data", dir, "--lang", "zh", "import", "--json", files[i]}, &out, &errOut)
			res[i] = result{code, out.String(), errOut.String()}
		}()
	}
	wg.Wait()
	var backups []string
	for _, r := range res {
		require.Equal(t, 0, r.code, r.err)
		var out importJSON
		require.NoError(t, json.Unmarshal([]byte(r.out), &out))
		assert.Equal(t, 10, out.Counts.New)
		require.NotEmpty(t, out.Backup)
		backups = append(backups, out.Backup)
		if r.err != "" {
			assert.Contains(t, r.err, "另一个导入正在进行，等待中…")
		}
	}
	assert.NotEqual(t, backups[0], backups[1])
	r := cli(t, dir, "check")
	assert.Equal(t, 0, r.code, r.err)
	r = cli(t, dir, "list", "tasks", "--json")
	assert.Equal(t, 20, strings.Count(r.out, `"number"`), "nothing lost")
}

// A restore never replaces the database under a running import.
func TestRestoreRefusedDuringImport(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, 0, cli(t, dir, "import", tenRows(t, "a.xlsx", "甲")).code)
	snap := filepath.Join(t.TempDir(), "snap.db")
	require.Equal(t, 0, cli(t, dir, "backup", snap).code)
	release, err := exchange.LockImports(context.Background(), dir, nil)
	require.NoError(t, err)
	r := cli(t, dir, "restore", snap)
	release()
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.err, "an import is in progress, so the backup cannot be restored now")
	r = cli(t, dir, "restore", snap)
	assert.Equal(t, 0, r.code, r.err)
}
