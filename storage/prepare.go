package storage

import (
	"fmt"

	"taizhang/model"
)

// prepared is what save works out from a record before it touches the
// database: its body, list columns, search text and the digest
// of the row it is made from. A large import works these out for the next
// rows on one goroutine while the store writes the previous ones on
// another (applyLetGo): they were a fifth of the writer's time.
type prepared struct {
	r      model.Record
	body   string
	cols   listColumns
	text   indexText // searchText(r)
	facts  []byte    // factsOf(r)
	digest uint64    // rowDigest of the row r is made from alone, 0 when none
	// absent: no record has r's id. An import sets it for the rows of kinds
	// that had no records when it began (applyLetGo), so that save does not
	// look up each copied record's id: a clone's 100,000 look-ups cost the
	// writer 0.66 s. An id another kind holds still fails its insert.
	absent bool

	// next is nextRev(nextParent, body), worked out by the preparing
	// goroutine for the revision an import's row will make (nextRev).
	next, nextParent string

	// body and facts as stored, packed with dict (pack.go); set by packWith
	packed      bool
	dict        *dictionary
	storedBody  any // string (text) or []byte (packed)
	storedFacts []byte
}

// packWith sets what save stores: body and facts packed with d, or as text
// when d is nil. An import's preparing goroutine packs each row, off the
// writer's; save packs again only a row prepared before its kind's
// dictionary was made.
func (p *prepared) packWith(d *dictionary) {
	if p.packed && p.dict == d {
		return
	}
	p.packed, p.dict = true, d
	if d == nil {
		p.storedBody, p.storedFacts = p.body, p.facts
		return
	}
	p.storedBody = d.pack([]byte(p.body))
	p.storedFacts = nil
	if p.facts != nil {
		p.storedFacts = d.pack(p.facts)
	}
}

// prepare works out what saving r will write; in is the row r is made
// from, nil when none. r is normalized first, as save does.
func prepare(r model.Record, in *model.Incoming) (*prepared, error) {
	return prepareFrom(nil, r, in)
}

// prepareFrom is prepare reusing r's fields when enc last encoded r.
func prepareFrom(enc *encoded, r model.Record, in *model.Incoming) (*prepared, error) {
	r.Normalize()
	f, err := enc.fields(r)
	if err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	p := &prepared{r: r, body: f.canonical(), cols: columnsOf(r, f)}
	if !r.RecordMeta().Deleted {
		p.text = searchText(r) // a tombstone has none
	}
	if p.facts, err = factsOf(r); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	if in != nil {
		p.digest = rowDigest(in)
	}
	return p, nil
}

// nextRev is the revision r's body makes as a child of parent, worked out
// once: an import's preparing goroutine asks first, so that the writer's
// hashing of 100,000 bodies (0.2–0.3 s) is off its path.
func (p *prepared) nextRev(parent string) string {
	if p.next == "" || p.nextParent != parent {
		p.next, p.nextParent = nextRev(parent, p.body), parent
	}
	return p.next
}
