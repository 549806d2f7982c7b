package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"taizhang/model"
)

// History markers: the Change with Field "" says what happened to the
// record as a whole; New holds one of these JSON strings.
const (
	HistCreated  = `"created"`
	HistDeleted  = `"deleted"`
	HistRestored = `"restored"`
)

// writeHistory writes one changes row per changed top-level field (old and
// new as JSON text), and a row with field "" on delete and restore, and on
// create unless toldByRevision: a record created here at a revision of its
// own is told created by that first revision (the same revision, time,
// user and import; History reads it), since an import of 100,000 rows
// wrote as many changes rows saying only "created".
func (t *Tx) writeHistory(ctx context.Context, id, rev string, cur currentRow, created, toldByRevision bool,
	body string, deleted bool, by, at string, importID any) error {
	add := func(field, old, new string) error {
		_, err := t.exec(ctx, `INSERT INTO changes (record_id, rev, field, old, new, by, at, import_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, rev, field, old, new, by, at, importID)
		return err
	}
	if created {
		if toldByRevision {
			return nil
		}
		return add("", "", HistCreated)
	}
	if cur.body != body {
		oldF, err := parseFields(cur.body)
		if err != nil {
			return fmt.Errorf("old body: %w", err)
		}
		newF, err := parseFields(body)
		if err != nil {
			return fmt.Errorf("new body: %w", err)
		}
		for _, k := range sortedKeys(oldF, newF) {
			o, _ := oldF.get(k)
			n, _ := newF.get(k)
			if !bytes.Equal(o, n) {
				if err := add(k, string(o), string(n)); err != nil {
					return err
				}
			}
		}
	}
	switch {
	case deleted && !cur.deleted:
		return add("", "", HistDeleted)
	case !deleted && cur.deleted:
		return add("", "", HistRestored)
	}
	return nil
}

// History lists the record's changes, newest first, with the file of the
// import that brought each (if any). An unknown id gives ErrNotFound.
func (s *Store) History(ctx context.Context, id string) ([]model.Change, error) {
	rows, err := s.rd.QueryContext(ctx, `SELECT c.rev, c.field, c.old, c.new, c.by, c.at,
		coalesce(c.import_id, ''), coalesce(i.file, '')
		FROM changes c LEFT JOIN imports i ON i.id = c.import_id
		WHERE c.record_id = ? ORDER BY c.id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("history %s: %w", id, err)
	}
	defer rows.Close()
	var out []model.Change
	for rows.Next() {
		c := model.Change{RecordID: id}
		var at string
		if err := rows.Scan(&c.Rev, &c.Field, &c.Old, &c.New, &c.By, &at, &c.ImportID, &c.ImportFile); err != nil {
			return nil, fmt.Errorf("history %s: %w", id, err)
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history %s: %w", id, err)
	}
	if !slices.ContainsFunc(out, func(c model.Change) bool { return c.Field == "" && c.New == HistCreated }) {
		// created at a revision of its own: its first local revision
		c := model.Change{RecordID: id, New: HistCreated}
		var at string
		err := s.rd.QueryRowContext(ctx, `SELECT v.rev, v.by, v.at, coalesce(v.import_id, ''), coalesce(i.file, '')
			FROM revision_rows v LEFT JOIN imports i ON i.id = v.import_id
			WHERE v.record_id = ? AND v.foreign_rev = 0 ORDER BY v.at, `+revGenSQL+` LIMIT 1`, id).
			Scan(&c.Rev, &c.By, &at, &c.ImportID, &c.ImportFile)
		if errors.Is(err, sql.ErrNoRows) {
			// copied from another machine: created here by the import that
			// adopted its revision, while that is current (schema 15)
			err = s.rd.QueryRowContext(ctx, `SELECT r.rev, r.updated_by, r.created_at, coalesce(r.import_id, ''), coalesce(i.file, '')
				FROM records r LEFT JOIN imports i ON i.id = r.import_id WHERE r.id = ? AND r.rev_implicit = 2`, id).
				Scan(&c.Rev, &c.By, &at, &c.ImportID, &c.ImportFile)
		}
		switch {
		case err == nil:
			c.At = parseTime(at)
			out = append(out, c) // the oldest
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("history %s: %w", id, err)
		}
	}
	if len(out) == 0 {
		var one int
		if err := s.rd.QueryRowContext(ctx, "SELECT 1 FROM records WHERE id = ?", id).Scan(&one); err == sql.ErrNoRows {
			return nil, fmt.Errorf("history %s: %w", id, ErrNotFound)
		}
	}
	return out, nil
}
