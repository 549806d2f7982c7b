package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"taizhang/model"
)

// Conflict is a field edited both locally and in an incoming file since they
// last agreed. Base, Local and Incoming are JSON texts of the field's value.
type Conflict struct {
	ID         string     `json:"id"` // "c-…"
	RecordID   string     `json:"record"`
	Kind       model.Kind `json:"kind"`
	Number     string     `json:"number"`
	Field      string     `json:"field"`
	Base       string     `json:"base,omitempty"`
	Local      string     `json:"local"`
	Incoming   string     `json:"incoming"`
	ImportID   string     `json:"import_id,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	ResolvedAt *time.Time `json:"resolved_at,omitempty"`
	Resolution string     `json:"resolution,omitempty"` // "local" | "incoming"
	ResolvedBy string     `json:"resolved_by,omitempty"`
	// File is the workbook the incoming value came from (the imports
	// registry) and Unit the unit it speaks for: the record's lead unit
	// (Conflicts fills both; "" when unknown).
	File string `json:"file,omitempty"`
	Unit string `json:"unit,omitempty"`
}

func newConflictID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return "c-" + hex.EncodeToString(b[:])
}

// AddConflict stores a pending conflict; an empty ID gets a fresh "c-…" one
// (written back into c), an empty Kind the record's kind.
func (t *Tx) AddConflict(ctx context.Context, c *Conflict) error {
	if c.ID == "" {
		c.ID = newConflictID()
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now().UTC()
	}
	if c.Kind == "" {
		var k string
		if err := t.tx.QueryRowContext(ctx, "SELECT kind FROM records WHERE id = ?", c.RecordID).Scan(&k); err != nil {
			return fmt.Errorf("add conflict on %s: %w", c.RecordID, err)
		}
		c.Kind = model.Kind(k)
	}
	_, err := t.tx.ExecContext(ctx, `INSERT INTO conflicts
		(id, record_id, kind, number, field, base, local, incoming, import_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.RecordID, string(c.Kind), c.Number, c.Field, c.Base, c.Local, c.Incoming,
		nullable(c.ImportID), fmtTime(c.CreatedAt))
	if err != nil {
		return fmt.Errorf("add conflict on %s field %s: %w", c.RecordID, c.Field, err)
	}
	return nil
}

const conflictCols = `id, record_id, kind, number, field, base, local, incoming, coalesce(import_id, ''),
	created_at, resolved_at, resolution, resolved_by`

func scanConflict(sc interface{ Scan(...any) error }) (Conflict, error) {
	var c Conflict
	var kind, created string
	var resolved sql.NullString
	err := sc.Scan(&c.ID, &c.RecordID, &kind, &c.Number, &c.Field, &c.Base, &c.Local, &c.Incoming,
		&c.ImportID, &created, &resolved, &c.Resolution, &c.ResolvedBy)
	if err != nil {
		return c, err
	}
	c.Kind, c.CreatedAt = model.Kind(kind), parseTime(created)
	if resolved.Valid {
		t := parseTime(resolved.String)
		c.ResolvedAt = &t
	}
	return c, nil
}

// Conflicts lists conflicts, oldest first; pendingOnly leaves out resolved ones.
func (s *Store) Conflicts(ctx context.Context, pendingOnly bool) ([]Conflict, error) {
	q := "SELECT " + conflictCols + " FROM conflicts"
	if pendingOnly {
		q += " WHERE resolved_at IS NULL"
	}
	rows, err := s.rd.QueryContext(ctx, q+" ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("conflicts: %w", err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		c, err := scanConflict(rows)
		if err != nil {
			return nil, fmt.Errorf("conflicts: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("conflicts: %w", err)
	}
	return out, s.conflictOrigins(ctx, out)
}

// conflictOrigins fills each conflict's file and unit.
func (s *Store) conflictOrigins(ctx context.Context, cs []Conflict) error {
	if len(cs) == 0 {
		return nil
	}
	rows, err := s.rd.QueryContext(ctx, `SELECT c.id, coalesce(i.file, ''), coalesce(r.lead_unit, '')
		FROM conflicts c LEFT JOIN imports i ON i.id = c.import_id LEFT JOIN records r ON r.id = c.record_id`)
	if err != nil {
		return fmt.Errorf("conflicts: where from: %w", err)
	}
	defer rows.Close()
	at := map[string]int{}
	for i, c := range cs {
		at[c.ID] = i
	}
	for rows.Next() {
		var id, file, unit string
		if err := rows.Scan(&id, &file, &unit); err != nil {
			return fmt.Errorf("conflicts: where from: %w", err)
		}
		if i, ok := at[id]; ok {
			cs[i].File, cs[i].Unit = file, unit
		}
	}
	return rows.Err()
}

// PendingConflicts counts the conflicts waiting for a decision (the
// navigation's badge and the workbench's line).
func (s *Store) PendingConflicts(ctx context.Context) (int, error) {
	var n int
	if err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").Scan(&n); err != nil {
		return 0, fmt.Errorf("count conflicts: %w", err)
	}
	return n, nil
}

// ErrResolved: the conflict was already resolved.
var ErrResolved = errors.New("conflict already resolved")

// ResolveConflict settles a pending conflict. keep "incoming" writes the
// incoming value into the record as a new revision (the history shows it,
// with the import it came from); keep "local" leaves the record as it is.
func (s *Store) ResolveConflict(ctx context.Context, id, keep, by string) error {
	if keep != "local" && keep != "incoming" {
		return fmt.Errorf("resolve %s: keep must be local or incoming, not %q", id, keep)
	}
	return s.Update(ctx, func(tx *Tx) error {
		c, err := scanConflict(tx.tx.QueryRowContext(ctx, "SELECT "+conflictCols+" FROM conflicts WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("resolve conflict %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("resolve conflict %s: %w", id, err)
		}
		if c.ResolvedAt != nil {
			return fmt.Errorf("resolve conflict %s: %w (%s, %s)", id, ErrResolved, c.Resolution,
				c.ResolvedAt.Local().Format("2006-01-02 15:04"))
		}
		if keep == "incoming" {
			if err := tx.setField(ctx, c.RecordID, c.Field, c.Incoming, by, c.ImportID); err != nil {
				return fmt.Errorf("resolve conflict %s: %w", id, err)
			}
		} else if err := tx.takeInIncoming(ctx, c, by); err != nil {
			return fmt.Errorf("resolve conflict %s: %w", id, err)
		}
		_, err = tx.tx.ExecContext(ctx, `UPDATE conflicts SET resolved_at = ?, resolution = ?, resolved_by = ?
			WHERE id = ?`, fmtTime(time.Now()), keep, by, id)
		if err != nil {
			return fmt.Errorf("resolve conflict %s: %w", id, err)
		}
		return nil
	})
}

// setField writes one field's JSON value into the current record and saves it.
func (t *Tx) setField(ctx context.Context, id, field, value, by, importID string) error {
	r, err := t.Get(ctx, id)
	if err != nil {
		return err
	}
	f, err := recordFields(r)
	if err != nil {
		return err
	}
	if !json.Valid([]byte(value)) {
		return fmt.Errorf("field %s: value is not JSON: %q", field, value)
	}
	f = f.set(field, json.RawMessage(value))
	meta := *r.RecordMeta()
	updated, err := decodeBody(meta.Kind, f.canonical())
	if err != nil {
		return fmt.Errorf("field %s: %w", field, err)
	}
	*updated.RecordMeta() = meta
	return t.Save(ctx, updated, by, importID)
}

// takeInIncoming: keeping this side's value is a decision about the other
// side's revision too. The incoming revision that carried the refused value
// becomes a merged parent of a new revision (same body), so the other PC,
// given this side's next export, sees its own edit already taken in and
// takes this value instead of raising the same conflict there.
func (t *Tx) takeInIncoming(ctx context.Context, c Conflict, by string) error {
	cur, err := t.Get(ctx, c.RecordID)
	if err != nil {
		return err
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT rev FROM revision_rows WHERE record_id = ? AND foreign_rev = 1
		ORDER BY at DESC, `+revGenSQL+` DESC LIMIT 50`, c.RecordID)
	if err != nil {
		return err
	}
	var revs []string
	for rows.Next() {
		var rev string
		if err := rows.Scan(&rev); err != nil {
			rows.Close()
			return err
		}
		revs = append(revs, rev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, rev := range revs {
		body, err := t.RevisionBody(ctx, c.RecordID, rev)
		if err != nil {
			return err
		}
		f, err := model.Fields(body)
		if err != nil {
			return err
		}
		if !model.EqualJSON(f[c.Field], json.RawMessage(c.Incoming)) {
			continue
		}
		if in, err := t.IsAncestor(ctx, c.RecordID, rev, cur.RecordMeta().Rev); err != nil || in {
			return err // already taken in
		}
		return t.SaveMerged(ctx, cur, by, c.ImportID, rev)
	}
	return nil
}
