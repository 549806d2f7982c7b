package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"

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
	// UnitMerges are the units the import's unit directory folded into
	// the full names it gives (foldDirectoryAliases).
	UnitMerges []UnitMerge
}

// ErrStalePlan: a record the plan found unchanged was changed before the
// plan was applied, and the plan no longer holds that row to decide it
// again; nothing was imported. exchange.Apply plans again from the files.
var ErrStalePlan = model.NewError(model.T("数据在预览之后有更改，请重新预览后再导入；没有导入任何内容",
	"the data changed after the preview; preview the import again. Nothing was imported"), nil)

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
	err := s.Update(ctx, func(tx *Tx) error { return tx.applyPlan(ctx, plan, opt, res, nil) })
	if err != nil {
		return nil, err
	}
	return res, nil
}

// applyPlan is ApplyImport's transaction. streamed, when set, holds the
// new rows the plan let go, created already as they were planned
// (ApplyWhilePlanning), and the import recorded for them.
func (tx *Tx) applyPlan(ctx context.Context, plan *model.Plan, opt ApplyOptions, res *ApplyResult, streamed *streamedRows) error {
	p := &planner{q: tx.cached(), plan: &model.Plan{Files: plan.Files, Rejected: plan.Rejected,
		Warnings: plan.Warnings, NewUnits: plan.NewUnits, Notes: plan.Notes,
		Quiet: plan.Quiet, QuietKinds: plan.QuietKinds}, seen: newTargets()}
	// A kind with no records at all here has nothing a new row could
	// have met since planning: its rows stand without a look-up each
	// (the whole of a first import into an empty folder).
	empty := map[model.Kind]bool{}
	// Nothing written since the plan was made: every item stands as
	// planned (a re-import asked the store once per row already).
	token, err := writeToken(ctx, tx.tx)
	if err != nil {
		return err
	}
	same := plan.Against != "" && token == plan.Against
	if !same && plan.Quiet != (model.Counts{}) {
		return ErrStalePlan // rows only counted cannot be decided again: plan again from the files
	}
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
	for _, it := range plan.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		// An item whose record is as it was when planned stands; the
		// others (edited or created meanwhile) are decided again, with
		// every return merged into them.
		if same || (empty[it.Kind] && it.Local == nil && it.Action == model.ActionNew) || tx.unchangedSincePlan(ctx, &it) {
			p.keep(it)
			continue
		}
		if it.Incoming.Compact() || slices.ContainsFunc(it.Merged, func(m model.MergedRow) bool { return m.Incoming.Compact() }) {
			return ErrStalePlan // a row itself was let go: plan again from the files
		}
		rows := []model.Incoming{*it.Incoming}
		for _, m := range it.Merged {
			rows = append(rows, *m.Incoming)
		}
		for i := range rows {
			if err := p.add(ctx, &rows[i]); err != nil {
				return err
			}
		}
	}
	if len(p.plan.Rejected) > len(plan.Rejected) && !opt.Partial {
		return ErrRejected
	}
	res.Plan = p.plan
	counts := p.plan.Counts()
	if streamed != nil {
		if err := tx.countStreamed(ctx, streamed, p.plan.Files, counts, res); err != nil {
			return err
		}
	} else {
		for _, f := range p.plan.Files {
			id, err := tx.RecordImport(ctx, f.File, f.SHA256, opt.By, counts)
			if err != nil {
				return err
			}
			res.ImportIDs[f.File] = id
		}
	}
	if err := tx.addUnits(ctx, p.plan.NewUnits, opt.By, firstImport(p.plan.Files, res.ImportIDs)); err != nil {
		return err
	}
	// New rows the plan let go (model.Identity) are applied as the
	// files are read again, after the others (streamed: they were created
	// as the plan was made).
	letGo, kept := map[model.RowRef]bool{}, map[model.RowRef]bool{}
	applied, total := 0, len(p.plan.Items)+plan.Quiet.New+plan.Quiet.Updated+plan.Quiet.Merged
	for i := range p.plan.Items {
		if err := ctx.Err(); err != nil {
			return err // rolled back: nothing of the import is kept
		}
		it := &p.plan.Items[i]
		if _, ok := it.Result.(*model.Identity); ok && it.Action == model.ActionNew {
			letGo[it.Incoming.Ref] = true
			continue
		}
		if slices.Contains(plan.QuietKinds, it.Kind) {
			kept[it.Incoming.Ref] = true
		}
		report(ctx, "apply", applied, total)
		if err := tx.applyItem(ctx, it, opt.By, importFor(res.ImportIDs, it.Incoming.Ref.File)); err != nil {
			return fmt.Errorf("%s sheet %s row %d: %w", it.Incoming.Ref.File, it.Incoming.Ref.Sheet, it.Incoming.Ref.Row, err)
		}
		applied++
	}
	if streamed != nil {
		// the let-go rows were created as planned: as many as it let go
		// (into a store with no record, no row changes one)
		if streamed.created != len(letGo)+plan.Quiet.New || len(plan.QuietChanged) > 0 {
			return ErrStalePlan
		}
		if err := streamed.restore(); err != nil {
			return err
		}
	} else if err := tx.applyLetGo(ctx, plan, letGo, kept, empty, opt.By, res.ImportIDs, applied, total); err != nil {
		return err
	}
	merged, err := tx.foldDirectoryAliases(ctx, p.plan, opt.By, res.ImportIDs)
	if err != nil {
		return err
	}
	res.UnitMerges = merged
	if err := tx.foldPointShortNames(ctx, p.plan, opt.By, res.ImportIDs); err != nil {
		return err
	}
	if err := tx.recountWorkdays(ctx, p.plan, opt.By, res.ImportIDs); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	report(ctx, "apply", total, total)
	return nil
}

// ErrNotEmpty: ApplyWhilePlanning is for a store that holds no record.
var ErrNotEmpty = errors.New("the store holds records")

// ApplyWhilePlanning applies a first import into a store that holds no
// record as it is planned, in one transaction: plan makes the plan with a
// Planner of this store (CompactNew) and gives created, from one goroutine
// and in order, each new row the planner let go (Planner.LetGoNew) once
// the planner is done with it. Those rows are decided and written at once,
// while the rest of the file is read and planned; the rest of the plan is
// applied when it is made (as ApplyImport, with no backup). A first import
// of 100,000 rows then writes while it reads, instead of reading and
// planning the whole file first.
//
// files are the import's files as the plan will report them (name and
// SHA-256): the import is recorded before its rows. Nothing is kept when
// plan fails (its error is returned, with the plan if it gave one), when
// rows were rejected and not opt.Partial (ErrRejected), when the plan's
// files or let-go rows are not those recorded or created (ErrStalePlan),
// or when the store holds records (ErrNotEmpty).
func (s *Store) ApplyWhilePlanning(ctx context.Context, files []model.FileReport, opt ApplyOptions,
	plan func(ctx context.Context, created func(model.Incoming) error) (*model.Plan, error)) (*model.Plan, *ApplyResult, error) {
	res := &ApplyResult{ImportIDs: map[string]string{}}
	var made *model.Plan
	err := s.Update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM records LIMIT 1)").Scan(&n); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if n > 0 {
			return ErrNotEmpty
		}
		st := &streamedRows{files: files, imports: map[string]string{}}
		for _, f := range files {
			id, err := tx.RecordImport(ctx, f.File, f.SHA256, opt.By, model.Counts{})
			if err != nil {
				return err
			}
			st.imports[f.File] = id
		}
		empty := map[model.Kind]bool{} // every kind: the store holds no record
		for _, k := range model.Kinds() {
			empty[k] = true
		}
		w, err := tx.newRowWriter(ctx, bulkRows, empty, opt.By, st.imports, 0, 0)
		if err != nil {
			return err
		}
		w.made = nil // at 200,000 rows 13 MB of targets, of rows the planner let go once each
		made, err = plan(ctx, func(in model.Incoming) error {
			_, err := w.create(in)
			return err
		})
		if err = w.close(err); err != nil {
			return err
		}
		st.created, st.restore = w.created, w.restore
		if len(made.Rejected) > 0 && !opt.Partial {
			return ErrRejected
		}
		return tx.applyPlan(ctx, made, opt, res, st)
	})
	if err != nil {
		return made, nil, err
	}
	return made, res, nil
}

// streamedRows are the new rows a plan let go, created as it was planned
// (ApplyWhilePlanning), and the import they were recorded under.
type streamedRows struct {
	files   []model.FileReport // as recorded before the rows
	imports map[string]string  // their import ids, by file
	created int                // rows created
	restore func() error       // builds the list indexes again
}

// countStreamed checks that the plan read the files recorded, and records
// the plan's counts with them.
func (tx *Tx) countStreamed(ctx context.Context, st *streamedRows, files []model.FileReport, counts model.Counts, res *ApplyResult) error {
	if len(files) != len(st.files) {
		return ErrStalePlan
	}
	c, err := json.Marshal(counts)
	if err != nil {
		return fmt.Errorf("record import: counts: %w", err)
	}
	for i, f := range files {
		if f.File != st.files[i].File || f.SHA256 != st.files[i].SHA256 {
			return ErrStalePlan // the file read is not the one recorded
		}
		id := st.imports[f.File]
		if _, err := tx.tx.ExecContext(ctx, "UPDATE imports SET counts = ? WHERE id = ?", string(c), id); err != nil {
			return fmt.Errorf("record import %s: %w", f.File, err)
		}
		res.ImportIDs[f.File] = id
	}
	return nil
}

// applyLetGo creates the new records whose rows the plan let go, reading
// them again from the plan's source: each row is decided again as it was
// planned (new, in a kind that had no records, so without a look-up) and
// created at once, so the rows are never held together.
func (tx *Tx) applyLetGo(ctx context.Context, plan *model.Plan, letGo, kept map[model.RowRef]bool, empty map[model.Kind]bool,
	by string, imports map[string]string, done, total int) error {
	if len(letGo) == 0 && len(plan.QuietKinds) == 0 && len(plan.QuietChanged) == 0 {
		return nil
	}
	if plan.Source == nil {
		return fmt.Errorf("import: %d new rows were planned without their files", len(letGo))
	}
	w, err := tx.newRowWriter(ctx, len(letGo)+plan.Quiet.New, empty, by, imports, done, total)
	if err != nil {
		return err
	}
	// The rows only counted are the new rows of the quiet kinds that are
	// not items: decided again, each record once (a row the plan refused
	// as standing for a record an earlier row made is refused again).
	// The rows that change a record and were only counted are written
	// from the merged records the plan kept (keptChanges), the others
	// decided again, each against its record as planned (nothing was
	// written since: applyPlan); all must come out as counted.
	changed := make(map[model.RowRef]bool, len(plan.QuietChanged))
	for _, ref := range plan.QuietChanged {
		changed[ref] = true
	}
	var quietChanged model.Counts
	results := reader(plan.QuietResults)
	quiet := 0
	err = plan.Source.Rows(ctx, func(in model.Incoming) error {
		kind := in.Record.RecordMeta().Kind
		counted := false
		if changed[in.Ref] {
			delete(changed, in.Ref)
			var action model.Action
			it, ok, err := results.take(in.Ref)
			switch {
			case err != nil:
				return err
			case ok:
				action, err = w.write(it)
			default:
				action, err = w.change(in)
			}
			switch action {
			case model.ActionUpdated:
				quietChanged.Updated++
			case model.ActionMerged:
				quietChanged.Merged++
			}
			return err
		}
		if letGo[in.Ref] {
			delete(letGo, in.Ref)
		} else if slices.Contains(plan.QuietKinds, kind) && !kept[in.Ref] {
			counted = true
		} else {
			return nil
		}
		made, err := w.create(in)
		if made && counted {
			quiet++
		}
		return err
	})
	if err = w.close(err); err != nil {
		return err
	}
	if len(letGo) > 0 || quiet != plan.Quiet.New || len(changed) > 0 ||
		quietChanged.Updated != plan.Quiet.Updated || quietChanged.Merged != plan.Quiet.Merged {
		return ErrStalePlan // rows planned that the files no longer have
	}
	return w.restore()
}

// rowWriter creates new records of kinds that had none when the import
// began, row by row as they come (applyLetGo; ApplyWhilePlanning): each is
// decided (new, without a look-up) and prepared on the caller's goroutine,
// and written on a goroutine of its own, the writer, which alone uses the
// transaction's statements (tx.cached). The deciding reads through
// statements of its own on the same transaction.
type rowWriter struct {
	ctx     context.Context
	tx      *Tx
	stmts   *stmtCache
	scratch *planner
	empty   map[model.Kind]bool
	imports map[string]string
	// made: the records created, by target, so that a row standing for a
	// record an earlier row made is passed over (the plan refused it); nil
	// when only rows the plan let go come (ApplyWhilePlanning: a second
	// row of a record is refused, never given).
	made    map[string]bool
	jobs    chan rowJob
	wrote   chan error
	restore func() error // builds the list indexes again
	created int          // rows given to the writer
}

type rowJob struct {
	it       model.PlanItem
	pre      *prepared
	ref      model.RowRef
	importID string
}

// newRowWriter starts the writer; rows is how many rows are expected (the
// list indexes are set aside for many: listIndexesAside). Close it.
func (tx *Tx) newRowWriter(ctx context.Context, rows int, empty map[model.Kind]bool, by string, imports map[string]string,
	done, total int) (*rowWriter, error) {
	restore, err := tx.listIndexesAside(ctx, rows)
	if err != nil {
		return nil, err
	}
	stmts := newStmtCache(tx.tx)
	w := &rowWriter{ctx: ctx, tx: tx, stmts: stmts, empty: empty, imports: imports, made: map[string]bool{},
		scratch: &planner{q: stmts, plan: &model.Plan{}, seen: newTargets(), empty: map[model.Kind]bool{}, encoded: &encoded{}},
		jobs:    make(chan rowJob, writeAhead), wrote: make(chan error, 1), restore: restore}
	go func() {
		var err error
		for j := range w.jobs {
			if err != nil {
				continue // drain: the reading side stops at its next row
			}
			tx.pre = j.pre
			err = tx.applyItem(ctx, &j.it, by, j.importID)
			tx.pre = nil
			if err != nil {
				err = fmt.Errorf("%s sheet %s row %d: %w", j.ref.File, j.ref.Sheet, j.ref.Row, err)
				continue
			}
			done++
			report(ctx, "apply", done, total)
		}
		w.wrote <- err
	}()
	return w, nil
}

// create decides the row and gives it to the writer; made is false for a
// row passed over as standing for a record made already. A row that is
// not new is ErrStalePlan.
func (w *rowWriter) create(in model.Incoming) (made bool, err error) {
	kind := in.Record.RecordMeta().Kind
	// A row standing for a record this import made already was refused
	// when planned: passed over before it is decided, since the writer
	// may not have stored that record yet.
	in.Record.Normalize()
	s := w.scratch
	target := ""
	if w.made != nil {
		if target = s.target(kind, model.NaturalKey(in.Record), nil, in.Record); target != "" && w.made[target] {
			return false, nil
		}
	}
	// the kind had no records when this transaction began, so the row
	// meets none but those this import creates (never the same)
	s.empty[kind] = w.empty[kind]
	s.plan.Items = s.plan.Items[:0]
	s.seen.clear()
	if err := s.add(w.ctx, &in); err != nil {
		return false, err
	}
	if len(s.plan.Items) != 1 || s.plan.Items[0].Action != model.ActionNew {
		return false, ErrStalePlan
	}
	it := s.plan.Items[0]
	if target != "" {
		w.made[target] = true
	}
	pre, err := prepareFrom(s.encoded, it.Result, it.Incoming)
	if err != nil {
		return false, err
	}
	pre.packWith(w.tx.pk.dict(kind))
	pre.absent = w.empty[kind]
	if it.IncomingRev != "" {
		pre.nextRev(parentOf(it.Incoming, it.IncomingRev)) // the revision adopted
	} else {
		pre.nextRev("") // a first revision
	}
	if err := w.give(rowJob{it: it, pre: pre, ref: in.Ref, importID: importFor(w.imports, in.Ref.File)}); err != nil {
		return false, err
	}
	w.created++
	return true, w.ctx.Err()
}

// change decides again a row the plan counted as updating or merging into
// its record, and gives the change to the writer. The action is the one
// decided; a row that no longer changes its record that way (a conflict,
// a new record) is ErrStalePlan.
func (w *rowWriter) change(in model.Incoming) (model.Action, error) {
	kind := in.Record.RecordMeta().Kind
	s := w.scratch
	s.empty[kind] = false // the row's record is here
	s.plan.Items = s.plan.Items[:0]
	s.seen.clear()
	if err := s.add(w.ctx, &in); err != nil {
		return "", err
	}
	if len(s.plan.Items) != 1 {
		return "", ErrStalePlan
	}
	it := s.plan.Items[0]
	if (it.Action != model.ActionUpdated && it.Action != model.ActionMerged) || len(it.Conflicts) > 0 || it.Result == nil {
		return "", ErrStalePlan
	}
	return w.write(it)
}

// write prepares a decided change (an update or a merge) and gives it to
// the writer; the action is the item's.
func (w *rowWriter) write(it model.PlanItem) (model.Action, error) {
	// prepared here, as save would on the writer's goroutine
	pre, err := prepare(it.Result, nil)
	if err != nil {
		return "", err
	}
	pre.packWith(w.tx.pk.dict(it.Kind))
	ref := it.Incoming.Ref
	if err := w.give(rowJob{it: it, pre: pre, ref: ref, importID: importFor(w.imports, ref.File)}); err != nil {
		return "", err
	}
	return it.Action, w.ctx.Err()
}

// give hands a decided row to the writer (an error once it stopped).
func (w *rowWriter) give(j rowJob) error {
	select {
	case w.jobs <- j:
		return nil
	case err := <-w.wrote:
		w.wrote <- err // for close
		if err == nil {
			err = errors.New("import: the writer stopped")
		}
		return err
	}
}

// close waits for the writer: its error, else err.
func (w *rowWriter) close(err error) error {
	close(w.jobs)
	werr := <-w.wrote
	w.stmts.Close()
	if werr != nil {
		return werr
	}
	return err
}

// bulkRows is the least number of new rows for which an import builds the
// list indexes after its rows (listIndexesAside).
const bulkRows = 5000

// listIndexes are the indexes of records and revisions that lists, sorts
// and exports read and that nothing an import does reads: not the ones
// that find a record by id or key, nor a revision by its record.
var listIndexes = []string{"records_kind_updated", "records_kind_status", "records_kind_lead",
	"records_kind_source", "records_kind_open_due", "records_kind_deadline_sort", "records_kind_id"}

// listIndexesAside drops the list indexes when an import is about to add
// rows (at least bulkRows, and at least as many as the store has) and
// gives what builds them again, to be called once the rows are written.
// Every new row cost an insert into each of them, most at a random place
// (by status, unit, deadline): a third of a page left empty by each split.
// Built at the end, each is one sort of the finished table, its pages full.
// Inside the transaction: a failed import rolls the drop back with the
// rest. Nothing to do otherwise (restore is then a no-op).
func (tx *Tx) listIndexesAside(ctx context.Context, rows int) (restore func() error, err error) {
	noop := func() error { return nil }
	if rows < bulkRows {
		return noop, nil
	}
	var have int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM records").Scan(&have); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if have > rows {
		return noop, nil
	}
	var creates []string
	for _, name := range listIndexes {
		var create string
		err := tx.queryRow(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", name).Scan(&create)
		if errors.Is(err, sql.ErrNoRows) {
			continue // not in this schema
		}
		if err != nil {
			return nil, fmt.Errorf("import: list index %s: %w", name, err)
		}
		if _, err := tx.tx.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return nil, fmt.Errorf("import: list index %s: %w", name, err)
		}
		creates = append(creates, create)
	}
	return func() error {
		report(ctx, "indexes", 0, len(creates))
		for i, create := range creates {
			if _, err := tx.tx.ExecContext(ctx, create); err != nil {
				return fmt.Errorf("import: build the list indexes: %w", err)
			}
			report(ctx, "indexes", i+1, len(creates))
		}
		return nil
	}, nil
}

// writeAhead is how many prepared rows may wait for the writer.
const writeAhead = 64

// unchangedSincePlan reports whether the store still holds what the item
// was planned against: the matched record at the same revision, or for a
// new record still no record with its id or identifying key.
func (tx *Tx) unchangedSincePlan(ctx context.Context, it *model.PlanItem) bool {
	if it.Local != nil {
		var rev string
		err := tx.queryRow(ctx, "SELECT rev FROM records WHERE id = ?", it.Local.RecordMeta().ID).Scan(&rev)
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
		if err := tx.putIncoming(ctx, it.Local, it.Incoming, it.IncomingRev); err != nil {
			return err
		}
	}
	if it.Local != nil {
		// every other return's body too, so the same file imported again
		// finds its row agreed
		for _, m := range it.Merged {
			if m.IncomingRev != "" {
				if err := tx.putIncoming(ctx, it.Local, m.Incoming, m.IncomingRev); err != nil {
					return err
				}
			}
		}
	}
	switch it.Action {
	case model.ActionNew:
		r := it.Result
		if in != nil && len(it.Merged) == 0 && len(it.Conflicts) == 0 && (tx.pre == nil || tx.pre.r != r) {
			// The record is the row as read: save stamps it with the
			// row's digest (prepare), so the same row met again changes
			// nothing while the record stays as made.
			pre, err := prepare(r, in)
			if err != nil {
				return err
			}
			tx.pre = pre
			defer func() { tx.pre = nil }()
		}
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
		if err := tx.Save(ctx, r, by, importID); err != nil {
			return err
		}
		// two returns of a record new here that disagree: kept as conflicts
		// on the record just made
		it.Local = r
		for i := range it.Conflicts {
			if err := tx.addConflictOnce(ctx, it, &it.Conflicts[i], importID); err != nil {
				return err
			}
		}
		return nil
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
		for i := range it.Conflicts {
			if err := tx.addConflictOnce(ctx, it, &it.Conflicts[i], importID); err != nil {
				return err
			}
		}
	}
	return nil
}

// putIncoming stores the body the incoming row stands for, so that the
// next import of the same row finds it agreed.
func (tx *Tx) putIncoming(ctx context.Context, local model.Record, in *model.Incoming, rev string) error {
	id := local.RecordMeta().ID
	var known int
	err := tx.queryRow(ctx, "SELECT count(*) FROM revision_rows WHERE record_id = ? AND rev = ?", id, rev).Scan(&known)
	if err != nil {
		return fmt.Errorf("revision %s of %s: %w", rev, id, err)
	}
	if known > 0 {
		return nil
	}
	base, _ := tx.RevisionBody(ctx, id, in.BaseRev)
	if base == nil {
		base = local
	}
	full, err := incomingBody(in, base)
	if err != nil {
		return err
	}
	return tx.PutRevision(ctx, id, rev, parentOf(in, rev), full)
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

// addConflictOnce keeps a conflict unless the same one is already pending;
// c.ID is set to the id it is kept under.
func (tx *Tx) addConflictOnce(ctx context.Context, it *model.PlanItem, c *model.FieldConflict, importID string) error {
	id := it.Local.RecordMeta().ID
	err := tx.tx.QueryRowContext(ctx, `SELECT id FROM conflicts WHERE record_id = ? AND field = ?
		AND resolved_at IS NULL AND incoming = ? LIMIT 1`, id, c.Field, string(c.Incoming)).Scan(&c.ID)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	stored := &Conflict{RecordID: id, Kind: it.Kind, Number: it.KeyText(), Field: c.Field,
		Base: string(c.Base), Local: string(c.Local), Incoming: string(c.Incoming), ImportID: importID}
	if err := tx.AddConflict(ctx, stored); err != nil {
		return err
	}
	c.ID = stored.ID
	return nil
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

// foldDirectoryAliases: a unit directory that names 市发改委 as an alias of
// 市发展和改革委员会 settles a unit 市发改委 created earlier from a ledger
// that named it before the directory came: it is merged into the full
// name, references and all (Tx.MergeUnits), so importing the files one by
// one ends as importing them together does.
func (tx *Tx) foldDirectoryAliases(ctx context.Context, plan *model.Plan, by string, imports map[string]string) ([]UnitMerge, error) {
	var out []UnitMerge
	for _, it := range plan.Items {
		u, ok := it.Incoming.Record.(*model.Unit)
		if !ok || it.Action == model.ActionConflict {
			continue
		}
		for _, alias := range u.Aliases {
			other, err := tx.FindByKey(ctx, model.KindUnit, model.NaturalKey(&model.Unit{Name: alias}))
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if other.RecordMeta().Deleted || other.(*model.Unit).Name == u.Name {
				continue
			}
			m, err := tx.MergeUnits(ctx, other.(*model.Unit).Name, u.Name, by, importFor(imports, it.Incoming.Ref.File))
			if err != nil {
				return nil, fmt.Errorf("merge unit %s into %s: %w", alias, u.Name, err)
			}
			out = append(out, m)
		}
	}
	return out, nil
}

// foldPointShortNames: a liaison point list giving 民主社区 as the short
// name of 西关街道民主社区 makes visits stored earlier with the short name
// name the point in full, as they would had the list come first.
func (tx *Tx) foldPointShortNames(ctx context.Context, plan *model.Plan, by string, imports map[string]string) error {
	for _, it := range plan.Items {
		pt, ok := it.Incoming.Record.(*model.Point)
		if !ok || pt.ShortName == "" || pt.ShortName == pt.Name || it.Action == model.ActionConflict {
			continue
		}
		dict := model.NewPointDict([]*model.Point{pt})
		rows, err := tx.tx.QueryContext(ctx, `SELECT id FROM records WHERE deleted = 0 AND kind = ? AND instr(tz_text(body), ?) > 0`,
			model.KindVisit, pt.ShortName)
		if err != nil {
			return fmt.Errorf("visits of %s: %w", pt.ShortName, err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			r, err := tx.Get(ctx, id)
			if err != nil {
				return err
			}
			v := r.(*model.Visit)
			if full, known := dict.Resolve(v.Point); !known || full == v.Point {
				continue
			} else {
				v.Point = full
			}
			if err := tx.Save(ctx, v, by, importFor(imports, it.Incoming.Ref.File)); err != nil {
				return fmt.Errorf("visit %s: %w", id, err)
			}
		}
	}
	return nil
}

// recountWorkdays: working-day deadlines (7个工作日) are counted on the
// holiday calendar, so an import that brings holidays counts again the
// ones whose calendar it changed, as they would have been counted had the
// calendar come first. Nothing else re-reads a stored deadline.
func (tx *Tx) recountWorkdays(ctx context.Context, plan *model.Plan, by string, imports map[string]string) error {
	file := ""
	for _, it := range plan.Items {
		if it.Kind == model.KindHoliday && (it.Action == model.ActionNew || it.Action == model.ActionUpdated || it.Action == model.ActionMerged) {
			file = it.Incoming.Ref.File
			break
		}
	}
	if file == "" {
		return nil
	}
	var days []*model.Holiday
	if err := tx.eachBody(ctx, `SELECT id, body FROM records WHERE deleted = 0 AND kind = 'holidays'`, func(_ string, body string) error {
		r, err := decodeBody(model.KindHoliday, body)
		if err == nil {
			days = append(days, r.(*model.Holiday))
		}
		return err
	}); err != nil {
		return err
	}
	cal := model.NewCalendar(days)
	var ids []string
	if err := tx.eachBody(ctx, `SELECT id, '' FROM records WHERE deleted = 0 AND kind = 'tasks'
		AND json_extract(tz_text(body), '$.deadline_kind') = 'workdays' AND json_extract(tz_text(body), '$.assigned_on') IS NOT NULL`,
		func(id, _ string) error { ids = append(ids, id); return nil }); err != nil {
		return err
	}
	for _, id := range ids {
		r, err := tx.Get(ctx, id)
		if err != nil {
			return err
		}
		t := r.(*model.Task)
		dl, err := model.ResolveDeadline(t.Deadline.Text, model.DeadlineBasis{Assigned: t.AssignedOn, Calendar: cal})
		if err != nil || dl.Due == t.Deadline.Due {
			continue
		}
		if t.FirstDeadline == t.Deadline.Due {
			t.FirstDeadline = dl.Due
		}
		t.Deadline = dl
		if err := tx.Save(ctx, t, by, importFor(imports, file)); err != nil {
			return fmt.Errorf("recount %s: %w", id, err)
		}
	}
	return nil
}

// eachBody runs a query of (id, text) rows inside the transaction.
func (tx *Tx) eachBody(ctx context.Context, query string, fn func(id, body string) error) error {
	rows, err := tx.tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return err
		}
		if err := fn(id, body); err != nil {
			return err
		}
	}
	return rows.Err()
}
