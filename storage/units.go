package storage

import (
	"context"
	"errors"
	"fmt"

	"taizhang/model"
)

// UnitError explains why two units cannot be merged, in the user's language.
type UnitError struct{ model.Text }

func (e *UnitError) Error() string             { return e.En }
func (e *UnitError) Reason(lang string) string { return e.In(lang) }

// DuplicateUnits lists the units recorded twice: a unit whose name is
// another unit's alias (model.DuplicateUnits). `check` reports them and
// `units merge` folds them.
func (s *Store) DuplicateUnits(ctx context.Context) ([]model.UnitDuplicate, error) {
	units, err := listAll[*model.Unit](ctx, s, model.KindUnit, "duplicate units")
	if err != nil {
		return nil, err
	}
	return model.DuplicateUnits(units), nil
}

// UnitMerge says what a merge changed.
type UnitMerge struct {
	From, Into string
	Records    int // records whose references were rewritten
}

// MergeUnits folds the unit named from into the unit into (its full name
// or an alias): from's name and aliases become into's aliases, from is
// deleted, and every record naming from names into instead, each change in
// the history under by. One transaction: all of it or nothing.
func (s *Store) MergeUnits(ctx context.Context, from, into, by string) (UnitMerge, error) {
	var res UnitMerge
	err := s.Update(ctx, func(tx *Tx) error {
		var err error
		res, err = tx.MergeUnits(ctx, from, into, by, "")
		return err
	})
	return res, err
}

// MergeUnits is Store.MergeUnits inside a transaction; importID names the
// import that asked for it ("" for a user's merge).
func (t *Tx) MergeUnits(ctx context.Context, from, into, by, importID string) (UnitMerge, error) {
	find := func(name string) (*model.Unit, error) {
		r, err := t.FindByKey(ctx, model.KindUnit, model.NaturalKey(&model.Unit{Name: name}))
		if err != nil || r.RecordMeta().Deleted {
			if err == nil || errors.Is(err, ErrNotFound) {
				return nil, &UnitError{model.T(fmt.Sprintf("没有名为「%s」的单位", name), fmt.Sprintf("no unit named %q", name))}
			}
			return nil, err
		}
		return r.(*model.Unit), nil
	}
	src, err := find(from)
	if err != nil {
		return UnitMerge{}, err
	}
	dst, err := find(into)
	if err != nil {
		return UnitMerge{}, err
	}
	if src.ID == dst.ID {
		return UnitMerge{}, &UnitError{model.T(fmt.Sprintf("「%s」和「%s」是同一个单位", from, into),
			fmt.Sprintf("%q and %q are the same unit", from, into))}
	}
	names := append([]string{src.Name}, src.Aliases...)
	model.MergeUnitInto(dst, src)
	if err := t.Save(ctx, dst, by, importID); err != nil {
		return UnitMerge{}, fmt.Errorf("merge unit %s: %w", from, err)
	}
	src.Deleted = true
	if err := t.Save(ctx, src, by, importID); err != nil {
		return UnitMerge{}, fmt.Errorf("merge unit %s: %w", from, err)
	}
	res := UnitMerge{From: src.Name, Into: dst.Name}
	// The bodies that mention a name are the only ones that can refer to
	// it; each is decoded and rewritten field by field.
	seen := map[string]bool{}
	for _, name := range names {
		rows, err := t.tx.QueryContext(ctx, `SELECT id FROM records WHERE deleted = 0 AND kind IN (?, ?, ?, ?, ?)
			AND instr(tz_text(body), ?) > 0`, model.KindTask, model.KindProposal, model.KindProblem, model.KindVisit, model.KindVillage, name)
		if err != nil {
			return UnitMerge{}, fmt.Errorf("records naming %s: %w", name, err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return UnitMerge{}, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return UnitMerge{}, err
		}
		for _, id := range ids {
			r, err := t.Get(ctx, id)
			if err != nil {
				return UnitMerge{}, err
			}
			if !model.RenameUnit(r, name, dst.Name) {
				continue
			}
			if err := t.Save(ctx, r, by, importID); err != nil {
				return UnitMerge{}, fmt.Errorf("rename unit in %s: %w", id, err)
			}
			if !seen[id] {
				seen[id] = true
				res.Records++
			}
		}
	}
	return res, nil
}

// ReviewReport records the supervisor's verdict on a task's progress report
// (model.ReviewReport), in the history under by. task is the task's id or
// its number.
func (s *Store) ReviewReport(ctx context.Context, task, reportID string, accept bool, note, by string) (*model.Task, error) {
	var out *model.Task
	err := s.Update(ctx, func(tx *Tx) error {
		r, err := tx.Get(ctx, task)
		if errors.Is(err, ErrNotFound) {
			r, err = tx.FindByKey(ctx, model.KindTask, model.NaturalKey(&model.Task{Number: task}))
		}
		if errors.Is(err, ErrNotFound) {
			return model.NewError(model.T("没有这个督办事项："+task, "no such supervised item: "+task), err)
		}
		if err != nil {
			return err
		}
		t, ok := r.(*model.Task)
		if !ok {
			return model.NewError(model.T(task+" 不是督办事项", task+" is not a supervised item"), nil)
		}
		if err := model.ReviewReport(t, reportID, accept, note); err != nil {
			return err
		}
		out = t
		return tx.Save(ctx, t, by, "")
	})
	return out, err
}
