package model

import (
	"regexp"
	"strings"
)

// reWorkdays reads a deadline counted in working days: 7个工作日, 7工作日内,
// 收到后30个工作日内, 交办之日起15个工作日内办结 (after normText, so 七个工作日
// reads as 7个工作日).
var reWorkdays = regexp.MustCompile(`^(?:(?:自|从|在)?(?:收到|收文|接到|交办|签收|印发)[^0-9]{0,6}?(?:后|起))?(\d{1,3})个?工作日(?:内|以内|之内)?(?:完成|办结|答复|反馈|报送|办理)?$`)

// WorkdaysOf reports the number of working days a deadline text counts
// (7个工作日 → 7); ok is false when the text is not such a deadline.
func WorkdaysOf(text string) (n int, ok bool) {
	core := normText(text)
	core = strings.TrimPrefix(strings.TrimPrefix(core, "须"), "应")
	g := reWorkdays.FindStringSubmatch(core)
	if g == nil {
		return 0, false
	}
	n = atoi(g[1])
	return n, n > 0
}

// DeadlineBasis is what a typed deadline is resolved against, once: the
// resolved date is then a stored fact, read again only when the text
// changes (see Deadline.Same).
type DeadlineBasis struct {
	// Assigned is the item's assigned date (交办日期). Year-less forms
	// (3月底, 6月20日前) take the first such day on or after it, and
	// working days count from it.
	Assigned Date
	// Ref stands in when there is no assigned date: the sheet's 填报日期,
	// else the file's date, else (a form) today. Year-less forms take its year.
	Ref Date
	// Calendar knows holidays and make-up working days; nil knows weekends.
	Calendar *Calendar
}

// ResolveDeadline reads a completion deadline as ParseDeadline does and
// fixes its date against b: a working-day deadline is due that many
// working days after the assigned date (no date while there is none); a
// year-less deadline of an assigned item is the first such day on or after
// the assigned date (assigned 2019-12-15, 3月底 is 2020-03-31). A deadline
// that names its year keeps it.
func ResolveDeadline(text string, b DeadlineBasis) (Deadline, error) {
	if b.Assigned.IsZero() {
		dl, err := ParseDeadline(text, b.Ref)
		return dl, err
	}
	dl, err := ParseDeadline(text, b.Assigned)
	if err != nil {
		return Deadline{}, err
	}
	switch {
	case dl.Type == DeadlineWorkdays:
		n, _ := WorkdaysOf(text)
		dl.Due = b.Calendar.AddWorkdays(b.Assigned, n)
	case dl.Type.HasDate() && dl.Due.Before(b.Assigned):
		// Read against the next year: a text that gives a different day has
		// no year of its own, and the next occurrence is the one meant.
		if next, err := ParseDeadline(text, b.Assigned.AddMonths(12)); err == nil && next.Due != dl.Due && !next.Due.Before(b.Assigned) {
			return next, nil
		}
	}
	return dl, nil
}

// Same reports whether text is what d was resolved from: then d stands as
// stored, whatever day it is and whatever the assigned date became. A
// deadline stored without text (a date cell) is the same as its date.
func (d Deadline) Same(text string) bool {
	text = strings.TrimSpace(text)
	if d.Text != "" {
		return strings.TrimSpace(d.Text) == text
	}
	return text == d.Due.String() || (text == "" && d.Due.IsZero())
}

// Resolved reports whether d holds a date, or needs none (ongoing,
// periodic): a working-day deadline typed before the assigned date was
// known is not resolved yet.
func (d Deadline) Resolved() bool {
	return !d.Due.IsZero() || !d.Type.HasDate()
}
