package reports

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"taizhang/model"
	"taizhang/ui/common"
)

// Row is one line of a drill-down: a record behind a figure, or for
// figures that count something other than records (leader-days, calendar
// days, units) that thing, with no record to open.
type Row struct {
	Record model.Record
	Number string
	Title  string
	Unit   string
	Date   string
	Note   string
}

// Listing is what a figure stands for: its rows and the column headings
// that fit them.
type Listing struct {
	Title   string
	Headers [5]string // number, title, unit, date, note
	Rows    []Row
}

// period is what every drill-down is computed over: the dataset and period
// the shown summary came from.
type period struct {
	ds       model.Dataset
	from, to model.Date
	rules    model.Rules
	lang     string
	today    model.Date // the day the period was computed on
}

func headers(unit, date, note string) [5]string {
	return [5]string{lang.L("stats.col.number"), lang.L("stats.col.title"), unit, date, note}
}

// Drill lists the records behind the figure at path (a JSON path of
// `report summary --json`), each set taken from the model function the
// figure is the size of. ok is false for a path with nothing to list.
func (p period) Drill(path, title string) (l Listing, ok bool) {
	ds, from, to := p.ds, p.from, p.to
	l.Title = title
	unitCol := lang.L("stats.col.unit")
	tasks := func(ts []*model.Task, date string, on func(*model.Task) model.Date, note func(*model.Task) string) Listing {
		l.Headers = headers(unitCol, date, lang.L("stats.col.note"))
		if note == nil {
			l.Headers[4] = lang.L("stats.col.status")
			note = func(t *model.Task) string { return common.EnumLabel(model.TaskStatuses, t.Status) }
		}
		for _, t := range ts {
			r := p.taskRow(t, on(t))
			r.Note = note(t)
			l.Rows = append(l.Rows, r)
		}
		return l
	}
	assigned := func(t *model.Task) model.Date { return t.AssignedOn }
	proposals := func(ps []*model.Proposal, date string, on func(*model.Proposal) model.Date, note func(*model.Proposal) string) Listing {
		l.Headers = headers(lang.L("stats.col.lead_unit"), date, lang.L("stats.col.note"))
		for _, x := range ps {
			r := Row{Record: x, Number: strings.TrimSpace(x.Session + " " + x.Number), Title: x.Title,
				Unit: p.unit(x.LeadUnit), Date: on(x).String()}
			if note != nil {
				r.Note = note(x)
			}
			l.Rows = append(l.Rows, r)
		}
		return l
	}
	received := func(x *model.Proposal) model.Date { return x.AssignedOn }
	replied := func(x *model.Proposal) model.Date { return x.RepliedOn }
	satisfaction := func(x *model.Proposal) string { return common.EnumLabel(model.Satisfactions, x.Satisfaction) }
	visits := func(vs []*model.Visit) Listing {
		l.Headers = headers(lang.L("stats.col.leader"), lang.L("stats.col.visit_on"), lang.L("stats.col.units"))
		for _, v := range vs {
			l.Rows = append(l.Rows, p.visitRow(v))
		}
		return l
	}
	problems := func(ps []*model.Problem, date string, on func(*model.Problem) model.Date) Listing {
		l.Headers = headers(lang.L("stats.col.responsible"), date, lang.L("stats.col.visit"))
		for _, x := range ps {
			l.Rows = append(l.Rows, Row{Record: x, Number: x.Number, Title: x.Description,
				Unit: p.unit(x.Unit), Date: on(x).String(), Note: x.Visit})
		}
		return l
	}
	raised := func(x *model.Problem) model.Date { return x.RaisedOn }
	resolved := func(x *model.Problem) model.Date { return x.ResolvedOn }
	funds := func(fs []*model.Fund) Listing {
		l.Headers = headers(lang.L("stats.col.source"), lang.L("stats.col.fund_on"), lang.L("stats.col.amount"))
		for _, f := range fs {
			title := f.Project
			if title == "" {
				title = f.Village
			}
			l.Rows = append(l.Rows, Row{Record: f, Title: title,
				Unit: common.EnumLabel(model.FundSources, model.FundSource(model.FundSourceKey(f))),
				Date: f.Date.String(), Note: model.FormatMoney(f.AmountFen, p.lang)})
		}
		return l
	}
	projects := func(ps []*model.Project, date string, on func(*model.Project) model.Date) Listing {
		l.Headers = headers(lang.L("stats.col.village"), date, lang.L("stats.col.status"))
		for _, x := range ps {
			l.Rows = append(l.Rows, Row{Record: x, Title: x.Name, Unit: x.Village, Date: on(x).String(),
				Note: common.EnumLabel(model.ProjectStatuses, x.Status)})
		}
		return l
	}

	switch {
	case path == "tasks.tracked":
		return tasks(model.TrackedTasks(ds, from, to), lang.L("stats.col.assigned_on"), assigned, nil), true
	case path == "tasks.assigned":
		return tasks(model.AssignedTasks(ds, from, to), lang.L("stats.col.assigned_on"), assigned, nil), true
	case path == "tasks.done":
		return tasks(model.DoneTasks(ds, from, to), lang.L("stats.col.done_on"),
			func(t *model.Task) model.Date { return t.DoneOn }, nil), true
	case path == "tasks.closed":
		return tasks(model.ClosedTasks(ds, from, to), lang.L("stats.col.closed_on"),
			func(t *model.Task) model.Date { return t.ClosedOn }, nil), true
	case path == "tasks.overdue":
		return tasks(model.OverdueTasks(ds, from, to), lang.L("stats.col.deadline"),
			func(t *model.Task) model.Date { return model.DeadlineAsOf(t, to) },
			func(t *model.Task) string {
				return lang.L("stats.note.days_overdue", map[string]any{"Days": model.DeadlineAsOf(t, to).DaysUntil(to)})
			}), true
	case path == "tasks.on_time_rate":
		// the rate's denominator, each item marked with whether it counts above the line
		due, onTime := model.OnTimeTasks(ds, from, to)
		in := map[*model.Task]bool{}
		for _, t := range onTime {
			in[t] = true
		}
		return tasks(due, lang.L("stats.col.deadline"),
			func(t *model.Task) model.Date { return model.OnTimeDeadline(t, to) },
			func(t *model.Task) string {
				if in[t] {
					return lang.L("stats.note.on_time")
				}
				return lang.L("stats.note.not_on_time")
			}), true
	case strings.HasPrefix(path, "tasks.by_source."):
		// the by_source key as model.Summarize takes it: unknown sources count as other
		key := strings.TrimPrefix(path, "tasks.by_source.")
		var ts []*model.Task
		for _, t := range model.TrackedTasks(ds, from, to) {
			k := string(model.SourceOther)
			if model.Sources.Valid(t.Source) {
				k = string(t.Source)
			}
			if k == key {
				ts = append(ts, t)
			}
		}
		return tasks(ts, lang.L("stats.col.assigned_on"), assigned, nil), true
	case path == "meetings.count", path == "meetings.topics":
		l.Headers = headers(lang.L("stats.col.chair"), lang.L("stats.col.held_on"), lang.L("stats.col.topics"))
		for _, m := range model.ExecutiveMeetings(ds, from, to) {
			l.Rows = append(l.Rows, Row{Record: m, Number: m.Number, Title: m.Title, Unit: m.Chair,
				Date: m.HeldOn.String(), Note: strconv.Itoa(m.Topics)})
		}
		return l, true
	case path == "proposals.total":
		return proposals(model.PeriodProposals(ds, from, to), lang.L("stats.col.assigned_on"), received, nil), true
	case path == "proposals.npc", path == "proposals.cppcc":
		body := model.BodyNPC
		if path == "proposals.cppcc" {
			body = model.BodyCPPCC
		}
		var ps []*model.Proposal
		for _, x := range model.PeriodProposals(ds, from, to) {
			if x.Body == body {
				ps = append(ps, x)
			}
		}
		return proposals(ps, lang.L("stats.col.assigned_on"), received, nil), true
	case path == "proposals.replied", path == "proposals.reply_rate":
		return proposals(model.RepliedProposals(ds, from, to), lang.L("stats.col.replied_on"), replied, nil), true
	case path == "proposals.on_time_replied":
		return proposals(model.OnTimeRepliedProposals(ds, from, to, p.rules), lang.L("stats.col.replied_on"), replied, nil), true
	case path == "proposals.met", path == "proposals.meeting_rate":
		return proposals(model.MetProposals(ds, from, to), lang.L("stats.col.met_on"),
			func(x *model.Proposal) model.Date { return x.MetOn }, nil), true
	case path == "proposals.evaluated", path == "proposals.satisfaction_rate":
		return proposals(model.EvaluatedProposals(ds, from, to), lang.L("stats.col.replied_on"), replied, satisfaction), true
	case path == "proposals.satisfied", path == "proposals.basically_satisfied", path == "proposals.unsatisfied":
		want := map[string]model.Satisfaction{"proposals.satisfied": model.SatSatisfied,
			"proposals.basically_satisfied": model.SatBasically, "proposals.unsatisfied": model.SatUnsatisfied}[path]
		var ps []*model.Proposal
		for _, x := range model.EvaluatedProposals(ds, from, to) {
			if x.Satisfaction == want {
				ps = append(ps, x)
			}
		}
		return proposals(ps, lang.L("stats.col.replied_on"), replied, satisfaction), true
	case strings.HasPrefix(path, "proposals.by_class."):
		// by_class counts replied proposals by their class folded to upper case
		class := strings.TrimPrefix(path, "proposals.by_class.")
		var ps []*model.Proposal
		for _, x := range model.RepliedProposals(ds, from, to) {
			if resultClass(x) == class {
				ps = append(ps, x)
			}
		}
		return proposals(ps, lang.L("stats.col.replied_on"), replied,
			func(x *model.Proposal) string { return resultClass(x) }), true
	case path == "field.visits":
		return visits(model.PeriodVisits(ds, model.VisitResearch, from, to)), true
	case path == "field.days":
		l.Headers = [5]string{"", lang.L("stats.col.leader"), "", lang.L("stats.col.day"), ""}
		for _, d := range model.LeaderDays(model.PeriodVisits(ds, model.VisitResearch, from, to), from, to) {
			l.Rows = append(l.Rows, Row{Title: d.Leader, Date: d.Day.String()})
		}
		return l, true
	case path == "field.calendar_days":
		l.Headers = [5]string{"", "", "", lang.L("stats.col.day"), ""}
		for _, d := range model.CalendarDays(model.PeriodVisits(ds, model.VisitResearch, from, to), from, to) {
			l.Rows = append(l.Rows, Row{Date: d.String()})
		}
		return l, true
	case path == "field.units":
		l.Headers = [5]string{"", lang.L("stats.col.unit"), "", "", ""}
		contacts := model.UnitContacts(ds, model.PeriodVisits(ds, model.VisitResearch, from, to))
		for _, u := range model.DistinctUnits(contacts) {
			l.Rows = append(l.Rows, Row{Title: u})
		}
		return l, true
	case path == "field.unit_contacts":
		l.Headers = headers(lang.L("stats.col.leader"), lang.L("stats.col.visit_on"), lang.L("stats.col.place"))
		for _, c := range model.UnitContacts(ds, model.PeriodVisits(ds, model.VisitResearch, from, to)) {
			l.Rows = append(l.Rows, Row{Record: c.Visit, Number: c.Visit.Number, Title: c.Unit,
				Unit: c.Visit.Leader, Date: c.Visit.StartOn.String(), Note: c.Visit.Place})
		}
		return l, true
	case path == "field.problems_raised":
		return problems(model.ProblemsRaisedOn(ds, model.PeriodVisits(ds, model.VisitResearch, from, to)),
			lang.L("stats.col.raised_on"), raised), true
	case path == "field.problems_solved":
		return problems(model.ProblemsSolved(ds, model.VisitResearch, from, to), lang.L("stats.col.resolved_on"), resolved), true
	case path == "liaison.points":
		l.Headers = headers(lang.L("stats.col.owner"), "", lang.L("stats.col.address"))
		for _, x := range model.ActivePoints(ds) {
			l.Rows = append(l.Rows, Row{Record: x, Title: x.Name, Unit: x.Owner, Note: x.Address})
		}
		return l, true
	case path == "liaison.visits":
		return visits(model.PeriodVisits(ds, model.VisitLiaison, from, to)), true
	case path == "liaison.missed_months":
		l.Headers = headers(lang.L("stats.col.owner"), lang.L("stats.col.month"), "")
		for _, m := range model.MissedMonths(ds, from, to) {
			l.Rows = append(l.Rows, Row{Record: m.Point, Title: m.Point.Name, Unit: m.Point.Owner, Date: m.Month})
		}
		return l, true
	case path == "liaison.problems_solved":
		return problems(model.ProblemsSolved(ds, model.VisitLiaison, from, to), lang.L("stats.col.resolved_on"), resolved), true
	case path == "village.visits":
		return visits(model.PeriodVisits(ds, model.VisitVillage, from, to)), true
	case path == "village.funds_fen":
		return funds(model.PeriodFunds(ds, from, to)), true
	case strings.HasPrefix(path, "village.funds_by_source."):
		key := strings.TrimPrefix(path, "village.funds_by_source.")
		var fs []*model.Fund
		for _, f := range model.PeriodFunds(ds, from, to) {
			if model.FundSourceKey(f) == key {
				fs = append(fs, f)
			}
		}
		return funds(fs), true
	case path == "village.projects":
		return projects(model.ProjectsStarted(ds, from, to), lang.L("stats.col.start_on"),
			func(x *model.Project) model.Date { return x.StartOn }), true
	case path == "village.projects_done":
		return projects(model.ProjectsFinished(ds, from, to), lang.L("stats.col.finish_on"),
			func(x *model.Project) model.Date { return x.FinishOn }), true
	}
	return Listing{}, false
}

// UnitTasks lists the tracked items of one lead unit: a bar of the
// completion-by-unit chart (model.Dataset.LeadUnit is the by_unit key).
func (p period) UnitTasks(unit string) Listing {
	l := Listing{Title: unitLabel(unit),
		Headers: headers(lang.L("stats.col.unit"), lang.L("stats.col.assigned_on"), lang.L("stats.col.status"))}
	for _, t := range model.TrackedTasks(p.ds, p.from, p.to) {
		if p.ds.LeadUnit(t) == unit {
			r := p.taskRow(t, t.AssignedOn)
			r.Note = common.EnumLabel(model.TaskStatuses, t.Status)
			l.Rows = append(l.Rows, r)
		}
	}
	return l
}

func (p period) taskRow(t *model.Task, on model.Date) Row {
	return Row{Record: t, Number: t.Number, Title: t.Title, Unit: unitLabel(p.ds.LeadUnit(t)), Date: on.String()}
}

func (p period) visitRow(v *model.Visit) Row {
	place := v.Place
	if place == "" {
		place = v.Point
	}
	if place == "" {
		place = v.Purpose
	}
	date := v.StartOn.String()
	if !v.EndOn.IsZero() && v.EndOn.After(v.StartOn) {
		date += " – " + v.EndOn.String()
	}
	return Row{Record: v, Number: v.Number, Title: place, Unit: v.Leader, Date: date, Note: strings.Join(v.Units, "、")}
}

// unit is a unit's dictionary full name.
func (p period) unit(name string) string {
	if strings.TrimSpace(name) == "" || p.ds.Units == nil {
		return name
	}
	return p.ds.Units.Canonical(name)
}

// unitLabel shows the by_unit key; "" is the items that name no unit.
func unitLabel(unit string) string {
	if unit == "" {
		return lang.L("stats.no_unit")
	}
	return unit
}

// resultClass is a proposal's by_class key as model.Summarize counts it.
func resultClass(p *model.Proposal) string {
	return strings.ToUpper(strings.ReplaceAll(model.Fold(p.ResultClass), " ", ""))
}
