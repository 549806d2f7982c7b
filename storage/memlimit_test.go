package storage

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The programs keep the Go heap under MemoryLimit unless the user's
// GOMEMLIMIT says otherwise.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	percent := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(before); debug.SetGCPercent(percent) })
	t.Setenv("GOGC", "")

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	LimitMemory()
	assert.Equal(t, int64(MemoryLimit), debug.SetMemoryLimit(-1))

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	LimitMemory()
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "the user's own limit stands")
}

// The collector lets the heap grow to three times what is live (under the
// limit) unless the user's GOGC says otherwise.
func TestLimitMemorySetsTheCollectorsTarget(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })

	t.Setenv("GOGC", "")
	LimitMemory()
	assert.Equal(t, gcPercent, debug.SetGCPercent(100))

	t.Setenv("GOGC", "50")
	LimitMemory()
	assert.Equal(t, 100, debug.SetGCPercent(100), "the user's own GOGC stands")
}
