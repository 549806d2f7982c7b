package storage

import (
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"taizhang/model"
)

// KeepBackups is how many automatic backups are kept by default.
const KeepBackups = 30

// DefaultBackupBudget is the default total size of the automatic backups.
const DefaultBackupBudget int64 = 2 << 30

// Settings that bound the automatic backups.
const (
	SettingBackupKeep   = "backup_keep"      // how many are kept
	SettingBackupBudget = "backup_budget_mb" // their total size, in MB
)

// BackupsDir is the folder of automatic backups inside the data folder.
const BackupsDir = "backups"

// autoName matches automatic backup names:
// taizhang-YYYYMMDD-HHMMSS[-N].db.gz (before compression: .db).
var autoName = regexp.MustCompile(`^taizhang-(\d{8}-\d{6})(?:-(\d+))?\.db(\.gz)?$`)

// BackupInfo describes one file in the backups folder.
type BackupInfo struct {
	Path string
	Name string
	Size int64
	Time time.Time // when it was taken
	Auto bool      // named by Backup, subject to retention
}

// BackupPolicy bounds the automatic backups: the newest Keep are kept,
// as long as together they fit in Budget bytes (the newest one always).
type BackupPolicy struct {
	Keep   int
	Budget int64
}

// DefaultBackupPolicy keeps 30 backups within 2 GB.
func DefaultBackupPolicy() BackupPolicy {
	return BackupPolicy{Keep: KeepBackups, Budget: DefaultBackupBudget}
}

// BackupPolicy reads the policy from the settings (defaults when unset).
func (s *Store) BackupPolicy(ctx context.Context) (BackupPolicy, error) {
	return readBackupPolicy(ctx, s.rd)
}

// SetBackupPolicy stores the policy (zero fields: the defaults).
func (s *Store) SetBackupPolicy(ctx context.Context, p BackupPolicy) error {
	if err := s.SetSetting(ctx, SettingBackupKeep, strconv.Itoa(max(p.Keep, 0))); err != nil {
		return err
	}
	return s.SetSetting(ctx, SettingBackupBudget, strconv.FormatInt(max(p.Budget, 0)>>20, 10))
}

func readBackupPolicy(ctx context.Context, db *sql.DB) (BackupPolicy, error) {
	p := DefaultBackupPolicy()
	rows, err := db.QueryContext(ctx, "SELECT key, value FROM settings WHERE key IN (?, ?)", SettingBackupKeep, SettingBackupBudget)
	if err != nil {
		return p, fmt.Errorf("backup settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return p, fmt.Errorf("backup settings: %w", err)
		}
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n <= 0 {
			continue
		}
		if k == SettingBackupKeep {
			p.Keep = int(n)
		} else {
			p.Budget = n << 20
		}
	}
	return p, rows.Err()
}

// Backup writes a consistent copy of the database (VACUUM INTO, so writers
// may carry on meanwhile) to out — compressed when out ends in .gz — or,
// when out is "", to <dir>/backups/taizhang-YYYYMMDD-HHMMSS.db.gz, then
// prunes the automatic backups to the policy. It returns the file written.
// Two processes backing up the same folder at once get distinct names.
func (s *Store) Backup(ctx context.Context, out string) (string, error) {
	auto := out == ""
	if auto {
		var err error
		if out, err = reserveBackupName(s.dir); err != nil {
			return "", backupErr(err)
		}
	}
	if err := vacuumInto(ctx, s.rd, out); err != nil {
		if auto {
			os.Remove(out)
		}
		return "", backupErr(err)
	}
	if auto {
		policy, err := readBackupPolicy(ctx, s.rd)
		if err != nil {
			policy = DefaultBackupPolicy()
		}
		if err := pruneBackups(s.dir, policy); err != nil {
			return out, backupErr(err)
		}
	}
	return out, nil
}

// vacuumInto copies db to out through a temporary file of its own and a
// rename, so out is never half written and an existing out is replaced
// whole; out ending in .gz is compressed.
func vacuumInto(ctx context.Context, db *sql.DB, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp := uniqueTemp(out)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return finishCopy(tmp, out)
}

// finishCopy moves the finished copy tmp to out: compressed through
// another temporary file when out ends in .gz, synced, renamed.
func finishCopy(tmp, out string) error {
	defer os.Remove(tmp)
	if strings.HasSuffix(out, ".gz") {
		gz := uniqueTemp(out)
		if err := gzipFile(tmp, gz); err != nil {
			os.Remove(gz)
			return err
		}
		os.Remove(tmp)
		tmp = gz
	} else if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	return nil
}

// uniqueTemp is a name beside out no other writer uses (process id and a
// random number), so concurrent backups never share a temporary file.
func uniqueTemp(out string) string {
	return fmt.Sprintf("%s.%d-%d.tmp", out, os.Getpid(), rand.Int64())
}

func gzipFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if _, err = io.Copy(zw, in); err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// gunzipTemp inflates a compressed backup into a temporary file in dir;
// the caller removes it.
func gunzipTemp(path, dir string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		return "", fmt.Errorf("not a compressed backup: %w", err)
	}
	out, err := os.CreateTemp(dir, "taizhang-restore-*.db")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, zr)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// reserveBackupName creates a fresh automatic backup name, with -2, -3…
// when one was already taken in the same second. The name is created
// empty (exclusively), so another process cannot choose it too; the
// listing ignores such empty placeholders.
func reserveBackupName(dir string) (string, error) {
	bdir := filepath.Join(dir, BackupsDir)
	if err := os.MkdirAll(bdir, 0o755); err != nil {
		return "", err
	}
	stamp := time.Now().Format("20060102-150405")
	for n := 1; ; n++ {
		name := "taizhang-" + stamp + ".db.gz"
		if n > 1 {
			name = fmt.Sprintf("taizhang-%s-%d.db.gz", stamp, n)
		}
		p := filepath.Join(bdir, name)
		if _, err := os.Lstat(strings.TrimSuffix(p, ".gz")); err == nil {
			continue // an uncompressed backup of that second
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return p, nil
		}
		if !os.IsExist(err) {
			return "", err
		}
	}
}

// Backups lists the backups folder, newest first.
func (s *Store) Backups() ([]BackupInfo, error) { return listBackups(s.dir) }

// BackupSpace is the number and total size of the files in the backups
// folder (automatic or not).
func (s *Store) BackupSpace() (n int, bytes int64, err error) {
	list, err := listBackups(s.dir)
	for _, b := range list {
		n, bytes = n+1, bytes+b.Size
	}
	return n, bytes, err
}

func listBackups(dir string) ([]BackupInfo, error) {
	bdir := filepath.Join(dir, BackupsDir)
	entries, err := os.ReadDir(bdir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, backupErr(err)
	}
	var out []BackupInfo
	seq := map[string]int{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") && !strings.HasSuffix(e.Name(), ".db.gz") {
			continue
		}
		fi, err := e.Info()
		if err != nil || fi.Size() == 0 { // an empty name is a backup being written
			continue
		}
		b := BackupInfo{Path: filepath.Join(bdir, e.Name()), Name: e.Name(), Size: fi.Size(), Time: fi.ModTime()}
		if m := autoName.FindStringSubmatch(e.Name()); m != nil {
			if t, err := time.ParseInLocation("20060102-150405", m[1], time.Local); err == nil {
				b.Auto, b.Time = true, t
				seq[b.Name], _ = strconv.Atoi(m[2])
			}
		}
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return seq[out[i].Name] > seq[out[j].Name]
	})
	return out, nil
}

// pruneBackups removes the automatic backups the policy does not keep:
// beyond the newest Keep, or beyond the Budget counted from the newest
// (the newest is always kept). Backups put there by hand are left alone.
func pruneBackups(dir string, p BackupPolicy) error {
	all, err := listBackups(dir)
	if err != nil {
		return err
	}
	kept, total := 0, int64(0)
	for _, b := range all {
		if !b.Auto {
			continue
		}
		if kept == 0 || kept < p.Keep && total+b.Size <= p.Budget {
			kept, total = kept+1, total+b.Size
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			return err
		}
	}
	return nil
}

// BackupError is a backup that could not be written, in the user's words.
type BackupError struct{ Err error }

func (e *BackupError) Error() string { return "backup failed: " + e.Err.Error() }
func (e *BackupError) Unwrap() error { return e.Err }
func (e *BackupError) Reason(lang string) string {
	why := model.T("", "")
	switch {
	case isDiskFull(e.Err):
		why = model.T("磁盘空间不足", "the disk is full")
	case errors.Is(e.Err, fs.ErrPermission):
		why = model.T("没有写入备份文件夹的权限", "no permission to write to the backups folder")
	default:
		why = model.T("无法写入备份文件", "the backup file could not be written")
	}
	return model.T("备份失败："+why.Zh+"。", "The backup failed: "+why.En+".").In(lang)
}

func backupErr(err error) error {
	var be *BackupError
	if err == nil || errors.As(err, &be) || errors.Is(err, context.Canceled) {
		return err
	}
	return &BackupError{Err: err}
}

// Restore replaces the database in dir with file. The store must be closed.
// file is checked first (an SQLite file, intact, with Taizhang's tables, a
// schema this build can open); the current database is then backed up
// (previous is that backup, "" when there was no database) and replaced
// atomically. Stale -wal/-shm files are removed so they cannot be replayed
// onto the restored file.
func Restore(dir, file string) (previous string, err error) {
	if isGzip(file) {
		plain, err := gunzipTemp(file, dir)
		if err != nil {
			return "", model.NewError(model.T(filepath.Base(file)+" 这份压缩备份已损坏，无法恢复，当前数据没有任何更改",
				filepath.Base(file)+" is a damaged compressed backup and cannot be restored; the current data is unchanged"), err)
		}
		defer os.Remove(plain)
		file = plain
	}
	problems, err := CheckFile(file)
	if err != nil {
		return "", model.NewError(model.T("无法读取要恢复的文件 "+filepath.Base(file)+"（文件不存在或无法打开）",
			"cannot read the file to restore, "+filepath.Base(file)+" (it does not exist or cannot be opened)"), err)
	}
	if len(problems) > 0 {
		return "", model.NewError(model.T(filepath.Base(file)+" 不是可用的台账通数据库（已损坏，或不是本程序的备份），当前数据没有任何更改",
			filepath.Base(file)+" is not a usable Taizhang database (damaged, or not one of this program's backups); the current data is unchanged"),
			fmt.Errorf("restore %s: not a usable Taizhang database: %s", file, strings.Join(problems, "; ")))
	}
	cur := filepath.Join(dir, DBName)
	if _, err := os.Stat(cur); err == nil {
		if previous, err = backupClosed(cur, dir); err != nil {
			return "", fmt.Errorf("restore %s: back up the current database first: %w", file, err)
		}
	}
	tmp := cur + ".restore"
	os.Remove(tmp)
	src, err := sql.Open("sqlite", dsn(file, "mode=ro&_pragma=busy_timeout(5000)"))
	if err != nil {
		return previous, fmt.Errorf("restore %s: %w", file, err)
	}
	_, err = src.Exec("VACUUM INTO ?", tmp)
	src.Close()
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return previous, fmt.Errorf("restore %s: copy: %w", file, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(cur + suffix); err != nil && !os.IsNotExist(err) {
			os.Remove(tmp)
			return previous, fmt.Errorf("restore %s: remove stale %s: %w", file, suffix, err)
		}
	}
	if err := os.Rename(tmp, cur); err != nil {
		os.Remove(tmp)
		return previous, fmt.Errorf("restore %s: %w", file, err)
	}
	return previous, nil
}

// isGzip reports whether the file starts as gzip data does.
func isGzip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 2)
	_, err = io.ReadFull(f, head)
	return err == nil && head[0] == 0x1f && head[1] == 0x8b
}

// backupClosed backs up a database no Store has open: VACUUM INTO when
// SQLite can read it (this includes its WAL), else a byte copy, so even a
// damaged file is kept before it is replaced.
func backupClosed(path, dir string) (string, error) {
	out, err := reserveBackupName(dir)
	if err != nil {
		return "", err
	}
	policy := DefaultBackupPolicy()
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(5000)"))
	if err == nil {
		err = vacuumInto(context.Background(), db, out)
		if p, perr := readBackupPolicy(context.Background(), db); perr == nil {
			policy = p
		}
		db.Close()
	}
	if err != nil {
		tmp := uniqueTemp(out)
		if err := copyFile(path, tmp); err != nil {
			os.Remove(out)
			return "", err
		}
		if err := finishCopy(tmp, out); err != nil {
			os.Remove(out)
			return "", err
		}
	}
	return out, pruneBackups(dir, policy)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := to + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, to)
}

// syncFile flushes a file written by SQLite's VACUUM INTO before it is
// renamed into place.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
