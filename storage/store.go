// Package storage keeps Taizhang's records in one SQLite file as a document
// store with CouchDB-like revisions: every revision body is kept, every field
// change is written to a history, deletions are tombstones. It never imports
// Fyne; the UI and the CLI both go through it.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	_ "modernc.org/sqlite" // driver "sqlite"

	"taizhang/model"
)

// DBName is the database file's name inside the data folder.
const DBName = "taizhang.db"

var (
	// ErrNotFound: no record (revision, conflict) with that id.
	ErrNotFound = errors.New("not found")
	// ErrNewerSchema: the database was written by a newer Taizhang.
	ErrNewerSchema = errors.New("database schema is newer than this program")
)

// Store is an open Taizhang database. It is safe for concurrent use: writes
// are serialised on one connection, reads run beside them (WAL).
type Store struct {
	dir  string
	path string
	rd   *sql.DB // readers
	wr   *sql.DB // the single writer (one connection, BEGIN IMMEDIATE)
	wmu  sync.Mutex
	// drivenMax: see Store.from.
	drivenMax int
	// writes counts committed write transactions; counts caches Count
	// per database state (changeStamp).
	writes atomic.Int64
	counts countCache
	// verifyRowHash: every row an import plan finds unchanged by its
	// digest (rowhash.go) is decided the long way too, and a disagreement
	// is an error. Set by TAIZHANG_VERIFY_ROW_HASH=1; the test suite runs
	// with it (./dev test).
	verifyRowHash bool
	// dicts is each kind's newest dictionary, the one its new bodies are
	// packed with (pack.go); a committed transaction adds those it made.
	dmu    sync.Mutex
	dicts  map[model.Kind]*dictionary
	ndicts int // rows of the dicts table that dicts was read from
	// packAfter: dictSample, or TAIZHANG_PACK_AFTER (tests).
	packAfter int
	// keptBudget: the bytes a plan keeps of the changes it lets go
	// (keptChanges), or TAIZHANG_KEPT_BUDGET (tests: 0 decides them all
	// again when applied).
	keptBudget int
}

// pragmas apply to every pooled connection (set in the DSN, not by PRAGMA
// statements). The driver runs the _pragma list in alphabetical order and
// the journal mode (_journal_mode) after it: see newPageSize.
const pragmas = "_pragma=busy_timeout(5000)&_journal_mode=WAL&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"

// newPageSize is the page size of a database this build creates. It only
// takes effect before the file's first page is written (by the first table,
// or by entering WAL mode); a PRAGMA on an existing file is a no-op short of
// a VACUUM. The writer's connection is the one that creates the file. A record's row (a 1.3 KB body and its columns) fits two to a 4 KiB
// page with a third of the page unused, five to an 8 KiB page: the 100,000
// row database is 12% smaller, and the import writes half as many WAL
// frames. Existing databases keep their page size.
const newPageSize = "&_pragma=page_size(8192)"

// Page caches, bounded (negative: KiB). SQLite's default of 2 MB made a
// 100,000-row import spill dirty pages to the WAL and read them back for
// every index lookup (a quarter of its time), when bodies were text and the
// list indexes were written row by row. Since bodies are packed and a large
// import builds the list indexes after its rows, 8 MB does as well as 32:
// the same import time, and a cache page costs more than its size in
// memory (a 32 MB writer cache peaked 80–90 MB higher: 100k import 250 →
// 165 MB, 200k 326 → 233 MB; docs/bench.md, "Round 7"). Readers (at most
// four) get 16 MB each: lists and searches read pages again.
const (
	writerCache = "&_pragma=cache_size(-8192)"
	readerCache = "&_pragma=cache_size(-16384)"
)

// fileURI turns a path into an SQLite URI path ("file:/a/b%3F.db"), so that
// '?', '#' and '%' in folder names and Windows drive letters work.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x, as SQLite URIs want
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath()
}

func dsn(path string, params string) string { return fileURI(path) + "?" + params }

// Open opens (creating if needed) the database in the data folder dir and
// migrates it to this build's schema. A database written by a newer build is
// refused with ErrNewerSchema and left untouched.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, DBName)
	if err := refuseNewer(path); err != nil {
		return nil, err
	}
	wr, err := sql.Open("sqlite", dsn(path, pragmas+newPageSize+writerCache+"&_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	wr.SetMaxOpenConns(1)
	wr.SetMaxIdleConns(1)
	wr.SetConnMaxLifetime(0)
	s := &Store{dir: dir, path: path, wr: wr, drivenMax: drivenMax, dicts: map[model.Kind]*dictionary{},
		verifyRowHash: os.Getenv("TAIZHANG_VERIFY_ROW_HASH") == "1", packAfter: dictSample}
	if n, err := strconv.Atoi(os.Getenv("TAIZHANG_PACK_AFTER")); err == nil && n > 0 {
		s.packAfter = n
	}
	s.keptBudget = keptBudget
	if n, err := strconv.Atoi(os.Getenv("TAIZHANG_KEPT_BUDGET")); err == nil && n >= 0 {
		s.keptBudget = n
	}
	if err := migrate(context.Background(), wr); err != nil {
		wr.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rd, err := sql.Open("sqlite", dsn(path, pragmas+readerCache))
	if err != nil {
		wr.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rd.SetMaxOpenConns(4)
	s.rd = rd
	dictionaries.opened(path)
	return s, nil
}

// Close closes the database; the WAL is checkpointed and removed.
func (s *Store) Close() error {
	dictionaries.closed(s.path)
	err1 := s.rd.Close()
	err2 := s.wr.Close()
	return errors.Join(err1, err2)
}

// Dir is the data folder; Path the database file.
func (s *Store) Dir() string  { return s.dir }
func (s *Store) Path() string { return s.path }

// querier is what *sql.DB and *sql.Tx share; the read helpers take it so a
// transaction sees its own writes.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is one write transaction (see Store.Update).
type Tx struct {
	s     *Store
	tx    *sql.Tx
	stmts *stmtCache // prepared once per transaction: imports save thousands of rows
	// pre, when its record is the one saved, is what save would work out
	// from it (prepare), with the digest of the row an import creates the
	// record from alone, which save stamps on it (rowhash.go).
	pre *prepared
	// pk packs what the transaction stores (pack.go).
	pk *packing
	// adopt, when set, makes the next creation of that record take a
	// revision made elsewhere (see Tx.createAdopted).
	adopt *adoption
}

// cached is the transaction's statement cache (its statements close with
// the transaction).
func (t *Tx) cached() *stmtCache {
	if t.stmts == nil {
		t.stmts = newStmtCache(t.tx)
	}
	return t.stmts
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.cached().ExecContext(ctx, query, args...)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.cached().QueryRowContext(ctx, query, args...)
}

// cancelled says a failure is the caller's cancellation when it is: once
// the context is done, database/sql rolls the transaction back by itself
// and the next statement fails with "transaction has already been
// committed or rolled back" or an interrupt, not with context.Canceled.
func cancelled(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}

// Update runs fn in one write transaction: all its changes are applied, or
// none when fn (or the commit) fails.
//
// Every write transaction leaves a new random write token (writeToken), by
// which an import applied after its preview knows whether anything at all
// was written since it was planned.
func (s *Store) Update(ctx context.Context, fn func(tx *Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	sqlTx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	pk, err := s.packing(ctx, sqlTx)
	if err != nil {
		sqlTx.Rollback()
		return cancelled(ctx, err)
	}
	if err := fn(&Tx{s: s, tx: sqlTx, pk: pk}); err != nil {
		sqlTx.Rollback()
		return cancelled(ctx, err)
	}
	if _, err := sqlTx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, writeTokenKey, newID()); err != nil {
		sqlTx.Rollback()
		return cancelled(ctx, fmt.Errorf("commit: %w", err))
	}
	err = sqlTx.Commit()
	s.writes.Add(1) // even a failed commit may have changed what counts see
	if err != nil {
		return cancelled(ctx, fmt.Errorf("commit: %w", err))
	}
	s.dmu.Lock()
	for _, d := range pk.made {
		s.dicts[d.kind] = d
		s.ndicts++
	}
	s.dmu.Unlock()
	return nil
}

// packing is what a write transaction packs with: the store's dictionaries,
// read again when another program has added one since (dictionaries are
// never removed, so their count tells).
func (s *Store) packing(ctx context.Context, tx *sql.Tx) (*packing, error) {
	dicts, err := s.storeDicts(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &packing{store: dicts, after: s.packAfter}, nil
}

// storeDicts are the store's dictionaries, read through q when another
// program (or none yet) read them: what a plan keeps is packed with them.
func (s *Store) storeDicts(ctx context.Context, q querier) (map[model.Kind]*dictionary, error) {
	s.dmu.Lock()
	defer s.dmu.Unlock()
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM dicts").Scan(&n); err != nil {
		return nil, fmt.Errorf("dictionaries: %w", err)
	}
	if n != s.ndicts {
		dicts, err := loadDictionaries(ctx, q)
		if err != nil {
			return nil, err
		}
		s.dicts, s.ndicts = dicts, n
	}
	return maps.Clone(s.dicts), nil
}

// writeTokenKey is the setting holding the token of the last write
// transaction: random, so a restored backup never repeats the token of a
// later state.
const writeTokenKey = "write_token"

// noWrites is the token of a database no transaction has written yet (a
// plan made without a token, "", never matches).
const noWrites = "none"

// writeToken is the token of the last write transaction seen through q
// (noWrites before the first).
func writeToken(ctx context.Context, q querier) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", writeTokenKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return noWrites, nil
	}
	if err != nil {
		return "", fmt.Errorf("write token: %w", err)
	}
	return v, nil
}

// preparer is what prepares statements: the database or a transaction.
type preparer interface {
	querier
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// stmtCache is a querier that prepares each query once: the planner asks
// the same few queries for every row of an import (preparing them anew
// cost a fifth of a re-import).
type stmtCache struct {
	q     preparer
	stmts map[string]*sql.Stmt
}

func newStmtCache(q preparer) *stmtCache { return &stmtCache{q: q, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) prep(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.q.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.prep(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.prep(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.prep(ctx, query)
	if err != nil {
		return c.q.QueryRowContext(ctx, query, args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

// Close closes the prepared statements.
func (c *stmtCache) Close() {
	for _, st := range c.stmts {
		st.Close()
	}
	clear(c.stmts)
}
