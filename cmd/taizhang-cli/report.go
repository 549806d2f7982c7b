package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"taizhang/model"
	"taizhang/storage/report"
)

// cmdReport: report summary | monthly | quarterly | period (docs/CLI.md).
func (e *env) cmdReport(ctx context.Context, args []string) error {
	const subs = "summary monthly quarterly period"
	if len(args) == 0 {
		return &usageError{"report 需要子命令：" + subs, "report needs one of: " + subs}
	}
	switch args[0] {
	case "summary":
		return e.reportSummary(ctx, args[1:])
	case "monthly", "quarterly", "period":
		return e.reportWorkbook(ctx, args[0], args[1:])
	}
	return &usageError{"未知的 report 子命令 " + args[0] + "；可用：" + subs,
		"unknown report command " + args[0] + "; want one of: " + subs}
}

// loadDataset opens the store and reads every record (only what the
// figures count when factsOnly: report summary) and the office's rules;
// the store is closed again once they are read.
func (e *env) loadDataset(ctx context.Context, factsOnly bool) (model.Dataset, model.Rules, error) {
	st, err := e.openStore()
	if err != nil {
		return model.Dataset{}, model.Rules{}, err
	}
	defer st.Close()
	load := st.Dataset
	if factsOnly {
		load = st.Figures
	}
	ds, err := load(ctx)
	if err != nil {
		return model.Dataset{}, model.Rules{}, err
	}
	r, err := st.Rules(ctx)
	if err != nil {
		return model.Dataset{}, model.Rules{}, err
	}
	return ds, r, nil
}

// periodFlags reads --from and --to, both required, from <= to.
func periodFlags(cmd, from, to string) (model.Date, model.Date, error) {
	if from == "" || to == "" {
		return model.Date{}, model.Date{}, &usageError{cmd + " 需要 --from YYYY-MM-DD 和 --to YYYY-MM-DD",
			cmd + " needs --from YYYY-MM-DD and --to YYYY-MM-DD"}
	}
	f, err1 := model.ParseISO(from)
	t, err2 := model.ParseISO(to)
	switch {
	case err1 != nil || err2 != nil:
		return f, t, &usageError{cmd + "：日期应为 YYYY-MM-DD", cmd + ": dates must be YYYY-MM-DD"}
	case t.Before(f):
		return f, t, &usageError{cmd + "：--to 早于 --from", cmd + ": --to is before --from"}
	}
	return f, t, nil
}

func (e *env) reportSummary(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report summary", flag.ContinueOnError)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("report summary", pos, 0, 0, "--from YYYY-MM-DD --to YYYY-MM-DD [--json]"); err != nil {
		return err
	}
	f, t, err := periodFlags("report summary", *from, *to)
	if err != nil {
		return err
	}
	ds, rules, err := e.loadDataset(ctx, true)
	if err != nil {
		return err
	}
	s := model.Summarize(ds, f, t, rules)
	if *asJSON {
		enc := json.NewEncoder(e.out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	return e.writeSummaryText(s)
}

// writeSummaryText prints the text draft, then every figure and the
// by-unit table.
func (e *env) writeSummaryText(s model.Summary) error {
	fmt.Fprintln(e.out, model.DraftText(model.Draft(s, e.lang), e.lang))
	fmt.Fprintln(e.out)
	tw := tabwriter.NewWriter(e.out, 0, 4, 2, ' ', 0)
	for _, f := range model.FigureLines(s, e.lang) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Group, f.Label, f.Text, f.Path)
	}
	if len(s.Tasks.ByUnit) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, e.pick("牵头单位\t跟踪\t已办结\t逾期\t按期办结率", "Lead unit\tTracked\tDone\tOverdue\tOn-time rate"))
		for _, u := range s.Tasks.ByUnit {
			rate := model.Percent(u.OnTimeRate)
			if rate == "" {
				rate = "—"
			}
			name := u.Unit
			if name == "" {
				name = e.pick("（未填单位）", "(no unit)")
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\n", name, u.Tracked, u.Done, u.Overdue, rate)
		}
	}
	return tw.Flush()
}

var quarterArg = regexp.MustCompile(`^(\d{4})[Qq]([1-4])$`)

func (e *env) reportWorkbook(ctx context.Context, sub string, args []string) error {
	cmd := "report " + sub
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	month := fs.String("month", "", "")
	quarter := fs.String("quarter", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	var f, t model.Date
	var kind model.ReportKind
	switch sub {
	case "monthly":
		err = wantArgs(cmd, pos, 1, 1, "--month YYYY-MM OUT.xlsx")
		if err == nil {
			m, perr := time.Parse("2006-01", *month)
			if perr != nil {
				return &usageError{cmd + " 需要 --month YYYY-MM", cmd + " needs --month YYYY-MM"}
			}
			f = model.DateOf(m)
			t, kind = f.MonthEnd(), model.MonthlyBulletin
		}
	case "quarterly":
		err = wantArgs(cmd, pos, 1, 1, "--quarter YYYYQn OUT.xlsx")
		if err == nil {
			m := quarterArg.FindStringSubmatch(strings.TrimSpace(*quarter))
			if m == nil {
				return &usageError{cmd + " 需要 --quarter YYYYQn（如 2019Q2）", cmd + " needs --quarter YYYYQn (e.g. 2019Q2)"}
			}
			y, _ := strconv.Atoi(m[1])
			q, _ := strconv.Atoi(m[2])
			f = model.NewDate(y, time.Month(3*q-2), 1)
			t, kind = f.AddMonths(2).MonthEnd(), model.QuarterlyReview
		}
	default:
		err = wantArgs(cmd, pos, 1, 1, "--from YYYY-MM-DD --to YYYY-MM-DD OUT.xlsx")
		if err == nil {
			f, t, err = periodFlags(cmd, *from, *to)
			kind = model.PeriodSummary
		}
	}
	if err != nil {
		return err
	}
	out := pos[0]
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return &usageError{cmd + "：输出文件应为 .xlsx", cmd + ": the output file must be .xlsx"}
	}

	ds, rules, err := e.loadDataset(ctx, false)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(out, func(w *os.File) error {
		return report.Write(w, ds, f, t, kind, rules, e.lang)
	}); err != nil {
		return err
	}
	fmt.Fprintln(e.out, e.pick(
		fmt.Sprintf("已生成%s（%s）：%s", kind.Title().Zh, model.PeriodName(f, t, "zh"), out),
		fmt.Sprintf("wrote the %s (%s): %s", strings.ToLower(kind.Title().En), model.PeriodName(f, t, "en"), out)))
	return nil
}
