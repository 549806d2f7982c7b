// Package exchange holds the screens that move data in and out through
// Excel: the import wizard (choose files → review the plan → apply), the
// export screen and the conflict list. They depend on Exchanger, which the
// storage package's import, export and merge satisfy through StoreExchanger.
package exchange

import (
	"context"
	"fmt"
	"os"

	"taizhang/model"
	"taizhang/storage"
	ex "taizhang/storage/exchange"
)

// ExportRequest selects what to export.
type ExportRequest = ex.ExportRequest

// ApplyRequest says how to apply a plan: partial, and what to do while
// another import holds the folder or when the backup fails.
type ApplyRequest = ex.ApplyRequest

// Exchanger plans and applies imports and writes exports.
type Exchanger interface {
	// Plan reads the workbooks and plans their import, changing nothing;
	// progress (may be nil) is told after each file, from the worker.
	Plan(ctx context.Context, files []string, progress func(done, total int)) (*model.Plan, error)
	// Apply applies a reviewed plan; req.Partial imports the valid rows
	// when some were rejected (else rejected rows refuse the whole import).
	Apply(ctx context.Context, plan *model.Plan, req ApplyRequest) (*ex.Applied, error)
	Export(ctx context.Context, out string, req ExportRequest) (ex.Stats, error)
	// Units is the unit dictionary (the export's unit picker searches it).
	Units(ctx context.Context) (*model.UnitDict, error)
	Teacher
}

// Teacher records a word of the value dictionary: in field of (a
// model.Vocab id such as "tasks.status"), word means value from now on.
type Teacher interface {
	Teach(ctx context.Context, of, word, value string) error
}

// Conflicts lists and resolves fields edited on both sides.
type Conflicts interface {
	Conflicts(ctx context.Context, pendingOnly bool) ([]storage.Conflict, error)
	ResolveConflict(ctx context.Context, id, keep, by string) error
}

// StoreExchanger adapts *storage.Store to Exchanger.
type StoreExchanger struct {
	Store    *storage.Store
	Operator func() string
	Lang     func() string
}

func (x StoreExchanger) Plan(ctx context.Context, files []string, progress func(done, total int)) (*model.Plan, error) {
	return ex.PlanFiles(ctx, x.Store, files, ex.ReadRequest{Lang: x.Lang(), Progress: progress})
}

func (x StoreExchanger) Apply(ctx context.Context, plan *model.Plan, req ApplyRequest) (*ex.Applied, error) {
	if req.By == "" {
		req.By = x.Operator()
	}
	return ex.Apply(ctx, x.Store, plan, req)
}

func (x StoreExchanger) Teach(ctx context.Context, of, word, value string) error {
	_, err := x.Store.Teach(ctx, of, word, value, x.Operator())
	return err
}

func (x StoreExchanger) Units(ctx context.Context) (*model.UnitDict, error) {
	return x.Store.UnitDict(ctx)
}

func (x StoreExchanger) Export(ctx context.Context, out string, req ExportRequest) (ex.Stats, error) {
	f, err := os.Create(out)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", out, err)
	}
	req.Operator = x.Operator()
	stats, err := ex.Export(ctx, x.Store, f, req)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export %s: %w", out, cerr)
	}
	if err != nil {
		_ = os.Remove(out)
		return nil, err
	}
	return stats, nil
}
