// Command gendata fills a data folder with a realistic, reproducible
// dataset through storage: supervised items with Chinese titles, contents
// and progress, ~60 units with aliases, proposals (about 2% of the tasks'
// count), villages, funds, projects, liaison points, visits, problems,
// meetings and the year's holiday calendar; one item in progress gets a
// history of staff edits and an import (showcase.go). Deadlines are spread so some
// open items are overdue (red) and some due within three days (yellow).
//
//	go run ./scripts/gendata --data /tmp/tz --tasks 100000
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"taizhang/model"
	"taizhang/storage"
)

func main() {
	data := flag.String("data", "", "data folder to fill (created if missing)")
	tasks := flag.Int("tasks", 100000, "number of supervised items")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same dataset)")
	operator := flag.String("operator", "王敏", "operator name stored in the settings ('' leaves the first-run welcome)")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "gendata: --data is required")
		os.Exit(2)
	}
	start := time.Now()
	n, err := run(*data, *tasks, *seed, *operator)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
	fmt.Printf("gendata: %d records (%d tasks) in %s in %.1f s\n", n, *tasks, *data, time.Since(start).Seconds())
}

func run(dir string, tasks int, seed uint64, operator string) (int, error) {
	st, err := storage.Open(dir)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	ctx := context.Background()
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), today: model.Today()}
	w := &writer{st: st, ctx: ctx}
	steps := []func(*writer) error{
		g.units, g.holidays,
		func(w *writer) error { return g.tasks(w, tasks) },
		func(w *writer) error { return g.proposals(w, max(tasks/50, 10)) },
		func(w *writer) error { return g.meetings(w, max(tasks/300, 5)) },
		func(w *writer) error { return g.villages(w, max(tasks/800, 8)) },
		func(w *writer) error { return g.points(w, 60) },
		func(w *writer) error { return g.visits(w, max(tasks/70, 20)) },
	}
	for _, step := range steps {
		if err := step(w); err != nil {
			return w.n, err
		}
	}
	if err := w.flush(); err != nil {
		return w.n, err
	}
	if err := showcase(ctx, st); err != nil {
		return w.n, err
	}
	for k, v := range map[string]string{"language": "zh", "operator": operator} {
		if v == "" {
			continue
		}
		if err := st.SetSetting(ctx, k, v); err != nil {
			return w.n, fmt.Errorf("setting %s: %w", k, err)
		}
	}
	return w.n, nil
}

// writer saves records in batches, one write transaction per batch: a
// transaction per record would spend most of the time in commits.
type writer struct {
	st    *storage.Store
	ctx   context.Context
	batch []model.Record
	n     int
}

const batchSize = 2000

func (w *writer) add(r model.Record) error {
	w.batch = append(w.batch, r)
	if len(w.batch) >= batchSize {
		return w.flush()
	}
	return nil
}

func (w *writer) flush() error {
	if len(w.batch) == 0 {
		return nil
	}
	err := w.st.Update(w.ctx, func(tx *storage.Tx) error {
		for _, r := range w.batch {
			if err := tx.Save(w.ctx, r, "gendata", ""); err != nil {
				return fmt.Errorf("save %s: %w", r.RecordMeta().Kind, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.n += len(w.batch)
	w.batch = w.batch[:0]
	return nil
}
