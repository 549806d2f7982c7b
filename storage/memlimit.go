package storage

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the Go memory the programs ask the garbage collector to
// keep under (a soft limit: past it the collector works harder, never
// fails). Without it the heap grows to twice what is live between
// collections: two department returns of 100,000 rows planned together
// peaked at 412 MB, 253 MB with this limit, for 7% more CPU
// (docs/bench.md). SQLite's page caches (store.go) come on top of it.
const MemoryLimit = 200 << 20

// LimitMemory sets MemoryLimit unless GOMEMLIMIT chose another: for the
// mains to call, since the limit is the whole process's.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
