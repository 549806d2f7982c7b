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
// `report summary --json`): the records model.FigureAt registers for it,
// or for the figures that count something else, those things. ok is false
// for a path with nothing to list.
func (p period) Drill(path, title string) (l Listing, ok bool) {
	fig, ok := model.FigureAt(path)
	if !ok {
		return Listing{}, false
	}
	if fig.Records == nil {
		return p.drillOther(path, title)
	}
	sc := model.Scope{Data: p.ds, From: p.from, To: p.to, Rules: p.rules}
	l = Listing{Title: title, Headers: p.kindHeaders(fig)}
	note := p.note(path)
	for _, r := range fig.Records(sc) {
		row := p.row(r)
		if fig.On != nil && fig.Kind != model.KindVisit {
			row.Date = fig.On(r, sc).String()
		}
		if note != nil {
			row.Note = note(r)
		}
		l.Rows = append(l.Rows, row)
	}
	return l, true
}

// kindHeaders are the columns a listing of the figure's records fills.
func (p period) kindHeaders(fig model.Figure) [5]string {
	date := dateHeading(fig.Date)
	switch fig.Kind {
	case model.KindTask:
		h := headers(lang.L("stats.col.unit"), date, lang.L("stats.col.status"))
		if fig.Path == "tasks.overdue" || fig.Path == "tasks.on_time_rate" {
			h[4] = lang.L("stats.col.note")
		}
		return h
	case model.KindProposal:
		return headers(lang.L("stats.col.lead_unit"), date, lang.L("stats.col.note"))
	case model.KindMeeting:
		return headers(lang.L("stats.col.chair"), date, lang.L("stats.col.topics"))
	case model.KindVisit:
		return headers(lang.L("stats.col.leader"), date, lang.L("stats.col.units"))
	case model.KindProblem:
		return headers(lang.L("stats.col.responsible"), date, lang.L("stats.col.visit"))
	case model.KindFund:
		return headers(lang.L("stats.col.source"), date, lang.L("stats.col.amount"))
	case model.KindProject:
		return headers(lang.L("stats.col.village"), date, lang.L("stats.col.status"))
	case model.KindPoint:
		return headers(lang.L("stats.col.owner"), "", lang.L("stats.col.address"))
	}
	return headers("", date, "")
}

// dateHeading names a figure's date column (model.Figure.Date).
func dateHeading(name string) string {
	switch name {
	case "assigned_on":
		return lang.L("stats.col.assigned_on")
	case "done_on":
		return lang.L("stats.col.done_on")
	case "closed_on":
		return lang.L("stats.col.closed_on")
	case "deadline":
		return lang.L("stats.col.deadline")
	case "replied_on":
		return lang.L("stats.col.replied_on")
	case "met_on":
		return lang.L("stats.col.met_on")
	case "held_on":
		return lang.L("stats.col.held_on")
	case "visit_on":
		return lang.L("stats.col.visit_on")
	case "raised_on":
		return lang.L("stats.col.raised_on")
	case "resolved_on":
		return lang.L("stats.col.resolved_on")
	case "fund_on":
		return lang.L("stats.col.fund_on")
	case "start_on":
		return lang.L("stats.col.start_on")
	case "finish_on":
		return lang.L("stats.col.finish_on")
	}
	return ""
}

// row shows one record of a listing; Drill sets the figure's date.
func (p period) row(r model.Record) Row {
	switch x := r.(type) {
	case *model.Task:
		row := p.taskRow(x, model.Date{})
		row.Note = common.EnumLabel(model.TaskStatuses, x.Status)
		return row
	case *model.Proposal:
		return Row{Record: x, Number: strings.TrimSpace(x.Session + " " + x.Number), Title: x.Title,
			Unit: p.unit(x.LeadUnit)}
	case *model.Meeting:
		return Row{Record: x, Number: x.Number, Title: x.Title, Unit: x.Chair, Note: strconv.Itoa(x.Topics)}
	case *model.Visit:
		return p.visitRow(x)
	case *model.Problem:
		return Row{Record: x, Number: x.Number, Title: x.Description, Unit: p.unit(x.Unit), Note: x.Visit}
	case *model.Fund:
		title := x.Project
		if title == "" {
			title = x.Village
		}
		return Row{Record: x, Title: title,
			Unit: common.EnumLabel(model.FundSources, model.FundSource(model.FundSourceKey(x))),
			Note: model.FormatMoney(x.AmountFen, p.lang)}
	case *model.Project:
		return Row{Record: x, Title: x.Name, Unit: x.Village, Note: common.EnumLabel(model.ProjectStatuses, x.Status)}
	case *model.Point:
		return Row{Record: x, Title: x.Name, Unit: x.Owner, Note: x.Address}
	}
	return Row{Record: r}
}

// note is what the note column says for the figure at path when it is not
// the record's own (nil).
func (p period) note(path string) func(model.Record) string {
	switch path {
	case "tasks.overdue":
		return func(r model.Record) string {
			return lang.L("stats.note.days_overdue", map[string]any{"Days": model.DeadlineAsOf(r.(*model.Task), p.to).DaysUntil(p.to)})
		}
	case "tasks.on_time_rate":
		return func(r model.Record) string {
			if model.DoneOnTime(r.(*model.Task), p.to) {
				return lang.L("stats.note.on_time")
			}
			return lang.L("stats.note.not_on_time")
		}
	case "proposals.evaluated", "proposals.satisfaction_rate", "proposals.satisfied",
		"proposals.basically_satisfied", "proposals.unsatisfied":
		return func(r model.Record) string {
			return common.EnumLabel(model.Satisfactions, r.(*model.Proposal).Satisfaction)
		}
	}
	if strings.HasPrefix(path, "proposals.by_class.") {
		return func(r model.Record) string { return model.ResultClassKey(r.(*model.Proposal)) }
	}
	return nil
}

// drillOther lists what the figures that count no records count.
func (p period) drillOther(path, title string) (l Listing, ok bool) {
	ds, from, to := p.ds, p.from, p.to
	l.Title = title
	research := model.PeriodVisits(ds, model.VisitResearch, from, to)
	switch path {
	case "field.days":
		l.Headers = [5]string{"", lang.L("stats.col.leader"), "", lang.L("stats.col.day"), ""}
		for _, d := range model.LeaderDays(research, from, to) {
			l.Rows = append(l.Rows, Row{Title: d.Leader, Date: d.Day.String()})
		}
	case "field.calendar_days":
		l.Headers = [5]string{"", "", "", lang.L("stats.col.day"), ""}
		for _, d := range model.CalendarDays(research, from, to) {
			l.Rows = append(l.Rows, Row{Date: d.String()})
		}
	case "field.units":
		l.Headers = [5]string{"", lang.L("stats.col.unit"), "", "", ""}
		for _, u := range model.DistinctUnits(model.UnitContacts(ds, research)) {
			l.Rows = append(l.Rows, Row{Title: u})
		}
	case "field.unit_contacts":
		l.Headers = headers(lang.L("stats.col.leader"), lang.L("stats.col.visit_on"), lang.L("stats.col.place"))
		for _, c := range model.UnitContacts(ds, research) {
			l.Rows = append(l.Rows, Row{Record: c.Visit, Number: c.Visit.Number, Title: c.Unit,
				Unit: c.Visit.Leader, Date: c.Visit.StartOn.String(), Note: c.Visit.Place})
		}
	case "liaison.missed_months":
		l.Headers = headers(lang.L("stats.col.owner"), lang.L("stats.col.month"), "")
		for _, m := range model.MissedMonths(ds, from, to) {
			l.Rows = append(l.Rows, Row{Record: m.Point, Title: m.Point.Name, Unit: m.Point.Owner, Date: m.Month})
		}
	default:
		return Listing{}, false
	}
	return l, true
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
