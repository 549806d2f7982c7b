package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"taizhang/model"
	"taizhang/storage/exchange"
	"taizhang/storage/workbook"
)

func (e *env) cmdExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	kind := fs.String("kind", "all", "")
	unit := fs.String("unit", "", "")
	since := fs.String("changed-since", "", "")
	password := fs.String("password", "", "")
	as := fs.String("as", "", "")
	eachUnit := fs.String("each-unit", "", "")
	month := fs.String("month", "", "")
	due := fs.String("due", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *eachUnit != "" {
		if err := wantArgs("export", pos, 0, 1<<20, "--each-unit DIR [--month YYYY-MM] [--due YYYY-MM-DD] [UNIT...]"); err != nil {
			return err
		}
		return e.exportEachUnit(ctx, *eachUnit, *month, *due, pos, operator(*as))
	}
	if err := wantArgs("export", pos, 1, 1, "[--kind KIND] [--unit NAME] [--changed-since YYYY-MM-DD] [--password PW] OUT.xlsx"); err != nil {
		return err
	}
	kinds, err := e.kinds(*kind)
	if err != nil {
		return err
	}
	day, err := model.ParseISO(*since)
	if err != nil {
		return &usageError{"--changed-since 应为 YYYY-MM-DD", "--changed-since wants YYYY-MM-DD"}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	var stats exchange.Stats
	err = writeFileAtomic(pos[0], func(f *os.File) error {
		var err error
		stats, err = exchange.Export(ctx, st, f, exchange.ExportRequest{Kinds: kinds, Unit: *unit, ChangedSince: day,
			Password: *password, Operator: operator(*as), Generator: "taizhang-cli " + version})
		return err
	})
	if err != nil {
		return err
	}
	n := 0
	for _, c := range stats {
		n += c
	}
	fmt.Fprintln(e.out, e.pick(fmt.Sprintf("已导出 %d 条记录到 %s", n, pos[0]), fmt.Sprintf("exported %d records to %s", n, pos[0])))
	return nil
}

func (e *env) cmdTemplate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	kind := fs.String("kind", "all", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("template", pos, 1, 1, "[--kind KIND] OUT.xlsx"); err != nil {
		return err
	}
	kinds, err := e.kinds(*kind)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(pos[0], func(f *os.File) error { return workbook.Template(f, kinds) }); err != nil {
		return err
	}
	fmt.Fprintln(e.out, e.pick("已生成模板 ", "template written to ")+pos[0])
	return nil
}

// kinds turns --kind into the kinds to write.
func (e *env) kinds(s string) ([]model.Kind, error) {
	if s == "" || s == "all" {
		return model.Kinds(), nil
	}
	k, err := model.ParseKind(s)
	if err != nil {
		return nil, &usageError{"未知类型 " + s + "，应为 all 或 " + kindList, "unknown kind " + s + ", want all or one of " + kindList}
	}
	return []model.Kind{k}, nil
}

// writeFileAtomic writes to a temporary file beside path and renames it, so
// a failed export never leaves half a workbook under the user's file name.
func writeFileAtomic(path string, write func(f *os.File) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".taizhang-*.xlsx")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// exportEachUnit writes the month's ledger of each unit into dir (the
// units named, else every unit with open items), one line per file.
func (e *env) exportEachUnit(ctx context.Context, dir, month, due string, units []string, by string) error {
	m := model.Today()
	if month != "" {
		d, err := model.ParseISO(month + "-01")
		if err != nil || len(month) != 7 {
			return &usageError{"--month 应为 YYYY-MM", "--month wants YYYY-MM"}
		}
		m = d
	}
	dueDay, err := model.ParseISO(due)
	if err != nil {
		return &usageError{"--due 应为 YYYY-MM-DD", "--due wants YYYY-MM-DD"}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if len(units) == 0 {
		units = nil // every unit with open items
	}
	files, err := exchange.ExportEachUnit(ctx, st, exchange.UnitLedgersRequest{Dir: dir, Units: units, Month: m, Due: dueDay,
		Operator: by, Generator: "taizhang-cli " + version})
	for _, f := range files {
		fmt.Fprintf(e.out, "%s\t%d\t%s\n", f.Unit, f.Tasks, f.Path)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.errOut, e.pick(fmt.Sprintf("已为 %d 个单位生成台账，在 %s", len(files), dir),
		fmt.Sprintf("wrote the ledgers of %d units into %s", len(files), dir)))
	return nil
}
