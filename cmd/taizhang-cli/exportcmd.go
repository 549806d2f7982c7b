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
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
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
