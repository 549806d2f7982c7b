package ledger

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"taizhang/model"
	"taizhang/ui/common"
)

// Column is one column of a ledger table. Sort is the field name the store
// sorts by ("" when the column cannot be sorted).
type Column struct {
	Title string
	Width float32
	Sort  string
	Value func(r model.Record) string
}

// columnsFor lists the columns of a kind's table (after the checkbox and,
// for tasks and proposals, the light); rules give a proposal's reply
// deadline when none was typed.
func columnsFor(k model.Kind, rules func() model.Rules) []Column {
	switch k {
	case model.KindTask:
		return []Column{
			{lang.L("field.number"), 160, "number", task(func(t *model.Task) string { return t.Number })},
			{lang.L("field.source"), 130, "source", task(func(t *model.Task) string {
				return common.WithTyped(common.EnumLabel(model.Sources, t.Source), t.SourceText)
			})},
			{lang.L("field.title"), 240, "title", task(func(t *model.Task) string { return t.Title })},
			{lang.L("field.lead_unit"), 150, "lead_unit", task(func(t *model.Task) string { return t.LeadUnit })},
			{lang.L("field.leader"), 90, "leader", task(func(t *model.Task) string { return t.Leader })},
			{lang.L("field.deadline"), 120, "deadline", task(func(t *model.Task) string { return t.Deadline.Display() })},
			{lang.L("field.status"), 160, "status", task(func(t *model.Task) string {
				return common.WithTyped(common.EnumLabel(model.TaskStatuses, t.Status), t.StatusText)
			})},
			{lang.L("field.percent"), 60, "percent", task(func(t *model.Task) string { return percent(t.Percent) })},
		}
	case model.KindProposal:
		return []Column{
			{lang.L("field.body"), 90, "body", prop(func(p *model.Proposal) string { return common.EnumLabel(model.Bodies, p.Body) })},
			{lang.L("field.session"), 150, "session", prop(func(p *model.Proposal) string { return p.Session })},
			{lang.L("field.number"), 70, "number", prop(func(p *model.Proposal) string { return p.Number })},
			{lang.L("field.proposal_title"), 260, "title", prop(func(p *model.Proposal) string { return p.Title })},
			{lang.L("field.proposer"), 90, "proposer", prop(func(p *model.Proposal) string { return p.Proposer })},
			{lang.L("field.lead_unit"), 150, "lead_unit", prop(func(p *model.Proposal) string { return p.LeadUnit })},
			{lang.L("field.due_on"), 110, "due_on", prop(func(p *model.Proposal) string { return model.ProposalDue(p, rules()).String() })},
			{lang.L("field.status"), 130, "status", prop(func(p *model.Proposal) string {
				return common.WithTyped(common.EnumLabel(model.ProposalStatuses, p.Status), p.StatusText)
			})},
		}
	case model.KindMeeting:
		return []Column{
			{lang.L("field.number"), 160, "number", of(func(m *model.Meeting) string { return m.Number })},
			{lang.L("field.title"), 260, "title", of(func(m *model.Meeting) string { return m.Title })},
			{lang.L("field.held_on"), 110, "held_on", of(func(m *model.Meeting) string { return m.HeldOn.String() })},
			{lang.L("field.topics"), 70, "topics", of(func(m *model.Meeting) string { return fmt.Sprint(m.Topics) })},
			{lang.L("field.chair"), 100, "chair", of(func(m *model.Meeting) string { return m.Chair })},
		}
	case model.KindVillage:
		return []Column{
			{lang.L("field.name"), 160, "name", of(func(v *model.Village) string { return v.Name })},
			{lang.L("field.township"), 120, "township", of(func(v *model.Village) string { return v.Township })},
			{lang.L("field.county"), 120, "county", of(func(v *model.Village) string { return v.County })},
			{lang.L("field.assisting_unit"), 180, "assisting_unit", of(func(v *model.Village) string { return v.AssistingUnit })},
			{lang.L("field.first_secretary"), 100, "first_secretary", of(func(v *model.Village) string { return v.FirstSecretary })},
		}
	case model.KindFund:
		return []Column{
			{lang.L("field.date"), 100, "date", of(func(f *model.Fund) string { return f.Date.String() })},
			{lang.L("field.fund_source"), 130, "source", of(func(f *model.Fund) string { return common.EnumLabel(model.FundSources, f.Source) })},
			{lang.L("field.source_text"), 160, "source_text", of(func(f *model.Fund) string { return f.SourceText })},
			{lang.L("field.amount"), 120, "amount_fen", of(func(f *model.Fund) string { return f.AmountFen.Yuan() })},
			{lang.L("field.project"), 180, "project", of(func(f *model.Fund) string { return f.Project })},
			{lang.L("field.village"), 120, "village", of(func(f *model.Fund) string { return f.Village })},
		}
	case model.KindProject:
		return []Column{
			{lang.L("field.name"), 200, "name", of(func(p *model.Project) string { return p.Name })},
			{lang.L("field.village"), 120, "village", of(func(p *model.Project) string { return p.Village })},
			{lang.L("field.category"), 100, "category", of(func(p *model.Project) string { return common.EnumLabel(model.ProjectCategories, p.Category) })},
			{lang.L("field.planned"), 120, "planned_fen", of(func(p *model.Project) string { return p.PlannedFen.Yuan() })},
			{lang.L("field.status"), 120, "status", of(func(p *model.Project) string {
				return common.WithTyped(common.EnumLabel(model.ProjectStatuses, p.Status), p.StatusText)
			})},
			{lang.L("field.percent"), 60, "percent", of(func(p *model.Project) string { return percent(p.Percent) })},
		}
	case model.KindPoint:
		return []Column{
			{lang.L("field.name"), 200, "name", of(func(p *model.Point) string { return p.Name })},
			{lang.L("field.short_name"), 100, "short_name", of(func(p *model.Point) string { return p.ShortName })},
			{lang.L("field.owner"), 120, "owner", of(func(p *model.Point) string { return p.Owner })},
			{lang.L("field.contact"), 100, "contact", of(func(p *model.Point) string { return p.Contact })},
			{lang.L("field.phone"), 120, "phone", of(func(p *model.Point) string { return p.Phone })},
		}
	case model.KindVisit:
		return []Column{
			{lang.L("field.number"), 110, "number", of(func(v *model.Visit) string { return v.Number })},
			{lang.L("field.visit_type"), 100, "type", of(func(v *model.Visit) string { return common.EnumLabel(model.VisitTypes, v.Type) })},
			{lang.L("field.start_on"), 110, "start_on", of(func(v *model.Visit) string { return v.StartOn.String() })},
			{lang.L("field.visit_leader"), 90, "leader", of(func(v *model.Visit) string { return v.Leader })},
			{lang.L("field.place"), 180, "place", of(func(v *model.Visit) string { return v.Place })},
			{lang.L("field.purpose"), 220, "purpose", of(func(v *model.Visit) string { return v.Purpose })},
		}
	case model.KindProblem:
		return []Column{
			{lang.L("field.description"), 280, "description", of(func(p *model.Problem) string { return p.Description })},
			{lang.L("field.visit"), 110, "visit", of(func(p *model.Problem) string { return p.Visit })},
			{lang.L("field.unit"), 150, "unit", of(func(p *model.Problem) string { return p.Unit })},
			{lang.L("field.raised_on"), 110, "raised_on", of(func(p *model.Problem) string { return p.RaisedOn.String() })},
			{lang.L("field.status"), 120, "status", of(func(p *model.Problem) string {
				return common.WithTyped(common.EnumLabel(model.ProblemStatuses, p.Status), p.StatusText)
			})},
		}
	case model.KindUnit:
		return []Column{
			{lang.L("field.name"), 220, "name", of(func(u *model.Unit) string { return u.Name })},
			{lang.L("field.aliases"), 220, "", of(func(u *model.Unit) string { return strings.Join(u.Aliases, "、") })},
			{lang.L("field.category"), 100, "category", of(func(u *model.Unit) string { return u.Category })},
		}
	case model.KindHoliday:
		return []Column{
			{lang.L("field.date"), 110, "date", of(func(h *model.Holiday) string { return h.Date.String() })},
			{lang.L("field.name"), 160, "name", of(func(h *model.Holiday) string { return h.Name })},
			{lang.L("field.workday"), 100, "workday", of(func(h *model.Holiday) string {
				if h.Workday {
					return lang.L("holiday.workday")
				}
				return lang.L("holiday.off")
			})},
		}
	}
	return nil
}

// of adapts a typed value function to any record (other kinds give "").
func of[T any](f func(T) string) func(model.Record) string {
	return func(r model.Record) string {
		if v, ok := r.(T); ok {
			return f(v)
		}
		return ""
	}
}

func task(f func(*model.Task) string) func(model.Record) string     { return of(f) }
func prop(f func(*model.Proposal) string) func(model.Record) string { return of(f) }

func percent(p int) string {
	if p == 0 {
		return ""
	}
	return fmt.Sprintf("%d%%", p)
}

// hasLight reports whether the kind's rows carry an alert light.
func hasLight(k model.Kind) bool { return k == model.KindTask || k == model.KindProposal }
