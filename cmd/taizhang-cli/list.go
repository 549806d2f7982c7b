package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"taizhang/model"
	"taizhang/storage"
)

func (e *env) cmdList(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	query := fs.String("query", "", "")
	status := fs.String("status", "", "")
	unit := fs.String("unit", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("list", pos, 1, 1, "KIND [--query TEXT] [--status S] [--unit NAME] [--json]"); err != nil {
		return err
	}
	kind, err := model.ParseKind(pos[0])
	if err != nil {
		return &usageError{"未知类型 " + pos[0] + "，应为 " + kindList, "unknown kind " + pos[0] + ", want one of " + kindList}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if *unit != "" {
		// A unit may be named by any of its aliases (市发改委).
		units, err := st.UnitDict(ctx)
		if err != nil {
			return err
		}
		*unit = units.Canonical(*unit)
	}
	q := storage.Query{Kind: kind, Text: *query, Unit: *unit, Status: statusValue(kind, *status)}
	recs, err := st.List(ctx, q)
	if err != nil {
		return fmt.Errorf("list %s: %w", kind, err)
	}
	view, err := newView(ctx, st)
	if err != nil {
		return err
	}
	if *asJSON {
		return e.writeJSONRecords(view, recs)
	}
	return e.writeTable(view, kind, recs)
}

const kindList = "tasks meetings proposals villages funds projects points visits problems units holidays"

// statusValue accepts a status as its value (in_progress) or its Chinese
// label (办理中).
func statusValue(kind model.Kind, s string) string {
	if s == "" {
		return ""
	}
	switch kind {
	case model.KindTask:
		if v, ok := model.TaskStatuses.Parse(s); ok {
			return string(v)
		}
	case model.KindProposal:
		if v, ok := model.ProposalStatuses.Parse(s); ok {
			return string(v)
		}
	case model.KindProblem:
		if v, ok := model.ProblemStatuses.Parse(s); ok {
			return string(v)
		}
	case model.KindProject:
		if v, ok := model.ProjectStatuses.Parse(s); ok {
			return string(v)
		}
	}
	return s
}

func (e *env) writeJSONRecords(view *view, recs []model.Record) error {
	out := make([]map[string]any, 0, len(recs))
	for _, r := range recs {
		m, err := view.JSON(r)
		if err != nil {
			return err
		}
		out = append(out, m)
	}
	enc := json.NewEncoder(e.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (e *env) writeTable(view *view, kind model.Kind, recs []model.Record) error {
	tw := tabwriter.NewWriter(e.out, 0, 4, 2, ' ', 0)
	for _, r := range recs {
		fmt.Fprintln(tw, strings.Join(view.Summary(r), "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.errOut, e.pick(fmt.Sprintf("共 %d 条", len(recs)), fmt.Sprintf("%d records", len(recs))))
	return nil
}
