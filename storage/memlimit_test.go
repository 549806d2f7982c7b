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
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	LimitMemory()
	assert.Equal(t, int64(MemoryLimit), debug.SetMemoryLimit(-1))

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "1GiB")
	LimitMemory()
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "the user's own limit stands")
}
