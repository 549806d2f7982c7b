package storage

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"

	"taizhang/model"
)

// timeFormat is RFC 3339 with a fixed nine-digit fraction, so stored times
// sort as text.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// newID is a time-ordered (version 7, RFC 9562) UUID: the milliseconds
// since 1970, then random bits. Records are looked up by id through four
// indexes (records, revisions); ids that grow as records are made are
// appended to them, where random ones landed all over each index: a page
// read, split and written back for nearly every row of a large import.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[6:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	ms := uint64(time.Now().UnixMilli())
	for i := range 6 {
		b[i] = byte(ms >> (40 - 8*i))
	}
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// metaKeys are the JSON names of Meta's fields, which live in columns, not
// in the body. "kind" is handled apart: a Meeting's own Kind field shadows
// Meta.Kind in JSON, and then it is a field.
var metaKeys = []string{"id", "rev", "updated_at", "updated_by", "deleted"}

// marshalNoEscape marshals without HTML escaping, so stored bodies hold
// "&" and "<" as typed (search verification compares raw text). It is
// go-json's encoder, byte for byte what encoding/json writes
// (stdMarshalNoEscape; TestMarshalIsEncodingJSON): revision ids hash these
// bytes. Encoding every row of an import took a tenth of its CPU.
func marshalNoEscape(v any) ([]byte, error) {
	return gojson.MarshalWithOption(v, gojson.DisableHTMLEscape())
}

// stdMarshalNoEscape is marshalNoEscape by encoding/json.
func stdMarshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// fields is a record body split into its top-level fields (compacted
// JSON), in key order: a slice, not a map, since an import splits every
// row's body (a map of forty keys a row was a tenth of preparing it).
type fields []field

type field struct {
	key string
	raw json.RawMessage
}

// get is the value of key, false when the body has none.
func (f fields) get(key string) (json.RawMessage, bool) {
	i, ok := slices.BinarySearchFunc(f, key, keyIs)
	if !ok {
		return nil, false
	}
	return f[i].raw, true
}

// set gives key the value raw, in key order.
func (f fields) set(key string, raw json.RawMessage) fields {
	i, ok := slices.BinarySearchFunc(f, key, keyIs)
	if ok {
		f[i].raw = raw
		return f
	}
	return slices.Insert(f, i, field{key, raw})
}

func keyIs(e field, key string) int { return strings.Compare(e.key, key) }

// without drops the fields named by keys.
func (f fields) without(keys ...string) fields {
	return slices.DeleteFunc(f, func(e field) bool { return slices.Contains(keys, e.key) })
}

// recordFields gives r's fields without Meta.
func recordFields(r model.Record) (fields, error) {
	m := r.RecordMeta()
	saved := *m
	*m = model.Meta{}
	b, err := marshalNoEscape(r)
	*m = saved
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", saved.Kind, err)
	}
	f, err := splitObject(b)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", saved.Kind, err)
	}
	f = f.without(metaKeys...)
	if saved.Kind != model.KindMeeting {
		f = f.without("kind")
	}
	return f, nil
}

// canonical is the body text: keys sorted (encoding/json sorts map keys),
// values compact. Equal records give equal text.
//
// Written by hand: the values are already compact JSON (cut from
// json.Marshal's output) and the keys are plain field names, so sorting the
// keys and joining is what re-encoding the map did, at a fraction of the
// cost on an import's every row.
func (f fields) canonical() string {
	size := 2
	for _, e := range f {
		size += len(e.key) + len(e.raw) + 4
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteByte('{')
	for i, e := range f {
		if i > 0 {
			b.WriteByte(',')
		}
		if plainKey(e.key) {
			b.WriteByte('"')
			b.WriteString(e.key)
			b.WriteByte('"')
		} else {
			kb, err := marshalNoEscape(e.key)
			if err != nil {
				panic(err) // a string always encodes
			}
			b.Write(kb)
		}
		b.WriteByte(':')
		b.Write(e.raw)
	}
	b.WriteByte('}')
	return b.String()
}

// plainKey: a key JSON writes as it is, between quotes.
func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// splitObject cuts a JSON object as encoding/json writes it into its
// top-level fields: the values are the object's own bytes (compact as
// written), keys are unquoted and sorted, and a repeated key keeps its last
// value. It is what json.Unmarshal into a map of raw values gives, without
// decoding every value (an import encodes every row).
func splitObject(b []byte) (fields, error) {
	f, err := cutFields(b)
	if err != nil || sortFields(f) {
		return f, err
	}
	// a repeated key: sorted again from the order written, stably
	f, _ = cutFields(b)
	slices.SortStableFunc(f, byKey)
	return compactKeepLast(f), nil
}

func byKey(a, b field) int { return strings.Compare(a.key, b.key) }

// cutFields cuts a JSON object into its top-level fields as written.
func cutFields(b []byte) (fields, error) {
	f := make(fields, 0, 48)
	err := model.EachJSONField(b, func(key string, raw json.RawMessage) { f = append(f, field{key, raw}) })
	if err != nil {
		return nil, err
	}
	return f, nil
}

// sortFields puts f in key order and reports whether its keys are
// distinct. The sort is not stable: with a repeated key (encoding/json
// writes none) the caller sorts again.
func sortFields(f fields) bool {
	slices.SortFunc(f, byKey)
	for i := 1; i < len(f); i++ {
		if f[i-1].key == f[i].key {
			return false
		}
	}
	return true
}

// compactKeepLast drops all but the last of each run of one key.
func compactKeepLast(f fields) fields {
	for i := len(f) - 1; i > 0; i-- {
		if f[i-1].key == f[i].key {
			f = slices.Delete(f, i-1, i)
		}
	}
	return f
}

// parseFields splits a stored body into its fields.
func parseFields(body string) (fields, error) {
	return splitObject([]byte(body))
}

// encoded remembers the fields of the record last encoded. An import's
// applying pass encodes a copied row to check its revision (incomingRev)
// and then to store it (prepare): at 100,000 rows, 1.5 s of the goroutine
// that prepares rows, done twice. The record must not change in between
// (normalizing it again does not: TestNormalizingTwiceIsNormalizingOnce).
type encoded struct {
	r model.Record
	f fields
}

// fields gives r's fields, encoded once while r is the last record asked
// for; a nil *encoded encodes every time.
func (e *encoded) fields(r model.Record) (fields, error) {
	if e != nil && e.r == r && e.f != nil {
		return e.f, nil
	}
	f, err := recordFields(r)
	if e != nil {
		e.r, e.f = r, f
		if err != nil {
			e.r, e.f = nil, nil
		}
	}
	return f, err
}

// encodeBody returns the canonical body of r.
func encodeBody(r model.Record) (string, error) {
	f, err := recordFields(r)
	if err != nil {
		return "", err
	}
	return f.canonical(), nil
}

// decodeBody builds a record of kind from a stored body; Meta is left for the
// caller (only Kind is set). Bodies are decoded with go-json: the same
// results as encoding/json (TestDecodeBodyIsUnmarshal) at a third of the
// time, and every report, export and list decodes thousands of them
// (100,000 tasks: 1.6 s → 0.54 s). Bodies are encoded by go-json too,
// byte for byte as encoding/json writes them (marshalNoEscape).
func decodeBody(kind model.Kind, body string) (model.Record, error) {
	return decodeBytes(kind, []byte(body))
}

// decodeBytes is decodeBody for a body read as bytes, packed or not
// (pack.go).
func decodeBytes(kind model.Kind, body []byte) (model.Record, error) {
	r := model.New(kind)
	if r == nil {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	body, err := unpackText(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", kind, err)
	}
	if err := gojson.Unmarshal(body, r); err != nil {
		return nil, fmt.Errorf("decode %s: %w", kind, err)
	}
	m := r.RecordMeta()
	*m = model.Meta{Kind: kind}
	return r, nil
}

// revHash is the hex part of a revision: the first 16 hex digits of
// sha256(parent revision + canonical body). Equal edits on two machines
// from the same parent give the same revision.
func revHash(parent, body string) string {
	h := sha256.Sum256([]byte(parent + body))
	return hex.EncodeToString(h[:])[:16]
}

// nextRev is the revision after parent for body.
func nextRev(parent, body string) string {
	return strconv.Itoa(revGen(parent)+1) + "-" + revHash(parent, body)
}

// revGen is N of "N-hex" (0 for "" or malformed).
func revGen(rev string) int {
	n, _, ok := strings.Cut(rev, "-")
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(n)
	if err != nil {
		return 0
	}
	return v
}

// packedV1 starts a packed body: raw DEFLATE of the canonical JSON follows.
const packedV1 = 1

// packBody compresses a body that is no longer current (revisions.body as
// BLOB). Chinese bodies shrink to about half.
func packBody(body string) []byte {
	var buf bytes.Buffer
	buf.WriteByte(packedV1)
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write([]byte(body)) // a bytes.Buffer does not fail
	w.Close()
	flateWriters.Put(w)
	return buf.Bytes()
}

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.DefaultCompression)
	return w
}}

// unpackBody reads revisions.body as stored: TEXT as it is, a packed BLOB
// inflated. NULL (the current body) is the caller's to resolve.
func unpackBody(v any) (string, error) {
	switch b := v.(type) {
	case string:
		if len(b) > 0 && (b[0] == packedS2 || b[0] == packedZstd) { // a record's packed current body
			out, err := unpackText([]byte(b))
			return string(out), err
		}
		return b, nil
	case []byte:
		out, err := unpackText(b)
		if err != nil {
			return "", fmt.Errorf("revision body: %w", err)
		}
		return string(out), nil
	case nil:
		return "", fmt.Errorf("revision body: missing")
	}
	return "", fmt.Errorf("revision body: unexpected %T", v)
}
