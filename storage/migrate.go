package storage

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"taizhang/model"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded NNNN_name.sql files in order.
func migrations() ([]migration, error) {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration file %s: want NNNN_name.sql", e.Name())
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: versions must run 1, 2, 3… without gaps", m.name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func newerSchemaError(path string, have, known int) error {
	return &SchemaError{Path: path, Have: have, Known: known}
}

// SchemaError: the file was written by a newer Taizhang (errors.Is
// ErrNewerSchema); it speaks the user's language.
type SchemaError struct {
	Path        string
	Have, Known int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("%s: database schema version %d is newer than this program supports (%d); open it with a newer Taizhang",
		e.Path, e.Have, e.Known)
}

func (e *SchemaError) Reason(lang string) string {
	return model.T(fmt.Sprintf("%s：数据库版本为 %d，本程序只支持到 %d，请使用新版台账通打开", e.Path, e.Have, e.Known),
		e.Error()).In(lang)
}

func (e *SchemaError) Unwrap() error { return ErrNewerSchema }

// refuseNewer checks the schema version of an existing file before anything
// opens it read-write (which would switch the journal mode and so change the
// file): first from the header bytes, then through a read-only connection,
// which also sees a version still in the WAL.
func refuseNewer(path string) error {
	known := SchemaVersion()
	v, err := headerUserVersion(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if v > known {
		return newerSchemaError(path, v, known)
	}
	if v == 0 {
		return nil // empty or new file: nothing a read-only look could add
	}
	db, err := sql.Open("sqlite", dsn(path, "mode=ro&_pragma=busy_timeout(5000)"))
	if err != nil {
		return fmt.Errorf("open %s read-only: %w", path, err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return nil // let the read-write open report what is wrong
	}
	if v > known {
		return newerSchemaError(path, v, known)
	}
	return nil
}

// UpgradeNeeded reports whether opening the data folder dir will migrate
// an existing database to this build's schema: a moment for a small file,
// many seconds for 100,000 records (the search index and figure facts are
// written again), so the app says so while it waits.
func UpgradeNeeded(dir string) bool {
	v, err := headerUserVersion(filepath.Join(dir, DBName))
	return err == nil && v > 0 && v < SchemaVersion()
}

// headerUserVersion reads PRAGMA user_version from the database header
// (offset 60, big-endian), without SQLite. A file shorter than a header
// (a new, empty database) reads as 0; a file that is not SQLite is an error.
func headerUserVersion(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var h [100]byte
	n, err := io.ReadFull(f, h[:])
	if n == 0 {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("%s: not a Taizhang database (short header): %w", path, err)
	}
	if string(h[:16]) != "SQLite format 3\x00" {
		return 0, fmt.Errorf("%s: not an SQLite database / 不是数据库文件", path)
	}
	return int(binary.BigEndian.Uint32(h[60:64])), nil
}

// migrate applies the migrations newer than the database's user_version,
// all in one transaction, and records the new version.
func migrate(ctx context.Context, db *sql.DB) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	known := ms[len(ms)-1].version
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	if v > known {
		return newerSchemaError("database", v, known)
	}
	if v == known {
		return nil
	}
	for _, m := range ms[v:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	// what follows may decode bodies packed with the file's dictionaries
	if _, err := loadDictionaries(ctx, tx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if search, facts := v > 0 && v < searchRebuiltAt, v > 0 && v < factsAt; search || facts {
		if err := rewriteFromBodies(ctx, tx, search, facts); err != nil {
			return fmt.Errorf("migrate: rebuild the search index and figure facts: %w", err)
		}
	}
	if v > 0 && v < keysAt {
		if err := rekey(ctx, tx); err != nil {
			return fmt.Errorf("migrate: work out the natural keys again: %w", err)
		}
	}
	if v > 0 && v < unitsAt {
		if err := fillRecordUnits(ctx, tx); err != nil {
			return fmt.Errorf("migrate: fill the units column: %w", err)
		}
	}
	if v > 0 && v < taskLightsAt {
		if err := fillTaskLights(ctx, tx); err != nil {
			return fmt.Errorf("migrate: fill the task light columns: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", known)); err != nil {
		return fmt.Errorf("migrate: set version: %w", err)
	}
	return tx.Commit()
}

// searchRebuiltAt is the schema version that last recreated the search
// tables: a database migrated from before it gets its search text written
// again.
const searchRebuiltAt = 9

// taskLightsAt is the schema version that added the open and due columns:
// a database migrated from before it gets them filled from the task bodies.
const taskLightsAt = 4

// factsAt is the schema version that added the facts table: a database
// migrated from before it gets the facts of every live record.
const factsAt = 7

// keysAt is the schema version from which records.key is model.NaturalKey
// as keyPart makes it: a database migrated from before it gets its keys
// worked out again.
const keysAt = 10

// rekey writes records.key again from every record's body, where it
// changed. A tombstone whose body names no key keeps the key it had.
func rekey(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT seq, kind, key, deleted, body FROM records")
	if err != nil {
		return err
	}
	type change struct {
		seq int64
		key string
	}
	var changes []change
	for rows.Next() {
		var seq int64
		var kind, key string
		var deleted bool
		var body []byte
		if err := rows.Scan(&seq, &kind, &key, &deleted, &body); err != nil {
			rows.Close()
			return err
		}
		r, err := decodeBytes(model.Kind(kind), body)
		if err != nil {
			rows.Close()
			return fmt.Errorf("record %d: %w", seq, err)
		}
		if k := model.NaturalKey(r); k != key && (k != "" || !deleted) {
			changes = append(changes, change{seq, k})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	upd, err := tx.PrepareContext(ctx, "UPDATE records SET key = ? WHERE seq = ?")
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, c := range changes {
		if _, err := upd.ExecContext(ctx, c.key, c.seq); err != nil {
			return err
		}
	}
	return nil
}

// unitsAt is the schema version that added records.units.
const unitsAt = 14

// fillRecordUnits writes the units column of every record that names units.
func fillRecordUnits(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT seq, kind, body FROM records WHERE instr(tz_text(body), '\"units\"') > 0")
	if err != nil {
		return err
	}
	defer rows.Close()
	upd, err := tx.PrepareContext(ctx, "UPDATE records SET units = ? WHERE seq = ?")
	if err != nil {
		return err
	}
	defer upd.Close()
	for rows.Next() {
		var seq int64
		var kind string
		var body []byte
		if err := rows.Scan(&seq, &kind, &body); err != nil {
			return err
		}
		text, err := unpackText(body)
		if err != nil {
			return fmt.Errorf("record %d: %w", seq, err)
		}
		f, err := parseFields(string(text))
		if err != nil {
			return fmt.Errorf("record %d: %w", seq, err)
		}
		if _, err := upd.ExecContext(ctx, unitNames(f), seq); err != nil {
			return err
		}
	}
	return rows.Err()
}

// fillTaskLights writes the open and due columns of every task.
func fillTaskLights(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT seq, body FROM records WHERE kind = ?", string(model.KindTask))
	if err != nil {
		return err
	}
	defer rows.Close()
	upd, err := tx.PrepareContext(ctx, "UPDATE records SET open = ?, due = ? WHERE seq = ?")
	if err != nil {
		return err
	}
	defer upd.Close()
	for rows.Next() {
		var seq int64
		var body string
		if err := rows.Scan(&seq, &body); err != nil {
			return err
		}
		r, err := decodeBody(model.KindTask, body)
		if err != nil {
			return fmt.Errorf("record %d: %w", seq, err)
		}
		open, due := taskLightFacts(r.(*model.Task))
		if _, err := upd.ExecContext(ctx, open, due, seq); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rewriteFromBodies writes what is worked out from the bodies of the live
// records again, in one read of them (at 100,000 records the decoding is
// most of the time): their search text when search, their figure facts
// when facts.
func rewriteFromBodies(ctx context.Context, tx *sql.Tx, search, facts bool) error {
	rows, err := tx.QueryContext(ctx, "SELECT seq, id, kind, body FROM records WHERE deleted = 0")
	if err != nil {
		return err
	}
	defer rows.Close()
	var stmts []*sql.Stmt
	prepare := func(query string) (*sql.Stmt, error) {
		st, err := tx.PrepareContext(ctx, query)
		if err == nil {
			stmts = append(stmts, st)
		}
		return st, err
	}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	ins, err := prepare("INSERT INTO search (rowid, text) VALUES (?, ?)")
	if err != nil {
		return err
	}
	insChars, err := prepare("INSERT INTO search_chars (rowid, text) VALUES (?, ?)")
	if err != nil {
		return err
	}
	insFacts, err := prepare("INSERT INTO facts (seq, kind, data) VALUES (?, ?, ?)")
	if err != nil {
		return err
	}
	for rows.Next() {
		var seq int64
		var id, kind string
		var body []byte
		if err := rows.Scan(&seq, &id, &kind, &body); err != nil {
			return err
		}
		r, err := decodeBytes(model.Kind(kind), body)
		if err != nil {
			return fmt.Errorf("record %s: %w", id, err)
		}
		if search {
			text := searchText(r)
			if text.pairs != "" {
				if _, err := ins.ExecContext(ctx, seq, text.pairs); err != nil {
					return err
				}
			}
			if text.chars != "" {
				if _, err := insChars.ExecContext(ctx, seq, text.chars); err != nil {
					return err
				}
			}
		}
		if facts {
			data, err := factsOf(r)
			if err != nil {
				return fmt.Errorf("record %s: %w", id, err)
			}
			if data != nil {
				if _, err := insFacts.ExecContext(ctx, seq, kind, data); err != nil {
					return err
				}
			}
		}
	}
	return rows.Err()
}
