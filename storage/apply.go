package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"taizhang/model"
)

// ApplyOptions says who imports and whether rejected rows stop the import.
type ApplyOptions struct {
	By string
	// Partial applies the valid rows even when some were rejected.
	Partial bool
	// NoBackup skips the automatic backup (tests of large imports only).
	NoBackup bool
}

// ApplyResult reports what an applied import did.
type ApplyResult struct {
	Plan      *model.Plan // as re-planned inside the transaction
	Backup    string      // the backup taken before anything changed
	ImportIDs map[string]string
}

// ErrRejected: rows were rejected and the import is all-or-nothing.
var ErrRejected = errors.New("rows were rejected; nothing was imported")

// ApplyImport applies a plan in one transaction after a backup: new records
// are created, one-sided changes and merges saved (the history names the
// import), conflicts kept with both values. Rows are planned again inside
// the transaction so that edits made since the preview are never
// overwritten. All-or-nothing unless opt.Partial.
func (s *Store) ApplyImport(ctx context.Context, plan *model.Plan, opt ApplyOptions) (*ApplyResult, error) {
	if len(plan.Rejected) > 0 && !opt.Partial {
		return nil, ErrRejected
	}
	res := &ApplyResult{ImportIDs: map[string]string{}}
	if !opt.NoBackup {
		b, err := s.Backup(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("backup before import: %w", err)
		}
		res.Backup = b
	}
	rows := make([]model.Incoming, 0, len(plan.Items))
	for _, it := range plan.Items {
		rows = append(rows, *it.Incoming)
	}
	err := s.Update(ctx, func(tx *Tx) error {
		p := &planner{q: tx.tx, plan: &model.Plan{Files: plan.Files, Rejected: plan.Rejected,
			Warnings: plan.Warnings, NewUnits: plan.NewUnits, Notes: plan.Notes}, seen: map[string]model.RowRef{}}
		// A kind with no records at all here has nothing a new row could
		// have met since planning: its rows stand without a look-up each
		// (the whole of a first import into an empty folder).
		empty := map[model.Kind]bool{}
		for _, it := range plan.Items {
			if _, asked := empty[it.Kind]; !asked {
				var one int
				err := tx.queryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM records WHERE kind = ? LIMIT 1)", string(it.Kind)).Scan(&one)
				if err != nil {
					return fmt.Errorf("import: %w", err)
				}
				empty[it.Kind] = one == 0
			}
		}
		for i := range rows {
			if err := ctx.Err(); err != nil {
				return err
			}
			// An item whose record is as it was when planned stands; the
			// others (edited or created meanwhile) are decided again.
			if it := plan.Items[i]; (empty[it.Kind] && it.Local == nil && it.Action == model.ActionNew) ||
				tx.unchangedSincePlan(ctx, &it) {
				p.keep(it)
				continue
			}
			if err := p.add(ctx, &rows[i]); err != nil {
				return err
			}
		}
		if len(p.plan.Rejected) > len(plan.Rejected) && !opt.Partial {
			return ErrRejected
		}
		res.Plan = p.plan
		counts := p.plan.Counts()
		for _, f := range p.plan.Files {
			id, err := tx.RecordImport(ctx, f.File, f.SHA256, opt.By, counts)
			if err != nil {
				return err
			}
			res.ImportIDs[f.File] = id
		}
		if err := tx.addUnits(ctx, p.plan.NewUnits, opt.By, firstImport(p.plan.Files, res.ImportIDs)); err != nil {
			return err
		}
		for i := range p.plan.Items {
			if err := ctx.Err(); err != nil {
				return err // rolled back: nothing of the import is kept
			}
			report(ctx, "apply", i, len(p.plan.Items))
			it := &p.plan.Items[i]
			if err := tx.applyItem(ctx, it, opt.By, importFor(res.ImportIDs, it.Incoming.Ref.File)); err != nil {
				return fmt.Errorf("%s sheet %s row %d: %w", it.Incoming.Ref.File, it.Incoming.Ref.Sheet, it.Incoming.Ref.Row, err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		report(ctx, "apply", len(p.plan.Items), len(p.plan.Items))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// unchangedSincePlan reports whether the store still holds what the item
// was planned against: the matched record at the same revision, or for a
// new record still no record with its id or identifying key.
func (tx *Tx) unchangedSincePlan(ctx context.Context, it *model.PlanItem) bool {
	if it.Local != nil {
		var rev string
		err := tx.tx.QueryRowContext(ctx, "SELECT rev FROM records WHERE id = ?", it.Local.RecordMeta().ID).Scan(&rev)
		return err == nil && rev == it.Local.RecordMeta().Rev
	}
	if it.Action != model.ActionNew || it.Result == nil {
		return false
	}
	if id := it.Result.RecordMeta().ID; id != "" {
		if _, err := getRecord(ctx, tx.tx, id); !errors.Is(err, ErrNotFound) {
			return false
		}
	}
	if it.Key != "" && (it.Result.RecordMeta().ID == "" || model.KeyIdentifies(it.Result)) {
		if _, err := findByKey(ctx, tx.tx, it.Kind, it.Key); !errors.Is(err, ErrNotFound) {
			return false
		}
	}
	return true
}

func (tx *Tx) applyItem(ctx context.Context, it *model.PlanItem, by, importID string) error {
	in := it.Incoming
	if it.IncomingRev != "" && it.Action != model.ActionNew {
		if err := tx.putIncoming(ctx, it); err != nil {
			return err
		}
	}
	switch it.Action {
	case model.ActionNew:
		r := it.Result
		if it.IncomingRev != "" {
			// A record copied from another machine keeps its lineage.
			r.RecordMeta().Rev = it.IncomingRev
			if r.RecordMeta().ID != "" {
				err := tx.createAdopted(ctx, r, by, importID, it.IncomingRev, parentOf(in, it.IncomingRev))
				if !errors.Is(err, errNotAdopted) {
					return err
				}
			}
			if err := tx.PutRevision(ctx, r.RecordMeta().ID, it.IncomingRev, parentOf(in, it.IncomingRev), r); err != nil {
				return err
			}
		}
		return tx.Save(ctx, r, by, importID)
	case model.ActionUpdated, model.ActionMerged, model.ActionConflict:
		if it.Result != nil {
			var err error
			if it.IncomingRev != "" {
				err = tx.SaveMerged(ctx, it.Result, by, importID, it.IncomingRev)
			} else {
				err = tx.Save(ctx, it.Result, by, importID)
			}
			if err != nil {
				return err
			}
		}
		for _, c := range it.Conflicts {
			if err := tx.addConflictOnce(ctx, it, c, importID); err != nil {
				return err
			}
		}
	}
	return nil
}

// putIncoming stores the body the incoming row stands for, so that the
// next import of the same row finds it agreed.
func (tx *Tx) putIncoming(ctx context.Context, it *model.PlanItem) error {
	id := it.Local.RecordMeta().ID
	var known int
	err := tx.queryRow(ctx, "SELECT count(*) FROM revisions WHERE record_id = ? AND rev = ?", id, it.IncomingRev).Scan(&known)
	if err != nil {
		return fmt.Errorf("revision %s of %s: %w", it.IncomingRev, id, err)
	}
	if known > 0 {
		return nil
	}
	base, _ := tx.RevisionBody(ctx, id, it.Incoming.BaseRev)
	if base == nil {
		base = it.Local
	}
	full, err := incomingBody(it.Incoming, base)
	if err != nil {
		return err
	}
	return tx.PutRevision(ctx, id, it.IncomingRev, parentOf(it.Incoming, it.IncomingRev), full)
}

// parentOf is the revision the incoming revision descends from.
func parentOf(in *model.Incoming, rev string) string {
	if rev != in.BaseRev {
		return in.BaseRev
	}
	if len(in.Ancestry) > 1 && in.Ancestry[0] == rev {
		return in.Ancestry[1]
	}
	return ""
}

// addConflictOnce keeps a conflict unless the same one is already pending.
func (tx *Tx) addConflictOnce(ctx context.Context, it *model.PlanItem, c model.FieldConflict, importID string) error {
	id := it.Local.RecordMeta().ID
	var n int
	if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE record_id = ? AND field = ?
		AND resolved_at IS NULL AND incoming = ?`, id, c.Field, string(c.Incoming)).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return tx.AddConflict(ctx, &Conflict{RecordID: id, Kind: it.Kind, Number: it.Key, Field: c.Field,
		Base: string(c.Base), Local: string(c.Local), Incoming: string(c.Incoming), ImportID: importID})
}

// addUnits puts unit names the dictionary did not know into it, so nothing
// an import named is dropped; the plan lists them for the user.
func (tx *Tx) addUnits(ctx context.Context, names []string, by, importID string) error {
	for _, name := range names {
		u := &model.Unit{Name: name}
		u.Kind = model.KindUnit
		if _, err := tx.FindByKey(ctx, model.KindUnit, model.NaturalKey(u)); err == nil {
			continue
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		if err := tx.Save(ctx, u, by, importID); err != nil {
			return fmt.Errorf("add unit %s: %w", name, err)
		}
	}
	return nil
}

func importFor(ids map[string]string, file string) string {
	if id, ok := ids[file]; ok {
		return id
	}
	return ids[filepath.Base(file)]
}

// firstImport is the import of the plan's first file: new units are
// recorded under it.
func firstImport(files []model.FileReport, ids map[string]string) string {
	if len(files) == 0 {
		return ""
	}
	return ids[files[0].File]
}
