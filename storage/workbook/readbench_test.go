package workbook

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"taizhang/model"
	"taizhang/storage/workbook/benchledger"
	"taizhang/storage/workbook/xlsxscan"
)

// BenchmarkReadLedgerPass is one streamed read of a 20,000-row ledger, as
// an import's planning pass and its applying pass each make one
// (TAIZHANG_BENCH_LEDGER=FILE reads that file instead, e.g. the 100k
// ledger scripts/bench generates).
func BenchmarkReadLedgerPass(b *testing.B) {
	path := os.Getenv("TAIZHANG_BENCH_LEDGER")
	if path == "" {
		path = filepath.Join(b.TempDir(), "ledger.xlsx")
		if err := benchledger.Write(path, 20_000, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		// A cold pass, as the planning pass is: the applying pass finds the merges known.
		knownMerges = &mergeCache{entries: map[mergeKey][]xlsxscan.Merge{}}
		rows := 0
		res, err := Read(path, ReadOptions{Lang: "zh", Progress: func(int) error { return nil },
			Rows: func(model.Incoming) error { rows++; return nil }})
		if err != nil {
			b.Fatal(err)
		}
		if rows == 0 || len(res.Rejected) > 0 {
			b.Fatalf("read %d rows, %d rejected", rows, len(res.Rejected))
		}
	}
	// CPU time (all threads, GC included) is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
