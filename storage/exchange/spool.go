package exchange

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	gojson "github.com/goccy/go-json"
	"github.com/klauspost/compress/s2"

	"taizhang/model"
)

// spool keeps the rows a plan may read again (the new rows of kinds the
// store has none of: Planner.MayLetGo) as the planning read gave them,
// packed, so that applying the plan takes them from memory instead of
// reading and parsing the workbooks a second time. At 100,000 rows that
// read cost 3.7 s of CPU (inflating and scanning the sheet XML, then every
// cell); packing and unpacking the rows costs 1.3 s, and 20 MB.
//
// Rows are encoded in order into blocks of about spoolBlock bytes, each
// compressed with S2. Past the budget the spool gives up and frees what it
// held: the plan then reads its files again as before, so a very large
// import keeps its memory bounded.
type spool struct {
	mu     sync.Mutex
	blocks [][]byte // S2 blocks of rows
	cur    []byte   // rows not yet packed
	packed []byte   // the buffer blocks are packed in
	size   int      // bytes in blocks
	rows   int
	over   bool // past the budget: nothing held
	budget int

	// A sheet's rows share their field and role lists: each distinct list
	// is held once, a row gives its index.
	fields [][]string
	roles  [][]model.Role
}

const (
	spoolBlock  = 256 << 10
	spoolBudget = 64 << 20
)

func newSpool(budget int) *spool { return &spool{budget: budget} }

// add appends a row; called in the order the rows are read.
func (s *spool) add(in model.Incoming) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.over {
		return nil
	}
	rec, err := gojson.Marshal(in.Record)
	if err != nil {
		return fmt.Errorf("spool %s row %d: %w", in.Ref.Sheet, in.Ref.Row, err)
	}
	b := s.cur
	b = appendString(b, string(in.Record.RecordMeta().Kind))
	b = appendString(b, in.Ref.File)
	b = appendString(b, in.Ref.Sheet)
	b = binary.AppendVarint(b, int64(in.Ref.Row))
	b = binary.AppendVarint(b, int64(in.Ref.Part))
	b = appendString(b, in.BaseRev)
	b = binary.AppendUvarint(b, uint64(len(in.Ancestry)))
	for _, a := range in.Ancestry {
		b = appendString(b, a)
	}
	b = binary.AppendVarint(b, int64(s.fieldsIndex(in.Fields)))
	b = binary.AppendVarint(b, int64(s.rolesIndex(in.UnitRoles)))
	b = appendString(b, string(rec))
	s.cur = b
	s.rows++
	if len(s.cur) >= spoolBlock {
		s.pack()
	}
	return nil
}

// pack compresses the gathered rows into a block; past the budget it lets
// everything go.
func (s *spool) pack() {
	if len(s.cur) == 0 {
		return
	}
	s.packed = s2.Encode(s.packed[:cap(s.packed)], s.cur)
	block := slices.Clone(s.packed) // Encode's buffer is the block's worst case, several times its size
	s.cur = s.cur[:0]
	s.blocks = append(s.blocks, block)
	s.size += len(block)
	if s.size > s.budget {
		s.over = true
		s.blocks, s.cur, s.packed, s.fields, s.roles = nil, nil, nil, nil, nil
	}
}

// close packs the last rows; the spool is complete unless it went over.
func (s *spool) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.over {
		s.pack()
		s.cur, s.packed = nil, nil
	}
}

// usable reports whether the spool holds every row read.
func (s *spool) usable() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.over
}

// fieldsIndex is the index of the list in s.fields, -1 for nil.
func (s *spool) fieldsIndex(f []string) int {
	if f == nil {
		return -1
	}
	for i := len(s.fields) - 1; i >= 0; i-- { // the newest is the likeliest
		if slices.Equal(s.fields[i], f) {
			return i
		}
	}
	s.fields = append(s.fields, slices.Clone(f))
	return len(s.fields) - 1
}

func (s *spool) rolesIndex(r []model.Role) int {
	if r == nil {
		return -1
	}
	for i := len(s.roles) - 1; i >= 0; i-- {
		if slices.Equal(s.roles[i], r) {
			return i
		}
	}
	s.roles = append(s.roles, slices.Clone(r))
	return len(s.roles) - 1
}

// take gives the spool's rows to yield in order, letting each block go once
// read: the spool is used once (a second apply reads the files).
func (s *spool) take(yield func(model.Incoming) error) error {
	s.mu.Lock()
	blocks, fields, roles := s.blocks, s.fields, s.roles
	s.blocks, s.over = nil, true
	s.mu.Unlock()
	var buf []byte
	for i := range blocks {
		raw, err := s2.Decode(buf, blocks[i])
		if err != nil {
			return fmt.Errorf("spool: %w", err)
		}
		blocks[i] = nil
		buf = raw
		for d := (decoder{b: raw}); len(d.b) > 0; {
			in, err := d.row(fields, roles)
			if err != nil {
				return err
			}
			if err := yield(in); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errSpoolDamaged = errors.New("spool: a row is damaged")

type decoder struct {
	b   []byte
	err error
}

// skip passes the n bytes a varint took; n <= 0 (binary's "no varint
// here") damages the row.
func (d *decoder) skip(n int) bool {
	if n <= 0 {
		d.err, d.b = errSpoolDamaged, nil
		return false
	}
	d.b = d.b[n:]
	return true
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if !d.skip(n) {
		return 0
	}
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if !d.skip(n) {
		return 0
	}
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err, d.b = errSpoolDamaged, nil
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }

func (d *decoder) row(fields [][]string, roles [][]model.Role) (model.Incoming, error) {
	var in model.Incoming
	kind := model.Kind(d.string())
	in.Ref.File = d.string()
	in.Ref.Sheet = d.string()
	in.Ref.Row = int(d.varint())
	in.Ref.Part = int(d.varint())
	in.BaseRev = d.string()
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) {
		in.Ancestry = make([]string, n)
		for i := range in.Ancestry {
			in.Ancestry[i] = d.string()
		}
	}
	if i := d.varint(); i >= 0 && i < int64(len(fields)) {
		in.Fields = fields[i]
	}
	if i := d.varint(); i >= 0 && i < int64(len(roles)) {
		in.UnitRoles = roles[i]
	}
	rec := d.bytes()
	if d.err != nil {
		return in, d.err
	}
	in.Record = model.New(kind)
	if in.Record == nil {
		return in, fmt.Errorf("spool: %q: %w", kind, errSpoolDamaged)
	}
	if err := gojson.Unmarshal(rec, in.Record); err != nil {
		return in, fmt.Errorf("spool %s row %d: %w", in.Ref.Sheet, in.Ref.Row, err)
	}
	return in, nil
}
