package exchange

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/workbook"
)

// peakRSS resets the process's high-water mark of resident memory (Linux:
// /proc/self/clear_refs) and returns a function reading it back, in MB;
// elsewhere it samples the Go heap instead (peakHeap).
func peakRSS() func() float64 {
	debug.FreeOSMemory() // what earlier cases left is not counted
	runtime.GC()
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil {
		return func() float64 {
			b, err := os.ReadFile("/proc/self/status")
			if err != nil {
				return 0
			}
			for _, line := range strings.Split(string(b), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
					kb, _ := strconv.Atoi(f[1])
					return float64(kb) / 1024
				}
			}
			return 0
		}
	}
	return peakHeap()
}

// BenchmarkHostileFiles plans the import of each hostile file and prints
// its time and peak memory: each must be refused (or read) in bounded time
// and memory, whatever the file's size.
//
//	go test -run XXX -bench HostileFiles -benchtime 1x ./storage/exchange
func BenchmarkHostileFiles(b *testing.B) {
	const big = 300 << 20 // bytes of sheet XML for the oversized cases
	whole := ledgerFile(b, b.TempDir(), "督办台账.xlsx", ledgerRows)
	cases := []struct {
		name   string
		path   func() string
		limits storage.ImportLimits
	}{
		{"cut sheet", func() string {
			return rewritePart(b, whole, sheetPart, func(x []byte) []byte { return x[:len(x)/2] })
		}, storage.ImportLimits{}},
		{"garbage", func() string {
			return rewritePart(b, whole, sheetPart, func(x []byte) []byte {
				return bytes.Replace(x, []byte(`<row r="20"`), []byte("\x00\xff garbage <row r=\"20\""), 1)
			})
		}, storage.ImportLimits{}},
		{"unclosed tag, 300 MB", func() string {
			return rawWorkbook(b, "unclosed.xlsx", func(w io.Writer) {
				_, _ = io.WriteString(w, `<row r="2"><c r="A2`)
				chunk := bytes.Repeat([]byte(" x"), 1<<19)
				for n := 0; n < big; n += len(chunk) {
					_, _ = w.Write(chunk)
				}
			})
		}, storage.ImportLimits{}},
		{"one cell of 300 MB", func() string {
			return rawWorkbook(b, "cell.xlsx", func(w io.Writer) {
				_, _ = io.WriteString(w, `<row r="2"><c r="A2" t="inlineStr"><is><t>`)
				chunk := bytes.Repeat([]byte("长"), 1<<18)
				for n := 0; n < big; n += len(chunk) {
					_, _ = w.Write(chunk)
				}
				_, _ = io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
			})
		}, storage.ImportLimits{}},
		{"1,000,000 rows past a 200,000-row limit", func() string { return millionRows(b, 1_000_000) },
			storage.ImportLimits{MaxRows: 200_000}},
		{"1,000,000 rows past a 2,000,000-cell limit", func() string { return millionRows(b, 1_000_000) },
			storage.ImportLimits{MaxCells: 2_000_000}},
		{"100,000 rows, read whole", func() string { return millionRows(b, 100_000) }, storage.ImportLimits{}},
	}
	ctx := context.Background()
	for _, c := range cases {
		path := c.path()
		fi, _ := os.Stat(path)
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				s, err := storage.Open(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				if err := s.SetImportLimits(ctx, c.limits); err != nil {
					b.Fatal(err)
				}
				peak := peakRSS()
				start := time.Now()
				plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
				took := time.Since(start)
				mb := peak()
				s.Close()
				outcome := "read whole"
				var fe *workbook.FileError
				switch {
				case errors.As(err, &fe):
					outcome = "refused: " + fe.Reason("zh")
				case err != nil:
					b.Fatalf("%s: not a refusal the user can read: %v", c.name, err)
				default:
					outcome = fmt.Sprintf("read whole: %d rows planned", len(plan.Items))
				}
				b.ReportMetric(took.Seconds(), "s")
				b.ReportMetric(mb, "peakRSS-MB")
				w := bufio.NewWriter(os.Stdout)
				fmt.Fprintf(w, "%-45s file %6.1f MB  %6.2f s  peak RSS %7.1f MB  %s\n", c.name, float64(fi.Size())/(1<<20), took.Seconds(), mb, outcome)
				w.Flush()
			}
		})
	}
}

var exportRecords = flag.Int("export-records", 5000, "supervised items in BenchmarkExport's store")

// BenchmarkExport exports every record of a store of supervised items
// imported from a returned ledger (so each has a progress report), and
// reports allocations and bytes allocated per record and the peak of the
// Go heap during the export. A streamed export's memory levels off once each large sheet spills
// to its temporary file (excelize keeps up to 16 MB of a sheet in memory):
// compare the peak at -export-records 60000 and 120000; a peak that keeps
// rising with the records is a regression (the task list sheets written
// cell by cell took 1.2 GB at 100,000).
//
//	go test -run XXX -bench 'Export$' -benchtime 3x ./storage/exchange -args -export-records 20000
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	n := *exportRecords
	s, err := storage.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	path := filepath.Join(b.TempDir(), "ledger.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	_ = sw.SetRow("A1", []any{"编号", "事项名称", "牵头单位", "完成时限", "办理进展", "存在问题", "下步措施"})
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = sw.SetRow(cell, []any{fmt.Sprintf("督〔2025〕%d号", i), fmt.Sprintf("老旧小区改造第%d项", i), "市住建局",
			"6月底", "已完成排查，正在施工", "资金缺口", "加快推进"})
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "bench", NoBackup: true}); err != nil {
		b.Fatal(err)
	}

	var before, after runtime.MemStats
	peak := peakHeap()
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	for b.Loop() {
		stats, err := Export(ctx, s, io.Discard, ExportRequest{Generator: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if stats[model.KindTask] != n {
			b.Fatalf("exported %d tasks", stats[model.KindTask])
		}
	}
	runtime.ReadMemStats(&after)
	mb := peak()
	records := float64(b.N) * float64(n)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/records, "allocs/record")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/records, "B/record")
	b.ReportMetric(mb, "peakheap-MB")
}

// peakHeap samples the Go heap in use until the function it returns is
// called, which gives the peak in MB above where it started. (peakRSS
// would count what the store's import before the export left mapped.)
func peakHeap() func() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapInuse, m.HeapInuse
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() float64 {
		close(stop)
		<-stopped
		return float64(peak-base) / (1 << 20)
	}
}
