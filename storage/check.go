package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"taizhang/model"
)

// requiredTables are Taizhang's tables; a file without them is not ours.
var requiredTables = []string{"records", "revisions", "changes", "imports", "conflicts", "settings", "search"}

// maxProblems bounds each check's list: one broken page can fail thousands of rows.
const maxProblems = 20

// Check looks for damage in the open database: SQLite's integrity and
// foreign-key checks, bodies that do not decode as their kind, records whose
// revision is missing, and revision bodies that no longer hash to their
// revision. An empty list means no problem was found.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	return checkDB(ctx, s.rd)
}

// CheckFile runs Check's checks on a database file without changing it
// (read-only), and also that it is an SQLite file with Taizhang's tables and
// a schema this build knows. A file that cannot be read at all is an error.
func CheckFile(path string) ([]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	if isGzip(path) { // a compressed backup
		plain, err := gunzipTemp(path, filepath.Dir(path))
		if err != nil {
			return []string{fmt.Sprintf("damaged compressed backup: %v", err)}, nil
		}
		defer os.Remove(plain)
		path = plain
	}
	v, err := headerUserVersion(path)
	if err != nil {
		return []string{err.Error()}, nil
	}
	if v > SchemaVersion() {
		return []string{newerSchemaError(path, v, SchemaVersion()).Error()}, nil
	}
	db, err := sql.Open("sqlite", dsn(path, "mode=ro&_pragma=busy_timeout(5000)"))
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	ctx := context.Background()
	var missing []string
	for _, t := range requiredTables {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = ?", t).Scan(&n); err != nil {
			return []string{fmt.Sprintf("cannot read the schema: %v", err)}, nil
		}
		if n == 0 {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return []string{fmt.Sprintf("not a Taizhang database: tables missing: %s", strings.Join(missing, ", "))}, nil
	}
	return checkDB(ctx, db)
}

func checkDB(ctx context.Context, db *sql.DB) ([]string, error) {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	// packed bodies are read with the file's dictionaries (pack.go)
	if _, err := loadDictionaries(ctx, db); err != nil {
		add("%v", err)
	}

	// SQLite's own checks; a query that fails is itself a finding (a damaged
	// file often fails before it reports).
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(20)")
	if err != nil {
		add("integrity check failed: %v", err)
		return problems, nil
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			add("integrity check: %v", err)
			break
		}
		if line != "ok" {
			add("integrity: %s", line)
		}
	}
	if err := rows.Err(); err != nil {
		add("integrity check: %v", err)
	}
	rows.Close()

	fk, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		add("foreign key check failed: %v", err)
	} else {
		n := 0
		for fk.Next() {
			var table, parent string
			var rowid sql.NullInt64
			var idx int
			if err := fk.Scan(&table, &rowid, &parent, &idx); err != nil {
				add("foreign key check: %v", err)
				break
			}
			if n++; n <= maxProblems {
				add("%s row %d refers to a missing %s row", table, rowid.Int64, parent)
			}
		}
		if err := fk.Err(); err != nil {
			add("foreign key check: %v", err)
		}
		fk.Close()
	}

	problems = append(problems, checkRecords(ctx, db)...)
	problems = append(problems, checkRevisions(ctx, db)...)
	problems = append(problems, checkChanges(ctx, db)...)
	problems = append(problems, checkFacts(ctx, db)...)
	problems = append(problems, checkImplicitRevisions(ctx, db)...)
	return problems, nil
}

// checkImplicitRevisions: a record whose first revision is its own row
// (schema 13) has no stored row of that revision besides.
func checkImplicitRevisions(ctx context.Context, db *sql.DB) []string {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'revision_rows'").Scan(&n); err != nil || n == 0 {
		return nil // a file from before schema 13
	}
	rows, err := db.QueryContext(ctx, `SELECT r.id, r.rev FROM records r JOIN revisions v ON v.record_id = r.id AND v.rev = r.rev
		WHERE r.rev_implicit <> 0 LIMIT ?`, maxProblems)
	if err != nil {
		return []string{fmt.Sprintf("cannot read the revisions: %v", err)}
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var id, rev string
		if err := rows.Scan(&id, &rev); err != nil {
			return append(problems, fmt.Sprintf("cannot read the revisions: %v", err))
		}
		problems = append(problems, fmt.Sprintf("record %s: revision %s is both its own row and a stored one", id, rev))
	}
	if err := rows.Err(); err != nil {
		problems = append(problems, fmt.Sprintf("cannot read the revisions: %v", err))
	}
	return problems
}

// checkChanges: history values are JSON texts.
func checkChanges(ctx context.Context, db *sql.DB) []string {
	var problems []string
	rows, err := db.QueryContext(ctx, "SELECT id, record_id, old, new FROM changes")
	if err != nil {
		return []string{fmt.Sprintf("cannot read history: %v", err)}
	}
	defer rows.Close()
	for rows.Next() && len(problems) < maxProblems {
		var n int64
		var id, old, new string
		if err := rows.Scan(&n, &id, &old, &new); err != nil {
			return append(problems, fmt.Sprintf("cannot read history: %v", err))
		}
		for _, v := range []string{old, new} {
			if v != "" && (!json.Valid([]byte(v)) || !utf8.ValidString(v)) {
				problems = append(problems, fmt.Sprintf("history entry %d of record %s is damaged", n, id))
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		problems = append(problems, fmt.Sprintf("cannot read history: %v", err))
	}
	return problems
}

// checkRecords: every body decodes as its kind; every current revision is stored.
func checkRecords(ctx context.Context, db *sql.DB) []string {
	var problems []string
	rows, err := db.QueryContext(ctx, `SELECT r.id, r.kind, r.rev, r.key, r.deleted, r.body, v.rev IS NOT NULL, coalesce(v.body, r.body)
		FROM records r LEFT JOIN revision_rows v ON v.record_id = r.id AND v.rev = r.rev`)
	if err != nil {
		return []string{fmt.Sprintf("cannot read records: %v", err)}
	}
	defer rows.Close()
	for rows.Next() && len(problems) < maxProblems {
		var id, kind, rev, key string
		var packed []byte
		var stored, deleted bool
		var revBody any
		if err := rows.Scan(&id, &kind, &rev, &key, &deleted, &packed, &stored, &revBody); err != nil {
			return append(problems, fmt.Sprintf("cannot read records: %v", err))
		}
		text, err := unpackText(packed)
		if err != nil {
			problems = append(problems, fmt.Sprintf("record %s: body cannot be read: %v", id, err))
			continue
		}
		body := string(text)
		// A current revision's body is stored once, in records (NULL in revisions).
		rb, err := unpackBody(revBody)
		same := err == nil && rb == body
		if !model.Kind(kind).Valid() {
			problems = append(problems, fmt.Sprintf("record %s: unknown kind %q", id, kind))
			continue
		}
		// encoding/json lets invalid UTF-8 through; damaged text shows there.
		if r, err := decodeBody(model.Kind(kind), body); err != nil {
			problems = append(problems, fmt.Sprintf("record %s: body does not decode: %v", id, err))
		} else if !utf8.ValidString(body) {
			problems = append(problems, fmt.Sprintf("record %s: body holds damaged text", id))
		} else if k := model.NaturalKey(r); k != key && (k != "" || !deleted) {
			// Rows of other ledgers find the record by this key (plan.go).
			problems = append(problems, fmt.Sprintf("record %s: its match key %q is not the one its fields give (%q)", id, key, k))
		}
		switch {
		case !stored:
			problems = append(problems, fmt.Sprintf("record %s: its revision %s is missing", id, rev))
		case !same:
			problems = append(problems, fmt.Sprintf("record %s: body differs from its revision %s", id, rev))
		}
	}
	if err := rows.Err(); err != nil {
		problems = append(problems, fmt.Sprintf("cannot read records: %v", err))
	}
	return problems
}

// checkRevisions: a revision made here hashes to its own name; a body that
// no longer does was changed on disk.
func checkRevisions(ctx context.Context, db *sql.DB) []string {
	var problems []string
	rows, err := db.QueryContext(ctx, "SELECT v.record_id, v.rev, v.parent, coalesce(v.body, c.body) FROM "+revBodyFrom+
		" WHERE v.foreign_rev = 0")
	if err != nil {
		return []string{fmt.Sprintf("cannot read revisions: %v", err)}
	}
	defer rows.Close()
	for rows.Next() && len(problems) < maxProblems {
		var id, rev, parent string
		var stored any
		if err := rows.Scan(&id, &rev, &parent, &stored); err != nil {
			return append(problems, fmt.Sprintf("cannot read revisions: %v", err))
		}
		body, err := unpackBody(stored)
		if _, hash, _ := strings.Cut(rev, "-"); err != nil || hash != revHash(parent, body) || !utf8.ValidString(body) {
			problems = append(problems, fmt.Sprintf("record %s revision %s: body does not match its revision", id, rev))
		}
	}
	if err := rows.Err(); err != nil {
		problems = append(problems, fmt.Sprintf("cannot read revisions: %v", err))
	}
	return problems
}

// checkFacts: every live record the figures count has the facts of its
// body (schema 7), and no facts are left of a record that has none.
func checkFacts(ctx context.Context, db *sql.DB) []string {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'facts'").Scan(&n); err != nil || n == 0 {
		return nil // a file from before schema 7
	}
	var problems []string
	rows, err := db.QueryContext(ctx, `SELECT r.id, r.kind, r.body, r.deleted, f.data FROM records r
		LEFT JOIN facts f ON f.seq = r.seq`)
	if err != nil {
		return []string{fmt.Sprintf("cannot read the figure facts: %v", err)}
	}
	defer rows.Close()
	for rows.Next() && len(problems) < maxProblems {
		var id, kind string
		var body, data []byte
		var deleted bool
		if err := rows.Scan(&id, &kind, &body, &deleted, &data); err != nil {
			return append(problems, fmt.Sprintf("cannot read the figure facts: %v", err))
		}
		r, err := decodeBytes(model.Kind(kind), body)
		if err != nil {
			continue // checkRecords tells
		}
		r.RecordMeta().Deleted = deleted
		if data != nil {
			if data, err = unpackText(data); err != nil {
				problems = append(problems, fmt.Sprintf("record %s: figure facts cannot be read: %v", id, err))
				continue
			}
		}
		want, err := factsOf(r)
		if err == nil && !bytes.Equal(want, data) {
			problems = append(problems, fmt.Sprintf("record %s: the figures would count it from other data than its body", id))
		}
	}
	if err := rows.Err(); err != nil {
		return append(problems, fmt.Sprintf("cannot read the figure facts: %v", err))
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.seq = f.seq)").Scan(&n); err != nil {
		problems = append(problems, fmt.Sprintf("cannot read the figure facts: %v", err))
	} else if n > 0 {
		problems = append(problems, fmt.Sprintf("%d figure facts belong to no record", n))
	}
	return problems
}
