package storage

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"taizhang/model"
)

// eachLive calls fn with every live record of the given kinds in the
// order they were first stored (seq), for the figures: one scan of the
// table in its own order (no sort, no id list fetched back in chunks), the
// bodies decoded on every core (decoding JSON is most of the cost:
// 100,000 tasks are 150 MB of it).
func (s *Store) eachLive(ctx context.Context, kinds []model.Kind, fn func(model.Record)) error {
	rows, err := s.rd.QueryContext(ctx, liveRecordsSQL)
	if err != nil {
		return fmt.Errorf("load records: %w", err)
	}
	defer rows.Close()
	batch := make([]rawRecord, 0, loadBatch)
	flush := func() error {
		recs, err := decodeAll(batch)
		if err != nil {
			return fmt.Errorf("load records: %w", err)
		}
		for _, r := range recs {
			fn(r)
		}
		batch = batch[:0]
		return ctx.Err()
	}
	for rows.Next() {
		var raw rawRecord
		if err := rows.Scan(&raw.id, &raw.kind, &raw.rev, &raw.body, &raw.deleted, &raw.at, &raw.by); err != nil {
			return fmt.Errorf("load records: %w", err)
		}
		if !slices.Contains(kinds, model.Kind(raw.kind)) {
			continue
		}
		if batch = append(batch, raw); len(batch) == loadBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load records: %w", err)
	}
	return flush()
}

const liveRecordsSQL = "SELECT " + recordCols + " FROM records WHERE deleted = 0 ORDER BY seq"

const loadBatch = 2000

// rawRecord is a records row as read, before its body is decoded.
type rawRecord struct {
	id, kind, rev, body, at, by string
	deleted                     bool
}

func (raw rawRecord) Scan(dest ...any) error {
	*dest[0].(*string), *dest[1].(*string), *dest[2].(*string), *dest[3].(*string) = raw.id, raw.kind, raw.rev, raw.body
	*dest[4].(*bool), *dest[5].(*string), *dest[6].(*string) = raw.deleted, raw.at, raw.by
	return nil
}

// decodeAll decodes rows in parallel, keeping their order.
func decodeAll(raws []rawRecord) ([]model.Record, error) {
	out := make([]model.Record, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/100))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(raws); i += workers {
				r, err := scanRecord(raws[i])
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = r
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
