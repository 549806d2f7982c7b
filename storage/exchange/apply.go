package exchange

import (
	"context"
	"errors"
	"path/filepath"

	"taizhang/model"
	"taizhang/storage"
)

// ApplyRequest says how to apply a reviewed plan.
type ApplyRequest struct {
	By      string
	Partial bool // import the valid rows when some were rejected
	// Waiting is called once when another import (another window, the
	// command line) holds the data folder and this one waits for it.
	Waiting func()
	// BackupFailed is asked when the backup before the import fails; it
	// returns whether to import all the same. nil imports all the same,
	// keeping the previous backup (the command line cannot ask).
	BackupFailed func(err error) bool
}

// Applied is what an applied import did, with its backup's fate.
type Applied struct {
	*storage.ApplyResult
	// BackupSkipped: the plan changed nothing, so no backup was taken.
	BackupSkipped bool
	// BackupErr is the failed backup the import went on without;
	// PreviousBackup is then the newest backup there is ("" for none).
	BackupErr      error
	PreviousBackup string
	backup         string // the backup taken, "" for none
	backupDone     bool   // backUp ran (Import's first attempt)
	asRead         bool   // applied while planned (Import)
}

// ErrNoBackup: the backup failed and the user chose not to import.
var ErrNoBackup = model.NewError(model.T("备份失败，按您的选择没有导入，数据没有更改",
	"the backup failed and, as you chose, nothing was imported; nothing was changed"), nil)

// Apply applies a plan as the GUI and the command line both do: one import
// at a time per data folder (a second waits for the first, told through
// req.Waiting), a backup first unless the plan changes nothing, and a
// failed backup never blocking an import that can still be made safely
// (the import is one transaction: it happens whole or not at all).
func Apply(ctx context.Context, s *storage.Store, plan *model.Plan, req ApplyRequest) (*Applied, error) {
	if len(plan.Rejected) > 0 && !req.Partial {
		return nil, storage.ErrRejected
	}
	release, waited, err := lockFor(ctx, s, req)
	if err != nil {
		return nil, err
	}
	defer release()
	return applyLocked(ctx, s, plan, req, &Applied{}, waited)
}

// applyLocked is Apply under the import lock; out may hold the backup
// taken already (out.backupDone).
func applyLocked(ctx context.Context, s *storage.Store, plan *model.Plan, req ApplyRequest, out *Applied, waited bool) (*Applied, error) {
	// After waiting, the other import may have changed what this plan
	// was made against: back up whatever the plan says.
	switch {
	case out.backupDone:
	case changesNothing(plan) && !waited:
		out.BackupSkipped = true
	default:
		if err := backUp(ctx, s, req, out); err != nil {
			return nil, err
		}
	}
	res, err := s.ApplyImport(ctx, plan, storage.ApplyOptions{By: req.By, Partial: req.Partial, NoBackup: true})
	if errors.Is(err, storage.ErrStalePlan) && plan.Source != nil {
		// A record the preview found unchanged was edited meanwhile: the
		// rows are planned again from the files (under the same lock) and
		// decided against the record as it is now.
		if plan, err = plan.Source.Replan(ctx); err != nil {
			return nil, err
		}
		if len(plan.Rejected) > 0 && !req.Partial {
			return nil, storage.ErrRejected
		}
		if out.BackupSkipped && !changesNothing(plan) {
			out.BackupSkipped = false
			if err := backUp(ctx, s, req, out); err != nil {
				return nil, err
			}
		}
		res, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: req.By, Partial: req.Partial, NoBackup: true})
	}
	if err != nil {
		return nil, err
	}
	res.Backup = out.backup
	out.ApplyResult = res
	return out, nil
}

// backUp takes the backup before an import. A failed backup stops the
// import only when req.BackupFailed says so; otherwise out says which
// backup remains. (A backup written whose older ones could not be pruned
// is a backup: the import goes on with it.)
func backUp(ctx context.Context, s *storage.Store, req ApplyRequest, out *Applied) error {
	out.backupDone = true
	backup, err := s.Backup(ctx, "")
	if err == nil || backup != "" {
		out.backup = backup
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	if req.BackupFailed != nil && !req.BackupFailed(err) {
		return ErrNoBackup
	}
	out.BackupErr = err
	if list, lerr := s.Backups(); lerr == nil {
		for _, b := range list {
			if b.Auto {
				out.PreviousBackup = b.Path
				break
			}
		}
	}
	return nil
}

// changesNothing: every row is unchanged and no unit is new.
func changesNothing(p *model.Plan) bool {
	c := p.Counts()
	return c.New+c.Updated+c.Merged+c.Conflicts == 0 && len(p.NewUnits) == 0
}

// BackupFailedText says that the import went on without a backup, and
// which backup remains.
func (a *Applied) BackupFailedText() model.Text {
	if a.BackupErr == nil {
		return model.Text{}
	}
	why := model.Localize(storage.Explain(a.BackupErr), "zh")
	whyEn := model.Localize(storage.Explain(a.BackupErr), "en")
	if a.PreviousBackup == "" {
		return model.T(why+"导入照常完成（导入是一个整体，要么全部成功要么不做任何更改），但这次没有导入前的备份。",
			whyEn+" The import went ahead (it is applied whole or not at all), but there is no backup from before it.")
	}
	name := filepath.Base(a.PreviousBackup)
	return model.T(why+"导入照常完成；保留了上一份备份 "+name+"，可在需要时恢复。",
		whyEn+" The import went ahead; the previous backup "+name+" is kept and can be restored if needed.")
}
