package main

import (
	"context"
	"flag"
	"fmt"

	"taizhang/storage"
	"taizhang/storage/exchange"
)

func (e *env) cmdBackup(ctx context.Context, args []string) error {
	pos, err := parseFlags(flag.NewFlagSet("backup", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if err := wantArgs("backup", pos, 0, 1, "[OUT.db]"); err != nil {
		return err
	}
	out := ""
	if len(pos) == 1 {
		out = pos[0]
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	path, err := st.Backup(ctx, out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintln(e.out, e.pick("已备份到 ", "backed up to ")+path)
	return nil
}

func (e *env) cmdRestore(ctx context.Context, args []string) error {
	pos, err := parseFlags(flag.NewFlagSet("restore", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if err := wantArgs("restore", pos, 1, 1, "FILE.db"); err != nil {
		return err
	}
	dir, err := storage.ResolveDataDir(e.dataFlag)
	if err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	release, err := exchange.LockForRestore(dir)
	if err != nil {
		return err
	}
	defer release()
	prev, err := storage.Restore(dir, pos[0])
	if err != nil {
		return fmt.Errorf("restore %s: %w", pos[0], err)
	}
	fmt.Fprintln(e.out, e.pick("已恢复 "+pos[0]+"；原数据库已备份为 "+prev,
		"restored "+pos[0]+"; the previous database was kept as "+prev))
	return nil
}

func (e *env) cmdCheck(ctx context.Context, args []string) error {
	pos, err := parseFlags(flag.NewFlagSet("check", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if err := wantArgs("check", pos, 0, 0, e.pick("无参数", "no arguments")); err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := st.Check(ctx)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if len(problems) > 0 {
		fmt.Fprintln(e.errOut, e.pick(
			fmt.Sprintf("检查未通过：数据库有 %d 处问题。请在“设置 → 数据”中从备份恢复（命令行：restore），并把以下技术细节交给技术人员：", len(problems)),
			fmt.Sprintf("check failed: the database has %d problems. Restore a backup in Settings → Data (command line: restore), and give the technical details below to technical staff:", len(problems))))
		for _, p := range problems {
			fmt.Fprintln(e.errOut, "  "+oneLine(p))
		}
		return &failure{fmt.Errorf("check: %d problems", len(problems))}
	}
	fmt.Fprintln(e.out, e.pick("检查通过：", "check passed: ")+st.Path())
	// Not damage, but one unit counted as two: said, and how to fold it.
	dups, err := st.DuplicateUnits(ctx)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	for _, d := range dups {
		fmt.Fprintln(e.out, e.pick(
			fmt.Sprintf("重复单位：「%s」是「%s」的简称；合并：taizhang-cli units merge %s %s", d.Name, d.Of, d.Name, d.Of),
			fmt.Sprintf("duplicate unit: %q is an alias of %q; merge with: taizhang-cli units merge %s %s", d.Name, d.Of, d.Name, d.Of)))
	}
	return nil
}
