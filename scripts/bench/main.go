// Command bench measures Taizhang at scale (issue 14): it generates a Chinese
// 督办事项 ledger of 15 columns (title row, 填报单位 line, text deadlines)
// with excelize and runs every step of the table as a child process,
// printing wall time and peak RSS of each beside excelize's bare read (or
// bare StreamWriter write) of the same file, as ratios in one run. The
// import and the clone run three times (the median is reported, each import
// beside its own bare read); up to 100,000 rows the ledger is imported once
// more with every row changed.
//
//	go run ./scripts/bench                      # 10k, 100k, 200k
//	go run ./scripts/bench -sizes 10000 -out docs/bench.md -cpuprofile /tmp/import.prof
//
// The timings are figures to read, never assertions.
package main

import (
	"bytes"
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/exchange"
	"taizhang/storage/workbook/benchledger"
)

func main() {
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		storage.LimitMemory() // as taizhang and taizhang-cli run
		if err := child(os.Args[1], os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench "+os.Args[1]+":", err)
			os.Exit(1)
		}
		return
	}
	sizes := flag.String("sizes", "10000,100000,200000", "ledger sizes (rows), comma-separated")
	dir := flag.String("dir", "", "work folder (default: a temporary one, removed afterwards)")
	out := flag.String("out", "", "also write the report (markdown) to this file")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the 100k (else the largest) first import here")
	flag.Parse()
	if err := run(*sizes, *dir, *out, *prof); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// step is one measured child process.
type step struct {
	wall time.Duration
	cpu  time.Duration // user + system: steadier than wall on a shared machine
	rss  int64         // peak resident set, bytes
	out  string
}

func (s step) String() string {
	return fmt.Sprintf("%.2f s (cpu %.2f s), %d MB", s.wall.Seconds(), s.cpu.Seconds(), s.rss>>20)
}

// runs is how many times the import and the clone run (the median is
// reported); changedMax is the largest ledger imported again with every
// row changed (2 minutes at 100,000 rows).
const (
	runs       = 3
	changedMax = 100000
)

// median is the step of the median wall time.
func median(steps []step) step {
	sorted := slices.Clone(steps)
	slices.SortFunc(sorted, func(a, b step) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[len(sorted)/2]
}

// walls lists the steps' wall times, in the order run.
func walls(steps []step) string {
	var out []string
	for _, s := range steps {
		out = append(out, fmt.Sprintf("%.2f s", s.wall.Seconds()))
	}
	return strings.Join(out, " / ")
}

// pairRatios are each run's wall time over its own bare read's.
func pairRatios(steps, bares []step) string {
	var out []string
	for i := range steps {
		out = append(out, fmt.Sprintf("%.2f", steps[i].wall.Seconds()/bares[i].wall.Seconds()))
	}
	return strings.Join(out, " / ")
}

// measure runs a command, returning its wall time and peak RSS. Its output
// is kept only for the steps that print figures: Linux starts a child's peak
// RSS at this process's, so this process must stay small (a buffered
// `list --json` of 80,000 records would lift every later figure).
func measure(name string, args ...string) (step, error) {
	cmd := exec.Command(name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if len(args) > 0 && args[0] != "search" && args[0] != "queries" {
		cmd.Stdout = io.Discard
	}
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return step{}, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, lastLines(stderr.String(), 10))
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return step{wall: wall, cpu: cpu, rss: rss, out: stdout.String()}, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func run(sizeList, dir, out, prof string) error {
	var sizes []int
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("-sizes: %q is not a row count", s)
		}
		sizes = append(sizes, n)
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "taizhang-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cli := filepath.Join(dir, "taizhang-cli")
	build := exec.Command("go", "build", "-o", cli, "./cmd/taizhang-cli")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build taizhang-cli (run from the repository root): %w", err)
	}
	profSize := sizes[len(sizes)-1]
	for _, n := range sizes {
		if n == 100_000 {
			profSize = n
		}
	}

	var report bytes.Buffer
	w := io.MultiWriter(os.Stdout, &report)
	host, _ := os.Hostname()
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(w, "# scripts/bench, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "Machine: %s, %d cores (%s), %s/%s, %s; load average at start %s.\n"+
		"Each step is a child process: wall time, CPU time (user+system) and peak RSS. The machine is shared,\n"+
		"so wall times stretch with the load; CPU times and their ratios are the steadier figures.\n\n",
		host, runtime.NumCPU(), cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.Version(), strings.Join(strings.Fields(string(load))[:3], " "))

	for _, n := range sizes {
		rows, err := runSize(w, self, cli, filepath.Join(dir, strconv.Itoa(n)), n, map[bool]string{true: prof}[n == profSize && prof != ""])
		if err != nil {
			return fmt.Errorf("%d rows: %w", n, err)
		}
		_ = rows
	}
	if out != "" {
		return os.WriteFile(out, report.Bytes(), 0o644)
	}
	return nil
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			if _, v, ok := strings.Cut(l, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return "?"
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func dirSize(path string) (int64, int) {
	var total int64
	n := 0
	filepath.Walk(path, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
			n++
		}
		return nil
	})
	return total, n
}

func runSize(w io.Writer, self, cli, dir string, n int, prof string) (int, error) {
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	ledger := filepath.Join(dir, "ledger.xlsx")
	data := filepath.Join(dir, "data")
	clone := filepath.Join(dir, "clone")
	exported := filepath.Join(dir, "export.xlsx")

	gen, err := measure(self, "gen", ledger, strconv.Itoa(n))
	if err != nil {
		return 0, err
	}
	// The import runs three times, each after a bare read of the same file
	// (pairs: the machine's speed drifts), into a fresh folder each; the
	// report gives the median run and the three. The first run's folder is
	// the one the other steps use.
	var bares, firsts []step
	for i := range runs {
		b, err := measure(self, "bareread", ledger)
		if err != nil {
			return 0, err
		}
		folder := data
		if i > 0 {
			folder = fmt.Sprintf("%s-%d", data, i+1)
		}
		importArgs := []string{"import", "-data", folder}
		if prof != "" && i == 0 {
			importArgs = append(importArgs, "-cpuprofile", prof)
		}
		f, err := measure(self, append(importArgs, ledger)...)
		if err != nil {
			return 0, err
		}
		if i > 0 {
			os.RemoveAll(folder)
		}
		bares, firsts = append(bares, b), append(firsts, f)
	}
	bare, first := median(bares), median(firsts)
	dbBytes := fileSize(filepath.Join(data, storage.DBName))
	again, err := measure(self, "import", "-data", data, ledger)
	if err != nil {
		return 0, err
	}
	backupBytes, backups := dirSize(filepath.Join(data, "backups"))
	export, err := measure(cli, "--data", data, "export", exported)
	if err != nil {
		return 0, err
	}
	var clones []step
	for i := range runs {
		folder := fmt.Sprintf("%s-%d", clone, i+1)
		c, err := measure(self, "import", "-data", folder, exported)
		if err != nil {
			return 0, err
		}
		os.RemoveAll(folder)
		clones = append(clones, c)
	}
	cloned := median(clones)
	search, err := measure(self, "search", "-data", data)
	if err != nil {
		return 0, err
	}
	// Each term is asked once per run, as typed (cold): one sample on a
	// shared machine swings by 15 ms, so the step runs twice more and the
	// report adds the three worsts and their median.
	worsts := []string{worstSearch(search.out)}
	for range 2 {
		again, err := measure(self, "search", "-data", data)
		if err != nil {
			return 0, err
		}
		worsts = append(worsts, worstSearch(again.out))
	}
	list, err := measure(cli, "--data", data, "list", "tasks", "--query", "整改", "--json")
	if err != nil {
		return 0, err
	}
	queries, err := measure(self, "queries", "-data", data)
	if err != nil {
		return 0, err
	}
	// Last, as it changes the folder: the same items with other texts,
	// every row changed (a ledger kept in Excel, imported again a month on).
	var changed step
	if n <= changedMax {
		next := filepath.Join(dir, "ledger-changed.xlsx")
		if _, err := measure(self, "gen", next, strconv.Itoa(n), "2"); err != nil {
			return 0, err
		}
		if changed, err = measure(self, "import", "-data", data, next); err != nil {
			return 0, err
		}
	}

	ratio := func(s step) string {
		return fmt.Sprintf("%.2f (cpu %.2f)", s.wall.Seconds()/bare.wall.Seconds(), s.cpu.Seconds()/bare.cpu.Seconds())
	}
	fmt.Fprintf(w, "## %d rows (ledger %.1f MB)\n\n", n, float64(fileSize(ledger))/(1<<20))
	fmt.Fprintln(w, "| step | wall, peak RSS | reference | ratio |")
	fmt.Fprintln(w, "|---|---|---|---|")
	fmt.Fprintf(w, "| excelize bare read (Rows, formatted) | %s | | 1 |\n", bare)
	fmt.Fprintf(w, "| import into an empty folder | %s | bare read | %s |\n", first, ratio(first))
	fmt.Fprintf(w, "| … each run (after its own bare read) | %s | | %s |\n", walls(firsts), pairRatios(firsts, bares))
	fmt.Fprintf(w, "| re-import, everything unchanged | %s | bare read | %s |\n", again, ratio(again))
	fmt.Fprintf(w, "| clone (export → empty folder) | %s | import | %.2f |\n", cloned, cloned.wall.Seconds()/first.wall.Seconds())
	fmt.Fprintf(w, "| … each run | %s | | |\n", walls(clones))
	if n <= changedMax {
		fmt.Fprintf(w, "| re-import, every row changed | %s | import | %.2f |\n", changed, changed.wall.Seconds()/first.wall.Seconds())
	}
	fmt.Fprintf(w, "| export everything | %s | bare StreamWriter %s | %.2f (cpu %.2f) |\n", export, gen,
		export.wall.Seconds()/gen.wall.Seconds(), export.cpu.Seconds()/gen.cpu.Seconds())
	fmt.Fprintf(w, "| database size | %.1f MB (%.2f KB a row) | | |\n", float64(dbBytes)/(1<<20), float64(dbBytes)/1024/float64(n))
	fmt.Fprintf(w, "| backups after two imports (issue 13) | %d files, %.1f MB | | |\n", backups, float64(backupBytes)/(1<<20))
	fmt.Fprintf(w, "| `list tasks --query 整改 --json` | %s | | |\n", list)
	fmt.Fprint(w, search.out)
	fmt.Fprintf(w, "| search keystroke, worst term in three runs (each cold) | %s; median %s | | |\n", strings.Join(worsts, ", "), medianMs(worsts))
	fmt.Fprint(w, queries.out)
	fmt.Fprintln(w)
	return n, nil
}

// child runs one measured step in this process.
func child(name string, args []string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	data := fs.String("data", "", "data folder")
	prof := fs.String("cpuprofile", "", "CPU profile file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	pos := fs.Args()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	switch name {
	case "gen":
		// An optional SEED gives the same items with other texts: every row
		// of the seed-1 ledger changed.
		if len(pos) != 2 && len(pos) != 3 {
			return fmt.Errorf("want FILE ROWS [SEED]")
		}
		n, err := strconv.Atoi(pos[1])
		if err != nil {
			return err
		}
		seed := uint64(1)
		if len(pos) == 3 {
			if seed, err = strconv.ParseUint(pos[2], 10, 64); err != nil {
				return fmt.Errorf("seed: %w", err)
			}
		}
		return benchledger.Write(pos[0], n, seed)
	case "bareread":
		_, err := bareRead(pos[0])
		return err
	case "import":
		// What `taizhang-cli import` does: read and plan, then apply
		// (with the backup before it unless nothing changes).
		// BENCH_TRACE=1 prints when each stage starts and ends;
		// BENCH_GOTRACE=FILE writes the runtime's execution trace
		// (go tool trace) of the import.
		if gt := os.Getenv("BENCH_GOTRACE"); gt != "" {
			f, err := os.Create(gt)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := trace.Start(f); err != nil {
				return err
			}
			defer trace.Stop()
		}
		var notes []func(storage.Progress)
		if os.Getenv("BENCH_TRACE") != "" {
			note, print := traceStages(time.Now())
			notes = append(notes, note)
			defer print()
		}
		if hp := os.Getenv("BENCH_HEAPAT"); hp != "" {
			notes = append(notes, heapAt(hp, os.Getenv("BENCH_HEAPAT_WHEN")))
		}
		if os.Getenv("BENCH_MEMTRACE") != "" {
			note, print := memStages()
			notes = append(notes, note)
			defer print()
		}
		if len(notes) > 0 {
			ctx = storage.WithProgress(ctx, func(p storage.Progress) {
				for _, n := range notes {
					n(p)
				}
			})
		}
		st, err := storage.Open(*data)
		if err != nil {
			return err
		}
		defer st.Close()
		storage.ReportProgress(ctx, storage.Progress{Stage: "opened"})
		if os.Getenv("BENCH_HEAPPROFILE") == "" {
			plan, _, err := exchange.Import(ctx, st, pos, exchange.ReadRequest{Lang: "zh"}, exchange.ApplyRequest{By: "bench"})
			if err == nil && len(plan.Rejected) > 0 {
				err = fmt.Errorf("%d rows rejected, first: %+v", len(plan.Rejected), plan.Rejected[0])
			}
			storage.ReportProgress(ctx, storage.Progress{Stage: "applied"}) // committed; closing checkpoints the WAL
			return err
		}
		// planned, then applied, to see the live heap in between
		plan, err := exchange.PlanFiles(ctx, st, pos, exchange.ReadRequest{Lang: "zh"})
		if err != nil {
			return err
		}
		if hp := os.Getenv("BENCH_HEAPPROFILE"); hp != "" {
			// the live heap once the whole file is planned
			runtime.GC()
			if f, err := os.Create(hp); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
		if len(plan.Rejected) > 0 {
			return fmt.Errorf("%d rows rejected, first: %+v", len(plan.Rejected), plan.Rejected[0])
		}
		_, err = exchange.Apply(ctx, st, plan, exchange.ApplyRequest{By: "bench"})
		storage.ReportProgress(ctx, storage.Progress{Stage: "applied"}) // committed; closing checkpoints the WAL
		return err
	case "export":
		// What `taizhang-cli export OUT.xlsx` does (for profiling).
		st, err := storage.Open(*data)
		if err != nil {
			return err
		}
		defer st.Close()
		f, err := os.Create(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = exchange.Export(ctx, st, f, exchange.ExportRequest{Generator: "bench"})
		return err
	case "search":
		return searchTimes(ctx, *data)
	case "queries":
		return queryTimes(ctx, *data)
	}
	return fmt.Errorf("unknown step")
}

// traceStages notes when each progress stage is first and last reported;
// the returned func prints them.
func traceStages(start time.Time) (func(storage.Progress), func()) {
	type span struct {
		first, last time.Duration
		done, total int
	}
	var order []string
	spans := map[string]*span{}
	var mu sync.Mutex
	note := func(p storage.Progress) {
		mu.Lock()
		defer mu.Unlock()
		at := time.Since(start)
		sp := spans[p.Stage]
		if sp == nil {
			sp = &span{first: at}
			spans[p.Stage] = sp
			order = append(order, p.Stage)
		}
		sp.last, sp.done, sp.total = at, p.Done, p.Total
	}
	print := func() {
		for _, st := range order {
			sp := spans[st]
			fmt.Fprintf(os.Stderr, "%-8s %6.2f – %6.2f s  (%d/%d)\n", st, sp.first.Seconds(), sp.last.Seconds(), sp.done, sp.total)
		}
		fmt.Fprintf(os.Stderr, "%-8s %6.2f s\n", "end", time.Since(start).Seconds())
	}
	return note, print
}

// heapAt writes the live heap to path once, when an import reports the
// stage and row given as "stage:row" (BENCH_HEAPAT_WHEN, by default
// "indexes:0", when it starts building its list indexes, every row
// written) (BENCH_HEAPAT).
func heapAt(path, when string) func(storage.Progress) {
	if when == "" {
		when = "indexes:0"
	}
	stage, row, _ := strings.Cut(when, ":")
	at, _ := strconv.Atoi(row)
	var once sync.Once
	return func(p storage.Progress) {
		if p.Stage != stage || p.Done < at {
			return
		}
		once.Do(func() {
			runtime.GC()
			f, err := os.Create(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "BENCH_HEAPAT:", err)
				return
			}
			defer f.Close()
			if err := pprof.WriteHeapProfile(f); err != nil {
				fmt.Fprintln(os.Stderr, "BENCH_HEAPAT:", err)
			}
		})
	}
}

// memStages notes, at each report, the process's resident memory and the
// Go heap's part of it, and prints each stage's largest (BENCH_MEMTRACE):
// what is left when the Go heap is taken away is SQLite's memory.
func memStages() (func(storage.Progress), func()) {
	type peak struct{ rss, heap, live uint64 }
	var mu sync.Mutex
	var order []string
	peaks := map[string]*peak{}
	note := func(p storage.Progress) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rss := residentBytes()
		mu.Lock()
		defer mu.Unlock()
		pk := peaks[p.Stage]
		if pk == nil {
			pk = &peak{}
			peaks[p.Stage] = pk
			order = append(order, p.Stage)
		}
		pk.rss = max(pk.rss, rss)
		pk.heap = max(pk.heap, ms.HeapSys-ms.HeapReleased)
		pk.live = max(pk.live, ms.HeapAlloc)
	}
	print := func() {
		const mb = 1 << 20
		for _, st := range order {
			pk := peaks[st]
			fmt.Fprintf(os.Stderr, "%-8s rss %4d MB  go heap held %4d MB  allocated %4d MB\n", st, pk.rss/mb, pk.heap/mb, pk.live/mb)
		}
	}
	return note, print
}

// residentBytes is VmRSS from /proc/self/status (0 where there is none).
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// worstSearch is the worst-term time a search step printed ("25.3 ms").
func worstSearch(out string) string {
	_, after, _ := strings.Cut(out, "worst of 1–2 char terms | ")
	v, _, _ := strings.Cut(after, " |")
	return v
}

// medianMs is the median of times printed as "25.3 ms".
func medianMs(times []string) string {
	var v []float64
	for _, t := range times {
		if f, err := strconv.ParseFloat(strings.TrimSuffix(t, " ms"), 64); err == nil {
			v = append(v, f)
		}
	}
	if len(v) == 0 {
		return "?"
	}
	slices.Sort(v)
	return fmt.Sprintf("%.1f ms", v[len(v)/2])
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// searchTimes is the store's share of one keystroke in the tasks ledger:
// the first page (100 rows) and the count, for terms of one and two
// characters, each term asked once (as typed), after one warm-up query.
func searchTimes(ctx context.Context, data string) error {
	st, err := storage.Open(data)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Count(ctx, storage.Query{Kind: model.KindTask}); err != nil {
		return err
	}
	var worst time.Duration
	var lines []string
	for _, term := range []string{"整", "整改", "改", "改造", "治", "治理", "扬", "扬尘", "市", "推进"} {
		q := storage.Query{Kind: model.KindTask, Text: term, Limit: 100}
		start := time.Now()
		recs, err := st.List(ctx, q)
		if err != nil {
			return err
		}
		list := time.Since(start)
		q.Limit = 0
		start = time.Now()
		n, err := st.Count(ctx, q)
		if err != nil {
			return err
		}
		count := time.Since(start)
		worst = max(worst, list+count)
		lines = append(lines, fmt.Sprintf("%s %s+%s (%d rows, count %d)", term, ms(list), ms(count), len(recs), n))
	}
	fmt.Printf("| search keystroke (store List 100 + Count), worst of 1–2 char terms | %s | | |\n", ms(worst))
	fmt.Printf("| … per term | %s | | |\n", strings.Join(lines, "; "))
	return nil
}

// queryTimes: the tasks ledger sorted by deadline, the red-light filter,
// and the first 统计报表 (all records loaded and summarised).
func queryTimes(ctx context.Context, data string) error {
	st, err := storage.Open(data)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Count(ctx, storage.Query{Kind: model.KindTask}); err != nil {
		return err
	}
	start := time.Now()
	if _, err := st.List(ctx, storage.Query{Kind: model.KindTask, Sort: "deadline", Limit: 100}); err != nil {
		return err
	}
	sortT := time.Since(start)
	d := model.Today()
	day := model.DefaultDay()
	start = time.Now()
	ids, err := st.TaskIDsWithLight(ctx, model.LightRed, day, 100)
	if err != nil {
		return err
	}
	if _, err := st.GetMany(ctx, ids); err != nil {
		return err
	}
	redT := time.Since(start)
	start = time.Now()
	load := st.Figures // what the 统计报表 screen reads
	if os.Getenv("BENCH_DATASET") == "1" {
		load = st.Dataset // whole records, as before schema 7
	}
	ds, err := load(ctx)
	if err != nil {
		return err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return err
	}
	model.Summarize(ds, model.NewDate(d.Y, 1, 1), d, rules)
	reportT := time.Since(start)
	fmt.Printf("| sort by 完成时限 / 红灯 filter / first 统计报表 (store) | %s / %s / %s | | |\n", ms(sortT), ms(redT), ms(reportT))
	return nil
}
