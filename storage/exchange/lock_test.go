package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

// Two imports into one data folder at once (two stores, as the GUI and
// the CLI have): both succeed one after the other, nothing is lost, and
// each took its own backup.
func TestTwoImportsAtOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := []string{
		ledgerFile(t, t.TempDir(), "甲.xlsx", 30),
		renumbered(t, ledgerFile(t, t.TempDir(), "乙.xlsx", 30)),
	}
	seed, err := storage.Open(dir)
	require.NoError(t, err)
	require.NoError(t, seed.Save(ctx, newTask("督〔2018〕1号", "已有事项", "办理中"), "甲"))
	require.NoError(t, seed.Close())

	var wg sync.WaitGroup
	results := make([]*Applied, 2)
	errs := make([]error, 2)
	start := make(chan struct{})
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := storage.Open(dir)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			plan, err := PlanFiles(ctx, s, files[i:i+1], ReadRequest{Lang: "zh"})
			if err != nil {
				errs[i] = err
				return
			}
			<-start
			results[i], errs[i] = Apply(ctx, s, plan, ApplyRequest{By: "测试"})
		}()
	}
	close(start)
	wg.Wait()
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	require.NotEmpty(t, results[0].Backup)
	require.NotEmpty(t, results[1].Backup)
	assert.NotEqual(t, results[0].Backup, results[1].Backup, "backups distinct")

	s, err := storage.Open(dir)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, 61, taskCount(t, s), "nothing lost: the seed and both files")
	list, err := s.Backups()
	require.NoError(t, err)
	assert.Len(t, list, 2)
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)
}

// renumbered rewrites a ledger's numbers 督〔2019〕N号 to 督〔2020〕N号.
func renumbered(t *testing.T, path string) string {
	return rewritePart(t, path, "xl/sharedStrings.xml", func(b []byte) []byte {
		return []byte(strings.ReplaceAll(string(b), "督〔2019〕", "督〔2020〕"))
	})
}

// While another import holds the folder, an import waits, says so once,
// and goes on when the first is done; a caller that gives up is refused
// clearly with nothing changed.
func TestImportWaitsForTheOther(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	plan, err := PlanFiles(ctx, s, []string{ledgerFile(t, t.TempDir(), "甲.xlsx", 5)}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)

	release, err := LockImports(ctx, s.Dir(), nil)
	require.NoError(t, err)
	waiting := make(chan struct{}, 2)
	done := make(chan error, 1)
	go func() {
		_, err := Apply(ctx, s, plan, ApplyRequest{By: "测试", Waiting: func() { waiting <- struct{}{} }})
		done <- err
	}()
	<-waiting
	assert.Zero(t, taskCount(t, s), "nothing applied while the other import runs")
	select {
	case err := <-done:
		t.Fatalf("the import did not wait: %v", err)
	default:
	}
	release()
	require.NoError(t, <-done)
	assert.Len(t, waiting, 0, "told once")
	assert.Equal(t, 5, taskCount(t, s))

	// a caller that stops waiting is refused in its language
	release, err = LockImports(ctx, s.Dir(), nil)
	require.NoError(t, err)
	defer release()
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	plan2, err := PlanFiles(ctx, s, []string{renumbered(t, ledgerFile(t, t.TempDir(), "乙.xlsx", 3))}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	_, err = Apply(short, s, plan2, ApplyRequest{By: "测试"})
	require.ErrorIs(t, err, ErrImportBusy)
	assert.Contains(t, model.Localize(err, "zh"), "另一个导入正在进行")
	assert.Equal(t, 5, taskCount(t, s))
}

// A backup that fails does not block the import: the CLI goes on (the
// previous backup is named), the GUI's answer is respected.
func TestBackupFailureDoesNotBlockImport(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	first, err := PlanFiles(ctx, s, []string{ledgerFile(t, t.TempDir(), "甲.xlsx", 3)}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	res, err := Apply(ctx, s, first, ApplyRequest{By: "测试"})
	require.NoError(t, err)
	previous := res.Backup
	require.NotEmpty(t, previous)

	bdir := filepath.Join(s.Dir(), storage.BackupsDir)
	blockBackups(t, bdir)
	plan, err := PlanFiles(ctx, s, []string{renumbered(t, ledgerFile(t, t.TempDir(), "乙.xlsx", 4))}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)

	var asked error
	_, err = Apply(ctx, s, plan, ApplyRequest{By: "测试", BackupFailed: func(err error) bool { asked = err; return false }})
	require.ErrorIs(t, err, ErrNoBackup)
	require.Error(t, asked)
	var be *storage.BackupError
	assert.True(t, errors.As(asked, &be))
	assert.Contains(t, model.Localize(asked, "zh"), "备份失败")
	assert.Equal(t, 3, taskCount(t, s), "declined: nothing imported")

	res, err = Apply(ctx, s, plan, ApplyRequest{By: "测试"})
	require.NoError(t, err, "without a way to ask, the import goes on")
	assert.Equal(t, 7, taskCount(t, s))
	require.Error(t, res.BackupErr)
	assert.Empty(t, res.Backup)
	text := res.BackupFailedText()
	assert.Contains(t, text.Zh, "备份失败")
	assert.Contains(t, text.Zh, "导入照常完成")
	assertUserText(t, text.Zh, "zh")
	assertUserText(t, text.En, "en")
}

// blockBackups makes the backups folder unusable (a file where the folder
// should be), as a full or read-only disk would for a backup.
func blockBackups(t *testing.T, bdir string) {
	require.NoError(t, os.Rename(bdir, bdir+".aside"))
	require.NoError(t, os.WriteFile(bdir, []byte("not a folder"), 0o644))
}
