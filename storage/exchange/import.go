package exchange

import (
	"context"
	"errors"
	"path/filepath"

	"taizhang/model"
	"taizhang/storage"
	"taizhang/storage/workbook"
)

// Import plans the files and applies the plan, as PlanFiles and then Apply
// do, for an import with no preview in between (the command line's). A
// first import of one file into a data folder that holds no record is
// applied while it is planned (storage.ApplyWhilePlanning): its new rows
// are written as they are read, instead of after the whole file is read
// and planned. A plan that is not applied (Refused) is returned with no
// Applied and no error; nothing is changed.
func Import(ctx context.Context, s *storage.Store, paths []string, rreq ReadRequest, areq ApplyRequest) (*model.Plan, *Applied, error) {
	if len(paths) == 1 {
		empty, err := s.Empty(ctx)
		if err != nil {
			return nil, nil, err
		}
		if empty {
			return importWhilePlanning(ctx, s, paths[0], rreq, areq)
		}
	}
	plan, err := PlanFiles(ctx, s, paths, rreq)
	if err != nil {
		return nil, nil, err
	}
	if Refused(plan, areq.Partial) {
		return plan, nil, nil
	}
	out, err := Apply(ctx, s, plan, areq)
	if err != nil {
		return plan, nil, err
	}
	return out.Plan, out, nil
}

// Refused reports whether a plan is not applied: rows were rejected and
// the import is all-or-nothing, or (partial) no row is valid.
func Refused(plan *model.Plan, partial bool) bool {
	if len(plan.Rejected) == 0 {
		return false
	}
	if !partial {
		return true
	}
	c := plan.Counts()
	return c.New+c.Updated+c.Merged+c.Unchanged+c.Conflicts == 0
}

// errRefused stops an import applied while planned whose plan is Refused.
var errRefused = errors.New("import: the plan is refused")

// importWhilePlanning is Import's first import of one file into an empty
// folder. When that cannot be (the folder got records meanwhile, the file
// gives a record on two sheets, the file changed while read), nothing of it
// is kept and the file is planned, then applied, the usual way.
func importWhilePlanning(ctx context.Context, s *storage.Store, path string, rreq ReadRequest, areq ApplyRequest) (*model.Plan, *Applied, error) {
	if rreq.legacy == nil {
		rreq.legacy = workbook.NewLegacyCache()
	}
	release, waited, err := lockFor(ctx, s, areq)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	out := &Applied{}
	usual := func() (*model.Plan, *Applied, error) {
		plan, err := PlanFiles(ctx, s, []string{path}, rreq)
		if err != nil {
			return nil, nil, err
		}
		if Refused(plan, areq.Partial) {
			return plan, nil, nil
		}
		applied, err := applyLocked(ctx, s, plan, areq, out, waited)
		if err != nil {
			return plan, nil, err
		}
		return applied.Plan, applied, nil
	}
	sha, err := workbook.FileSHA256(path)
	if err != nil {
		return usual() // which names the file and says what is wrong with it
	}
	if err := backUp(ctx, s, areq, out); err != nil {
		return nil, nil, err
	}
	files := []model.FileReport{{File: filepath.Base(path), SHA256: sha}}
	plan, res, err := s.ApplyWhilePlanning(ctx, files, storage.ApplyOptions{By: areq.By, Partial: areq.Partial, NoBackup: true},
		func(ctx context.Context, created func(model.Incoming) error) (*model.Plan, error) {
			plan, err := planCreating(ctx, s, path, rreq, created)
			if err == nil && Refused(plan, areq.Partial) {
				err = errRefused
			}
			return plan, err
		})
	switch {
	case errors.Is(err, errRefused):
		return plan, nil, nil
	case errors.Is(err, storage.ErrNotEmpty), errors.Is(err, storage.ErrPlanWhole), errors.Is(err, storage.ErrStalePlan):
		return usual()
	case err != nil:
		return plan, nil, err
	}
	res.Backup = out.backup
	out.ApplyResult, out.asRead = res, true
	return res.Plan, out, nil
}

// planCreating plans one file as PlanFiles does (new rows let go), giving
// created each new row the planner let go, in order, on a goroutine of its
// own: the applying side decides and prepares it there while the file is
// still read and planned.
func planCreating(ctx context.Context, s *storage.Store, path string, req ReadRequest, created func(model.Incoming) error) (*model.Plan, error) {
	pl, err := s.NewPlanner(ctx, req.Lang)
	if err != nil {
		return nil, err
	}
	defer pl.Close()
	pl.CompactNew(true)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows := make(chan model.Incoming, pipeDepth)
	createErr := make(chan error, 1)
	go func() {
		var err error
		for in := range rows {
			if err != nil {
				continue // drain: the planning side stops at its next row
			}
			if err = created(in); err != nil {
				cancel()
			}
		}
		createErr <- err
	}()
	var read *filesRead
	err = pipeRows(ctx, func(ctx context.Context, yield func(model.Incoming) error) error {
		var err error
		read, err = readFiles(ctx, s, []string{path}, req, yield)
		return err
	}, func(ctx context.Context, in model.Incoming) error {
		if err := pl.Add(ctx, in); err != nil {
			return err
		}
		if pl.LetGoNew() { // the planner is done with the row: it is the applying side's
			select {
			case rows <- in:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	close(rows)
	if cerr := <-createErr; cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, err
	}
	return finishPlan(ctx, pl, read, &fileSource{s: s, paths: []string{path}, req: req, files: read.files}), nil
}
