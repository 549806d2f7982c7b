package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func saveTasks(t testing.TB, s *Store, n int, prefix string) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		for i := 0; i < n; i++ {
			if err := tx.Save(ctx, sampleTask(fmt.Sprintf("%s〔2019〕%d号", prefix, i), "老旧小区改造工作推进情况"), "t", ""); err != nil {
				return err
			}
		}
		return nil
	}))
}

func countTasks(t testing.TB, dir string) int {
	t.Helper()
	s, err := Open(dir)
	require.NoError(t, err)
	defer s.Close()
	n, err := s.Count(context.Background(), Query{Kind: model.KindTask})
	require.NoError(t, err)
	return n
}

func TestBackupWhileWriterBusy(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveTasks(t, s, 200, "督")

	// a writer keeps committing batches of 10 tasks while backups are taken
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	var writerErr error
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			err := s.Update(ctx, func(tx *Tx) error {
				for j := 0; j < 10; j++ {
					if err := tx.Save(ctx, sampleTask(fmt.Sprintf("W%d-%d", i, j), "并发写入"), "w", ""); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				writerErr = err
				return
			}
		}
	}()
	var outs []string
	for i := 0; i < 3; i++ {
		out, err := s.Backup(ctx, "")
		require.NoError(t, err)
		outs = append(outs, out)
	}
	stop.Store(true)
	wg.Wait()
	require.NoError(t, writerErr)

	for _, out := range outs {
		assert.Equal(t, filepath.Join(s.Dir(), BackupsDir), filepath.Dir(out))
		problems, err := CheckFile(out)
		require.NoError(t, err)
		assert.Empty(t, problems, out)
		// consistent: whole batches only, and the backup opens as a data folder
		dir := t.TempDir()
		assert.True(t, strings.HasSuffix(out, ".db.gz"), "automatic backups are compressed: %s", out)
		plain, err := gunzipTemp(out, t.TempDir())
		require.NoError(t, err)
		require.NoError(t, os.Rename(plain, filepath.Join(dir, DBName)))
		n := countTasks(t, dir)
		assert.GreaterOrEqual(t, n, 200)
		assert.Zero(t, (n-200)%10, "a backup holds whole transactions, got %d tasks", n)
	}
	list, err := s.Backups()
	require.NoError(t, err)
	assert.Len(t, list, 3, "three backups in one second get distinct names")
}

func TestBackupToChosenFile(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveTasks(t, s, 5, "督")
	out := filepath.Join(t.TempDir(), "拷贝.db")
	require.NoError(t, os.WriteFile(out, []byte("old content"), 0o644))
	got, err := s.Backup(ctx, out)
	require.NoError(t, err)
	assert.Equal(t, out, got)
	problems, err := CheckFile(out)
	require.NoError(t, err)
	assert.Empty(t, problems)
	list, err := s.Backups()
	require.NoError(t, err)
	assert.Empty(t, list, "a chosen file is not an automatic backup")
}

func TestBackupRetentionKeepsNewest30(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	bdir := filepath.Join(s.Dir(), BackupsDir)
	require.NoError(t, os.MkdirAll(bdir, 0o755))
	// 35 older automatic backups, and a file the user put there
	for i := 0; i < 35; i++ {
		name := fmt.Sprintf("taizhang-201901%02d-120000.db", i%28+1)
		if i >= 28 {
			name = fmt.Sprintf("taizhang-20190101-1200%02d.db", i)
		}
		require.NoError(t, os.WriteFile(filepath.Join(bdir, name), []byte("x"), 0o644))
	}
	manual := filepath.Join(bdir, "手工备份.db")
	require.NoError(t, os.WriteFile(manual, []byte("x"), 0o644))
	old := time.Date(2018, 1, 1, 0, 0, 0, 0, time.Local)
	require.NoError(t, os.Chtimes(manual, old, old))

	out, err := s.Backup(ctx, "")
	require.NoError(t, err)
	list, err := s.Backups()
	require.NoError(t, err)
	auto := 0
	for _, b := range list {
		if b.Auto {
			auto++
		}
	}
	assert.Equal(t, KeepBackups, auto)
	assert.Equal(t, out, list[0].Path, "newest first")
	assert.FileExists(t, filepath.Join(bdir, "手工备份.db"))
	assert.FileExists(t, filepath.Join(bdir, "taizhang-20190128-120000.db"))
	assert.NoFileExists(t, filepath.Join(bdir, "taizhang-20190101-120000.db"), "the oldest went")
	assert.NoFileExists(t, filepath.Join(bdir, "taizhang-20190101-120028.db"))
}

func TestRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	saveTasks(t, s, 10, "督")
	snap, err := s.Backup(ctx, "")
	require.NoError(t, err)
	saveTasks(t, s, 5, "后")
	require.NoError(t, s.Close())
	require.Equal(t, 15, countTasks(t, dir))

	prev, err := Restore(dir, snap)
	require.NoError(t, err)
	assert.Equal(t, 10, countTasks(t, dir))
	assert.NoFileExists(t, filepath.Join(dir, DBName+"-wal"))

	// the previous database was kept and can be restored in turn
	require.NotEmpty(t, prev)
	_, err = Restore(dir, prev)
	require.NoError(t, err)
	assert.Equal(t, 15, countTasks(t, dir))
}

func TestRestoreRefusesGarbageAndLeavesCurrentUntouched(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	require.NoError(t, err)
	saveTasks(t, s, 3, "督")
	require.NoError(t, s.Close())
	cur := filepath.Join(dir, DBName)
	before := fileSum(t, cur)

	garbage := filepath.Join(t.TempDir(), "garbage.db")
	require.NoError(t, os.WriteFile(garbage, []byte("这不是数据库 this is not a database at all, but long enough for a header........................................"), 0o644))
	_, err = Restore(dir, garbage)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not")

	// an SQLite file that is not Taizhang's
	other := filepath.Join(t.TempDir(), "other.db")
	db, err := sqlOpen(other)
	require.NoError(t, err)
	_, err = db.Exec("CREATE TABLE t(x)")
	require.NoError(t, err)
	db.Close()
	_, err = Restore(dir, other)
	require.Error(t, err)
	assert.Contains(t, model.Localize(err, "zh"), "不是可用的台账通数据库")
	assert.Contains(t, errors.Unwrap(err).Error(), "tables missing", "the cause stays in the chain")

	_, err = Restore(dir, filepath.Join(t.TempDir(), "missing.db"))
	require.Error(t, err)

	assert.Equal(t, before, fileSum(t, cur))
	list, err := listBackups(dir)
	require.NoError(t, err)
	assert.Empty(t, list, "nothing was backed up for a refused restore")
	assert.Equal(t, 3, countTasks(t, dir))
}

func TestCheckFileDetectsDamagedPage(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveTasks(t, s, 300, "督")
	problems, err := s.Check(ctx)
	require.NoError(t, err)
	assert.Empty(t, problems)

	// pages of records that are mostly full, so their middle holds data
	rows, err := s.rd.Query("SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' AND unused < 1024")
	require.NoError(t, err)
	var pages []int
	for rows.Next() {
		var p int
		require.NoError(t, rows.Scan(&p))
		pages = append(pages, p)
	}
	require.NoError(t, rows.Err())
	rows.Close()
	require.NotEmpty(t, pages)
	var pageSize int
	require.NoError(t, s.rd.QueryRow("PRAGMA page_size").Scan(&pageSize))
	src := s.Path()
	require.NoError(t, s.Close())

	clean := filepath.Join(t.TempDir(), "clean.db")
	require.NoError(t, copyFile(src, clean))
	problems, err = CheckFile(clean)
	require.NoError(t, err)
	assert.Empty(t, problems)

	b, err := os.ReadFile(src)
	require.NoError(t, err)
	for _, p := range []int{pages[0], pages[len(pages)/2]} {
		damaged := append([]byte(nil), b...)
		mid := (p-1)*pageSize + pageSize/2
		copy(damaged[mid:], []byte("\xde\xad\xbe\xef garbage bytes!"))
		path := filepath.Join(t.TempDir(), "damaged.db")
		require.NoError(t, os.WriteFile(path, damaged, 0o644))
		problems, err = CheckFile(path)
		require.NoError(t, err)
		assert.NotEmpty(t, problems, "page %d", p)
		t.Logf("page %d: %v", p, problems)
	}
}

// Two stores on one data folder (the GUI and the CLI) backing up at the
// same moment, many times: every backup gets its own name and is whole.
func TestConcurrentBackupsGetDistinctNames(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(dir)
	require.NoError(t, err)
	defer a.Close()
	saveTasks(t, a, 50, "督")
	b, err := Open(dir)
	require.NoError(t, err)
	defer b.Close()

	var mu sync.Mutex
	var outs []string
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := a
			if i%2 == 1 {
				s = b
			}
			out, err := s.Backup(ctx, "")
			assert.NoError(t, err)
			mu.Lock()
			outs = append(outs, out)
			mu.Unlock()
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, out := range outs {
		assert.False(t, seen[out], "backup name %s given twice", out)
		seen[out] = true
		problems, err := CheckFile(out)
		require.NoError(t, err)
		assert.Empty(t, problems, out)
	}
	list, err := a.Backups()
	require.NoError(t, err)
	assert.Len(t, list, 8)
	left, err := filepath.Glob(filepath.Join(dir, BackupsDir, "*.tmp"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary file is left behind")
}

// Automatic backups are compressed, restore from their compressed form,
// and are pruned to the size budget from the settings (the newest always
// stays).
func TestBackupCompressedAndWithinBudget(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveTasks(t, s, 300, "督")
	plain, err := s.Backup(ctx, filepath.Join(t.TempDir(), "plain.db"))
	require.NoError(t, err)
	fi, err := os.Stat(plain)
	require.NoError(t, err)
	out, err := s.Backup(ctx, "")
	require.NoError(t, err)
	bi, err := os.Stat(out)
	require.NoError(t, err)
	assert.Less(t, bi.Size()*2, fi.Size(), "compressed backup %d bytes, database %d", bi.Size(), fi.Size())
	n, space, err := s.BackupSpace()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, bi.Size(), space)

	// a budget for about two backups of this size
	require.NoError(t, s.SetBackupPolicy(ctx, BackupPolicy{Keep: 30, Budget: 1 << 20}))
	p, err := s.BackupPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, BackupPolicy{Keep: 30, Budget: 1 << 20}, p)
	bdir := filepath.Join(s.Dir(), BackupsDir)
	for i := range 5 { // older backups of 400 KB each
		name := filepath.Join(bdir, fmt.Sprintf("taizhang-20190101-12000%d.db.gz", i))
		require.NoError(t, os.WriteFile(name, make([]byte, 400<<10), 0o644))
	}
	newest, err := s.Backup(ctx, "")
	require.NoError(t, err)
	list, err := s.Backups()
	require.NoError(t, err)
	var total int64
	for _, b := range list {
		total += b.Size
	}
	assert.Equal(t, newest, list[0].Path)
	assert.LessOrEqual(t, total, int64(1<<20))
	assert.FileExists(t, filepath.Join(bdir, "taizhang-20190101-120004.db.gz"), "the newest old ones that fit stay")
	assert.NoFileExists(t, filepath.Join(bdir, "taizhang-20190101-120000.db.gz"), "the oldest went")

	// a budget smaller than one backup still keeps the newest
	require.NoError(t, s.SetBackupPolicy(ctx, BackupPolicy{Keep: 30, Budget: 1}))
	p, err = s.BackupPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, DefaultBackupBudget, p.Budget, "0 MB is no budget: the default applies")
}
