package main

import (
	"bufio"
	"bytes"
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
	view, err := newView(ctx, st, e.lang)
	if err != nil {
		return err
	}
	if *asJSON {
		return e.streamJSONRecords(ctx, st, view, q)
	}
	recs, err := st.List(ctx, q)
	if err != nil {
		return fmt.Errorf("list %s: %w", kind, err)
	}
	return e.writeTable(view, kind, recs)
}

// streamJSONRecords prints the records as one JSON array, each written as
// it is read: the output is what encoding the whole array with a two-space
// indent gives, and memory does not grow with the matches.
func (e *env) streamJSONRecords(ctx context.Context, st *storage.Store, view *view, q storage.Query) error {
	w := bufio.NewWriterSize(e.out, 64<<10)
	n := 0
	err := st.Each(ctx, q, func(r model.Record) error {
		m, err := view.JSON(r)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(m); err != nil {
			return err
		}
		sep := ",\n  "
		if n == 0 {
			sep = "[\n  "
		}
		n++
		w.WriteString(sep)
		_, err = w.Write(bytes.TrimRight(buf.Bytes(), "\n"))
		return err
	})
	if err != nil {
		return fmt.Errorf("list %s: %w", q.Kind, err)
	}
	if n == 0 {
		w.WriteString("[]\n")
	} else {
		w.WriteString("\n]\n")
	}
	return w.Flush()
}

const kindList = "tasks meetings proposals villages funds projects points visits problems units holidays"

// statusValue accepts a status as its value (in_progress) or its Chinese
// label (办理中).
func statusValue(kind model.Kind, s string) string {
	if s == "" {
		return ""
	}
	if v, ok := kind.Statuses().Parse(s); ok {
		return v
	}
	return s
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
