package model

import (
	"fmt"
	"strings"
)

// ReviewReport records the supervisor's verdict on one of a task's progress
// reports: accepted (通过), or returned (退回) with a reason — a returned
// report no longer counts, so the unit owes the period's report again
// (MissedReports).
func ReviewReport(t *Task, id string, accept bool, note string) error {
	note = strings.TrimSpace(note)
	if !accept && note == "" {
		return NewError(T("退回须写明理由", "a returned report needs a reason"), nil)
	}
	for i := range t.Reports {
		r := &t.Reports[i]
		if r.ID != id {
			continue
		}
		r.Review, r.ReviewNote = ReviewAccepted, note
		if !accept {
			r.Review = ReviewReturned
		}
		return nil
	}
	return NewError(T(fmt.Sprintf("事项 %s 没有编号为 %s 的进展报告", t.Number, id),
		fmt.Sprintf("item %s has no progress report %s", t.Number, id)), nil)
}
