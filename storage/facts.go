package storage

import (
	"context"
	"database/sql"
	"fmt"

	gojson "github.com/goccy/go-json"

	"taizhang/model"
)

// The facts table (schema 7) holds model.FigureFacts of every live record
// the figures count, keyed by the record's seq: the statistics screen
// reads these few hundred bytes a record instead of every body (first
// 统计报表 at 100,000 items: 1.8 s, most of it reading and decoding the
// long text of bodies). save, the one writer of bodies, writes a record's
// facts with its body; Check finds any that disagree.

// factsOf is what the facts table holds for r: JSON of its FigureFacts
// with empty members left out; nil when r has none (a tombstone, or a kind
// the figures do not count). Not a revision's body: nothing hashes it, so
// it is encoded by go-json and compacted.
func factsOf(r model.Record) ([]byte, error) {
	if r.RecordMeta().Deleted {
		return nil, nil
	}
	f := model.FigureFacts(r)
	if f == nil {
		return nil, nil
	}
	*f.RecordMeta() = model.Meta{} // Figures sets id and kind from the row
	b, err := gojson.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("figure facts: %w", err)
	}
	if b, err = dropEmpty(b); err != nil {
		return nil, fmt.Errorf("figure facts: %w", err)
	}
	return b, nil
}

// writeFacts replaces the facts of the record at seq (none when data is nil).
func (t *Tx) writeFacts(ctx context.Context, seq int64, existed bool, kind model.Kind, data []byte) error {
	if data == nil {
		if !existed {
			return nil
		}
		_, err := t.exec(ctx, "DELETE FROM facts WHERE seq = ?", seq)
		return err
	}
	_, err := t.exec(ctx, "INSERT OR REPLACE INTO facts (seq, kind, data) VALUES (?, ?, ?)", seq, string(kind), data)
	return err
}

// Figures loads what the figures are computed from, as Dataset does, but
// each record as model.FigureFacts: for counting and listing only. A record
// to open or edit is read again by its id (Get).
func (s *Store) Figures(ctx context.Context) (model.Dataset, error) {
	var ds model.Dataset
	scan := func(rows *sql.Rows, raw *rawRecord) (bool, error) {
		return true, rows.Scan(&raw.id, &raw.kind, &raw.body)
	}
	err := s.eachDecoded(ctx, "SELECT r.id, f.kind, f.data FROM facts f JOIN records r ON r.seq = f.seq ORDER BY f.seq", scan, func(raw *rawRecord) (model.Record, error) {
		r := model.New(model.Kind(raw.kind))
		if r == nil {
			return nil, fmt.Errorf("record %s: unknown kind %q", raw.id, raw.kind)
		}
		data, err := unpackText(raw.body)
		if err != nil {
			return nil, fmt.Errorf("record %s: figure facts: %w", raw.id, err)
		}
		if err := gojson.Unmarshal(data, r); err != nil {
			return nil, fmt.Errorf("record %s: figure facts: %w", raw.id, err)
		}
		*r.RecordMeta() = model.Meta{ID: raw.id, Kind: model.Kind(raw.kind)}
		return r, nil
	}, ds.Add)
	if err != nil {
		return model.Dataset{}, fmt.Errorf("figures: %w", err)
	}
	units, err := s.UnitDict(ctx)
	if err != nil {
		return model.Dataset{}, err
	}
	ds.Units = units
	return ds, nil
}

// dropEmpty removes the members of JSON objects (at any depth) whose value
// is null, "", false or 0, and the record's blanked update time: what
// decoding into a zeroed struct gives anyway.
// b is compact JSON as an encoder writes it (no spaces); [] and {} stay,
// since a decoder tells them from a missing member.
func dropEmpty(b []byte) ([]byte, error) {
	_, out, err := compactValue(b, 0, make([]byte, 0, len(b)))
	return out, err
}

// compactValue copies the value at b[i:] to out, compacting the objects in
// it, and returns the index after it (model.JSONStringEnd and JSONValueEnd
// find where keys and values end).
func compactValue(b []byte, i int, out []byte) (int, []byte, error) {
	switch b[i] {
	case '{':
		out = append(out, '{')
		i++
		first := true
		for b[i] != '}' {
			if b[i] == ',' {
				i++
			}
			kEnd, err := model.JSONStringEnd(b, i)
			if err != nil {
				return 0, nil, err
			}
			vStart := kEnd + 1 // past ':'
			vEnd, err := model.JSONValueEnd(b, vStart)
			if err != nil {
				return 0, nil, err
			}
			if !isEmptyJSON(b[i:kEnd], b[vStart:vEnd]) {
				if !first {
					out = append(out, ',')
				}
				first = false
				out = append(out, b[i:vStart]...)
				if _, out, err = compactValue(b, vStart, out); err != nil {
					return 0, nil, err
				}
			}
			i = vEnd
		}
		return i + 1, append(out, '}'), nil
	case '[':
		out = append(out, '[')
		i++
		for b[i] != ']' {
			if b[i] == ',' {
				out = append(out, ',')
				i++
			}
			var err error
			if i, out, err = compactValue(b, i, out); err != nil {
				return 0, nil, err
			}
		}
		return i + 1, append(out, ']'), nil
	}
	end, err := model.JSONValueEnd(b, i)
	if err != nil {
		return 0, nil, err
	}
	return end, append(out, b[i:end]...), nil
}

// isEmptyJSON: the member key: v decodes to a zero value. The zero time is
// told only for Meta's updated_at (blanked before encoding): any other
// member with that text is a text someone typed.
func isEmptyJSON(key, v []byte) bool {
	switch string(v) {
	case "null", `""`, "false", "0":
		return true
	case `"0001-01-01T00:00:00Z"`:
		return string(key) == `"updated_at"`
	}
	return false
}
