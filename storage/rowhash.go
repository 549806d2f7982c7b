package storage

import (
	"context"
	"fmt"
	"math"
	"reflect"

	"taizhang/model"
)

// A re-import of an unchanged ledger used to find, decode and compare the
// local record of every row: 100,000 rows spent most of their time there.
// A record made from a row now keeps that row's digest, bound to the
// revision it made (records.row_hash): the same row met again while the
// record still stands at that revision changes nothing, which the planner
// tells from the row and one narrow look-up.

// rowDigest is a digest of everything the planner decides an incoming row
// from, besides the local record: the record as read (its fields, hidden
// id and kind; not the rest of Meta), the revision it was exported at and
// its ancestry, the fields and unit roles its sheet carries. A task's
// deadline day is left out when its text is there: the planner keeps the
// local day for a text that did not change (keepDeadlineDate), so a day
// resolved differently this time (another file date) changes nothing.
func rowDigest(in *model.Incoming) uint64 {
	d := newDigest()
	rec := in.Record
	m := rec.RecordMeta()
	d.str(string(m.Kind))
	d.str(m.ID)
	d.str(in.BaseRev)
	d.strs(in.Ancestry)
	d.strs(in.Fields)
	d.int(len(in.UnitRoles))
	for _, r := range in.UnitRoles {
		d.str(string(r))
	}
	if t, ok := rec.(*model.Task); ok && t.Deadline.Text != "" {
		c := *t
		c.Deadline.Due, c.Deadline.Type = model.Date{}, ""
		rec = &c
	}
	v := reflect.ValueOf(rec).Elem()
	for i := range v.NumField() {
		if v.Type().Field(i).Type == metaType {
			continue
		}
		d.value(v.Field(i))
	}
	return uint64(d)
}

// pendingStamp is a row found unchanged by its record at rev the long way.
type pendingStamp struct {
	id, rev string
	stamp   int64
}

// stampRows remembers on each record the row found unchanged by it, so
// that the next import of that row is decided from its digest: records an
// older version stored, or edited since their row was read, carry none.
// A stamp is not data (no revision, no history, no write token: a plan
// made before stays current); one whose record moved on since is dropped.
func (s *Store) stampRows(ctx context.Context, stamps []pendingStamp) error {
	if len(stamps) == 0 {
		return nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wr.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("stamp rows: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, "UPDATE records SET row_hash = ? WHERE id = ? AND rev = ?")
	if err != nil {
		return fmt.Errorf("stamp rows: %w", err)
	}
	defer st.Close()
	for _, p := range stamps {
		if _, err := st.ExecContext(ctx, p.stamp, p.id, p.rev); err != nil {
			return fmt.Errorf("stamp rows: %w", err)
		}
	}
	return tx.Commit()
}

// rowStamp is what records.row_hash holds for a record at rev made from a
// row of that digest (never 0, which means none).
func rowStamp(digest uint64, rev string) int64 {
	d := digestOf(digest)
	d.str(rev)
	if d == 0 {
		d = 1
	}
	return int64(d)
}

// digest is 64-bit FNV-1a over a tagged encoding of values: stable across
// runs and machines (the digest is stored), cheap to compute for every row.
type digest uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newDigest() digest { return fnvOffset }

func digestOf(v uint64) digest {
	d := newDigest()
	d.u64(v)
	return d
}

func (d *digest) byte(b byte) { *d = (*d ^ digest(b)) * fnvPrime }

func (d *digest) u64(v uint64) {
	for range 8 {
		d.byte(byte(v))
		v >>= 8
	}
}

func (d *digest) int(n int) { d.u64(uint64(n)) }

func (d *digest) str(s string) {
	d.int(len(s))
	for i := 0; i < len(s); i++ {
		d.byte(s[i])
	}
}

func (d *digest) strs(ss []string) {
	d.int(len(ss))
	for _, s := range ss {
		d.str(s)
	}
}

// value walks any field of a record, unexported parts included (model.Date
// keeps its day unexported); each kind is tagged so that no two values
// encode alike.
func (d *digest) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		d.byte('s')
		d.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			d.byte('T')
		} else {
			d.byte('F')
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.byte('i')
		d.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.byte('u')
		d.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		d.byte('f')
		d.u64(math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			d.byte('n')
			return
		}
		d.byte('p')
		d.value(v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			d.byte('n')
			return
		}
		d.byte('[')
		d.int(v.Len())
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	case reflect.Struct:
		d.byte('{')
		d.int(v.NumField())
		for i := range v.NumField() {
			d.value(v.Field(i))
		}
	case reflect.Map:
		if v.IsNil() {
			d.byte('n')
			return
		}
		// entries in no particular order: each hashed alone, then summed
		d.byte('m')
		d.int(v.Len())
		var sum uint64
		it := v.MapRange()
		for it.Next() {
			e := newDigest()
			e.value(it.Key())
			e.value(it.Value())
			sum += uint64(e)
		}
		d.u64(sum)
	default:
		// channels, funcs: no record holds one; tagged by kind alone
		d.byte('?')
		d.str(v.Kind().String())
	}
}
