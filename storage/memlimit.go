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

// gcPercent is the collector's target (GOGC) under that limit: the heap
// may grow to three times what is live, not twice, until the limit. A
// 100,000-row import spends 1.2 s less CPU collecting and ends 0.6 s sooner
// (2 cores), peaking at 250 MB instead of 222 (docs/bench.md, "Round 7");
// the limit still bounds the larger imports.
const gcPercent = 200

// LimitMemory sets MemoryLimit unless GOMEMLIMIT chose another, and
// gcPercent unless GOGC did: for the mains to call, since both are the
// whole process's.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
