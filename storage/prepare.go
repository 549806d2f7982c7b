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
}

// prepare works out what saving r will write; in is the row r is made
// from, nil when none. r is normalized first, as save does.
func prepare(r model.Record, in *model.Incoming) (*prepared, error) {
	r.Normalize()
	f, err := recordFields(r)
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
