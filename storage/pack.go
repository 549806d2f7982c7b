package storage

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"modernc.org/sqlite"

	"taizhang/model"
)

// Stored text (records.body, facts.data, revisions.body) is packed once its
// kind has a dictionary (schema 11): compressed with a dictionary of the
// kind's own bodies, stored in the dicts table. A 100,000-row ledger's
// bodies are 134 MB of JSON whose keys and much of whose words repeat from
// row to row; each body compressed on its own, with nothing to refer back
// to, shrank to 0.6 (flate and zstd alike), with a dictionary of 64 of the
// ledger's rows to 0.16 (zstd) or 0.18 (S2). Until a transaction has stored
// dictSample bodies of a kind as text, the kind has no dictionary and
// bodies stay text: a store filled by hand stays readable by any SQLite
// tool.
//
// New values are S2 blocks: 2.7 µs a body to pack against zstd's 11.5,
// and about 2 µs to unpack with its check, as zstd took (the bench's
// bodies, docs/bench.md "Round 7").
// zstd resets its 256 KB match table from the dictionary's for every value,
// which made packing a tenth of an import's CPU. S2 has no entropy coding,
// so text that repeats less packs worse (random Chinese: 0.48 against 0.39).
//
// A stored value is told by its first byte: packedV1 raw DEFLATE (revision
// bodies before schema 11), packedZstd a zstd frame, whose header names its
// dictionary (values packed before S2); packedS2 the dictionary's id (4
// bytes, big-endian), the CRC-32C of the text (4 bytes) and an S2 block;
// anything else, JSON text.
const (
	packedZstd = 2
	packedS2   = 3
)

// dictSample is how many text bodies of a kind a transaction stores before
// it makes the kind's dictionary of them (Store.packAfter; the test suite
// sets 2 with TAIZHANG_PACK_AFTER, so that every test reads packed bodies);
// dictMax caps its size.
const (
	dictSample = 64
	dictMax    = s2.MaxDictSize
)

// dictionary is one row of the dicts table with its S2 dictionary.
type dictionary struct {
	id   uint32
	kind model.Kind
	data []byte
	s2   *s2.Dict // of data's last s2.MaxDictSize bytes (an older dictionary may be longer)
}

// pack compresses stored text with d.
func (d *dictionary) pack(text []byte) []byte {
	buf := packBufs.Get().(*[]byte)
	block := d.s2.Encode(*buf, text)
	out := make([]byte, 9+len(block))
	out[0] = packedS2
	binary.BigEndian.PutUint32(out[1:], d.id)
	binary.BigEndian.PutUint32(out[5:], crc32.Checksum(text, castagnoli))
	copy(out[9:], block)
	if cap(block) <= 1<<20 { // a huge body's buffer is not kept
		*buf = block[:0]
	}
	packBufs.Put(buf)
	return out
}

var packBufs = sync.Pool{New: func() any { return new([]byte) }}

// castagnoli is the CRC of a packed value's text: an S2 block carries no
// check of its own, and a damaged page must not read as other words
// (Check, CheckFile). The CPU computes it: 0.1 µs a body.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// s2Dict is the S2 dictionary of a dictionary's data: its last
// s2.MaxDictSize bytes, repeats from their start. S2 wants 16 bytes at
// least; shorter data (two tiny bodies) is padded in front, the same way
// when packing and unpacking.
func s2Dict(data []byte) *s2.Dict {
	if len(data) > s2.MaxDictSize {
		data = data[len(data)-s2.MaxDictSize:]
	}
	if len(data) < s2.MinDictSize {
		data = append(make([]byte, s2.MinDictSize-len(data)), data...)
	}
	return s2.MakeDictManual(data, 0)
}

// dictID names a dictionary by its content, so the same id always means
// the same bytes: in the store that made it, in a backup, and in this
// process's registry (a transaction that made one and rolled back leaves
// nothing an id could be confused with). zstd keeps ids below 32768 for
// registered dictionaries and from 2^31 for itself.
func dictID(data []byte) uint32 {
	h := sha256.Sum256(data)
	return 32768 + binary.BigEndian.Uint32(h[:4])%(1<<31-32768)
}

// newDictionary makes kind's dictionary of sample bodies: the last of them
// first kept when they are more than dictMax.
func newDictionary(kind model.Kind, samples [][]byte) *dictionary {
	from, size := len(samples), 0
	for from > 0 && size+len(samples[from-1]) <= dictMax {
		from--
		size += len(samples[from])
	}
	data := make([]byte, 0, size)
	for _, b := range samples[from:] {
		data = append(data, b...)
	}
	return &dictionary{id: dictID(data), kind: kind, data: data}
}

// errDictClash: two dictionaries' contents hash to the same id (31 bits:
// about one chance in a hundred million for a store of a few dozen).
var errDictClash = errors.New("another dictionary has this id")

// dictRegistry holds the dictionaries this process has read or made, by
// id, with one decoder that knows them all. It is the package's one piece
// of shared state, for the same reason as the driver's functions: SQL
// (tz_text, below) unpacks bodies inside queries of any connection, and ids
// name content, so every store in the process can share it.
type dictRegistry struct {
	mu    sync.RWMutex
	byID  map[uint32]*dictionary
	dec   *zstd.Decoder
	files map[string]int // database files open in this process, for dictionaries made by another
}

var dictionaries = &dictRegistry{byID: map[uint32]*dictionary{}, files: map[string]int{}}

func init() {
	// tz_text(x) is a stored value as text, for SQL that reads into bodies
	// (json_extract, instr, LIKE).
	sqlite.MustRegisterDeterministicScalarFunction("tz_text", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case nil:
			return nil, nil
		case string:
			return v, nil
		case []byte:
			b, err := dictionaries.unpack(v)
			if err != nil {
				return nil, err
			}
			return string(b), nil
		}
		return args[0], nil
	})
}

// add registers d (made here or read from a database) and gives the
// registered dictionary of its id, with its encoder.
func (r *dictRegistry) add(d *dictionary) (*dictionary, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if have, ok := r.byID[d.id]; ok {
		if !bytes.Equal(have.data, d.data) {
			return nil, fmt.Errorf("dictionary %d: %w", d.id, errDictClash)
		}
		return have, nil
	}
	opts := []zstd.DOption{zstd.WithDecoderConcurrency(0), zstd.WithDecoderDictRaw(d.id, d.data)}
	for _, o := range r.byID {
		opts = append(opts, zstd.WithDecoderDictRaw(o.id, o.data))
	}
	dec, err := zstd.NewReader(nil, opts...)
	if err != nil {
		return nil, fmt.Errorf("dictionary %d: %w", d.id, err)
	}
	// The old decoder is not closed: a reader may be using it. It holds
	// no goroutines (DecodeAll only) and goes with the garbage.
	d = &dictionary{id: d.id, kind: d.kind, data: d.data, s2: s2Dict(d.data)}
	r.byID[d.id], r.dec = d, dec
	return d, nil
}

// unpack gives stored text as JSON. A frame made with a dictionary this
// process has not read (another program added it to an open database)
// sends it to read the open databases' dictionaries again, once.
func (r *dictRegistry) unpack(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, errors.New("stored text: empty")
	}
	switch b[0] {
	case packedV1:
		out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b[1:])))
		if err != nil {
			return nil, fmt.Errorf("stored text: %w", err)
		}
		return out, nil
	case packedS2:
		out, err := r.decodeS2(b)
		if errors.Is(err, zstd.ErrUnknownDictionary) {
			r.reload()
			out, err = r.decodeS2(b)
		}
		if err != nil {
			return nil, fmt.Errorf("stored text: %w", err)
		}
		return out, nil
	case packedZstd:
		out, err := r.decode(b[1:])
		if errors.Is(err, zstd.ErrUnknownDictionary) {
			r.reload()
			out, err = r.decode(b[1:])
		}
		if err != nil {
			return nil, fmt.Errorf("stored text: %w", err)
		}
		return out, nil
	}
	return b, nil // text, as JSON may start
}

func (r *dictRegistry) decode(b []byte) ([]byte, error) {
	r.mu.RLock()
	dec := r.dec
	r.mu.RUnlock()
	if dec == nil {
		return nil, zstd.ErrUnknownDictionary
	}
	return dec.DecodeAll(b, make([]byte, 0, 4*len(b)))
}

func (r *dictRegistry) decodeS2(b []byte) ([]byte, error) {
	if len(b) < 9 {
		return nil, errors.New("packed value cut short")
	}
	r.mu.RLock()
	d := r.byID[binary.BigEndian.Uint32(b[1:5])]
	r.mu.RUnlock()
	if d == nil {
		return nil, zstd.ErrUnknownDictionary
	}
	out, err := d.s2.Decode(nil, b[9:])
	if err != nil {
		return nil, err
	}
	if crc32.Checksum(out, castagnoli) != binary.BigEndian.Uint32(b[5:9]) {
		return nil, errors.New("packed value damaged (its check does not match)")
	}
	return out, nil
}

// reload reads the dictionaries of every database open in this process, on
// a connection of its own (the caller may hold a pooled one).
func (r *dictRegistry) reload() {
	r.mu.RLock()
	var files []string
	for f := range r.files {
		files = append(files, f)
	}
	r.mu.RUnlock()
	for _, f := range files {
		db, err := sql.Open("sqlite", dsn(f, "mode=ro&_pragma=busy_timeout(5000)"))
		if err != nil {
			continue
		}
		loadDictionaries(context.Background(), db) // a failure leaves the frame unread: the caller tells
		db.Close()
	}
}

// opened and closed keep the list of open database files reload reads.
func (r *dictRegistry) opened(file string) {
	r.mu.Lock()
	r.files[file]++
	r.mu.Unlock()
}

func (r *dictRegistry) closed(file string) {
	r.mu.Lock()
	if r.files[file]--; r.files[file] <= 0 {
		delete(r.files, file)
	}
	r.mu.Unlock()
}

// loadDictionaries registers the dictionaries of the database q reads and
// gives each kind's newest, the one its new bodies are packed with. A file
// from before schema 11 has none.
func loadDictionaries(ctx context.Context, q querier) (map[model.Kind]*dictionary, error) {
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'dicts'").Scan(&n); err != nil {
		return nil, fmt.Errorf("dictionaries: %w", err)
	}
	byKind := map[model.Kind]*dictionary{}
	if n == 0 {
		return byKind, nil
	}
	rows, err := q.QueryContext(ctx, "SELECT id, kind, data FROM dicts ORDER BY rowid")
	if err != nil {
		return nil, fmt.Errorf("dictionaries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d := &dictionary{}
		var kind string
		if err := rows.Scan(&d.id, &kind, &d.data); err != nil {
			return nil, fmt.Errorf("dictionaries: %w", err)
		}
		d.kind = model.Kind(kind)
		if dictID(d.data) != d.id {
			return nil, fmt.Errorf("dictionary %d: damaged (its content has another id)", d.id)
		}
		if d, err = dictionaries.add(d); err != nil {
			return nil, err
		}
		byKind[d.kind] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dictionaries: %w", err)
	}
	return byKind, nil
}

// unpackText is stored text (records.body, facts.data, a revision's body)
// as JSON.
func unpackText(b []byte) ([]byte, error) { return dictionaries.unpack(b) }

// packing is the dictionaries a write transaction packs with: the store's,
// and those it makes, which reach the store when it commits. The preparing
// and writing goroutines of an import both ask it.
type packing struct {
	mu      sync.Mutex
	store   map[model.Kind]*dictionary
	made    []*dictionary
	samples map[model.Kind][][]byte
	after   int // dictSample, or the store's setting
}

func (p *packing) dict(kind model.Kind) *dictionary {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.made) - 1; i >= 0; i-- {
		if p.made[i].kind == kind {
			return p.made[i]
		}
	}
	return p.store[kind]
}

// sample keeps a body of a kind without a dictionary, and once there are
// dictSample of them makes the kind's dictionary, to be stored by the
// caller (nil until then).
func (p *packing) sample(kind model.Kind, body []byte) (*dictionary, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.samples == nil {
		p.samples = map[model.Kind][][]byte{}
	}
	s := append(p.samples[kind], body)
	if len(s) < p.after {
		p.samples[kind] = s
		return nil, nil
	}
	delete(p.samples, kind)
	d, err := dictionaries.add(newDictionary(kind, s))
	if errors.Is(err, errDictClash) {
		return nil, nil // bodies stay text: nothing is lost but space
	}
	if err != nil {
		return nil, err
	}
	p.made = append(p.made, d)
	return d, nil
}

// sampleBody keeps a body stored as text for its kind's dictionary, and
// stores the dictionary once it is made.
func (t *Tx) sampleBody(ctx context.Context, kind model.Kind, body string) error {
	if t.pk == nil {
		return nil
	}
	d, err := t.pk.sample(kind, []byte(body))
	if d == nil || err != nil {
		return err
	}
	if _, err := t.exec(ctx, "INSERT OR IGNORE INTO dicts (id, kind, data, made_at) VALUES (?, ?, ?, ?)",
		d.id, string(d.kind), d.data, fmtTime(time.Now())); err != nil {
		return fmt.Errorf("dictionary: %w", err)
	}
	return nil
}

// packRevision packs the body of a revision that is not (or no longer) a
// record's current one: with the kind's dictionary, or DEFLATE without one.
func packRevision(d *dictionary, body string) []byte {
	if d != nil {
		return d.pack([]byte(body))
	}
	return packBody(body)
}
