package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"taizhang/model"
)

// Get returns the record with its Meta; a tombstone comes back with
// Meta.Deleted set. ErrNotFound when the id is unknown.
func (s *Store) Get(ctx context.Context, id string) (model.Record, error) {
	return getRecord(ctx, s.rd, id)
}

// Get reads a record inside the transaction (seeing its writes).
func (t *Tx) Get(ctx context.Context, id string) (model.Record, error) {
	return getRecord(ctx, t.tx, id)
}

// recordCols is the column list scanRecord reads.
const recordCols = "id, kind, rev, body, deleted, updated_at, updated_by"

func scanRecord(sc interface{ Scan(...any) error }) (model.Record, error) {
	var (
		id, kind, rev, body, at, by string
		deleted                     bool
	)
	if err := sc.Scan(&id, &kind, &rev, &body, &deleted, &at, &by); err != nil {
		return nil, err
	}
	r, err := decodeBody(model.Kind(kind), body)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", id, err)
	}
	*r.RecordMeta() = model.Meta{ID: id, Kind: model.Kind(kind), Rev: rev,
		UpdatedAt: parseTime(at), UpdatedBy: by, Deleted: deleted}
	return r, nil
}

func getRecord(ctx context.Context, q querier, id string) (model.Record, error) {
	r, err := scanRecord(q.QueryRowContext(ctx, "SELECT "+recordCols+" FROM records WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("record %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get record %s: %w", id, err)
	}
	return r, nil
}

// FindByKey returns the record of kind whose natural key (model.NaturalKey)
// is key, preferring a live record over a tombstone and then the most
// recently updated. ErrNotFound when none.
func (s *Store) FindByKey(ctx context.Context, kind model.Kind, key string) (model.Record, error) {
	return findByKey(ctx, s.rd, kind, key)
}

func (t *Tx) FindByKey(ctx context.Context, kind model.Kind, key string) (model.Record, error) {
	return findByKey(ctx, t.tx, kind, key)
}

// findByKeySQL names its index: without statistics SQLite prefers any
// index that starts (kind, deleted) for the ORDER BY, and then walks every
// record of the kind for each row an import looks up (queryplan_test.go).
const findByKeySQL = "SELECT " + recordCols +
	" FROM records INDEXED BY records_kind_key WHERE kind = ? AND key = ? ORDER BY deleted, updated_at DESC LIMIT 1"

func findByKey(ctx context.Context, q querier, kind model.Kind, key string) (model.Record, error) {
	if key == "" {
		return nil, fmt.Errorf("%s with an empty key: %w", kind, ErrNotFound)
	}
	r, err := scanRecord(q.QueryRowContext(ctx, findByKeySQL, string(kind), key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s %q: %w", kind, key, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find %s %q: %w", kind, key, err)
	}
	return r, nil
}

// Save stores r as its own transaction; see Tx.Save.
// An edit of a copy read at an older revision is merged onto the current
// record; see Tx.rebase and StaleError.
func (s *Store) Save(ctx context.Context, r model.Record, by string) error {
	return s.Update(ctx, func(tx *Tx) error {
		merged, err := tx.rebase(ctx, r)
		if err != nil {
			return err
		}
		if err := tx.Save(ctx, merged, by, ""); err != nil {
			return err
		}
		if merged != r {
			// The caller's copy now holds what was stored.
			f, err := model.Fields(merged)
			if err != nil {
				return err
			}
			if err := model.SetFields(r, f); err != nil {
				return err
			}
			*r.RecordMeta() = *merged.RecordMeta()
		}
		return nil
	})
}

// Delete marks the record deleted (a tombstone with a new revision).
func (s *Store) Delete(ctx context.Context, id, by string) error {
	return s.Update(ctx, func(tx *Tx) error { return tx.Delete(ctx, id, by) })
}

// Delete makes the record a tombstone; deleting a tombstone changes nothing.
func (t *Tx) Delete(ctx context.Context, id, by string) error {
	r, err := t.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	r.RecordMeta().Deleted = true
	return t.Save(ctx, r, by, "")
}

// Save creates the record when its ID is empty or unknown (a given ID is
// kept), else updates it: r.Normalize() is called, a new revision is made on
// top of the current one, and every changed field goes to the history. A
// save that changes nothing makes no revision and no history. Meta.Deleted is
// part of the state: saving a tombstone with Deleted false restores it.
// On return r's Meta holds the stored ID, Kind, Rev and UpdatedAt/By.
// importID names the import that brought the change ("" for edits).
//
// Creating a record whose Meta.Rev names a revision stored with PutRevision
// builds on that revision, or adopts it when the body is the same: a record
// copied from another machine keeps its revision lineage.
func (t *Tx) Save(ctx context.Context, r model.Record, by, importID string) error {
	return t.save(ctx, r, by, importID, "")
}

// SaveMerged is Save for a revision that merges another line of edits:
// mergedFrom (typically the incoming row's revision, stored with PutRevision)
// becomes the new revision's second parent, so Ancestry and IsAncestor see
// that the incoming side has been taken in.
func (t *Tx) SaveMerged(ctx context.Context, r model.Record, by, importID, mergedFrom string) error {
	return t.save(ctx, r, by, importID, mergedFrom)
}

type currentRow struct {
	seq     int64
	kind    model.Kind
	rev     string
	body    string
	deleted bool
	// the record's first revision here is its own row: what it was made
	// (or adopted) at, by and from
	implicit  implicitRev
	createdAt string
	updatedBy string
	importID  sql.NullString
	// an adopted revision's parent and author (schema 15)
	revParent, revBy sql.NullString
}

// implicitRev is records.rev_implicit: whether the record's current
// revision is stored only as the record's own row, and how it came.
type implicitRev int

const (
	storedRev  implicitRev = 0 // a revisions row holds it
	madeRev    implicitRev = 1 // made here, the record's first (schema 13)
	adoptedRev implicitRev = 2 // made on another machine, adopted by an import (schema 15)
)

func (t *Tx) save(ctx context.Context, r model.Record, by, importID, mergedFrom string) (err error) {
	if r == nil || reflect.ValueOf(r).IsNil() {
		return errors.New("save: no record")
	}
	m := r.RecordMeta()
	if m.Kind == "" {
		m.Kind = kindOf(r)
	}
	if !m.Kind.Valid() || reflect.TypeOf(model.New(m.Kind)) != reflect.TypeOf(r) {
		return fmt.Errorf("save: record kind %q does not match %T", m.Kind, r)
	}
	pre := t.pre
	if pre == nil || pre.r != r {
		if pre, err = prepare(r, nil); err != nil {
			return err
		}
	}
	body, cols := pre.body, pre.cols
	dict := t.pk.dict(m.Kind)
	pre.packWith(dict)
	fresh := m.ID == "" // a new random id: nothing can be stored under it
	if fresh {
		m.ID = newID()
	}
	now := fmtTime(time.Now())
	imp := nullable(importID)
	var cur currentRow
	created := fresh || pre.absent
	if !created {
		var stored []byte
		err = t.queryRow(ctx, `SELECT seq, kind, rev, body, deleted, rev_implicit, created_at, updated_by, import_id, rev_parent, rev_by
			FROM records WHERE id = ?`, m.ID).
			Scan(&cur.seq, &cur.kind, &cur.rev, &stored, &cur.deleted, &cur.implicit, &cur.createdAt, &cur.updatedBy, &cur.importID,
				&cur.revParent, &cur.revBy)
		created = errors.Is(err, sql.ErrNoRows)
		if err != nil && !created {
			return fmt.Errorf("save %s: %w", m.ID, err)
		}
		if !created {
			text, err := unpackText(stored)
			if err != nil {
				return fmt.Errorf("save %s: %w", m.ID, err)
			}
			cur.body = string(text)
		}
	}

	var rev, parent string
	adopted := false
	toldByRevision := false // the creation's history is its revision row
	if a := t.adopt; a != nil && a.id == m.ID {
		// The body must be the revision's own: its name hashes it.
		if !created || pre.nextRev(a.parent) != a.rev {
			return errNotAdopted
		}
		rev, parent, adopted = a.rev, a.parent, true
	} else if created {
		rev, parent, err = t.creationRev(ctx, m, pre)
		if err != nil {
			return err
		}
	} else {
		if cur.kind != m.Kind {
			return fmt.Errorf("save %s: record is a %s, not a %s", m.ID, cur.kind, m.Kind)
		}
		if cur.body == body && cur.deleted == m.Deleted && mergedFrom == "" {
			return t.fillMeta(ctx, m) // nothing changed
		}
		parent = cur.rev
		rev = pre.nextRev(parent)
	}

	if !created {
		// The body stored once (NULL) is about to leave records: keep it,
		// packed; a first revision that was the record's own row gets one,
		// and an adopted one the history row of its creation here.
		var err error
		switch cur.implicit {
		case madeRev:
			_, err = t.exec(ctx, `INSERT INTO revisions
				(record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body)
				VALUES (?, ?, ?, '', '', ?, 0, ?, ?, ?, ?)`,
				m.ID, cur.rev, string(cur.kind), cur.deleted, cur.createdAt, cur.updatedBy, cur.importID, packRevision(dict, cur.body))
		case adoptedRev:
			if _, err = t.exec(ctx, `INSERT INTO changes (record_id, rev, field, old, new, by, at, import_id)
				VALUES (?, ?, '', '', ?, ?, ?, ?)`, m.ID, cur.rev, HistCreated, cur.updatedBy, cur.createdAt, cur.importID); err != nil {
				return fmt.Errorf("save %s: history: %w", m.ID, err)
			}
			_, err = t.exec(ctx, `INSERT INTO revisions
				(record_id, rev, kind, parent, merged_from, deleted, foreign_rev, at, by, import_id, body)
				VALUES (?, ?, ?, ?, '', ?, 1, ?, ?, NULL, ?)`,
				m.ID, cur.rev, string(cur.kind), cur.revParent.String, cur.deleted, cur.createdAt, cur.revBy, packRevision(dict, cur.body))
		default:
			_, err = t.exec(ctx, "UPDATE revisions SET body = ? WHERE record_id = ? AND rev = ? AND body IS NULL",
				packRevision(dict, cur.body), m.ID, cur.rev)
		}
		if err != nil {
			return fmt.Errorf("save %s: revision %s: %w", m.ID, cur.rev, err)
		}
	}
	implicit := storedRev
	var revBy any // an adopted revision's author
	if adopted {
		// The revision made elsewhere is the record's own row, as is its
		// creation here (History reads both from records).
		implicit, toldByRevision, revBy = adoptedRev, true, m.UpdatedBy
	} else if created && parent == "" && mergedFrom == "" && (fresh || !t.revisionStored(ctx, m.ID, rev)) {
		// A record made here: its first revision is its own row.
		implicit, toldByRevision = madeRev, true
	} else {
		// OR IGNORE: an adopted or identical foreign revision is already
		// stored (with its body). A new one's body is the record's (NULL).
		res, err := t.exec(ctx, `INSERT OR IGNORE INTO revisions
			(record_id, rev, kind, parent, merged_from, body, deleted, at, by, import_id)
			VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
			m.ID, rev, string(m.Kind), parent, mergedFrom, m.Deleted, now, by, imp)
		if err != nil {
			return fmt.Errorf("save %s: revision: %w", m.ID, err)
		}
		if n, err := res.RowsAffected(); created && err == nil && n == 1 {
			toldByRevision = true
		}
	}
	key := model.NaturalKey(r)
	var rowHash int64
	if pre.digest != 0 {
		rowHash = rowStamp(pre.digest, rev)
	}
	var seq int64
	if created {
		res, err := t.exec(ctx, `INSERT INTO records
			(id, kind, rev, key, body, deleted, created_at, updated_at, updated_by,
			status, lead_unit, source, deadline, day, open, due, row_hash, rev_implicit, import_id, units, rev_parent, rev_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.ID, string(m.Kind), rev, key, pre.storedBody, m.Deleted, now, now, by,
			cols.status, cols.leadUnit, cols.source, cols.deadline, cols.day, cols.open, cols.due, rowHash,
			implicit, implicitImport(implicit, imp), cols.units, nullable(parentIf(implicit, parent)), revBy)
		if err != nil {
			return fmt.Errorf("save %s: %w", m.ID, err)
		}
		if seq, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("save %s: %w", m.ID, err)
		}
	} else {
		seq = cur.seq
		if _, err := t.exec(ctx, `UPDATE records SET rev = ?, key = ?, body = ?, deleted = ?,
			updated_at = ?, updated_by = ?, status = ?, lead_unit = ?, source = ?, deadline = ?, day = ?,
			open = ?, due = ?, row_hash = ?, rev_implicit = 0, import_id = NULL, units = ?,
			rev_parent = NULL, rev_by = NULL WHERE seq = ?`,
			rev, key, pre.storedBody, m.Deleted, now, by,
			cols.status, cols.leadUnit, cols.source, cols.deadline, cols.day, cols.open, cols.due, rowHash, cols.units, seq); err != nil {
			return fmt.Errorf("save %s: %w", m.ID, err)
		}
	}
	if err := t.writeHistory(ctx, m.ID, rev, cur, created, toldByRevision, body, m.Deleted, by, now, imp); err != nil {
		return fmt.Errorf("save %s: history: %w", m.ID, err)
	}
	if err := t.indexSearch(ctx, seq, !created, pre.text, m.Deleted); err != nil {
		return fmt.Errorf("save %s: search index: %w", m.ID, err)
	}
	if err := t.writeFacts(ctx, seq, !created, m.Kind, pre.storedFacts); err != nil {
		return fmt.Errorf("save %s: figure facts: %w", m.ID, err)
	}
	if dict == nil && !m.Deleted {
		if err := t.sampleBody(ctx, m.Kind, body); err != nil {
			return fmt.Errorf("save %s: %w", m.ID, err)
		}
	}
	m.Rev, m.UpdatedAt, m.UpdatedBy = rev, parseTime(now), by
	return nil
}

// adoption names the revision a record about to be created takes.
type adoption struct{ id, rev, parent string }

// errNotAdopted: the record's body is not the revision's to adopt; nothing
// was written.
var errNotAdopted = errors.New("body is not that revision's")

// createAdopted creates r at revision rev (child of parent) made on another
// machine, when r's body is exactly that revision's: the body is stored
// once, as for any current revision, instead of packed in revisions and
// again in records. errNotAdopted (nothing written) when it is not.
func (t *Tx) createAdopted(ctx context.Context, r model.Record, by, importID, rev, parent string) error {
	t.adopt = &adoption{id: r.RecordMeta().ID, rev: rev, parent: parent}
	defer func() { t.adopt = nil }()
	return t.save(ctx, r, by, importID, "")
}

// creationRev chooses the first local revision of a new record: building on
// (or adopting) a foreign revision named by m.Rev when it was stored, else
// generation 1.
func (t *Tx) creationRev(ctx context.Context, m *model.Meta, pre *prepared) (rev, parent string, err error) {
	body := pre.body
	if m.Rev != "" {
		var stored any
		var fdel bool
		err := t.queryRow(ctx, "SELECT v.body, v.deleted FROM revisions v WHERE v.record_id = ? AND v.rev = ?",
			m.ID, m.Rev).Scan(&stored, &fdel)
		var fbody string
		if err == nil {
			if fbody, err = unpackBody(stored); err != nil {
				return "", "", fmt.Errorf("save %s: %w", m.ID, err)
			}
		}
		switch {
		case err == nil && fbody == body && fdel == m.Deleted:
			return m.Rev, "", nil // adopt: same revision as the other machine
		case err == nil:
			return pre.nextRev(m.Rev), m.Rev, nil
		case !errors.Is(err, sql.ErrNoRows):
			return "", "", fmt.Errorf("save %s: %w", m.ID, err)
		}
	}
	return pre.nextRev(""), "", nil
}

// fillMeta sets m from the stored row (after a save that changed nothing).
func (t *Tx) fillMeta(ctx context.Context, m *model.Meta) error {
	var at string
	err := t.queryRow(ctx, "SELECT rev, updated_at, updated_by FROM records WHERE id = ?", m.ID).
		Scan(&m.Rev, &at, &m.UpdatedBy)
	if err != nil {
		return fmt.Errorf("save %s: %w", m.ID, err)
	}
	m.UpdatedAt = parseTime(at)
	return nil
}

// kindOf finds the kind of a record built without model.New.
func kindOf(r model.Record) model.Kind {
	for _, k := range model.Kinds() {
		if reflect.TypeOf(model.New(k)) == reflect.TypeOf(r) {
			return k
		}
	}
	return ""
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// sortedKeys returns the union of both bodies' keys in order.
func sortedKeys(a, b fields) []string {
	out := make([]string, 0, max(len(a), len(b)))
	for _, f := range []fields{a, b} {
		for _, e := range f {
			out = append(out, e.key)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// revisionStored reports whether the revisions table holds rev of id (a
// failed look-up says it does: the caller then stores nothing new).
func (t *Tx) revisionStored(ctx context.Context, id, rev string) bool {
	var n int
	err := t.queryRow(ctx, "SELECT count(*) FROM revisions WHERE record_id = ? AND rev = ?", id, rev).Scan(&n)
	return err != nil || n > 0
}

// implicitImport is records.import_id: the import that made a record whose
// first revision is its own row, NULL otherwise.
func implicitImport(implicit implicitRev, imp any) any {
	if implicit == storedRev {
		return nil
	}
	return imp
}

// parentIf is an adopted revision's parent, kept in records.rev_parent.
func parentIf(implicit implicitRev, parent string) string {
	if implicit != adoptedRev {
		return ""
	}
	return parent
}

// Empty reports whether the store holds no record at all.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.rd.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM records LIMIT 1)").Scan(&n); err != nil {
		return false, fmt.Errorf("records: %w", err)
	}
	return n == 0, nil
}
