package storage

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// KeepBackups is how many automatic backups are kept.
const KeepBackups = 30

// BackupsDir is the folder of automatic backups inside the data folder.
const BackupsDir = "backups"

// autoName matches automatic backup names: taizhang-YYYYMMDD-HHMMSS[-N].db.
var autoName = regexp.MustCompile(`^taizhang-(\d{8}-\d{6})(?:-(\d+))?\.db$`)

// BackupInfo describes one file in the backups folder.
type BackupInfo struct {
	Path string
	Name string
	Size int64
	Time time.Time // when it was taken
	Auto bool      // named by Backup, subject to retention
}

// Backup writes a consistent copy of the database (VACUUM INTO, so writers
// may carry on meanwhile) to out, or, when out is "", to
// <dir>/backups/taizhang-YYYYMMDD-HHMMSS.db, keeping the newest 30 of those.
// It returns the file written.
func (s *Store) Backup(ctx context.Context, out string) (string, error) {
	auto := out == ""
	if auto {
		var err error
		if out, err = nextBackupName(s.dir); err != nil {
			return "", err
		}
	}
	if err := vacuumInto(ctx, s.rd, out); err != nil {
		return "", fmt.Errorf("backup to %s: %w", out, err)
	}
	if auto {
		if err := pruneBackups(s.dir); err != nil {
			return out, err
		}
	}
	return out, nil
}

// vacuumInto copies db to out through a temporary file and a rename, so out
// is never half written and an existing out is replaced whole.
func vacuumInto(ctx context.Context, db *sql.DB, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp := out + ".tmp"
	os.Remove(tmp)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// nextBackupName is a fresh automatic backup name, with -2, -3… when one
// was already taken in the same second.
func nextBackupName(dir string) (string, error) {
	bdir := filepath.Join(dir, BackupsDir)
	if err := os.MkdirAll(bdir, 0o755); err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	stamp := time.Now().Format("20060102-150405")
	for n := 1; ; n++ {
		name := "taizhang-" + stamp + ".db"
		if n > 1 {
			name = fmt.Sprintf("taizhang-%s-%d.db", stamp, n)
		}
		p := filepath.Join(bdir, name)
		if _, err := os.Lstat(p); os.IsNotExist(err) {
			return p, nil
		}
	}
}

// Backups lists the backups folder, newest first.
func (s *Store) Backups() ([]BackupInfo, error) { return listBackups(s.dir) }

func listBackups(dir string) ([]BackupInfo, error) {
	bdir := filepath.Join(dir, BackupsDir)
	entries, err := os.ReadDir(bdir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []BackupInfo
	seq := map[string]int{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
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

// pruneBackups removes automatic backups beyond the newest KeepBackups.
func pruneBackups(dir string) error {
	all, err := listBackups(dir)
	if err != nil {
		return err
	}
	kept := 0
	for _, b := range all {
		if !b.Auto {
			continue
		}
		kept++
		if kept > KeepBackups {
			if err := os.Remove(b.Path); err != nil {
				return fmt.Errorf("remove old backup: %w", err)
			}
		}
	}
	return nil
}

// Restore replaces the database in dir with file. The store must be closed.
// file is checked first (an SQLite file, intact, with Taizhang's tables, a
// schema this build can open); the current database is then backed up
// (previous is that backup, "" when there was no database) and replaced
// atomically. Stale -wal/-shm files are removed so they cannot be replayed
// onto the restored file.
func Restore(dir, file string) (previous string, err error) {
	problems, err := CheckFile(file)
	if err != nil {
		return "", fmt.Errorf("restore %s: %w", file, err)
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("restore %s: not a usable Taizhang database: %s", file, strings.Join(problems, "; "))
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

// backupClosed backs up a database no Store has open: VACUUM INTO when
// SQLite can read it (this includes its WAL), else a byte copy, so even a
// damaged file is kept before it is replaced.
func backupClosed(path, dir string) (string, error) {
	out, err := nextBackupName(dir)
	if err != nil {
		return "", err
	}
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(5000)"))
	if err == nil {
		err = vacuumInto(context.Background(), db, out)
		db.Close()
	}
	if err != nil {
		if err := copyFile(path, out); err != nil {
			return "", err
		}
	}
	return out, pruneBackups(dir)
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
