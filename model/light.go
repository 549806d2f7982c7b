package model

import (
	"fmt"
	"strings"
	"time"
)

// Light is an alert light (亮灯) as lists and the CLI show it.
type Light string

const (
	LightGreen  Light = "green"
	LightYellow Light = "yellow"
	LightRed    Light = "red"
	LightNone   Light = "none" // finished, not yet assigned, or nothing to judge
)

// TaskOpen reports whether the task is assigned and not finished: only such
// items carry lights and owe reports.
func TaskOpen(t *Task) bool {
	switch TaskStatusOf(t) {
	case TaskAssigned, TaskInProgress, TaskReview:
		return true
	}
	return false
}

// TaskLight is a task's deadline light on the given day: red past the
// current deadline, yellow within r.YellowDays of it (working days when
// r.YellowInWorkdays, counted with cal), green otherwise. Ongoing and
// periodic items never go overdue and stay green; missed reports are a
// separate signal (MissedReports). Items not open (待交办, done, closed,
// withdrawn) have no light.
func TaskLight(t *Task, today Date, cal *Calendar, r Rules) Light {
	if !TaskOpen(t) {
		return LightNone
	}
	due := CurrentDeadline(t)
	if due.IsZero() {
		return LightGreen
	}
	if today.After(due) {
		return LightRed
	}
	left := today.DaysUntil(due)
	if r.YellowInWorkdays {
		left = cal.WorkdaysBetween(today, due)
	}
	if left <= r.YellowDays {
		return LightYellow
	}
	return LightGreen
}

// ProgressLight compares a task's percent done with the expected pace (the
// share of the assigned → current deadline span that has elapsed, ×100):
// yellow when r.ProgressYellow to r.ProgressRed points behind, red when
// more than r.ProgressRed behind. None for items not open, without both
// dates, or without any percent reported (0% with no report is unknown,
// not behind).
func ProgressLight(t *Task, today Date, r Rules) Light {
	if !TaskOpen(t) {
		return LightNone
	}
	due := CurrentDeadline(t)
	if t.AssignedOn.IsZero() || due.IsZero() {
		return LightNone
	}
	percent, known := taskPercent(t)
	if !known {
		return LightNone
	}
	expected := 100.0
	if span := t.AssignedOn.DaysUntil(due); span > 0 {
		expected = 100 * float64(t.AssignedOn.DaysUntil(today)) / float64(span)
	}
	expected = min(max(expected, 0), 100)
	behind := expected - float64(percent)
	switch {
	case behind > float64(r.ProgressRed):
		return LightRed
	case behind >= float64(r.ProgressYellow):
		return LightYellow
	}
	return LightGreen
}

// taskPercent is the task's percent, or the latest report's when the task
// has none; known is false when nothing was ever reported.
func taskPercent(t *Task) (int, bool) {
	if t.Percent > 0 {
		return t.Percent, true
	}
	var latest *Report
	for i := range t.Reports {
		rep := &t.Reports[i]
		if latest == nil || !rep.ReportedOn.Before(latest.ReportedOn) {
			latest = rep
		}
	}
	if latest == nil {
		return 0, false
	}
	return latest.Percent, true
}

// ReportPeriod names the reporting period of cycle c that contains d, in
// the form reports carry: "2019-W23" (ISO week), "2019-06", "2019-Q2".
// Empty for one-off or unset cycles.
func ReportPeriod(c Cycle, d Date) string {
	switch c {
	case CycleWeekly:
		y, w := d.Time().ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case CycleMonthly:
		return fmt.Sprintf("%04d-%02d", d.Y, d.M)
	case CycleQuarterly:
		return fmt.Sprintf("%04d-Q%d", d.Y, (int(d.M)+2)/3)
	}
	return ""
}

// periodBounds gives the first day of the period containing d and the
// first day of the next one.
func periodBounds(c Cycle, d Date) (start, next Date) {
	switch c {
	case CycleWeekly:
		wd := int(d.Weekday()+6) % 7 // Monday = 0
		start = d.AddDays(-wd)
		return start, start.AddDays(7)
	case CycleMonthly:
		start = NewDate(d.Y, d.M, 1)
		return start, NewDate(d.Y, d.M+1, 1)
	case CycleQuarterly:
		start = NewDate(d.Y, time.Month((int(d.M)-1)/3*3+1), 1)
		return start, NewDate(start.Y, start.M+3, 1)
	}
	return Date{}, Date{}
}

// reportDue is the day the report for the period [start, next) is due.
// Weekly: ReportDay is the weekday, 1 = Monday … 7 = Sunday. Monthly: the
// day of the month. Quarterly: the day of the quarter's last month (季报
// due "每季末月25日前"). A day past the month's end means its last day; 0
// (not set) means the period's last day.
func reportDue(c Cycle, day int, start, next Date) Date {
	last := next.AddDays(-1)
	switch {
	case day <= 0:
		return last
	case c == CycleWeekly:
		return start.AddDays(min(day, 7) - 1)
	}
	if day > last.D {
		return last
	}
	return NewDate(last.Y, last.M, day)
}

// DueReportPeriod is the latest period of the task's cycle whose report
// day has passed by today, with that report day. ok is false for one-off
// cycles and when that report day is before the task was assigned (no
// report was owed yet).
func DueReportPeriod(t *Task, today Date) (period string, due Date, ok bool) {
	start, next := periodBounds(t.Cycle, today)
	if start.IsZero() {
		return "", Date{}, false
	}
	due = reportDue(t.Cycle, t.ReportDay, start, next)
	if !today.After(due) {
		// this period's report is not late yet: look at the previous one
		start, next = periodBounds(t.Cycle, start.AddDays(-1))
		due = reportDue(t.Cycle, t.ReportDay, start, next)
	}
	if t.AssignedOn.IsZero() || due.Before(t.AssignedOn) {
		return "", Date{}, false
	}
	return ReportPeriod(t.Cycle, start), due, true
}

// MissedReports lists the units (lead and responsible, in the task's
// order; cooperating units report through the lead) with no report for the
// latest period whose report day has passed (DueReportPeriod). A report
// the supervisor returned (退回) does not count: the unit owes a new one.
// A report matches by its period, or by its date when it has no period.
// Nil for items not open.
func MissedReports(t *Task, today Date) []string {
	if !TaskOpen(t) {
		return nil
	}
	period, _, ok := DueReportPeriod(t, today)
	if !ok {
		return nil
	}
	reported := map[string]bool{}
	for _, rep := range t.Reports {
		if rep.Review == ReviewReturned {
			continue
		}
		p := strings.ToUpper(strings.ReplaceAll(Fold(rep.Period), " ", ""))
		if p == period || (p == "" && !rep.ReportedOn.IsZero() && ReportPeriod(t.Cycle, rep.ReportedOn) == period) {
			reported[ruleKey(rep.Unit)] = true
		}
	}
	var missed []string
	seen := map[string]bool{}
	for _, u := range t.Units {
		if u.Role == RoleCooperating {
			continue
		}
		k := ruleKey(u.Name)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if !reported[k] {
			missed = append(missed, strings.TrimSpace(u.Name))
		}
	}
	return missed
}

// ProposalLight is a proposal's reply light: red when past its due date
// and not replied, yellow within r.ProposalYellowDays of it, green
// otherwise; none once replied, and before assignment.
func ProposalLight(p *Proposal, today Date, r Rules) Light {
	if !p.RepliedOn.IsZero() {
		return LightNone
	}
	switch p.Status {
	case PropRegistered, PropReturned, PropReplied, PropEvaluated, PropDone:
		return LightNone
	}
	due := ProposalDue(p, r)
	if due.IsZero() || p.AssignedOn.IsZero() {
		return LightNone
	}
	if today.After(due) {
		return LightRed
	}
	if today.DaysUntil(due) <= r.ProposalYellowDays {
		return LightYellow
	}
	return LightGreen
}

// ruleKey compares names of units and points: full-width folded, spaces
// removed, case ignored.
func ruleKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(Fold(s)), ""))
}
