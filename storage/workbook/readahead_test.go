package workbook

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage/workbook/benchledger"
)

// A sheet's rows are scanned ahead of their parsing; a read stopped early
// (the plan refusing a row, a cancelled import) returns its reason at the
// row it stopped at and leaves nothing running behind it.
func TestStreamedReadStopsWhereAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	require.NoError(t, benchledger.Write(path, 3000, 1))
	before := runtime.NumGoroutine()

	var numbers []string
	res, err := Read(path, ReadOptions{Lang: "zh", Rows: func(in model.Incoming) error {
		numbers = append(numbers, in.Record.(*model.Task).Number)
		return nil
	}})
	require.NoError(t, err)
	require.Len(t, numbers, 3000)
	assert.Equal(t, "督〔2025〕1号", numbers[0])
	assert.Equal(t, "督〔2025〕3000号", numbers[2999])
	assert.Equal(t, 3000, res.Report.Sheets[0].Rows)

	refused := errors.New("the plan refused a row")
	seen := 0
	_, err = Read(path, ReadOptions{Lang: "zh", Rows: func(in model.Incoming) error {
		if seen++; seen == 700 {
			return refused
		}
		return nil
	}})
	assert.ErrorIs(t, err, refused)
	assert.Equal(t, 700, seen, "no row after the refused one")

	seen = 0
	_, err = Read(path, ReadOptions{Lang: "zh", Progress: func(n int) error {
		if n >= 1000 {
			return context.Canceled
		}
		return nil
	}, Rows: func(model.Incoming) error { seen++; return nil }})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, seen, 1100)
	// A scan's goroutine signals it is done just before it returns: give
	// the runtime a moment to count it gone (a leak never gets there).
	// (polled here: assert.Eventually's own goroutines would be counted).
	for end := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > before && time.Now().Before(end); {
		time.Sleep(5 * time.Millisecond)
	}
	assert.Equal(t, before, runtime.NumGoroutine(), "no scan left running")
}
