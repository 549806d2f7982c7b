package storage

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"taizhang/model"
)

// Query selects records for List, Count and IDs. Empty fields do not filter.
type Query struct {
	Kind   model.Kind
	Text   string // search text: every whitespace-separated term must occur
	Status string
	Unit   string // the lead unit, or any unit named in units[] (problems: unit)
	// LeadUnit keeps records led by exactly this unit, and Open only
	// unfinished tasks: what the workbench's chart counts (CountBy).
	LeadUnit string
	Open     bool
	Source   string
	From     model.Date // by the kind's main date (tasks, proposals: assigned_on; meetings: held_on;
	To       model.Date // funds, holidays: date; projects, visits: start_on; problems: raised_on)
	// ChangedSince keeps records updated at or after it (export --changed-since).
	ChangedSince time.Time
	// Deleted includes tombstones.
	Deleted bool
	// Sort is a JSON field name ("deadline", "number", "updated_at"),
	// "-field" for descending. Default: most recently updated first.
	Sort          string
	Limit, Offset int

	// where narrows the query further: storage's own condition on
	// records aliased r, without parameters (a light: LightIDs).
	where string
}

// indexedCols are fields with a column (and an index) of their own.
var indexedCols = map[string]string{
	"status": "r.status", "lead_unit": "r.lead_unit", "source": "r.source",
	"deadline": "r.deadline", "updated_at": "r.updated_at", "created_at": "r.created_at",
	"id": "r.id", "key": "r.key",
}

var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// drivenMax is the number of text matches up to which a search starts from
// the matches; above it, records are walked in index order and the matches
// probed, which stops after a page.
const drivenMax = 2000 // Store.drivenMax; tests lower it to try both plans

// from builds the FROM and WHERE clauses of q for records aliased r.
//
// A text search has two plans. Few matches: start from them (CROSS JOIN
// fixes that order) and sort them; walking all records in sort order and
// probing would read every row for a rare term. Many matches (a common
// word): walk records in the order of an indexed sort column and probe the
// matches, stopping after a page; sorting 30,000 matches costs 0.3 s.
func (s *Store) from(ctx context.Context, q Query, indexedSort bool) (string, []any, error) {
	var conds []string
	var args []any
	from := " FROM records r"
	if q.Text != "" {
		match, c, a := textFilter(q.Text)
		if !match.empty() {
			rowids, margs := match.rowids()
			driven := true
			if indexedSort {
				// The count of the kind's matches, which Count and
				// denseMatch ask next, decides; else the matches are
				// counted up to the limit (a compound of both tables,
				// intersected, cannot stop early).
				n, ok := s.kindTextCount(ctx, q)
				if !ok {
					err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM ("+rowids+" LIMIT ?)",
						append(margs, s.drivenMax+1)...).Scan(&n)
					if err != nil {
						return "", nil, fmt.Errorf("search %q: %w", q.Text, err)
					}
				}
				driven = n <= s.drivenMax
			}
			switch {
			case driven:
				from = " FROM (" + rowids + ") f CROSS JOIN records r ON r.seq = f.seq"
				args = append(args, margs...)
			case q.Limit > 0 && q.Offset+q.Limit <= denseProbeMax && s.denseMatch(ctx, q):
				// nearly every record matches: probe each in order
				probe, pargs := match.probe()
				conds = append(conds, probe)
				args = append(args, pargs...)
			default:
				conds = append(conds, "r.seq IN ("+rowids+")")
				args = append(args, margs...)
			}
		}
		conds = append(conds, c...)
		args = append(args, a...)
	}
	if q.Kind != "" {
		conds = append(conds, "r.kind = ?")
		args = append(args, string(q.Kind))
	}
	if !q.Deleted {
		conds = append(conds, "r.deleted = 0")
	}
	if q.Status != "" {
		conds = append(conds, "r.status = ?")
		args = append(args, q.Status)
	}
	if q.Source != "" {
		conds = append(conds, "r.source = ?")
		args = append(args, q.Source)
	}
	if q.Unit != "" {
		// the names of units[] are in records.units (schema 14)
		conds = append(conds, `(r.lead_unit = ? OR instr(r.units, ?) > 0)`)
		args = append(args, q.Unit, unitMark+q.Unit+unitMark)
	}
	if q.LeadUnit != "" {
		conds = append(conds, "r.lead_unit = ?")
		args = append(args, q.LeadUnit)
	}
	if q.Open {
		conds = append(conds, taskOpenSQL)
	}
	if !q.From.IsZero() {
		conds = append(conds, "r.day >= ?")
		args = append(args, q.From.String())
	}
	if !q.To.IsZero() {
		conds = append(conds, "r.day <= ?")
		args = append(args, q.To.String())
	}
	if !q.ChangedSince.IsZero() {
		conds = append(conds, "r.updated_at >= ?")
		args = append(args, fmtTime(q.ChangedSince))
	}
	if q.where != "" {
		conds = append(conds, q.where)
	}
	if len(conds) == 0 {
		return from, args, nil
	}
	return from + " WHERE " + strings.Join(conds, " AND "), args, nil
}

// orderBy is q's ORDER BY clause, and whether it sorts on an indexed column.
func (q Query) orderBy() (string, bool, error) {
	if q.Sort == "" {
		return " ORDER BY r.updated_at DESC, r.seq DESC", true, nil
	}
	field, dir := q.Sort, "ASC"
	if strings.HasPrefix(field, "-") {
		field, dir = field[1:], "DESC"
	}
	if !fieldName.MatchString(field) {
		return "", false, fmt.Errorf("sort by %q: not a field name", q.Sort)
	}
	col, ok := indexedCols[field]
	if !ok {
		col = "json_extract(tz_text(r.body), '$." + field + "')"
	}
	if field == "deadline" {
		// items without a date (长期坚持, 每月25日前) come last either way:
		// sorting by deadline is asking what is due soonest. Ascending,
		// the order is an index's (records_kind_deadline_sort).
		return fmt.Sprintf(" ORDER BY (%s = '') ASC, %s %s, r.seq %s", col, col, dir, dir), dir == "ASC", nil
	}
	return fmt.Sprintf(" ORDER BY %s %s, r.seq %s", col, dir, dir), ok, nil
}

func (q Query) limit() string {
	switch {
	case q.Limit > 0:
		return fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, max(q.Offset, 0))
	case q.Offset > 0:
		return fmt.Sprintf(" LIMIT -1 OFFSET %d", q.Offset)
	}
	return ""
}

// List returns the records matching q, with their Meta.
func (s *Store) List(ctx context.Context, q Query) ([]model.Record, error) {
	var out []model.Record
	err := s.Each(ctx, q, func(r model.Record) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []model.Record{}
	}
	return out, nil
}

// Each calls fn with the records matching q, in q's order, reading them
// 500 at a time: memory stays flat however many match (`list --json`
// of 80,000 matches). An error from fn stops the walk and is returned.
func (s *Store) Each(ctx context.Context, q Query, fn func(model.Record) error) error {
	seqs, err := s.seqs(ctx, q)
	if err != nil {
		return err
	}
	// Rows are fetched by seq after sorting: a sort that carried the bodies
	// of 30,000 matches would read them all for a page of 200.
	const chunk = 500
	bySeq := make(map[int64]model.Record, min(chunk, len(seqs)))
	for i := 0; i < len(seqs); i += chunk {
		part := seqs[i:min(i+chunk, len(seqs))]
		args := make([]any, len(part))
		for j, v := range part {
			args[j] = v
		}
		clear(bySeq)
		rows, err := s.rd.QueryContext(ctx, "SELECT r.seq, "+prefixed(recordCols)+" FROM records r WHERE r.seq IN (?"+
			strings.Repeat(", ?", len(part)-1)+")", args...)
		if err != nil {
			return fmt.Errorf("list %s: %w", q.Kind, err)
		}
		for rows.Next() {
			var seq int64
			r, err := scanRecord(seqScanner{rows, &seq})
			if err != nil {
				rows.Close()
				return fmt.Errorf("list %s: %w", q.Kind, err)
			}
			bySeq[seq] = r
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("list %s: %w", q.Kind, err)
		}
		for _, seq := range part {
			if r, ok := bySeq[seq]; ok { // gone if deleted meanwhile by a purge; keep order
				if err := fn(r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// seqScanner prepends the seq column to scanRecord's columns.
type seqScanner struct {
	rows interface{ Scan(...any) error }
	seq  *int64
}

func (s seqScanner) Scan(dest ...any) error { return s.rows.Scan(append([]any{s.seq}, dest...)...) }

// seqs returns the matching rows' seq in order.
func (s *Store) seqs(ctx context.Context, q Query) ([]int64, error) {
	return matching[int64](ctx, s, q, "r.seq", "list")
}

// selectSQL is the statement selecting col of the rows q matches, in order.
func (s *Store) selectSQL(ctx context.Context, q Query, col string) (string, []any, error) {
	order, indexed, err := q.orderBy()
	if err != nil {
		return "", nil, err
	}
	from, args, err := s.from(ctx, q, indexed)
	if err != nil {
		return "", nil, err
	}
	return "SELECT " + col + from + order + q.limit(), args, nil
}

// matching selects one column of the rows a query matches, in its order.
func matching[T any](ctx context.Context, s *Store, q Query, col, what string) ([]T, error) {
	query, args, err := s.selectSQL(ctx, q, col)
	if err != nil {
		return nil, err
	}
	rows, err := s.rd.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, q.Kind, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("%s %s: %w", what, q.Kind, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, q.Kind, err)
	}
	return out, nil
}

// Count is the number of records List would return without Limit/Offset.
// Counts are kept per query until the database changes: a search box asks
// again for what it asked a keystroke ago.
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	q.Limit, q.Offset, q.Sort = 0, 0, ""
	key := fmt.Sprintf("%#v", q)
	stamp := s.changeStamp()
	if n, ok := s.counts.get(stamp, key); ok {
		return n, nil
	}
	n, ok, err := s.textCount(ctx, q)
	if err != nil {
		return 0, err
	}
	if !ok {
		from, args, err := s.from(ctx, q, true)
		if err != nil {
			return 0, err
		}
		if err := s.rd.QueryRowContext(ctx, "SELECT count(*)"+from, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("count %s: %w", q.Kind, err)
		}
	}
	s.counts.put(stamp, key, n)
	return n, nil
}

// denseProbeMax is the deepest page a dense search probes record by record.
const denseProbeMax = 1000

// denseMatch reports whether a search matches at least half the records
// of its kind (市 in a city's ledger, 改 in one of renovations). A page is
// then found fastest by probing the index for each record in list order:
// building the list of all matches first costs about 20 ms per 100,000
// matches, probing a page about 5 ms at full density and 5/d ms at density
// d, which is less from d = 1/2 (100,000 tasks, 改 matching 74%: 17 ms → 11
// ms, with a status or unit filter 16–17 ms → 9 ms). The count it asks is
// the one the ledger asks next, and is kept for it.
func (s *Store) denseMatch(ctx context.Context, q Query) bool {
	n, ok := s.kindTextCount(ctx, q)
	if !ok {
		return false
	}
	all, err := s.Count(ctx, Query{Kind: q.Kind})
	return err == nil && all > 0 && n*2 >= all
}

// kindTextCount is the number of records of q's kind its text matches,
// whatever its other filters, when the index alone can count them
// (textCount); ok is false otherwise. The count is kept: it is the one the
// ledger asks next.
func (s *Store) kindTextCount(ctx context.Context, q Query) (n int, ok bool) {
	if q.Kind == "" {
		return 0, false
	}
	tq := Query{Kind: q.Kind, Text: q.Text}
	key, stamp := fmt.Sprintf("%#v", tq), s.changeStamp()
	if n, ok := s.counts.get(stamp, key); ok {
		return n, true
	}
	n, ok, err := s.textCount(ctx, tq)
	if err != nil || !ok {
		return 0, false
	}
	s.counts.put(stamp, key, n)
	return n, true
}

// otherKindsProbeMax bounds the records of other kinds textCount probes
// one by one.
const otherKindsProbeMax = 5000

// textCount counts a search of one kind without other filters from the
// search index alone: the index holds live records only, so the count is
// its matches less those of other kinds, which are probed one by one (few:
// a folder is mostly one kind's rows). Reading kind and deleted of every
// match instead costs 0.5 s for a common character at 100,000 rows.
// ok is false when the query is not of that form.
func (s *Store) textCount(ctx context.Context, q Query) (n int, ok bool, err error) {
	if q.Kind == "" || q.Text == "" || q.Status != "" || q.Unit != "" || q.Source != "" || q.Deleted ||
		!q.From.IsZero() || !q.To.IsZero() || !q.ChangedSince.IsZero() {
		return 0, false, nil
	}
	match, conds, _ := textFilter(q.Text)
	if match.empty() || len(conds) > 0 {
		return 0, false, nil
	}
	var others []any
	for _, k := range model.Kinds() {
		if k != q.Kind {
			others = append(others, string(k))
		}
	}
	in := "(?" + strings.Repeat(", ?", len(others)-1) + ")"
	var nOthers int
	if err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM records WHERE kind IN "+in+" AND deleted = 0",
		others...).Scan(&nOthers); err != nil {
		return 0, false, fmt.Errorf("count %s: %w", q.Kind, err)
	}
	if nOthers > otherKindsProbeMax {
		return 0, false, nil
	}
	rowids, args := match.rowids()
	probe, pargs := match.probe()
	args = append(append(args, others...), pargs...)
	err = s.rd.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (`+rowids+`)) -
		(SELECT count(*) FROM records r WHERE r.kind IN `+in+` AND r.deleted = 0 AND `+probe+`)`, args...).Scan(&n)
	if err != nil {
		return 0, false, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return n, true, nil
}

// changeStamp changes whenever the database may have: a write through
// this store, or one by another process (which grows the WAL or, after a
// checkpoint, touches the file).
func (s *Store) changeStamp() string {
	stamp := fmt.Sprint(s.writes.Load())
	for _, p := range []string{s.path, s.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			stamp += fmt.Sprintf("|%d|%d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return stamp
}

// countCache holds counts of one database state.
type countCache struct {
	mu    sync.Mutex
	stamp string
	m     map[string]int
}

func (c *countCache) get(stamp, key string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp {
		return 0, false
	}
	n, ok := c.m[key]
	return n, ok
}

func (c *countCache) put(stamp, key string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp || len(c.m) >= 256 {
		c.stamp, c.m = stamp, map[string]int{}
	}
	c.m[key] = n
}

// IDs returns the ids List would return, in order; big tables load rows as
// they scroll into view.
func (s *Store) IDs(ctx context.Context, q Query) ([]string, error) {
	return matching[string](ctx, s, q, "r.id", "ids")
}

func prefixed(cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		parts[i] = "r." + p
	}
	return strings.Join(parts, ", ")
}

// GetMany reads records by id, in the order given; ids not found are
// skipped (deleted meanwhile).
func (s *Store) GetMany(ctx context.Context, ids []string) ([]model.Record, error) {
	out := make([]model.Record, 0, len(ids))
	const chunk = 500
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		args := make([]any, len(part))
		for j, id := range part {
			args[j] = id
		}
		rows, err := s.rd.QueryContext(ctx, "SELECT "+recordCols+" FROM records WHERE id IN (?"+
			strings.Repeat(", ?", len(part)-1)+")", args...)
		if err != nil {
			return nil, fmt.Errorf("get records: %w", err)
		}
		byID := map[string]model.Record{}
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("get records: %w", err)
			}
			byID[r.RecordMeta().ID] = r
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("get records: %w", err)
		}
		for _, id := range part {
			if r, ok := byID[id]; ok {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// countBySQL counts a kind's live records by column (one of the list
// columns, NOT NULL): all of them from the column's index alone, less the
// tombstones, found by records_kind_updated (few). Counting the live ones
// directly read every row for deleted (1.3 s at 100,000 tasks, the
// workbench's chart by status). Open tasks are counted from
// records_kind_open_due and their rows.
func countBySQL(column string, openTasksOnly bool) string {
	if openTasksOnly {
		return "SELECT r." + column + ", count(*) FROM records r WHERE r.kind = ?1 AND r.deleted = 0 AND " +
			taskOpenSQL + " GROUP BY 1"
	}
	return "SELECT v, sum(n) FROM (SELECT " + column + " AS v, count(*) AS n FROM records WHERE kind = ?1 GROUP BY 1" +
		" UNION ALL SELECT " + column + ", -count(*) FROM records INDEXED BY records_kind_updated" +
		" WHERE kind = ?1 AND deleted = 1 GROUP BY 1) GROUP BY v HAVING sum(n) > 0"
}

// CountBy counts q's records grouped by one of the indexed columns
// ("status", "lead_unit", "source"); the dashboard's figures.
func (s *Store) CountBy(ctx context.Context, kind model.Kind, column string, openTasksOnly bool) (map[string]int, error) {
	switch column {
	case "status", "lead_unit", "source":
	default:
		return nil, fmt.Errorf("count by %q: not a list column", column)
	}
	query := countBySQL(column, openTasksOnly)
	rows, err := s.rd.QueryContext(ctx, query, string(kind))
	if err != nil {
		return nil, fmt.Errorf("count %s by %s: %w", kind, column, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var v string
		var n int
		if err := rows.Scan(&v, &n); err != nil {
			return nil, fmt.Errorf("count %s by %s: %w", kind, column, err)
		}
		out[v] = n
	}
	return out, rows.Err()
}
