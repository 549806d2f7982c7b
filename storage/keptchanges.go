package storage

import (
	"encoding/binary"
	"fmt"

	"github.com/klauspost/compress/s2"

	"taizhang/model"
)

// keptChanges are the merged records of rows a plan let go as changes
// (Plan.QuietChanged), so that applying the plan writes them without
// deciding the rows again: a changed row's look-ups and merge, done twice,
// were half of its cost. They are one buffer, in the plan's order (no
// pointer for the collector to follow, 330 bytes a task with its body
// packed by the store's dictionary), and kept for the first rows only:
// once a row is not kept (past the budget, or a Taizhang export's row,
// whose revision is worked out again) no later one is. Applying uses them
// only when nothing was written since the plan was made (applyPlan).
type keptChanges struct {
	// chunks hold, per row: row, part, sheet, kind, id, rev, action, body. Of
	// a fixed size, not one slice grown by doubling: each doubling left
	// the old copy to the collector, and the heap peaked at three times
	// what was kept.
	chunks [][]byte
	size   int  // bytes in chunks
	n      int  // the first n rows of Plan.QuietChanged
	full   bool // no later row is kept
	budget int  // Store.keptBudget
	dicts  map[model.Kind]*dictionary
}

// keptBudget bounds what is kept: 100,000 changed tasks would take about
// 33 MB, and the collector lets the heap grow to three times what is live;
// 16 MB keeps the first 48,000 of them (the rest are decided again) for a
// peak under 260 MB.
const keptBudget = 16 << 20

const keptChunk = 1 << 20

// keep adds the item's merged record, unless a row was not kept before.
func (k *keptChanges) keep(it *model.PlanItem) error {
	if k.full || it.IncomingRev != "" || it.Result == nil || k.size >= k.budget {
		k.full = true
		return nil
	}
	f, err := recordFields(it.Result)
	if err != nil {
		return err
	}
	text := []byte(f.canonical())
	var body []byte
	if d := k.dicts[it.Kind]; d != nil {
		body = d.pack(text)
	} else {
		body = s2.Encode(nil, text)
	}
	m := it.Result.RecordMeta()
	b := binary.AppendUvarint(nil, uint64(it.Incoming.Ref.Row))
	b = binary.AppendUvarint(b, uint64(it.Incoming.Ref.Part))
	for _, s := range []string{it.Incoming.Ref.Sheet, string(it.Kind), m.ID, m.Rev, string(it.Action)} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(body)))
	b = append(b, body...)
	// a row stands whole in one chunk
	if len(k.chunks) == 0 || len(k.chunks[len(k.chunks)-1])+len(b) > cap(k.chunks[len(k.chunks)-1]) {
		k.chunks = append(k.chunks, make([]byte, 0, max(keptChunk, len(b))))
	}
	last := &k.chunks[len(k.chunks)-1]
	*last = append(*last, b...)
	k.size += len(b)
	k.n++
	return nil
}

// keptReader takes the kept changes in order, as applying meets the rows.
type keptReader struct {
	k             *keptChanges
	chunk, off, i int
}

// reader reads a plan's QuietResults from its start (nil: none kept).
func reader(results any) *keptReader {
	k, _ := results.(*keptChanges)
	if k == nil {
		return nil
	}
	return &keptReader{k: k}
}

// take is the next kept change as a plan item, for the row at ref (ok
// false when it was not kept); a row out of the plan's order is
// ErrStalePlan.
func (r *keptReader) take(ref model.RowRef) (it model.PlanItem, ok bool, err error) {
	if r == nil || r.i >= r.k.n {
		return it, false, nil
	}
	if r.off == len(r.k.chunks[r.chunk]) {
		r.chunk, r.off = r.chunk+1, 0
	}
	c := r.k.chunks[r.chunk]
	b := c[r.off:]
	num := func() int {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			err = fmt.Errorf("kept changes: damaged at %d", r.off)
			return 0
		}
		b = b[n:]
		return int(v)
	}
	str := func() []byte {
		n := num()
		if err != nil || n > len(b) {
			err = fmt.Errorf("kept changes: damaged at %d", r.off)
			return nil
		}
		s := b[:n]
		b = b[n:]
		return s
	}
	row, part, sheet := num(), num(), str()
	kind, id, rev, action, body := model.Kind(str()), string(str()), string(str()), model.Action(str()), str()
	if err != nil {
		return it, false, err
	}
	if row != ref.Row || part != ref.Part || string(sheet) != ref.Sheet {
		return it, false, ErrStalePlan // not the rows planned
	}
	r.off = len(c) - len(b)
	r.i++
	if len(body) > 0 && body[0] != packedS2 {
		if body, err = s2.Decode(nil, body); err != nil {
			return it, false, fmt.Errorf("kept change of %s: %w", id, err)
		}
	}
	rec, err := decodeBytes(kind, body) // unpacks a packed body
	if err != nil {
		return it, false, err
	}
	m := rec.RecordMeta()
	m.ID, m.Rev = id, rev
	return model.PlanItem{Action: action, Kind: kind, Result: rec, Incoming: &model.Incoming{Ref: ref}}, true, nil
}
