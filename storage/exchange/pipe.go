package exchange

import (
	"context"
	"sync"

	"taizhang/model"
	"taizhang/storage"
)

// pipeRows runs read on a goroutine of its own and gives the rows it
// yields to use on the calling goroutine, in order: reading a workbook and
// planning or storing its rows take turns on one core otherwise. At most
// pipeDepth rows wait between them. The first error of either side stops
// both and is returned (use's first, else read's).
//
// Both sides are given a context whose progress reports (storage.WithProgress)
// are made one at a time, as they were from one goroutine.
func pipeRows(ctx context.Context, read func(ctx context.Context, yield func(model.Incoming) error) error,
	use func(ctx context.Context, in model.Incoming) error) error {
	var mu sync.Mutex
	parent := ctx
	ctx = storage.WithProgress(ctx, func(p storage.Progress) {
		mu.Lock()
		defer mu.Unlock()
		storage.ReportProgress(parent, p)
	})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows := make(chan model.Incoming, pipeDepth)
	readErr := make(chan error, 1)
	go func() {
		defer close(rows)
		readErr <- read(ctx, func(in model.Incoming) error {
			select {
			case rows <- in:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var useErr error
	for in := range rows {
		if useErr != nil {
			continue // drain: the reader stops at its next row
		}
		if useErr = use(ctx, in); useErr != nil {
			cancel()
		}
	}
	err := <-readErr
	if useErr != nil {
		return useErr
	}
	return err
}

const pipeDepth = 256
