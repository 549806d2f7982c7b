package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/exchange"
	"taizhang/storage/workbook"
)

// importJSON is the one object `import --json` prints (docs/CLI.md).
type importJSON struct {
	Files     []model.FileReport `json:"files"`
	DryRun    bool               `json:"dry_run"`
	Applied   bool               `json:"applied"`
	Counts    model.Counts       `json:"counts"`
	Conflicts []conflictJSON     `json:"conflicts"`
	Rejected  []model.Rejection  `json:"rejected"`
	Warnings  []model.Warning    `json:"warnings"`
	NewUnits  []string           `json:"new_units"`
	Notes     []string           `json:"notes"`
	Backup    string             `json:"backup,omitempty"`
	// BackupSkipped: the import changed nothing, so no backup was taken.
	BackupSkipped bool `json:"backup_skipped,omitempty"`
	// BackupError: the backup failed and the import went on without it.
	BackupError string `json:"backup_error,omitempty"`
}

type conflictJSON struct {
	ID       string     `json:"id,omitempty"`
	Kind     model.Kind `json:"kind"`
	Record   string     `json:"record"`
	Number   string     `json:"number"`
	Field    string     `json:"field"`
	Local    any        `json:"local"`
	Incoming any        `json:"incoming"`
	Files    []string   `json:"files,omitempty"` // import only: the files whose values conflict
}

func (e *env) cmdImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dryRun := fs.Bool("dry-run", false, "")
	partial := fs.Bool("partial", false, "")
	as := fs.String("as", "", "")
	asJSON := fs.Bool("json", false, "")
	password := fs.String("password", "", "")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &usageError{"import 需要至少一个 Excel 文件（.xlsx 或 .xls）或文件夹", "import needs at least one Excel file (.xlsx or .xls) or folder"}
	}
	// a folder stands for its workbooks (the month's returned ledgers)
	if files, err = exchange.ExpandPaths(files); err != nil {
		return err
	}
	if len(files) == 0 {
		return &usageError{"文件夹中没有 Excel 文件（.xlsx 或 .xls）", "the folder holds no Excel file (.xlsx or .xls)"}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()

	// Without --dry-run the plan is applied at once (no preview between):
	// exchange.Import, which writes a first import's rows as it reads them.
	rreq := exchange.ReadRequest{Lang: e.lang, Password: *password, Partial: *partial}
	var plan *model.Plan
	var res *exchange.Applied
	if *dryRun {
		plan, err = exchange.PlanFiles(ctx, st, files, rreq)
	} else {
		plan, res, err = exchange.Import(ctx, st, files, rreq, exchange.ApplyRequest{By: operator(*as), Partial: *partial,
			Waiting: func() { fmt.Fprintln(e.errOut, e.pick(exchange.WaitingText.Zh, exchange.WaitingText.En)) }})
	}
	if err != nil {
		var fe *workbook.FileError
		if errors.As(err, &fe) && fe.Code == workbook.ErrDamaged && fe.Sheet != "" && fe.LastRow > 1 && !*partial {
			fmt.Fprintln(e.errOut, "taizhang-cli: "+oneLine(e.localize(err)))
			fmt.Fprintln(e.errOut, e.pick(
				fmt.Sprintf("如只需损坏之前读到的行（到第 %d 行为止），可加 --partial 导入这些行。", fe.LastRow),
				fmt.Sprintf("to import only the rows before the damage (up to row %d), add --partial.", fe.LastRow)))
			return &failure{err}
		}
		return err
	}
	out := importJSON{Files: plan.Files, DryRun: *dryRun}
	valid := plan.Counts()
	nValid := valid.New + valid.Updated + valid.Merged + valid.Unchanged + valid.Conflicts
	// A dry run exits as the import would, so it can check a file.
	var failed error
	switch {
	case len(plan.Rejected) > 0 && !*partial:
		failed = &failure{storage.ErrRejected}
	case *partial && nValid == 0 && len(plan.Rejected) > 0:
		failed = &failure{errors.New("no valid row")}
	case *dryRun:
	default:
		out.Applied, out.Backup, out.BackupSkipped = true, res.Backup, res.BackupSkipped
		if res.BackupErr != nil {
			out.BackupError = oneLine(res.BackupFailedText().In(e.lang))
			fmt.Fprintln(e.errOut, "taizhang-cli: "+out.BackupError)
		}
	}
	out.Counts = plan.Counts()
	out.Conflicts = planConflicts(plan)
	out.Counts.Conflicts = len(out.Conflicts)
	out.Rejected = nonNil(plan.Rejected)
	out.Warnings = nonNil(plan.Warnings)
	out.NewUnits = nonNil(plan.NewUnits)
	out.Notes = nonNil(plan.Notes)
	if *asJSON {
		enc := json.NewEncoder(e.out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		e.printPlan(out)
	}
	if failed != nil {
		for _, r := range out.Rejected {
			fmt.Fprintln(e.errOut, e.placeLine(r.Place, r.Reason))
		}
		switch {
		case *partial:
			fmt.Fprintln(e.errOut, e.pick("没有有效的行，未导入任何数据", "no row is valid; nothing was imported"))
		case *dryRun:
			fmt.Fprintln(e.errOut, e.pick("有行被拒绝：导入时将不导入任何数据（可用 --partial 导入有效行）",
				"rows were rejected: the import would import nothing (use --partial to import the valid rows)"))
		default:
			fmt.Fprintln(e.errOut, e.pick("有行被拒绝，未导入任何数据（可用 --partial 导入有效行）",
				"rows were rejected; nothing was imported (use --partial to import the valid rows)"))
		}
	}
	return failed
}

func planConflicts(plan *model.Plan) []conflictJSON {
	out := []conflictJSON{}
	for _, it := range plan.Items {
		for _, c := range it.Conflicts {
			rec := it.Local
			if rec == nil {
				rec = it.Result // a dry run's new record that two returns disagree on
			}
			out = append(out, conflictJSON{ID: c.ID, Kind: it.Kind, Record: rec.RecordMeta().ID, Number: it.KeyText(), Files: c.Files,
				Field: c.Field, Local: rawValue(c.Local), Incoming: rawValue(c.Incoming)})
		}
	}
	return out
}

// rawValue turns a JSON text into a value for printing (strings stay strings).
func rawValue(s []byte) any {
	var v any
	if len(s) == 0 || json.Unmarshal(s, &v) != nil {
		return string(s)
	}
	return v
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// placeLine says where a cell is and what of it: a rejection's or a
// warning's line.
func (e *env) placeLine(r model.Place, reason string) string {
	where := r.File + " " + r.Sheet
	if r.Row > 0 {
		where += e.pick(fmt.Sprintf(" 第%d行", r.Row), fmt.Sprintf(" row %d", r.Row))
	}
	if r.Column != "" {
		where += e.pick(" "+r.Column+"列", " column "+r.Column)
	}
	if r.Header != "" {
		where += "（" + r.Header + "）"
	}
	if r.Value != "" {
		where += e.pick(" 值「"+r.Value+"」", " value \""+r.Value+"\"")
	}
	return oneLine(where + ": " + reason)
}

// warningLines are the cells that imported as typed, one line per word of
// a column (model.GroupWarnings), each saying where, what and what was kept.
func (e *env) warningLines(ws []model.Warning) []string {
	var lines []string
	for _, g := range model.GroupWarnings(ws) {
		w := g.Warning
		line := e.placeLine(w.Place, w.Reason)
		if len(g.Rows) > 1 {
			line += e.pick("（第"+g.RowList("zh")+"行）", " (rows "+g.RowList("en")+")")
		}
		if w.Kept != "" {
			line += e.pick("；", "; ") + w.Kept
		}
		lines = append(lines, line)
	}
	return lines
}

func (e *env) printPlan(p importJSON) {
	for _, f := range p.Files {
		fmt.Fprintln(e.out, f.File)
		for _, s := range f.Sheets {
			kind := e.pick("未识别，跳过", "not recognised, skipped")
			if s.Kind != nil {
				kind = string(*s.Kind)
			}
			fmt.Fprintf(e.out, "  %s: %s, %d %s\n", s.Sheet, kind, s.Rows, e.pick("行", "rows"))
		}
	}
	c := p.Counts
	fmt.Fprintln(e.out, e.pick(
		fmt.Sprintf("新增 %d，更新 %d，合并 %d，未变 %d，冲突 %d，拒绝 %d", c.New, c.Updated, c.Merged, c.Unchanged, c.Conflicts, c.Rejected),
		fmt.Sprintf("new %d, updated %d, merged %d, unchanged %d, conflicts %d, rejected %d", c.New, c.Updated, c.Merged, c.Unchanged, c.Conflicts, c.Rejected)))
	if p.Applied {
		// with --partial: the rows left out, each with its place and reason
		for _, r := range p.Rejected {
			fmt.Fprintln(e.out, e.pick("拒绝：", "rejected: ")+e.placeLine(r.Place, r.Reason))
		}
	}
	for _, line := range e.warningLines(p.Warnings) {
		fmt.Fprintln(e.out, e.pick("提示：", "warning: ")+line)
	}
	for _, cf := range p.Conflicts {
		// Between two returns of one import, "local" is the other file's.
		local, incoming := e.pick("本机", "local"), e.pick("文件", "incoming")
		switch len(cf.Files) {
		case 1:
			incoming = cf.Files[0]
		case 2:
			local, incoming = cf.Files[0], cf.Files[1]
		}
		fmt.Fprintf(e.out, "  %s %s %s: %s %v | %s %v\n", e.pick("冲突", "conflict"), cf.Number, cf.Field,
			local, cf.Local, incoming, cf.Incoming)
	}
	if len(p.NewUnits) > 0 {
		if p.Applied {
			fmt.Fprintln(e.out, e.pick("新单位（已加入单位字典）：", "new units (added to the dictionary): ")+strings.Join(p.NewUnits, "、"))
		} else {
			fmt.Fprintln(e.out, e.pick("新单位（导入时将加入单位字典）：", "new units (the import adds them to the dictionary): ")+strings.Join(p.NewUnits, "、"))
		}
	}
	for _, n := range p.Notes {
		fmt.Fprintln(e.out, e.pick("注：", "note: ")+n)
	}
	switch {
	case p.DryRun:
		fmt.Fprintln(e.out, e.pick("试运行：未做任何更改", "dry run: nothing was changed"))
	case p.Applied && p.BackupSkipped:
		fmt.Fprintln(e.out, e.pick("已导入；没有任何更改，因此未备份", "imported; nothing changed, so no backup was taken"))
	case p.Applied && p.Backup == "":
		fmt.Fprintln(e.out, e.pick("已导入（导入前未能备份，见上）", "imported (no backup could be taken before, see above)"))
	case p.Applied:
		fmt.Fprintln(e.out, e.pick("已导入；导入前的备份：", "imported; backup taken before: ")+p.Backup)
	}
}
