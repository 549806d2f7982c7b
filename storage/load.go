package storage

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"taizhang/model"
)

// eachLive calls fn with every live record of the given kinds in the
// order they were first stored (seq), for the figures' reports.
func (s *Store) eachLive(ctx context.Context, kinds []model.Kind, fn func(model.Record)) error {
	scan := func(rows *sql.Rows, raw *rawRecord) (bool, error) {
		err := rows.Scan(&raw.id, &raw.kind, &raw.rev, &raw.body, &raw.deleted, &raw.at, &raw.by)
		return err == nil && slices.Contains(kinds, model.Kind(raw.kind)), err
	}
	return s.eachDecoded(ctx, liveRecordsSQL, scan, (*rawRecord).decode, fn)
}

// eachDecoded calls fn with the record of every row query gives, in its
// order: one scan of a table in its own order (no sort, no id list fetched
// back in chunks), the rows scan takes (keep false passes a row over)
// decoded in batches on every core while the scan goes on (decoding JSON
// is most of the cost: 100,000 task bodies are 130 MB of it). fn is called
// once every record is decoded, in order.
func (s *Store) eachDecoded(ctx context.Context, query string, scan func(*sql.Rows, *rawRecord) (keep bool, err error),
	decode func(*rawRecord) (model.Record, error), fn func(model.Record)) error {
	rows, err := s.rd.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("load records: %w", err)
	}
	defer rows.Close()

	type batch struct {
		at   int
		raws []rawRecord
	}
	var (
		mu      sync.Mutex
		decoded [][]model.Record // by batch
		failed  error
		wg      sync.WaitGroup
	)
	batches := make(chan batch, 2)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				recs := make([]model.Record, len(b.raws))
				var err error
				for i := range b.raws {
					if recs[i], err = decode(&b.raws[i]); err != nil {
						break
					}
				}
				mu.Lock()
				decoded[b.at] = recs
				if err != nil && failed == nil {
					failed = err
				}
				mu.Unlock()
			}
		}()
	}
	send := func(raws []rawRecord) {
		mu.Lock()
		decoded = append(decoded, nil)
		at := len(decoded) - 1
		mu.Unlock()
		batches <- batch{at, raws}
	}
	raws := make([]rawRecord, 0, loadBatch)
	for rows.Next() && ctx.Err() == nil {
		var raw rawRecord
		var keep bool
		if keep, err = scan(rows, &raw); err != nil {
			break
		}
		if !keep {
			continue
		}
		if raws = append(raws, raw); len(raws) == loadBatch {
			send(raws)
			raws = make([]rawRecord, 0, loadBatch)
		}
	}
	if len(raws) > 0 {
		send(raws)
	}
	close(batches)
	wg.Wait()
	switch {
	case err != nil:
		return fmt.Errorf("load records: %w", err)
	case rows.Err() != nil:
		return fmt.Errorf("load records: %w", rows.Err())
	case ctx.Err() != nil:
		return ctx.Err()
	case failed != nil:
		return fmt.Errorf("load records: %w", failed)
	}
	for _, recs := range decoded {
		for _, r := range recs {
			fn(r)
		}
	}
	return nil
}

const liveRecordsSQL = "SELECT " + recordCols + " FROM records WHERE deleted = 0 ORDER BY seq"

const loadBatch = 2000

// rawRecord is a records row as read, before its body is decoded. The body
// is scanned as bytes: decoded from them, never made a string.
type rawRecord struct {
	id, kind, rev, at, by string
	body                  []byte
	deleted               bool
}

func (raw *rawRecord) decode() (model.Record, error) {
	r, err := decodeBytes(model.Kind(raw.kind), raw.body)
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", raw.id, err)
	}
	*r.RecordMeta() = model.Meta{ID: raw.id, Kind: model.Kind(raw.kind), Rev: raw.rev,
		UpdatedAt: parseTime(raw.at), UpdatedBy: raw.by, Deleted: raw.deleted}
	return r, nil
}
