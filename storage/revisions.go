package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"taizhang/model"
)

// ancestryCap bounds Ancestry's answer: exports carry it in a hidden column.
const ancestryCap = 100

// Ancestry lists rev and the revisions it descends from (parents and merged
// lines), newest generation first, at most 100. Unknown revisions end the
// walk; an unknown rev alone gives just [rev].
func (s *Store) Ancestry(ctx context.Context, id, rev string) ([]string, error) {
	all, err := walkAncestry(ctx, s.rd, id, rev, ancestryCap)
	if err != nil {
		return nil, fmt.Errorf("ancestry of %s %s: %w", id, rev, err)
	}
	return all, nil
}

func (t *Tx) Ancestry(ctx context.Context, id, rev string) ([]string, error) {
	all, err := walkAncestry(ctx, t.tx, id, rev, ancestryCap)
	if err != nil {
		return nil, fmt.Errorf("ancestry of %s %s: %w", id, rev, err)
	}
	return all, nil
}

// walkAncestry walks parent and merged_from links breadth first; limit <= 0
// walks everything.
func walkAncestry(ctx context.Context, q querier, id, rev string, limit int) ([]string, error) {
	if rev == "" {
		return nil, nil
	}
	seen := map[string]bool{rev: true}
	out := []string{rev}
	queue := []string{rev}
	for len(queue) > 0 && (limit <= 0 || len(out) < limit) {
		r := queue[0]
		queue = queue[1:]
		var parent, merged string
		err := q.QueryRowContext(ctx, "SELECT parent, merged_from FROM revision_rows WHERE record_id = ? AND rev = ?", id, r).
			Scan(&parent, &merged)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, p := range []string{parent, merged} {
			if p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
				queue = append(queue, p)
			}
		}
	}
	// newest first: by generation, the walk order breaking ties
	sort.SliceStable(out[1:], func(i, j int) bool { return revGen(out[1+i]) > revGen(out[1+j]) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// IsAncestor reports whether older is newer or one of its ancestors.
func (s *Store) IsAncestor(ctx context.Context, id, older, newer string) (bool, error) {
	return isAncestor(ctx, s.rd, id, older, newer)
}

func (t *Tx) IsAncestor(ctx context.Context, id, older, newer string) (bool, error) {
	return isAncestor(ctx, t.tx, id, older, newer)
}

func isAncestor(ctx context.Context, q querier, id, older, newer string) (bool, error) {
	if older == "" || newer == "" {
		return false, nil
	}
	if older == newer {
		return true, nil
	}
	if revGen(older) >= revGen(newer) {
		return false, nil // generations only grow along a line
	}
	all, err := walkAncestry(ctx, q, id, newer, 0)
	if err != nil {
		return false, fmt.Errorf("is %s an ancestor of %s: %w", older, newer, err)
	}
	for _, r := range all {
		if r == older {
			return true, nil
		}
	}
	return false, nil
}

// RevisionBody returns the record as it was at rev (Meta: ID, Kind, Rev,
// UpdatedAt/By of that revision, Deleted). ErrNotFound when unknown.
func (s *Store) RevisionBody(ctx context.Context, id, rev string) (model.Record, error) {
	return revisionBody(ctx, s.rd, id, rev)
}

func (t *Tx) RevisionBody(ctx context.Context, id, rev string) (model.Record, error) {
	return revisionBody(ctx, t.tx, id, rev)
}

// revBodyFrom joins a revision (v, stored or the record's own row, schema
// 13) to its record (c) when its body is the record's current one, stored
// once (schema 2): coalesce(v.body, c.body) is then the stored body, for
// unpackBody.
const revBodyFrom = `revision_rows v LEFT JOIN records c ON v.body IS NULL AND c.id = v.record_id AND c.rev = v.rev`

func revisionBody(ctx context.Context, q querier, id, rev string) (model.Record, error) {
	var kind, at, by string
	var stored any
	var deleted bool
	err := q.QueryRowContext(ctx, `SELECT v.kind, coalesce(v.body, c.body), v.deleted, v.at, v.by FROM `+revBodyFrom+`
		WHERE v.record_id = ? AND v.rev = ?`, id, rev).Scan(&kind, &stored, &deleted, &at, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("revision %s of %s: %w", rev, id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("revision %s of %s: %w", rev, id, err)
	}
	body, err := unpackBody(stored)
	if err != nil {
		return nil, fmt.Errorf("revision %s of %s: %w", rev, id, err)
	}
	r, err := decodeBody(model.Kind(kind), body)
	if err != nil {
		return nil, fmt.Errorf("revision %s of %s: %w", rev, id, err)
	}
	*r.RecordMeta() = model.Meta{ID: id, Kind: model.Kind(kind), Rev: rev,
		UpdatedAt: parseTime(at), UpdatedBy: by, Deleted: deleted}
	return r, nil
}

// PutRevision stores a revision made elsewhere (an exported row's base
// revision, an incoming row) without making it current, so that ancestry
// and the last agreed body can be found later. Storing a revision already
// known changes nothing. body's Meta is ignored (Kind aside).
func (t *Tx) PutRevision(ctx context.Context, id, rev, parent string, body model.Record) error {
	if id == "" || revGen(rev) == 0 {
		return fmt.Errorf("put revision %q of %q: want an id and an N-hex revision", rev, id)
	}
	m := body.RecordMeta()
	if m.Kind == "" {
		m.Kind = kindOf(body)
	}
	if !m.Kind.Valid() {
		return fmt.Errorf("put revision %s of %s: unknown kind of %T", rev, id, body)
	}
	text, err := encodeBody(body)
	if err != nil {
		return fmt.Errorf("put revision %s of %s: %w", rev, id, err)
	}
	// Not when it is kept as the record's own row (made here or adopted).
	if _, err := t.exec(ctx, `INSERT OR IGNORE INTO revisions
		(record_id, rev, kind, parent, body, deleted, foreign_rev, at, by)
		SELECT ?, ?, ?, ?, ?, ?, 1, ?, ?
		WHERE NOT EXISTS (SELECT 1 FROM records WHERE id = ? AND rev = ? AND rev_implicit <> 0)`,
		id, rev, string(m.Kind), parent, packRevision(t.pk.dict(m.Kind), text), m.Deleted, fmtTime(time.Now()), m.UpdatedBy,
		id, rev); err != nil {
		return fmt.Errorf("put revision %s of %s: %w", rev, id, err)
	}
	return nil
}

// revGenSQL is revGen in SQL, of the column rev: what orders a record's
// revisions made at the same time (schema 12 keeps no insertion order).
const revGenSQL = "CAST(substr(rev, 1, instr(rev, '-') - 1) AS INTEGER)"
