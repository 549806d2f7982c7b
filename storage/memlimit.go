package storage

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the Go memory the programs ask the garbage collector to
// keep under (a soft limit: past it the collector works harder, never
// fails). Without it the heap grows to three times what is live between
// collections (gcPercent): two department returns of 100,000 rows planned
// together peaked at 412 MB, 253 MB with a 200 MB limit, for 7% more CPU
// (docs/bench.md). 300 MB, not 200: the figures of 200,000 records hold
// 250 MB live, and under 200 MB the collector ran without a pause (a
// third of the CPU): the first 统计报表 took 2.5 s, 3.3 times the 100k
// one's; with 300 MB 1.56 s, for 10 MB more at its peak (345 against
// 336 MB). SQLite's page caches (store.go) come on top of it.
const MemoryLimit = 300 << 20

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
