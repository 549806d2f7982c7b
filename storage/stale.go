package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"taizhang/model"
)

// StaleError: the record changed since the copy being saved was read (an
// import, another window), and the same fields were changed both times.
// Nothing was saved; Fields names them.
type StaleError struct {
	ID     string
	Fields []string
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("record %s changed since it was opened: %s", e.ID, strings.Join(e.Fields, ", "))
}

// Reason speaks lang (see model.Lang).
func (e *StaleError) Reason(lang string) string {
	return model.T(fmt.Sprintf("打开后该记录已被修改（如导入），以下字段两边都改了：%s；未保存", strings.Join(e.Fields, "、")),
		e.Error()).In(lang)
}

// rebase makes a save of an older copy safe: when r was read at a revision
// that is no longer current, the edits made to r since that revision are
// merged onto the current record (three-way, field by field), so edits that
// happened meanwhile are never overwritten silently. A field changed on both
// sides differently is a *StaleError.
func (t *Tx) rebase(ctx context.Context, r model.Record) (model.Record, error) {
	m := r.RecordMeta()
	if m.ID == "" || m.Rev == "" {
		return r, nil
	}
	cur, err := t.Get(ctx, m.ID)
	if errors.Is(err, ErrNotFound) {
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	if cur.RecordMeta().Rev == m.Rev {
		return r, nil
	}
	base, err := t.RevisionBody(ctx, m.ID, m.Rev)
	if errors.Is(err, ErrNotFound) {
		return r, nil // a revision this store never had: nothing to compare with
	}
	if err != nil {
		return nil, err
	}
	r.Normalize()
	f, err := model.Fields(r)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(f))
	for name := range f {
		names = append(names, name)
	}
	merged, _, conflicts, err := model.Merge3(base, cur, r, names)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", m.ID, err)
	}
	if len(conflicts) > 0 {
		se := &StaleError{ID: m.ID}
		for _, c := range conflicts {
			se.Fields = append(se.Fields, c.Field)
		}
		return nil, se
	}
	merged.RecordMeta().Deleted = m.Deleted
	return merged, nil
}
