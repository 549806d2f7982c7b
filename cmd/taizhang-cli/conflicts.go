package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"taizhang/model"

	"taizhang/storage"
)

func (e *env) cmdConflicts(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("conflicts", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("conflicts", pos, 0, 0, "[--json]"); err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	cs, err := st.Conflicts(ctx, true)
	if err != nil {
		return fmt.Errorf("conflicts: %w", err)
	}
	out := make([]conflictJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, conflictJSON{ID: c.ID, Kind: c.Kind, Record: c.RecordID, Number: c.Number,
			Field: c.Field, Local: rawValue([]byte(c.Local)), Incoming: rawValue([]byte(c.Incoming))})
	}
	if *asJSON {
		enc := json.NewEncoder(e.out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, c := range out {
		fmt.Fprintf(e.out, "%s\t%s\t%s\t%s\t%s %v\t%s %v\n", c.ID, c.Kind, c.Number, c.Field,
			e.pick("本机", "local"), c.Local, e.pick("文件", "incoming"), c.Incoming)
	}
	fmt.Fprintln(e.errOut, e.pick(fmt.Sprintf("待处理冲突 %d 个", len(out)), fmt.Sprintf("%d pending conflicts", len(out))))
	return nil
}

func (e *env) cmdResolve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("resolve", flag.ContinueOnError)
	keep := fs.String("keep", "", "")
	as := fs.String("as", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("resolve", pos, 1, 1, "CONFLICT_ID --keep local|incoming"); err != nil {
		return err
	}
	if *keep != "local" && *keep != "incoming" {
		return &usageError{"--keep 应为 local 或 incoming", "--keep must be local or incoming"}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.ResolveConflict(ctx, pos[0], *keep, operator(*as)); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return model.NewError(model.T(pos[0]+"：没有这个冲突", pos[0]+": no such conflict"), err)
		}
		return fmt.Errorf("resolve %s: %w", pos[0], err)
	}
	fmt.Fprintln(e.out, e.pick("已处理冲突 ", "resolved conflict ")+pos[0])
	return nil
}
