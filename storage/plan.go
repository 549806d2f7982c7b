package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"taizhang/model"
)

// Sync semantics (docs/CLI.md). A row of a Taizhang export names
// its record by hidden id and the revision it was exported at; the body
// stored for that revision is what both sides last agreed on, so a three-way
// merge tells a field changed here from one changed in the file. A row of a
// ledger Taizhang did not write is matched by its natural key, and the body
// its record had after the last import stands in for the agreed one. Fields
// changed on one side merge; a field changed on both sides differently is a
// conflict kept with both values; absent rows delete nothing.

// planner reads through a querier, so the same code plans a preview outside
// a transaction and re-plans inside the applying one.
type planner struct {
	q    querier
	plan *model.Plan
	// seen maps a record (by id, or kind+key for new rows) to the index of
	// the plan item that already targets it in this import.
	seen *targets
	// lang is the language of the plan's reasons and notes (model.Lang).
	lang string
	// empty caches, per kind, whether the store holds no record of it.
	empty map[model.Kind]bool
	// compactNew: new rows of empty kinds keep only their identity, and
	// past model.QuietShown of a kind rows that change nothing or are new
	// there keep nothing but a count (Planner.CompactNew).
	compactNew bool
	// verify: see Store.verifyRowHash.
	verify    bool
	shown     map[string]int // let-go items kept, by kind and action
	quietRefs quietRefs      // rows counted only; seen holds -1-index
	// stamp: collect in stamps the rows found unchanged the long way, to
	// be stamped on their records once the plan is made (Planner.Plan).
	stamp  bool
	stamps []pendingStamp
	// sessionRows: where sessionOf gave rows a session, for noteSessions
	sessionRows []sessionRows
	// encoded: the record last encoded by incomingRev, for prepare to
	// reuse (applyLetGo); nil when nothing is kept.
	encoded *encoded
	// letGoNew: the row last added was new and let go (Planner.LetGoNew)
	letGoNew bool
	// sessionless: the items of new proposals whose rows named no session,
	// by bodyNumber, for a later row that names it (sessionlessFor)
	sessionless map[string][]int
	// kept: the merged records of the changes let go (letGoChange)
	kept keptChanges
}

// letGo keeps a row that needs no item of its own: as an identity item
// while fewer than model.QuietShown of its kind and action are shown,
// else only counted. target is the record it stands for.
func (p *planner) letGo(item model.PlanItem, id *model.Identity, target string) {
	p.letGoNew = p.compactNew && item.Action == model.ActionNew
	if p.compactNew {
		key := string(item.Kind) + "|" + string(item.Action)
		if p.quiet(item.Kind, item.Action) {
			if target != "" {
				p.seen.set(target, -1-p.quietRefs.len())
				p.quietRefs.add(item.Incoming.Ref)
			}
			switch item.Action {
			case model.ActionNew:
				p.plan.Quiet.New++
				if !slices.Contains(p.plan.QuietKinds, item.Kind) {
					p.plan.QuietKinds = append(p.plan.QuietKinds, item.Kind)
				}
			case model.ActionUnchanged:
				p.plan.Quiet.Unchanged++
			}
			return
		}
		if p.shown == nil {
			p.shown = map[string]int{}
		}
		p.shown[key]++
	}
	item.Incoming = &model.Incoming{Record: id, Ref: item.Incoming.Ref, BaseRev: item.Incoming.BaseRev}
	if item.Action == model.ActionNew {
		item.Result = id
	} else {
		item.Local = id
	}
	p.plan.Items = append(p.plan.Items, item)
}

// quietRefs are the places of the rows a plan only counts, one for each of
// a large file's rows: 12 bytes each, the file and sheet names held once
// (a model.RowRef is 48 bytes).
type quietRefs struct {
	places []model.RowRef // distinct file and sheet
	refs   []quietRef
}

type quietRef struct{ place, row, part int32 }

func (q *quietRefs) len() int { return len(q.refs) }

func (q *quietRefs) add(r model.RowRef) {
	i := len(q.places) - 1
	if i < 0 || q.places[i].File != r.File || q.places[i].Sheet != r.Sheet {
		q.places = append(q.places, model.RowRef{File: r.File, Sheet: r.Sheet})
		i++
	}
	q.refs = append(q.refs, quietRef{int32(i), int32(r.Row), int32(r.Part)})
}

func (q *quietRefs) at(i int) model.RowRef {
	r := q.refs[i]
	p := q.places[r.place]
	return model.RowRef{File: p.File, Sheet: p.Sheet, Row: int(r.row), Part: int(r.part)}
}

// quiet reports whether letGo only counts the next item of kind with
// action: QuietShown of them are already shown.
func (p *planner) quiet(kind model.Kind, action model.Action) bool {
	return p.shown[string(kind)+"|"+string(action)] >= model.QuietShown
}

// emptyKind reports whether the store holds no record of kind (asked once
// per plan: a first import then looks nothing up row by row). Records
// created meanwhile are caught when the plan is applied.
func (p *planner) emptyKind(ctx context.Context, kind model.Kind) (bool, error) {
	if e, ok := p.empty[kind]; ok {
		return e, nil
	}
	var n int
	err := p.q.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM records WHERE kind = ? LIMIT 1)", string(kind)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("records of %s: %w", kind, err)
	}
	if p.empty == nil {
		p.empty = map[model.Kind]bool{}
	}
	p.empty[kind] = n == 0
	return n == 0, nil
}

// say picks the planner's language.
func (p *planner) say(zh, en string) string { return model.T(zh, en).In(p.lang) }

// PlanImport decides every incoming row against the store without changing
// anything. rejected and files come from the workbook reader and are carried
// into the plan unchanged.
// lang ("zh", "en") is the language of the plan's reasons and notes.
func (s *Store) PlanImport(ctx context.Context, rows []model.Incoming, files []model.FileReport, rejected []model.Rejection, lang string) (*model.Plan, error) {
	pl, err := s.NewPlanner(ctx, lang)
	if err != nil {
		return nil, err
	}
	defer pl.Close()
	for i := range rows {
		if err := pl.Add(ctx, rows[i]); err != nil {
			return nil, err
		}
	}
	return pl.Plan(ctx, files, rejected), nil
}

// Planner decides incoming rows one at a time, as a workbook is read: a
// large file is planned without holding its rows, since a row that
// changes nothing leaves only its record's identity in the plan
// (model.Identity). It reads in one read transaction: the whole plan sees
// one state of the store (the one its write token names), and its
// thousands of look-ups do not each take and drop SQLite's read lock.
type Planner struct {
	p  *planner
	s  *Store
	q  *stmtCache
	tx *sql.Tx
	n  int
}

// NewPlanner starts a plan against the store as it is now; Close it.
func (s *Store) NewPlanner(ctx context.Context, lang string) (*Planner, error) {
	tx, err := s.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	against, err := writeToken(ctx, tx)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	dicts, err := s.storeDicts(ctx, tx)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	q := newStmtCache(tx)
	return &Planner{s: s, q: q, tx: tx, p: &planner{q: q, plan: &model.Plan{Against: against}, seen: newTargets(),
		kept: keptChanges{budget: s.keptBudget, dicts: dicts},
		lang: lang, verify: s.verifyRowHash, stamp: true}}, nil
}

// Add decides one row.
func (pl *Planner) Add(ctx context.Context, in model.Incoming) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := pl.p.add(ctx, &in); err != nil {
		return err
	}
	pl.n++
	report(ctx, "plan", pl.n, 0)
	return nil
}

// Plan is the plan of the rows added, with the reader's files and
// rejections: rows of the reference kinds first (units, points, holidays,
// words: what the other rows are read with), each in the order added.
func (pl *Planner) Plan(ctx context.Context, files []model.FileReport, rejected []model.Rejection) *model.Plan {
	pl.p.noteSessions()
	plan := pl.p.plan
	if pl.p.kept.n > 0 {
		kept := pl.p.kept // not the planner: the plan outlives it
		kept.dicts = nil
		plan.QuietResults = &kept
	}
	plan.Files = files
	plan.Rejected = append(slices.Clone(rejected), plan.Rejected...)
	slices.SortStableFunc(plan.Items, func(a, b model.PlanItem) int {
		return referenceRank(a.Kind) - referenceRank(b.Kind)
	})
	// Best effort: a stamp only spares the next import work, and one not
	// written is written by the next plan that finds the row unchanged.
	_ = pl.s.stampRows(ctx, pl.p.stamps)
	pl.p.stamps = nil
	report(ctx, "plan", pl.n, pl.n)
	return plan
}

// CompactNew lets new rows of the kinds the store has no record of go once
// planned (model.Identity), to be read again from the plan's Source when
// it is applied. Only for rows that no later row can merge with: the rows
// of one file (two rows of a file standing for one record are refused).
func (pl *Planner) CompactNew(on bool) { pl.p.compactNew = on }

// MayLetGo reports whether a row of kind may be let go once planned (see
// CompactNew): only such rows are read again when the plan is applied.
func (pl *Planner) MayLetGo(ctx context.Context, kind model.Kind) (bool, error) {
	if !pl.p.compactNew || kind.IsReference() {
		return false, nil
	}
	return pl.p.emptyKind(ctx, kind)
}

// LetGoNew reports whether the row last added was a new row let go (see
// CompactNew): the plan keeps only its identity, and nothing of the
// planner holds or changes its record any longer.
func (pl *Planner) LetGoNew() bool { return pl.p.letGoNew }

// Close lets the planner's statements and read transaction go.
func (pl *Planner) Close() {
	pl.q.Close()
	pl.tx.Rollback() // read only: nothing to keep
}

func referenceRank(k model.Kind) int {
	if k.IsReference() {
		return 0
	}
	return 1
}

// itemLocal is the local record of the item at (nil for a row counted only).
func (p *planner) itemLocal(at int) model.Record {
	if at < 0 {
		return nil
	}
	return p.plan.Items[at].Local
}

// keep takes an item planned before as it is.
func (p *planner) keep(it model.PlanItem) {
	p.seen.set(p.target(it.Kind, it.Key, it.Local, it.Incoming.Record), len(p.plan.Items))
	p.plan.Items = append(p.plan.Items, it)
}

// target names the record a row stands for, so that two rows of one import
// never stand for one record: the record they matched, else their own id,
// else their key ("" when they have none of these).
func (p *planner) target(kind model.Kind, key string, local, rec model.Record) string {
	switch {
	case local != nil:
		return local.RecordMeta().ID
	case rec.RecordMeta().ID != "":
		return rec.RecordMeta().ID
	case key != "":
		return string(kind) + "|" + key
	}
	return ""
}

func (p *planner) add(ctx context.Context, in *model.Incoming) error {
	p.letGoNew = false
	rec := in.Record
	rec.Normalize()
	if err := p.sessionOf(ctx, in); err != nil {
		return err
	}
	kind := rec.RecordMeta().Kind
	item := model.PlanItem{Kind: kind, Incoming: in, Key: model.NaturalKey(rec)}

	local, digest, err := p.match(ctx, in)
	if err != nil {
		return err
	}
	if local != nil {
		model.KeepNumber(rec, local) // 督[2019]15号 for 督〔2019〕15号: no change
	}
	_, known := local.(*model.Identity) // found unchanged by the row's digest
	target := p.target(kind, item.Key, local, rec)
	if _, dup := p.seen.get(target); !dup && local == nil {
		if at, ok := p.sessionlessFor(rec, in.Ref); ok {
			p.seen.set(target, at) // the same proposal as a row before that named no session
		}
	}
	if at, dup := p.seen.get(target); dup && target != "" {
		var prev model.RowRef
		if at < 0 {
			prev = p.quietRefs.at(-1 - at) // a row counted only: of this same file
		} else {
			prev = p.plan.Items[at].Incoming.Ref
		}
		otherSheet := prev.File == in.Ref.File && prev.Sheet != in.Ref.Sheet
		if otherSheet && p.compactNew {
			// rows let go cannot be merged: plan the file again, held
			return ErrPlanWhole
		}
		if otherSheet && at >= 0 {
			// A sheet a year numbered from 1 each: the same number, other
			// items. Only rows that name the record alike are one record.
			if first := p.plan.Items[at].Incoming.Record; !namedAlike(first, rec) {
				a, b := model.Headline(first), model.Headline(rec)
				p.plan.Rejected = append(p.plan.Rejected, model.Rejection{
					Place: model.Place{File: in.Ref.File, Sheet: in.Ref.Sheet, Row: in.Ref.Row, Value: item.KeyText()},
					Reason: p.say(fmt.Sprintf("与工作表「%s」第 %d 行编号相同，名称却不同（%s / %s），不能确定是否同一条记录，未导入；请核对编号",
						prev.Sheet, prev.Row, a, b),
						fmt.Sprintf("the same number as sheet %s, row %d, with another name (%s / %s): not imported, as it cannot be told whether they are one record; check the numbers",
							prev.Sheet, prev.Row, a, b)),
				})
				return nil
			}
		}
		if l := p.itemLocal(at); at >= 0 && (prev.File != in.Ref.File || otherSheet) && (l == nil || !l.RecordMeta().Deleted) {
			// Several returns of one record (the lead unit's and a
			// cooperating unit's) merge with each other. A return whose
			// cells all hold the record's values (its digest says so)
			// merged into a return that changes nothing changes nothing.
			it := &p.plan.Items[at]
			quiet := known && in.BaseRev == "" &&
				it.Action == model.ActionUnchanged && it.Result == nil && len(it.Conflicts) == 0
			if quiet && !p.verify {
				it.Merged = append(it.Merged, model.MergedRow{Incoming: in.Compacted()})
				return nil
			}
			if known {
				if local, err = getRecord(ctx, p.q, local.RecordMeta().ID); err != nil {
					return err
				}
			}
			if err := p.mergeReturn(ctx, at, in, local); err != nil {
				return err
			}
			if it := &p.plan.Items[at]; quiet && (it.Action != model.ActionUnchanged || len(it.Conflicts) > 0) {
				return fmt.Errorf("%s sheet %s row %d: the row's digest says the return changes nothing, merging it does",
					in.Ref.File, in.Ref.Sheet, in.Ref.Row)
			}
			return nil
		}
		p.plan.Rejected = append(p.plan.Rejected, model.Rejection{
			Place: model.Place{File: in.Ref.File, Sheet: in.Ref.Sheet, Row: in.Ref.Row, Value: item.KeyText()},
			Reason: p.say(fmt.Sprintf("与 %s「%s」第 %d 行是同一条记录，未导入", prev.File, prev.Sheet, prev.Row),
				fmt.Sprintf("the same record as %s, sheet %s, row %d; not imported", prev.File, prev.Sheet, prev.Row)),
		})
		return nil
	}
	p.seen.set(target, len(p.plan.Items))
	if pr, ok := rec.(*model.Proposal); ok && pr.Session == "" && pr.Number != "" && local == nil {
		k := bodyNumber(pr)
		if p.sessionless == nil {
			p.sessionless = map[string][]int{}
		}
		p.sessionless[k] = append(p.sessionless[k], len(p.plan.Items))
	}
	rolesKept := false // keepOtherRoles done (it must run once)

	if local != nil && local.RecordMeta().Deleted {
		item.Action, item.Local = model.ActionUnchanged, local
		p.plan.Notes = append(p.plan.Notes, p.say(
			fmt.Sprintf("%s「%s」第 %d 行：该记录已在本机删除，未恢复", in.Ref.File, in.Ref.Sheet, in.Ref.Row),
			fmt.Sprintf("%s sheet %s row %d: the record was deleted here and is not restored", in.Ref.File, in.Ref.Sheet, in.Ref.Row)))
		p.plan.Items = append(p.plan.Items, item)
		return nil
	}

	// The common case of a file imported again: every cell the row carries
	// already holds the record's value. Merge3 would find local equal to
	// incoming field by field, so the row is decided without the base (its
	// lookup and decoding cost more than the rest of the row). A row of a
	// Taizhang export must also stand at the record's current revision.
	// A row met before at this revision is known so from its digest alone.
	if local != nil && (in.BaseRev == "" || local.RecordMeta().Rev == in.BaseRev) {
		same := known
		if !known || p.verify {
			full := local
			if known {
				if full, err = getRecord(ctx, p.q, local.RecordMeta().ID); err != nil {
					return err
				}
			}
			if same, err = rowSame(full, in); err != nil {
				return err
			}
			if known && !same {
				return fmt.Errorf("%s sheet %s row %d: the row's digest says unchanged, its cells do not",
					in.Ref.File, in.Ref.Sheet, in.Ref.Row)
			}
			rolesKept = true
		}
		if same && digest != 0 && p.stamp {
			// a record no row made here (an older version's, or edited
			// since): known by this row from now on
			m := local.RecordMeta()
			p.stamps = append(p.stamps, pendingStamp{m.ID, m.Rev, rowStamp(digest, m.Rev)})
		}
		if same {
			// Only the record's identity and revision are needed from
			// here on: the plan keeps neither the decoded record nor the
			// row (a re-import of 100,000 rows held them all). A
			// reference row stays whole: the unit directory and the point
			// list are read again when the import is applied.
			item.Action, item.Local, item.IncomingRev = model.ActionUnchanged, model.IdentityOf(local), in.BaseRev
			if !kind.IsReference() {
				p.letGo(item, item.Local.(*model.Identity), target)
				return nil
			}
			p.plan.Items = append(p.plan.Items, item)
			return nil
		}
	}

	if local == nil && p.compactNew && !kind.IsReference() && p.empty[kind] && p.quiet(kind, model.ActionNew) {
		// Only counted: the applying pass reads the row again and works
		// out its base and revision there (a clone's row is encoded to
		// check its revision: a second of the planning pass at 100,000).
		item.Action, item.Result = model.ActionNew, rec
		p.letGo(item, model.IdentityOf(rec), target)
		return nil
	}
	base, baseRev, err := p.base(ctx, in, local)
	if err != nil {
		return err
	}
	keepDeadlineDate(rec, base, local)
	if in.BaseRev != "" {
		if item.IncomingRev, err = incomingRev(p.encoded, in, base, baseRev); err != nil {
			return err
		}
		// The same edited row imported before: its body is the agreed one.
		if local != nil && item.IncomingRev != baseRev {
			if seen, err := revisionBody(ctx, p.q, local.RecordMeta().ID, item.IncomingRev); err == nil {
				base = seen
			} else if !errors.Is(err, ErrNotFound) {
				return err
			}
		}
	}

	if local == nil {
		item.Action, item.Result = model.ActionNew, rec
		if p.compactNew && !kind.IsReference() && p.empty[kind] {
			p.letGo(item, model.IdentityOf(rec), target)
			return nil
		}
		p.plan.Items = append(p.plan.Items, item)
		return nil
	}
	item.Local = local
	if !rolesKept {
		if err := keepOtherRoles(rec, local, in); err != nil {
			return err
		}
	}
	fields := in.Fields
	if in.BaseRev == "" {
		// In a ledger Taizhang did not write, an empty cell says nothing:
		// nobody can tell a cleared value from one never filled in.
		if fields, err = filledFields(rec, fields); err != nil {
			return err
		}
	}
	result, changed, conflicts, err := model.Merge3(base, local, rec, fields)
	if err != nil {
		return fmt.Errorf("%s sheet %s row %d: %w", in.Ref.File, in.Ref.Sheet, in.Ref.Row, err)
	}
	for _, c := range conflicts {
		c.Files = []string{in.Ref.File}
		decided, err := p.decided(ctx, local.RecordMeta().ID, c)
		if err != nil {
			return err
		}
		if decided {
			item.Decided = append(item.Decided, c.Field)
		} else {
			item.Conflicts = append(item.Conflicts, c)
		}
	}
	item.Changed = changed
	if len(changed) > 0 {
		item.Result = result
		item.ChangedBy = map[string]string{}
		for _, f := range changed {
			item.ChangedBy[f] = returnName(in.Ref)
		}
	}
	switch {
	case len(item.Conflicts) > 0:
		item.Action = model.ActionConflict
	case len(changed) == 0:
		item.Action = model.ActionUnchanged
	case base != nil && localEdited(base, local, changed):
		item.Action = model.ActionMerged
	default:
		item.Action = model.ActionUpdated
	}
	if gone, err := p.letGoChange(&item, target); gone || err != nil {
		return err
	}
	p.plan.Items = append(p.plan.Items, item)
	return nil
}

// letGoChange lets an update or a merge without conflict go once
// model.QuietShown of its kind and action are shown (CompactNew): the plan
// keeps its place (Plan.QuietChanged) and a count, and applying decides the
// row again. A ledger whose 20,000 rows all changed held 150 MB of records
// (the local, the incoming and the merged one of every row). Proposals
// stay: a row naming no session takes it from the others.
//
// The merged record is kept packed (keptChanges) while that costs less
// than a budget, so that applying writes it without deciding the row again.
func (p *planner) letGoChange(item *model.PlanItem, target string) (bool, error) {
	if !p.compactNew || item.Kind.IsReference() || item.Kind == model.KindProposal || target == "" ||
		len(item.Conflicts) > 0 || len(item.Merged) > 0 ||
		(item.Action != model.ActionUpdated && item.Action != model.ActionMerged) {
		return false, nil
	}
	if !p.quiet(item.Kind, item.Action) {
		if p.shown == nil {
			p.shown = map[string]int{}
		}
		p.shown[string(item.Kind)+"|"+string(item.Action)]++
		return false, nil
	}
	if err := p.kept.keep(item); err != nil {
		return false, err
	}
	p.seen.set(target, -1-p.quietRefs.len())
	p.quietRefs.add(item.Incoming.Ref)
	p.plan.QuietChanged = append(p.plan.QuietChanged, item.Incoming.Ref)
	if item.Action == model.ActionUpdated {
		p.plan.Quiet.Updated++
	} else {
		p.plan.Quiet.Merged++
	}
	return true, nil
}

// match finds the local record a row stands for: by hidden id, else by
// natural key. nil when the row is new here. A record the same row made
// (or was found unchanged by), still at that revision, is only named: a
// *model.Identity, its body neither read nor decoded.
// digest is the row's (rowDigest) when the record was read whole and the
// row may yet prove unchanged, else 0.
func (p *planner) match(ctx context.Context, in *model.Incoming) (model.Record, uint64, error) {
	rec := in.Record
	m := rec.RecordMeta()
	if empty, err := p.emptyKind(ctx, m.Kind); err != nil || empty {
		return nil, 0, err // nothing of the kind here: every row is new (a first import)
	}
	var found *lightRecord
	if m.ID != "" {
		r, err := p.light(ctx, lightByIDSQL, m.ID)
		if err != nil {
			return nil, 0, err
		}
		found = r
	}
	if found == nil {
		key := model.NaturalKey(rec)
		if key == "" || (m.ID != "" && !model.KeyIdentifies(rec)) {
			// A row with its own id is matched by key only where the key
			// names one record (a number), not where it merely describes one.
			return nil, 0, nil
		}
		r, err := p.light(ctx, lightByKeySQL, string(m.Kind), key)
		if err != nil || r == nil {
			return nil, 0, err
		}
		found = r
	}
	var digest uint64
	if !found.meta.Deleted && found.meta.Kind == m.Kind && (in.BaseRev == "" || found.meta.Rev == in.BaseRev) {
		digest = rowDigest(in)
		if found.rowHash != 0 && found.rowHash == rowStamp(digest, found.meta.Rev) {
			return &model.Identity{Meta: found.meta, Title: model.Headline(rec)}, 0, nil
		}
	}
	r, err := scanRecord(p.q.QueryRowContext(ctx, "SELECT "+recordCols+" FROM records WHERE seq = ?", found.seq))
	if err != nil {
		return nil, 0, fmt.Errorf("find %s %s: %w", m.Kind, found.meta.ID, err)
	}
	return r, digest, nil
}

// lightRecord is a records row without its body.
type lightRecord struct {
	seq     int64
	meta    model.Meta
	rowHash int64
}

const lightCols = "seq, id, kind, rev, deleted, updated_at, updated_by, row_hash"

const (
	lightByIDSQL  = "SELECT " + lightCols + " FROM records WHERE id = ?"
	lightByKeySQL = "SELECT " + lightCols +
		" FROM records INDEXED BY records_kind_key WHERE kind = ? AND key = ? ORDER BY deleted, updated_at DESC LIMIT 1"
)

// light reads one records row without its body; nil when there is none.
func (p *planner) light(ctx context.Context, query string, args ...any) (*lightRecord, error) {
	var (
		r        lightRecord
		kind, at string
	)
	err := p.q.QueryRowContext(ctx, query, args...).Scan(&r.seq, &r.meta.ID, &kind, &r.meta.Rev, &r.meta.Deleted,
		&at, &r.meta.UpdatedBy, &r.rowHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find record: %w", err)
	}
	r.meta.Kind, r.meta.UpdatedAt = model.Kind(kind), parseTime(at)
	return &r, nil
}

// rowSame reports whether every cell the row carries already holds local's
// value, the deadline day and the unit roles the sheet does not carry taken
// from local first (as a merge would).
func rowSame(local model.Record, in *model.Incoming) (bool, error) {
	rec := in.Record
	keepDeadlineDate(rec, local, nil)
	if err := keepOtherRoles(rec, local, in); err != nil {
		return false, err
	}
	if sameCells(local, rec, in.Fields) {
		return true, nil
	}
	fields := in.Fields
	if in.BaseRev == "" {
		var err error
		if fields, err = filledFields(rec, fields); err != nil {
			return false, err
		}
	}
	return sameFields(local, rec, fields)
}

// base finds the body both sides last agreed on: the newest revision of the
// row's lineage known here, else (for other ledgers) the record as the last
// import left it. nil when there is none: a two-way merge.
func (p *planner) base(ctx context.Context, in *model.Incoming, local model.Record) (model.Record, string, error) {
	if local == nil {
		return nil, "", nil
	}
	id := local.RecordMeta().ID
	if in.BaseRev != "" {
		revs := append([]string{in.BaseRev}, in.Ancestry...)
		for _, rev := range revs {
			r, err := revisionBody(ctx, p.q, id, rev)
			if err == nil {
				return r, rev, nil
			}
			if !errors.Is(err, ErrNotFound) {
				return nil, "", err
			}
		}
		return nil, "", nil
	}
	var rev string
	err := p.q.QueryRowContext(ctx, `SELECT rev FROM revision_rows WHERE record_id = ? AND import_id IS NOT NULL
		AND foreign_rev = 0 ORDER BY at DESC LIMIT 1`, id).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("last import of %s: %w", id, err)
	}
	r, err := revisionBody(ctx, p.q, id, rev)
	return r, rev, err
}

// decided reports whether the same conflict (record, field, incoming value)
// was met before: pending conflicts are not added twice, and one resolved
// either way stays resolved when the same file comes again.
func (p *planner) decided(ctx context.Context, id string, c model.FieldConflict) (bool, error) {
	rows, err := p.q.QueryContext(ctx, `SELECT incoming, resolved_at IS NOT NULL FROM conflicts
		WHERE record_id = ? AND field = ?`, id, c.Field)
	if err != nil {
		return false, fmt.Errorf("conflicts of %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var incoming string
		var resolved bool
		if err := rows.Scan(&incoming, &resolved); err != nil {
			return false, err
		}
		if resolved && model.EqualJSON(json.RawMessage(incoming), c.Incoming) {
			return true, nil
		}
	}
	return false, rows.Err()
}

// incomingRev is the revision an exported row stands for: its base revision
// when the row still holds that body, else one derived from the base and the
// row's body (deterministic, so the same edited row is the same revision).
func incomingRev(enc *encoded, in *model.Incoming, base model.Record, baseRev string) (string, error) {
	full, err := incomingBody(in, base)
	if err != nil {
		return "", err
	}
	f, err := enc.fields(full)
	if err != nil {
		return "", err
	}
	body := f.canonical()
	if base != nil && baseRev == in.BaseRev {
		if b, err := encodeBody(base); err == nil && b == body {
			return in.BaseRev, nil
		}
	}
	// Without the base here (a record new to this machine), the revision's
	// hash tells whether the row is still exactly that revision.
	parent := ""
	if len(in.Ancestry) > 1 && in.Ancestry[0] == in.BaseRev {
		parent = in.Ancestry[1]
	}
	if base == nil && nextRev(parent, body) == in.BaseRev {
		return in.BaseRev, nil
	}
	return nextRev(in.BaseRev, body), nil
}

// incomingBody is the record as the incoming side has it: the base with the
// sheet's columns laid over it (the sheet alone when there is no base).
func incomingBody(in *model.Incoming, base model.Record) (model.Record, error) {
	if base == nil {
		return in.Record, nil
	}
	f, err := model.Fields(in.Record)
	if err != nil {
		return nil, err
	}
	sheet := map[string]json.RawMessage{}
	for _, name := range in.Fields {
		if v, ok := f[name]; ok {
			sheet[name] = v
		}
	}
	full := model.New(base.RecordMeta().Kind)
	bf, err := model.Fields(base)
	if err != nil {
		return nil, err
	}
	if err := model.SetFields(full, bf); err != nil {
		return nil, err
	}
	if err := model.SetFields(full, sheet); err != nil {
		return nil, err
	}
	full.Normalize()
	return full, nil
}

// keepOtherRoles completes the units of a row whose sheet carries only some
// unit columns (a ledger with 牵头单位 alone) with the local record's units
// of the other roles, so a missing column never drops cooperating units.
func keepOtherRoles(rec, local model.Record, in *model.Incoming) error {
	if in.UnitRoles == nil || !slices.Contains(in.Fields, "units") {
		return nil
	}
	carried := func(r model.Role) bool { return slices.Contains(in.UnitRoles, r) }
	switch v := rec.(type) {
	case *model.Task:
		l := local.(*model.Task)
		for _, u := range l.Units {
			if !carried(u.Role) {
				v.Units = append(v.Units, u)
			}
		}
	case *model.Proposal:
		l := local.(*model.Proposal)
		for _, u := range l.Units {
			if !carried(u.Role) {
				v.Units = append(v.Units, u)
			}
		}
	default:
		return nil
	}
	rec.Normalize()
	return nil
}

// sameFields reports whether the incoming record has local's values in
// every field its sheet carries.
func sameFields(local, incoming model.Record, fields []string) (bool, error) {
	lf, err := model.Fields(local)
	if err != nil {
		return false, err
	}
	inf, err := model.Fields(incoming)
	if err != nil {
		return false, err
	}
	for _, name := range fields {
		if !model.EqualJSON(lf[name], inf[name]) {
			return false, nil
		}
	}
	return true, nil
}

// keepDeadlineDate: a deadline typed as text (年底前, 6月底) takes its year
// from whatever the reader had at hand; when the text is what this side
// already has, the date this side worked out stands, so re-reading a file
// never moves a deadline.
func keepDeadlineDate(rec, base, local model.Record) {
	t, ok := rec.(*model.Task)
	if !ok || t.Deadline.Text == "" {
		return
	}
	for _, r := range []model.Record{base, local} {
		if o, ok := r.(*model.Task); ok && o != nil && o.Deadline.Text == t.Deadline.Text {
			t.Deadline.Due, t.Deadline.Type = o.Deadline.Due, o.Deadline.Type
			return
		}
	}
}

// filledFields keeps the fields whose value in r is not empty.
func filledFields(r model.Record, fields []string) ([]string, error) {
	f, err := model.Fields(r)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(fields))
	for _, name := range fields {
		value, companion := strings.CutSuffix(name, "_text")
		// A kept word's companion stays when its value is filled: the
		// value stated clears the word (model.Merge3).
		if !model.IsEmptyJSON(f[name]) || (companion && !model.IsEmptyJSON(f[value])) {
			out = append(out, name)
		}
	}
	return out, nil
}

// localEdited reports whether local changed fields other than those the
// import changes since base: then applying the row is a merge of two sides.
func localEdited(base, local model.Record, changed []string) bool {
	bf, err1 := model.Fields(base)
	lf, err2 := model.Fields(local)
	if err1 != nil || err2 != nil {
		return false
	}
	for name, lv := range lf {
		if !slices.Contains(changed, name) && !model.EqualJSON(bf[name], lv) {
			return true
		}
	}
	return false
}

// mergeReturn merges one more return of a record this import already
// plans (item at): a lead unit and a cooperating unit each send the item
// back. The row is merged three ways against its own base (the revision it
// was exported at, or the last import) and what the import makes of the
// record so far, so one-sided edits of every return apply; a field two
// returns (or a return and this side) changed differently is a conflict
// naming the files.
func (p *planner) mergeReturn(ctx context.Context, at int, in *model.Incoming, local model.Record) error {
	it := &p.plan.Items[at]
	rec := in.Record
	if it.Local != nil {
		// an unchanged first return keeps only the record's identity
		// (model.Identity): merging needs the whole record
		if local == nil || local.RecordMeta().ID != it.Local.RecordMeta().ID {
			var err error
			if local, err = getRecord(ctx, p.q, it.Local.RecordMeta().ID); err != nil {
				return err
			}
		}
		it.Local = local
	}
	cur := it.Result
	if cur == nil {
		cur = it.Local
	}
	if cur == nil {
		return fmt.Errorf("%s sheet %s row %d: nothing to merge into", in.Ref.File, in.Ref.Sheet, in.Ref.Row)
	}
	base, baseRev, err := p.base(ctx, in, it.Local)
	if err != nil {
		return err
	}
	if base == nil && it.Local == nil {
		// A record new here has no agreed body: what the returns so far
		// said is theirs, what none of them said (a column their sheets
		// lack, a cell left empty) a later return fills without a conflict.
		if base, err = unsaid(cur, it); err != nil {
			return err
		}
	}
	keepDeadlineDate(rec, base, cur)
	inRev := ""
	if in.BaseRev != "" && it.Local != nil {
		if inRev, err = incomingRev(p.encoded, in, base, baseRev); err != nil {
			return err
		}
		if inRev != baseRev {
			if seen, err := revisionBody(ctx, p.q, it.Local.RecordMeta().ID, inRev); err == nil {
				base = seen
			} else if !errors.Is(err, ErrNotFound) {
				return err
			}
		}
	}
	if err := keepOtherRoles(rec, cur, in); err != nil {
		return err
	}
	fields := in.Fields
	if in.BaseRev == "" {
		if fields, err = filledFields(rec, fields); err != nil {
			return err
		}
	}
	result, changed, conflicts, err := model.Merge3(base, cur, rec, fields)
	if err != nil {
		return fmt.Errorf("%s sheet %s row %d: %w", in.Ref.File, in.Ref.Sheet, in.Ref.Row, err)
	}
	for _, c := range conflicts {
		c.Files = []string{in.Ref.File}
		by, ok := it.ChangedBy[c.Field]
		if !ok && it.Action == model.ActionNew && it.Incoming != nil {
			by, ok = returnName(it.Incoming.Ref), true // a record new here: its first return
		}
		if ok {
			c.Files = []string{fileOf(by), in.Ref.File}
			if fileOf(by) == in.Ref.File { // two sheets of one workbook
				c.Files = []string{sheetName(by), sheetName(returnName(in.Ref))}
			}
		}
		if it.Local != nil {
			decided, err := p.decided(ctx, it.Local.RecordMeta().ID, c)
			if err != nil {
				return err
			}
			if decided {
				it.Decided = append(it.Decided, c.Field)
				continue
			}
		}
		it.Conflicts = append(it.Conflicts, c)
	}
	if len(changed) > 0 {
		it.Result = result
		if it.ChangedBy == nil {
			it.ChangedBy = map[string]string{}
		}
		for _, f := range changed {
			if !slices.Contains(it.Changed, f) {
				it.Changed = append(it.Changed, f)
			}
			it.ChangedBy[f] = returnName(in.Ref)
		}
	}
	it.Merged = append(it.Merged, model.MergedRow{Incoming: in, IncomingRev: inRev})
	switch {
	case it.Action == model.ActionNew:
		// created as merged; its conflicts are kept once it exists
	case len(it.Conflicts) > 0:
		it.Action = model.ActionConflict
	case len(it.Changed) == 0:
		it.Action = model.ActionUnchanged
	case it.Action == model.ActionUnchanged:
		it.Action = model.ActionUpdated
		if base != nil && it.Local != nil && localEdited(base, it.Local, changed) {
			it.Action = model.ActionMerged
		}
	}
	keepsRevisions := it.IncomingRev != "" || slices.ContainsFunc(it.Merged, func(m model.MergedRow) bool { return m.IncomingRev != "" })
	if it.Action == model.ActionUnchanged && len(it.Conflicts) == 0 && !keepsRevisions && it.Local != nil {
		// Nothing to apply and no revision to store: as letGo, only the
		// record's identity stays (returns of every record at once held
		// each record decoded and each row read). A plan applied to
		// another state is made again from its files.
		it.Local = model.IdentityOf(it.Local)
		it.Merged[len(it.Merged)-1].Incoming = in.Compacted()
		if !it.Incoming.Compact() {
			it.Incoming = it.Incoming.Compacted()
		}
	}
	return nil
}

// ErrPlanWhole: a workbook holds one record on two sheets, which are merged
// as two returns are, and the planner had let rows go (CompactNew): the
// file must be planned again with every row held.
var ErrPlanWhole = errors.New("plan: the same record on two sheets of one workbook; plan every row held")

// returnName names the return a row comes from for ChangedBy: its file and
// sheet (fileOf and sheetName read it).
func returnName(ref model.RowRef) string { return ref.File + "\x00" + ref.Sheet }

func fileOf(name string) string {
	f, _, _ := strings.Cut(name, "\x00")
	return f
}

// sheetName is a return's file with its sheet: 提案.xlsx「满意度测评」.
func sheetName(name string) string {
	f, sheet, ok := strings.Cut(name, "\x00")
	if !ok || sheet == "" {
		return f
	}
	return f + "「" + sheet + "」"
}

// unsaid is cur without the fields the returns merged into item so far
// said (filled cells of their sheets' columns): the base against which a
// further return of a record new here is merged.
func unsaid(cur model.Record, it *model.PlanItem) (model.Record, error) {
	said := map[string]bool{}
	for f := range it.ChangedBy {
		said[f] = true
	}
	if in := it.Incoming; in != nil && !in.Compact() {
		filled, err := filledFields(in.Record, in.Fields)
		if err != nil {
			return nil, err
		}
		for _, f := range filled {
			said[f] = true
		}
	}
	f, err := recordFields(cur)
	if err != nil {
		return nil, err
	}
	f = slices.DeleteFunc(f, func(e field) bool { return said[e.key] })
	return decodeBody(cur.RecordMeta().Kind, f.canonical())
}

// sessionOf gives a proposal row that names no session (a ratings file
// from the CPPCC office, titled only 2019年提案办理满意度测评) the session of
// the one proposal of its body and number, named alike, that this import
// or the store has: without it, its no. 12 was another record than the
// ledger's. The session is no change the row makes (its sheet has no such
// column); the plan says where it came from. Several candidates, or one
// named otherwise, decide nothing.
func (p *planner) sessionOf(ctx context.Context, in *model.Incoming) error {
	pr, ok := in.Record.(*model.Proposal)
	if !ok || pr.Session != "" || pr.Number == "" || pr.Body == "" || pr.ID != "" {
		return nil
	}
	parts := strings.Split(model.NaturalKey(pr), "|") // body, session (empty), number
	if len(parts) != 3 {
		return nil
	}
	sessions := map[string]bool{}
	alike := func(q *model.Proposal) bool { return namedAlike(pr, q) }
	for _, it := range p.plan.Items {
		if q, ok := it.Incoming.Record.(*model.Proposal); ok && q.Session != "" && it.Key != "" {
			if k := strings.Split(it.Key, "|"); len(k) == 3 && k[0] == parts[0] && k[2] == parts[2] && alike(q) {
				sessions[q.Session] = true
			}
		}
	}
	if empty, err := p.emptyKind(ctx, model.KindProposal); err != nil {
		return err
	} else if !empty {
		rows, err := p.q.QueryContext(ctx, `SELECT `+recordCols+` FROM records INDEXED BY records_kind_key
			WHERE kind = ? AND key >= ? AND key < ? AND key LIKE ? ESCAPE '\' AND deleted = 0 LIMIT 3`,
			string(model.KindProposal), parts[0]+"|", parts[0]+"}", escapeLike(parts[0])+"|%|"+escapeLike(parts[2]))
		if err != nil {
			return fmt.Errorf("proposals numbered %s: %w", pr.Number, err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				return fmt.Errorf("proposals numbered %s: %w", pr.Number, err)
			}
			if q := r.(*model.Proposal); q.Session != "" && alike(q) {
				sessions[q.Session] = true
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("proposals numbered %s: %w", pr.Number, err)
		}
	}
	if len(sessions) != 1 {
		return nil
	}
	for s := range sessions {
		pr.Session = s
	}
	// one note a sheet (noteSessions), not one a row
	at := slices.IndexFunc(p.sessionRows, func(n sessionRows) bool { return n.file == in.Ref.File && n.sheet == in.Ref.Sheet })
	if at < 0 {
		p.sessionRows = append(p.sessionRows, sessionRows{file: in.Ref.File, sheet: in.Ref.Sheet, first: in.Ref.Row})
		at = len(p.sessionRows) - 1
	}
	p.sessionRows[at].n++
	return nil
}

// sessionRows counts the rows of a sheet sessionOf gave a session.
type sessionRows struct {
	file, sheet string
	first, n    int
}

// noteSessions tells, once a sheet, of the rows sessionOf gave a session.
func (p *planner) noteSessions() {
	for _, n := range p.sessionRows {
		p.plan.Notes = append(p.plan.Notes, p.say(
			fmt.Sprintf("%s「%s」：%d 行提案未写届次（自第 %d 行起），已按已有的同号同名提案的届次读", n.file, n.sheet, n.n, n.first),
			fmt.Sprintf("%s sheet %s: %d proposal rows (from row %d) give no session; each was read in the session of the proposal of its number and title", n.file, n.sheet, n.n, n.first)))
	}
	p.sessionRows = nil
}

// bodyNumber is a proposal's body and number as its key has them.
func bodyNumber(pr *model.Proposal) string {
	q := *pr
	q.Session = ""
	return model.NaturalKey(&q)
}

// sessionlessFor is the item of the one new proposal of rec's body and
// number, named alike, whose row (in another file or sheet) named no
// session: a ratings file read before the ledger that names the session.
// The two rows then merge as two returns do.
func (p *planner) sessionlessFor(rec model.Record, ref model.RowRef) (int, bool) {
	pr, ok := rec.(*model.Proposal)
	if !ok || pr.Session == "" || pr.Number == "" {
		return 0, false
	}
	ats := p.sessionless[bodyNumber(pr)]
	if len(ats) != 1 {
		return 0, false
	}
	it := p.plan.Items[ats[0]]
	q, ok := it.Incoming.Record.(*model.Proposal)
	if !ok || it.Incoming.Ref.File == ref.File && it.Incoming.Ref.Sheet == ref.Sheet {
		return 0, false
	}
	if !namedAlike(pr, q) {
		return 0, false
	}
	return ats[0], true
}

// namedAlike: two rows of one record, as far as their titles (or names)
// tell: the same once folded, or one without any.
func namedAlike(a, b model.Record) bool {
	x, y := model.Fold(model.Headline(a)), model.Fold(model.Headline(b))
	return x == "" || y == "" || x == y
}

// targets maps the records a plan's rows stand for (planner.target) to the
// index of the item that holds each (-1-i: the i-th row only counted),
// keyed by a 128-bit hash of the target as the reader keys duplicate rows
// (sheet.go, seenKeys): a map of 200,000 target strings held 10 MB, a
// third of what an import holds at its end.
type targets struct {
	seeds [2]maphash.Seed
	at    map[[2]uint64]int
}

func newTargets() *targets {
	return &targets{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, at: map[[2]uint64]int{}}
}

func (t *targets) key(target string) [2]uint64 {
	return [2]uint64{maphash.String(t.seeds[0], target), maphash.String(t.seeds[1], target)}
}

func (t *targets) get(target string) (int, bool) {
	at, ok := t.at[t.key(target)]
	return at, ok
}

func (t *targets) set(target string, at int) { t.at[t.key(target)] = at }

func (t *targets) clear() { clear(t.at) }
