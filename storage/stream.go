package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"taizhang/model"
)

// exportAncestry is how many revisions an export row carries.
const exportAncestry = 20

// EachRecord streams the live records of a kind, in id order, each with its
// revision ancestry (newest first), reading records and revisions side by
// side in one read transaction: memory stays flat however many rows there
// are, and the rows are one consistent snapshot.
func (s *Store) EachRecord(ctx context.Context, kind model.Kind, yield func(r model.Record, ancestry []string) error) error {
	tx, err := s.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("read %s: %w", kind, err)
	}
	defer tx.Rollback()
	recs, err := tx.QueryContext(ctx, "SELECT "+recordCols+" FROM records WHERE kind = ? AND deleted = 0 ORDER BY id", string(kind))
	if err != nil {
		return fmt.Errorf("read %s: %w", kind, err)
	}
	defer recs.Close()
	// Stored revisions, and those adopted from another machine that are
	// still the record's own row (schema 15): each side comes in id order,
	// and SQLite merges them without sorting.
	revs, err := tx.QueryContext(ctx, `SELECT record_id, rev, parent, merged_from FROM revisions WHERE kind = ?
		UNION ALL SELECT id, rev, coalesce(rev_parent, ''), '' FROM records WHERE kind = ? AND deleted = 0 AND rev_implicit = 2
		ORDER BY 1`, string(kind), string(kind))
	if err != nil {
		return fmt.Errorf("read %s revisions: %w", kind, err)
	}
	defer revs.Close()

	var pending *revLink // the first revision row not yet consumed
	next := func() (*revLink, error) {
		if !revs.Next() {
			return nil, revs.Err()
		}
		l := &revLink{}
		if err := revs.Scan(&l.id, &l.rev, &l.parent, &l.merged); err != nil {
			return nil, err
		}
		return l, nil
	}
	if pending, err = next(); err != nil {
		return fmt.Errorf("read %s revisions: %w", kind, err)
	}
	links := map[string]*revLink{}
	for recs.Next() {
		r, err := scanRecord(recs)
		if err != nil {
			return fmt.Errorf("read %s: %w", kind, err)
		}
		id := r.RecordMeta().ID
		clear(links)
		for pending != nil && pending.id <= id {
			if pending.id == id {
				links[pending.rev] = pending
			}
			if pending, err = next(); err != nil {
				return fmt.Errorf("read %s revisions: %w", kind, err)
			}
		}
		if err := yield(r, walkLinks(links, r.RecordMeta().Rev, exportAncestry)); err != nil {
			return err
		}
	}
	return recs.Err()
}

type revLink struct{ id, rev, parent, merged string }

// walkLinks is walkAncestry over revisions already in memory.
func walkLinks(links map[string]*revLink, rev string, limit int) []string {
	if rev == "" {
		return nil
	}
	seen := map[string]bool{rev: true}
	out := []string{rev}
	queue := []string{rev}
	for len(queue) > 0 {
		l := links[queue[0]]
		queue = queue[1:]
		if l == nil {
			continue
		}
		for _, p := range []string{l.parent, l.merged} {
			if p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
				queue = append(queue, p)
			}
		}
	}
	sort.SliceStable(out[1:], func(i, j int) bool { return revGen(out[1+i]) > revGen(out[1+j]) })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
