package main

import (
	"context"
	"flag"
	"fmt"
)

// cmdUnits: `units merge FROM INTO` folds a unit recorded twice (FROM, a
// name that is really INTO's alias) into INTO, rewriting every record that
// names it, each change in the history.
func (e *env) cmdUnits(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "merge" {
		return &usageError{"units 的用法：units merge 重复单位 保留单位", "usage: units merge FROM INTO"}
	}
	fs := flag.NewFlagSet("units merge", flag.ContinueOnError)
	as := fs.String("as", "", "")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if err := wantArgs("units merge", pos, 2, 2, e.pick("重复单位 保留单位", "FROM INTO")); err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Backup(ctx, ""); err != nil {
		return fmt.Errorf("backup before merging units: %w", err)
	}
	m, err := st.MergeUnits(ctx, pos[0], pos[1], operator(*as))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.out, e.pick(
		fmt.Sprintf("已将「%s」并入「%s」，改写 %d 条记录", m.From, m.Into, m.Records),
		fmt.Sprintf("merged %q into %q; %d records rewritten", m.From, m.Into, m.Records)))
	return nil
}

// cmdReview: `review TASK REPORT_ID --accept | --return REASON` records
// the supervisor's verdict on a unit's progress report.
func (e *env) cmdReview(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	accept := fs.Bool("accept", false, "")
	ret := fs.String("return", "", "")
	as := fs.String("as", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("review", pos, 2, 2, "TASK REPORT_ID --accept|--return REASON"); err != nil {
		return err
	}
	if *accept == (*ret != "") {
		return &usageError{"review 需要 --accept 或 --return 理由（二选一）", "review needs --accept or --return REASON (one of them)"}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.ReviewReport(ctx, pos[0], pos[1], *accept, *ret, operator(*as)); err != nil {
		return err
	}
	verdict := e.pick("通过", "accepted")
	if !*accept {
		verdict = e.pick("退回", "returned")
	}
	fmt.Fprintln(e.out, e.pick("进展报告 ", "progress report ")+pos[1]+": "+verdict)
	return nil
}
