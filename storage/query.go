package storage

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"taizhang/model"
)

// Query selects records for List, Count and IDs. Empty fields do not filter.
type Query struct {
	Kind   model.Kind
	Text   string // search text: every whitespace-separated term must occur
	Status string
	Unit   string // the lead unit, or any unit named in units[] (problems: unit)
	Source string
	Light  string     // ignored here: lights depend on today and settings; the UI filters
	From   model.Date // by the kind's main date (tasks, proposals: assigned_on; meetings: held_on;
	To     model.Date // funds, holidays: date; projects, visits: start_on; problems: raised_on)
	// ChangedSince keeps records updated at or after it (export --changed-since).
	ChangedSince time.Time
	// Deleted includes tombstones.
	Deleted bool
	// Sort is a JSON field name ("deadline", "number", "updated_at"),
	// "-field" for descending. Default: most recently updated first.
	Sort          string
	Limit, Offset int
}

// indexedCols are fields with a column (and an index) of their own.
var indexedCols = map[string]string{
	"status": "r.status", "lead_unit": "r.lead_unit", "source": "r.source",
	"deadline": "r.deadline", "updated_at": "r.updated_at", "created_at": "r.created_at",
	"id": "r.id", "key": "r.key",
}

var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// where builds the WHERE clause of q for records aliased r.
func (q Query) where() (string, []any) {
	var conds []string
	var args []any
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
		// units[] holds {"name","role"} objects (tasks, proposals) or names (visits).
		conds = append(conds, `(r.lead_unit = ? OR EXISTS (SELECT 1 FROM json_each(r.body, '$.units') j
			WHERE (CASE j.type WHEN 'object' THEN json_extract(j.value, '$.name') ELSE j.value END) = ?))`)
		args = append(args, q.Unit, q.Unit)
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
	if q.Text != "" {
		c, a := textFilter(q.Text)
		conds = append(conds, c...)
		args = append(args, a...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func (q Query) orderBy() (string, error) {
	if q.Sort == "" {
		return " ORDER BY r.updated_at DESC, r.seq DESC", nil
	}
	field, dir := q.Sort, "ASC"
	if strings.HasPrefix(field, "-") {
		field, dir = field[1:], "DESC"
	}
	if !fieldName.MatchString(field) {
		return "", fmt.Errorf("sort by %q: not a field name", q.Sort)
	}
	col, ok := indexedCols[field]
	if !ok {
		col = "json_extract(r.body, '$." + field + "')"
	}
	return fmt.Sprintf(" ORDER BY %s %s, r.seq %s", col, dir, dir), nil
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
	where, args := q.where()
	order, err := q.orderBy()
	if err != nil {
		return nil, err
	}
	rows, err := s.rd.QueryContext(ctx, "SELECT "+prefixed(recordCols)+" FROM records r"+where+order+q.limit(), args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", q.Kind, err)
	}
	defer rows.Close()
	var out []model.Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", q.Kind, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list %s: %w", q.Kind, err)
	}
	return out, nil
}

// Count is the number of records List would return without Limit/Offset.
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	where, args := q.where()
	var n int
	if err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM records r"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s: %w", q.Kind, err)
	}
	return n, nil
}

// IDs returns the ids List would return, in order; big tables load rows as
// they scroll into view.
func (s *Store) IDs(ctx context.Context, q Query) ([]string, error) {
	where, args := q.where()
	order, err := q.orderBy()
	if err != nil {
		return nil, err
	}
	rows, err := s.rd.QueryContext(ctx, "SELECT r.id FROM records r"+where+order+q.limit(), args...)
	if err != nil {
		return nil, fmt.Errorf("ids %s: %w", q.Kind, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("ids %s: %w", q.Kind, err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func prefixed(cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		parts[i] = "r." + p
	}
	return strings.Join(parts, ", ")
}
