// Package exchange moves records between workbooks and the store: it reads
// files and plans their import (workbook read + store plan), and streams
// records into export workbooks. The desktop app and the CLI both call it,
// so they share every line of import and export logic.
package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/workbook"
)

// ReadRequest says how to read workbooks for an import.
type ReadRequest struct {
	Lang     string // language of rejection reasons: "zh" or "en"
	Password string // for encrypted workbooks
	// Partial reads a damaged sheet up to its damage instead of refusing
	// the file (import --partial); the plan's notes say where it breaks.
	Partial bool
	// Progress, when set, is called after each file (done of total).
	Progress func(done, total int)

	// legacy keeps each .xls file converted once for all the reads of an
	// import (PlanFiles sets it; the plan's Source reads with it again).
	legacy *workbook.LegacyCache
	// spoolBudget bounds the rows a plan keeps for applying (spool); 0
	// is spoolBudget's default. Tests set it to make the plan read its
	// files again.
	spoolBudget int
}

// PlanFiles reads every workbook and plans their import against the store,
// changing nothing. A context made by storage.WithProgress hears of the rows
// read and planned; cancelling it stops at the next row. A file that cannot be read at all is an error naming it
// (a *workbook.FileError, which speaks both languages).
//
// Dictionaries come first: the reference sheets (model.ReferenceKinds:
// units, liaison points, holidays, the value dictionary) of every file are
// read before any other sheet, and join what the store already has, so the
// order of the files never decides how a unit, a point, a working day or a
// taught word is read; their rows are planned first too.
func PlanFiles(ctx context.Context, s *storage.Store, paths []string, req ReadRequest) (*model.Plan, error) {
	if req.legacy == nil {
		req.legacy = workbook.NewLegacyCache()
	}
	// One file: a row can meet no other return of its record, so a new
	// row of a kind the store has none of is let go once planned and
	// read again when the plan is applied (a first import of 100,000
	// rows held them all). Unless the file gives a record on two sheets.
	plan, err := planFiles(ctx, s, paths, req, len(paths) == 1)
	if errors.Is(err, storage.ErrPlanWhole) {
		plan, err = planFiles(ctx, s, paths, req, false)
	}
	return plan, err
}

func planFiles(ctx context.Context, s *storage.Store, paths []string, req ReadRequest, compact bool) (*model.Plan, error) {
	pl, err := s.NewPlanner(ctx, req.Lang)
	if err != nil {
		return nil, err
	}
	defer pl.Close()
	pl.CompactNew(compact)
	// Each row is planned as it is read: a row that changes nothing
	// leaves only its record's identity, so a large file is never held
	// whole.
	var read *filesRead
	budget := req.spoolBudget
	if budget <= 0 {
		budget = spoolBudget
	}
	sp := newSpool(budget)
	err = pipeRows(ctx, func(ctx context.Context, yield func(model.Incoming) error) error {
		var err error
		read, err = readFiles(ctx, s, paths, req, yield)
		return err
	}, func(ctx context.Context, in model.Incoming) error {
		// Kept before the planner changes the record, on its side (it has
		// the least to do): only the rows applying may read again.
		if again, err := pl.MayLetGo(ctx, in.Record.RecordMeta().Kind); err != nil {
			return err
		} else if again {
			if err := sp.add(in); err != nil {
				return err
			}
		}
		return pl.Add(ctx, in)
	})
	if err != nil {
		return nil, err
	}
	sp.close()
	src := &fileSource{s: s, paths: paths, req: req, files: read.files}
	plan := finishPlan(ctx, pl, read, src)
	// The spool holds the rows of kinds the store had none of: rows that
	// change records are read from the files again.
	if sp.usable() && len(plan.QuietChanged) == 0 {
		src.spool = sp
	}
	return plan, nil
}

// finishPlan is the planner's plan with what reading the files found.
func finishPlan(ctx context.Context, pl *storage.Planner, read *filesRead, src *fileSource) *model.Plan {
	plan := pl.Plan(ctx, read.files, read.rejected)
	plan.Notes = append(read.notes, plan.Notes...)
	plan.Warnings = append(read.warnings, plan.Warnings...)
	plan.NewUnits = read.unknown
	plan.Source = src
	return plan
}

// filesRead is what reading an import's files found besides its rows.
type filesRead struct {
	files    []model.FileReport
	rejected []model.Rejection
	warnings []model.Warning
	notes    []string
	unknown  []string
}

// readFiles reads every workbook of an import through the dictionaries,
// giving each row to yield as it is read.
func readFiles(ctx context.Context, s *storage.Store, paths []string, req ReadRequest, yield func(model.Incoming) error) (*filesRead, error) {
	dict, err := dictionaries(ctx, s, paths, req)
	if err != nil {
		return nil, err
	}
	lim, err := s.ImportLimits(ctx)
	if err != nil {
		return nil, err
	}
	out := &filesRead{}
	read := 0
	for i, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		before := read
		res, err := workbook.Read(path, workbook.ReadOptions{Units: dict.units, Points: dict.points, Calendar: dict.cal,
			Words: dict.words, Lang: req.Lang, Password: req.Password,
			Partial: req.Partial, MaxCellBytes: lim.MaxCellBytes, MaxRows: lim.MaxRows, MaxCells: lim.MaxCells, Legacy: req.legacy,
			Progress: func(n int) error {
				storage.ReportProgress(ctx, storage.Progress{Stage: "read", Done: before + n})
				return ctx.Err()
			},
			Rows: func(in model.Incoming) error {
				read++
				return yield(in)
			}})
		if err := ctx.Err(); err != nil {
			return nil, err // cancelled while reading, not a damaged file
		}
		if err != nil {
			return nil, err
		}
		out.files = append(out.files, res.Report)
		out.rejected = append(out.rejected, res.Rejected...)
		out.warnings = append(out.warnings, res.Warnings...)
		for _, n := range res.Notes {
			// Notes name the sheet and row; with several files read at
			// once the file must be named too.
			if !strings.Contains(n, res.Report.File) {
				n = model.T(res.Report.File+"："+n, res.Report.File+": "+n).In(req.Lang)
			}
			out.notes = append(out.notes, n)
		}
		for _, u := range res.UnknownUnits {
			if !slices.Contains(out.unknown, u) {
				out.unknown = append(out.unknown, u)
			}
		}
		storage.ReportProgress(ctx, storage.Progress{Stage: "read", Done: read, Total: read})
		if req.Progress != nil {
			req.Progress(i+1, len(paths))
		}
	}
	return out, nil
}

// fileSource is a plan's files, read again when it is applied, or the rows
// it may read again as the plan read them (spool) while the files are
// unchanged.
type fileSource struct {
	s     *storage.Store
	paths []string
	req   ReadRequest
	files []model.FileReport // as planned: their SHA-256
	spool *spool             // nil: read the files
}

// ErrFileChanged: a file was saved again between the preview and the
// import; nothing was imported.
var ErrFileChanged = model.NewError(model.T("文件在预览之后被修改过，请重新预览后再导入；没有导入任何内容",
	"a file was changed after the preview; preview the import again. Nothing was imported"), nil)

// Rows gives the rows the plan kept (spool), else reads the files again;
// a file that is no longer the one planned stops it with ErrFileChanged
// (the applying transaction is then rolled back).
func (f *fileSource) Rows(ctx context.Context, yield func(model.Incoming) error) error {
	if sp := f.spool; sp != nil && sp.usable() {
		f.spool = nil // used once: a second apply reads the files
		switch err := f.unchanged(); {
		case err == nil:
		case errors.Is(err, ErrFileChanged):
			return err
		default:
			sp = nil // a file that cannot be read now: reading it says why
		}
		if sp != nil {
			return rowsFromSpool(ctx, sp, yield)
		}
	}
	req := f.req
	req.Progress = nil
	var read *filesRead
	err := pipeRows(storage.WithProgress(ctx, nil), func(ctx context.Context, yield func(model.Incoming) error) error {
		var err error
		read, err = readFiles(ctx, f.s, f.paths, req, yield)
		return err
	}, func(_ context.Context, in model.Incoming) error { return yield(in) })
	if err != nil {
		return err
	}
	if len(read.files) != len(f.files) {
		return ErrFileChanged
	}
	for i := range read.files {
		if read.files[i].SHA256 != f.files[i].SHA256 {
			return fmt.Errorf("%s: %w", read.files[i].File, ErrFileChanged)
		}
	}
	return nil
}

// rowsFromSpool gives the rows a plan kept, unpacked on a goroutine of
// their own.
func rowsFromSpool(ctx context.Context, sp *spool, yield func(model.Incoming) error) error {
	return pipeRows(storage.WithProgress(ctx, nil), func(ctx context.Context, yield func(model.Incoming) error) error {
		return sp.take(func(in model.Incoming) error {
			if err := yield(in); err != nil {
				return err
			}
			return ctx.Err()
		})
	}, func(_ context.Context, in model.Incoming) error { return yield(in) })
}

// unchanged is nil when every file is still the one planned, ErrFileChanged
// naming the one that is not, or the error hashing a file met.
func (f *fileSource) unchanged() error {
	if len(f.paths) != len(f.files) {
		return ErrFileChanged
	}
	for i, path := range f.paths {
		sum, err := workbook.FileSHA256(path)
		if err != nil {
			return err
		}
		if sum != f.files[i].SHA256 {
			return fmt.Errorf("%s: %w", f.files[i].File, ErrFileChanged)
		}
	}
	return nil
}

// Replan plans the files again against the store as it is now.
func (f *fileSource) Replan(ctx context.Context) (*model.Plan, error) {
	return PlanFiles(ctx, f.s, f.paths, f.req)
}

// readDicts are the dictionaries an import's sheets are read through.
type readDicts struct {
	units  *model.UnitDict
	points *model.UnitDict
	cal    *model.Calendar
	words  *model.Dictionary
}

// dictionaries are the store's units, points and holidays with those of
// every file's reference sheets. The files' entries are added in an order
// of their own (by name, by date), not in the order of the files, so any
// order of the same files reads the same; the store's entries come first
// and keep their names.
func dictionaries(ctx context.Context, s *storage.Store, paths []string, req ReadRequest) (readDicts, error) {
	units, err := s.UnitDict(ctx)
	if err != nil {
		return readDicts{}, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return readDicts{}, err
	}
	points, err := s.Points(ctx)
	if err != nil {
		return readDicts{}, err
	}
	words, err := s.Dictionary(ctx)
	if err != nil {
		return readDicts{}, err
	}
	d := readDicts{units: units, points: model.NewPointDict(points), cal: cal, words: words}
	if len(paths) < 2 {
		return d, nil // a single file reads its own reference sheets first
	}
	var refs model.References
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return readDicts{}, err
		}
		res, err := workbook.Read(path, workbook.ReadOptions{Only: model.ReferenceKinds, Lang: req.Lang, Password: req.Password,
			Partial: req.Partial, Legacy: req.legacy})
		if err != nil {
			return readDicts{}, err
		}
		for _, in := range res.Rows {
			refs.Add(in.Record)
		}
	}
	newUnits, newPoints, days, terms := refs.Units, refs.Points, refs.Holidays, refs.Terms
	if len(terms) > 0 {
		slices.SortStableFunc(terms, func(a, b *model.Term) int {
			return strings.Compare(a.Of+"|"+a.Word, b.Of+"|"+b.Word)
		})
		if d.words == nil {
			d.words = model.NewDictionary(nil)
		}
		for _, t := range terms {
			d.words.Teach(t.Of, t.Word, t.Value)
		}
	}
	if len(newUnits) > 0 {
		slices.SortStableFunc(newUnits, func(a, b *model.Unit) int { return strings.Compare(a.Name, b.Name) })
		d.units = model.NewUnitDict(append(units.Units(), newUnits...))
	}
	if len(newPoints) > 0 {
		slices.SortStableFunc(newPoints, func(a, b *model.Point) int { return strings.Compare(a.Name, b.Name) })
		d.points = model.NewPointDict(append(points, newPoints...))
	}
	if len(days) > 0 {
		slices.SortStableFunc(days, func(a, b *model.Holiday) int { return a.Date.Compare(b.Date) })
		d.cal = cal.With(days)
	}
	return d, nil
}

// ExportRequest selects what an export writes.
type ExportRequest struct {
	Kinds        []model.Kind // nil: every kind
	Unit         string       // only records where this unit has a role
	ChangedSince model.Date   // only records changed on or after this day
	Password     string
	Operator     string
	Generator    string
}

// Stats counts what was written, per kind.
type Stats map[model.Kind]int

// Export writes the selected records as a Taizhang workbook: hidden ids,
// revisions and ancestry let the file come back and merge.
func Export(ctx context.Context, s *storage.Store, w io.Writer, req ExportRequest) (Stats, error) {
	kinds := req.Kinds
	if len(kinds) == 0 {
		kinds = model.Kinds()
	}
	var unitName string
	if req.Unit != "" {
		units, err := s.UnitDict(ctx)
		if err != nil {
			return nil, err
		}
		unitName = units.Canonical(req.Unit)
	}
	since := time.Time{}
	if !req.ChangedSince.IsZero() {
		since = req.ChangedSince.Time()
	}
	stats := Stats{}
	sheets := make([]workbook.SheetData, 0, len(kinds))
	for _, k := range kinds {
		if unitName == "" && since.IsZero() {
			// A full export streams: memory does not grow with the rows.
			n, err := s.Count(ctx, storage.Query{Kind: k})
			if err != nil {
				return nil, fmt.Errorf("export %s: %w", k, err)
			}
			stats[k] = n
			sheets = append(sheets, workbook.SheetData{Kind: k, Count: n,
				Each: func(yield func(model.Record, []string) error) error { return s.EachRecord(ctx, k, yield) }})
			continue
		}
		// A department's ledger or a field laptop's changes: small selections.
		var recs []model.Record
		var ancestry [][]string
		err := s.EachRecord(ctx, k, func(r model.Record, anc []string) error {
			if r.RecordMeta().UpdatedAt.Before(since) || (unitName != "" && !hasUnit(r, unitName, req.Unit)) {
				return nil
			}
			recs, ancestry = append(recs, r), append(ancestry, anc)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", k, err)
		}
		if unitName != "" && len(recs) == 0 && k != model.KindTask && k != model.KindProposal {
			continue // a department's ledger holds only the kinds that name it
		}
		stats[k] = len(recs)
		sheets = append(sheets, workbook.SheetData{Kind: k, Count: len(recs),
			Each: func(yield func(model.Record, []string) error) error {
				for i, r := range recs {
					if err := yield(r, ancestry[i]); err != nil {
						return err
					}
				}
				return nil
			}})
	}
	err := workbook.Export(w, sheets, workbook.ExportOptions{Unit: req.Unit, Password: req.Password,
		Generator: req.Generator, Operator: req.Operator, Now: time.Now(), ChangedSince: req.ChangedSince})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return stats, nil
}

// hasUnit reports whether the record names the unit (by dictionary full
// name or as typed) in any role.
func hasUnit(r model.Record, full, typed string) bool {
	match := func(name string) bool { return name != "" && (name == full || name == typed) }
	switch v := r.(type) {
	case *model.Task:
		return slices.ContainsFunc(v.Units, func(u model.UnitRole) bool { return match(u.Name) }) || match(v.LeadUnit)
	case *model.Proposal:
		return slices.ContainsFunc(v.Units, func(u model.UnitRole) bool { return match(u.Name) }) || match(v.LeadUnit)
	case *model.Problem:
		return match(v.Unit)
	case *model.Visit:
		return slices.ContainsFunc(v.Units, match)
	case *model.Unit:
		return match(v.Name)
	}
	return false
}
