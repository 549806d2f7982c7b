package workbook

import (
	"slices"

	"taizhang/storage/workbook/xlsxscan"
)

// mergeFiller gives every cell of a merged range its top-left value. Rows
// come in order, so only the ranges over the current row are looked at.
type mergeFiller struct {
	pending []xlsxscan.Merge // by top row, not reached yet
	active  []activeMerge
}

type activeMerge struct {
	xlsxscan.Merge
	value   string
	numeric bool
}

func newMergeFiller(merges []xlsxscan.Merge) *mergeFiller {
	m := &mergeFiller{pending: slices.Clone(merges)}
	slices.SortFunc(m.pending, func(a, b xlsxscan.Merge) int { return a.Top - b.Top })
	return m
}

// fill returns the row with merged cells filled; the row itself is not
// changed (its cells are shared when no range covers it).
func (m *mergeFiller) fill(row xlsxscan.Row) xlsxscan.Row {
	m.active = slices.DeleteFunc(m.active, func(a activeMerge) bool { return a.Bottom < row.Num })
	for len(m.pending) > 0 && m.pending[0].Top <= row.Num {
		mr := m.pending[0]
		m.pending = m.pending[1:]
		if mr.Bottom < row.Num {
			continue
		}
		m.active = append(m.active, activeMerge{Merge: mr, value: at(row.Cells, mr.Left-1), numeric: row.IsNumeric(mr.Left - 1)})
	}
	cloned := false
	for _, a := range m.active {
		if a.value == "" {
			continue
		}
		if !cloned {
			row.Cells = slices.Clone(row.Cells)
			row.Numeric = slices.Clone(row.Numeric)
			cloned = true
		}
		for len(row.Cells) < a.Right {
			row.Cells = append(row.Cells, "")
		}
		if a.numeric {
			for len(row.Numeric) < a.Right {
				row.Numeric = append(row.Numeric, false)
			}
		}
		for c := a.Left; c <= a.Right; c++ {
			row.Cells[c-1] = a.value
			if c-1 < len(row.Numeric) {
				row.Numeric[c-1] = a.numeric
			}
		}
	}
	return row
}
