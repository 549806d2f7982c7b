package model

import (
	"cmp"
	"slices"
)

// TaskFigures are the supervised-item figures of a period.
type TaskFigures struct {
	Tracked    int            `json:"tracked"`
	Assigned   int            `json:"assigned"`
	Done       int            `json:"done"`
	Closed     int            `json:"closed"`
	Overdue    int            `json:"overdue"`
	OnTimeRate *float64       `json:"on_time_rate"`
	BySource   map[string]int `json:"by_source"` // every Source key, always
	ByUnit     []UnitFigures  `json:"by_unit"`
}

// UnitFigures are one lead unit's tracked items.
type UnitFigures struct {
	Unit       string   `json:"unit"` // dictionary full name; "" for items with no unit
	Tracked    int      `json:"tracked"`
	Done       int      `json:"done"`
	Overdue    int      `json:"overdue"`
	OnTimeRate *float64 `json:"on_time_rate"`
}

// LeadUnit is the dictionary full name of the unit a task counts for in
// by_unit (its lead unit); "" when it names none. The GUI drills down into
// a by_unit row with TrackedTasks filtered by this.
func (ds Dataset) LeadUnit(t *Task) string {
	if name := ds.unitName(leadOf(t.Units)); name != "" {
		return name
	}
	return ds.unitName(t.LeadUnit)
}

// MeetingFigures: executive meetings held in the period and their agenda topics.
type MeetingFigures struct {
	Count  int `json:"count"`
	Topics int `json:"topics"`
}

// taskDoneOn is when the item was done (办结). Ledgers often mark 已办结 or
// 已销号 without a date: such an item counts as done, at an unknown time
// (known is false), rather than as open and overdue forever.
func taskDoneOn(t *Task) (on Date, done bool, known bool) {
	switch {
	case !t.DoneOn.IsZero():
		return t.DoneOn, true, true
	case t.Status == TaskClosed && !t.ClosedOn.IsZero():
		return t.ClosedOn, true, true // closed implies done by then
	case t.Status == TaskDone || t.Status == TaskClosed:
		return Date{}, true, false
	}
	return Date{}, false, false
}

// doneBy reports whether t was done on or before day.
func doneBy(t *Task, day Date) bool {
	on, done, known := taskDoneOn(t)
	return done && (!known || !on.After(day))
}

// withdrawnBy reports whether t was withdrawn on or before day.
func withdrawnBy(t *Task, day Date) bool {
	return t.Status == TaskWithdrawn && !t.ClosedOn.After(day)
}

// isTracked: assigned on or before the period's end and not closed or
// withdrawn before its start. A withdrawn item without a withdrawal date
// is never tracked (it would otherwise stay open in every period).
func isTracked(t *Task, from, to Date) bool {
	if t.AssignedOn.IsZero() || t.AssignedOn.After(to) {
		return false
	}
	if t.Status == TaskWithdrawn && t.ClosedOn.IsZero() {
		return false
	}
	return t.ClosedOn.IsZero() || !t.ClosedOn.Before(from)
}

// TrackedTasks are the items tracked in the period (DOMAIN.md): assigned
// on or before its end and not closed or withdrawn before its start.
// 待交办 items (no assigned date) are not tracked.
func TrackedTasks(ds Dataset, from, to Date) []*Task {
	return filter(ds.Tasks, func(t *Task) bool { return isTracked(t, from, to) })
}

// AssignedTasks are the items whose assigned date falls in the period.
func AssignedTasks(ds Dataset, from, to Date) []*Task {
	return filter(ds.Tasks, func(t *Task) bool { return t.AssignedOn.Between(from, to) })
}

// DoneTasks are the tracked items done (办结) on or before the period's end.
func DoneTasks(ds Dataset, from, to Date) []*Task {
	return filter(ds.Tasks, func(t *Task) bool { return isTracked(t, from, to) && doneBy(t, to) })
}

// ClosedTasks are the done items also closed (销号) by the period's end.
func ClosedTasks(ds Dataset, from, to Date) []*Task {
	return filter(ds.Tasks, func(t *Task) bool { return isTracked(t, from, to) && isClosedBy(t, to) })
}

func isClosedBy(t *Task, day Date) bool {
	if t.Status == TaskWithdrawn || !doneBy(t, day) {
		return false
	}
	if t.ClosedOn.IsZero() {
		return t.Status == TaskClosed
	}
	return !t.ClosedOn.After(day)
}

// OverdueTasks are the tracked items not done by the period's end whose
// deadline, as it stood at the period's end, is before the period's end.
// Items withdrawn by then are not overdue; ongoing and periodic items
// never are.
func OverdueTasks(ds Dataset, from, to Date) []*Task {
	return filter(ds.Tasks, func(t *Task) bool { return isTracked(t, from, to) && isOverdue(t, to) })
}

func isOverdue(t *Task, to Date) bool {
	if doneBy(t, to) || withdrawnBy(t, to) {
		return false
	}
	due := DeadlineAsOf(t, to)
	return !due.IsZero() && due.Before(to)
}

// OnTimeTasks gives the on_time_rate's denominator and numerator: due are
// the tracked items whose completion deadline (the first deadline unless
// an extension was approved by the period's end) is on or before the
// period's end, except items withdrawn by then and items marked done with
// no done date (their timeliness is unknown); onTime are those of them
// done on or before that deadline.
func OnTimeTasks(ds Dataset, from, to Date) (due, onTime []*Task) {
	due = filter(ds.Tasks, func(t *Task) bool { return isTracked(t, from, to) && isDueBy(t, to) })
	onTime = filter(due, func(t *Task) bool { return doneOnTime(t, to) })
	return due, onTime
}

func isDueBy(t *Task, to Date) bool {
	if withdrawnBy(t, to) {
		return false
	}
	if _, done, known := taskDoneOn(t); done && !known {
		return false
	}
	d := OnTimeDeadline(t, to)
	return !d.IsZero() && !d.After(to)
}

// DoneOnTime reports whether an item due by the period's end (see
// OnTimeTasks) was done on or before its on-time deadline.
func DoneOnTime(t *Task, to Date) bool { return doneOnTime(t, to) }

func doneOnTime(t *Task, to Date) bool {
	on, done, known := taskDoneOn(t)
	return done && known && !on.After(OnTimeDeadline(t, to))
}

// ExecutiveMeetings are the executive meetings held in the period.
func ExecutiveMeetings(ds Dataset, from, to Date) []*Meeting {
	return filter(ds.Meetings, func(m *Meeting) bool {
		return (m.Kind == "" || m.Kind == "executive") && m.HeldOn.Between(from, to)
	})
}

func summarizeMeetings(ds Dataset, from, to Date) MeetingFigures {
	ms := ExecutiveMeetings(ds, from, to)
	f := MeetingFigures{Count: len(ms)}
	for _, m := range ms {
		f.Topics += m.Topics
	}
	return f
}

func summarizeTasks(ds Dataset, from, to Date) TaskFigures {
	tracked := TrackedTasks(ds, from, to)
	due, onTime := OnTimeTasks(ds, from, to)
	f := TaskFigures{
		Tracked:    len(tracked),
		Assigned:   len(AssignedTasks(ds, from, to)),
		Done:       len(DoneTasks(ds, from, to)),
		Closed:     len(ClosedTasks(ds, from, to)),
		Overdue:    len(OverdueTasks(ds, from, to)),
		OnTimeRate: rate(len(onTime), len(due)),
		BySource:   map[string]int{},
		ByUnit:     []UnitFigures{},
	}
	for _, s := range Sources.Values() {
		f.BySource[string(s)] = 0
	}
	for _, t := range tracked {
		f.BySource[TaskSourceKey(t)]++
	}

	// by_unit: each tracked item counts for its lead unit's full name.
	type tally struct{ tracked, done, overdue, due, onTime int }
	units := map[string]*tally{}
	get := func(t *Task) *tally {
		name := ds.LeadUnit(t)
		if units[name] == nil {
			units[name] = &tally{}
		}
		return units[name]
	}
	for _, t := range tracked {
		u := get(t)
		u.tracked++
		if doneBy(t, to) {
			u.done++
		}
		if isOverdue(t, to) {
			u.overdue++
		}
		if isDueBy(t, to) {
			u.due++
			if doneOnTime(t, to) {
				u.onTime++
			}
		}
	}
	for name, u := range units {
		f.ByUnit = append(f.ByUnit, UnitFigures{Unit: name, Tracked: u.tracked, Done: u.done,
			Overdue: u.overdue, OnTimeRate: rate(u.onTime, u.due)})
	}
	slices.SortFunc(f.ByUnit, func(a, b UnitFigures) int {
		return cmp.Or(cmp.Compare(b.Tracked, a.Tracked), cmp.Compare(a.Unit, b.Unit))
	})
	return f
}
