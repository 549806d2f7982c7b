package form

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"taizhang/model"
)

// specs lists the fields of a kind's form, in the order ledgers put them.
// Status fields of tasks and proposals are not here: they change only
// through the status button, along the lifecycle.
func (f *Form) specs() []spec {
	today := func() model.Date { return f.day().Today }
	switch f.kind {
	case model.KindTask:
		T := func(r model.Record) *model.Task { return r.(*model.Task) }
		return []spec{
			required(text(lang.L("field.number"), func(t *model.Task) *string { return &t.Number })),
			enumKept(lang.L("field.source"), model.Sources, func(t *model.Task) *model.Source { return &t.Source }, func(t *model.Task) *string { return &t.SourceText }),
			text(lang.L("field.source_ref"), func(t *model.Task) *string { return &t.SourceRef }),
			date(lang.L("field.source_date"), today, func(t *model.Task) *model.Date { return &t.SourceDate }),
			required(text(lang.L("field.title"), func(t *model.Task) *string { return &t.Title })),
			multiline(lang.L("field.content"), func(t *model.Task) *string { return &t.Content }),
			multiline(lang.L("field.instruction"), func(t *model.Task) *string { return &t.Instruction }),
			text(lang.L("field.leader"), func(t *model.Task) *string { return &t.Leader }),
			f.unitsSpec(lang.L("field.units"), func(r model.Record) *[]model.UnitRole { return &T(r).Units }, false),
			date(lang.L("field.assigned_on"), today, func(t *model.Task) *model.Date { return &t.AssignedOn }),
			f.deadlineSpec(lang.L("field.deadline")),
			enumKept(lang.L("field.cycle"), model.Cycles, func(t *model.Task) *model.Cycle { return &t.Cycle }, func(t *model.Task) *string { return &t.CycleText }),
			number(lang.L("field.report_day"), func(t *model.Task) *int { return &t.ReportDay }),
			check(lang.L("field.key"), func(t *model.Task) *bool { return &t.Key }),
			check(lang.L("field.listed"), func(t *model.Task) *bool { return &t.Listed }),
			text(lang.L("field.parent"), func(t *model.Task) *string { return &t.Parent }),
			multiline(lang.L("field.progress"), func(t *model.Task) *string { return &t.Progress }),
			percent(lang.L("field.percent"), func(t *model.Task) *int { return &t.Percent }),
			multiline(lang.L("field.remarks"), func(t *model.Task) *string { return &t.Remarks }),
		}
	case model.KindProposal:
		P := func(r model.Record) *model.Proposal { return r.(*model.Proposal) }
		return []spec{
			enumKept(lang.L("field.body"), model.Bodies, func(p *model.Proposal) *model.Body { return &p.Body }, func(p *model.Proposal) *string { return &p.BodyText }),
			text(lang.L("field.session"), func(p *model.Proposal) *string { return &p.Session }),
			required(text(lang.L("field.number"), func(p *model.Proposal) *string { return &p.Number })),
			required(text(lang.L("field.proposal_title"), func(p *model.Proposal) *string { return &p.Title })),
			enumKept(lang.L("field.proposal_type"), model.ProposalTypes, func(p *model.Proposal) *model.ProposalType { return &p.Type }, func(p *model.Proposal) *string { return &p.TypeText }),
			text(lang.L("field.proposer"), func(p *model.Proposal) *string { return &p.Proposer }),
			text(lang.L("field.cosigners"), func(p *model.Proposal) *string { return &p.CoSigners }),
			enumKept(lang.L("field.topic"), model.Topics, func(p *model.Proposal) *model.Topic { return &p.Topic }, func(p *model.Proposal) *string { return &p.TopicText }),
			check(lang.L("field.key"), func(p *model.Proposal) *bool { return &p.Key }),
			enumKept(lang.L("field.mode"), model.HandlingModes, func(p *model.Proposal) *model.HandlingMode { return &p.Mode }, func(p *model.Proposal) *string { return &p.ModeText }),
			f.unitsSpec(lang.L("field.units"), func(r model.Record) *[]model.UnitRole { return &P(r).Units }, true),
			date(lang.L("field.assigned_on"), today, func(p *model.Proposal) *model.Date { return &p.AssignedOn }),
			date(lang.L("field.due_on"), today, func(p *model.Proposal) *model.Date { return &p.DueOn }),
			date(lang.L("field.extended_to"), today, func(p *model.Proposal) *model.Date { return &p.ExtendedTo }),
			date(lang.L("field.replied_on"), today, func(p *model.Proposal) *model.Date { return &p.RepliedOn }),
			text(lang.L("field.reply_ref"), func(p *model.Proposal) *string { return &p.ReplyRef }),
			choice(lang.L("field.result_class"), []string{"A", "B", "C", "D"}, func(p *model.Proposal) *string { return &p.ResultClass }),
			date(lang.L("field.met_on"), today, func(p *model.Proposal) *model.Date { return &p.MetOn }),
			enumKept(lang.L("field.satisfaction"), model.Satisfactions, func(p *model.Proposal) *model.Satisfaction { return &p.Satisfaction }, func(p *model.Proposal) *string { return &p.SatisfactionText }),
			enumKept(lang.L("field.publication"), model.Publications, func(p *model.Proposal) *model.Publication { return &p.Publication }, func(p *model.Proposal) *string { return &p.PublicationText }),
			date(lang.L("field.published_on"), today, func(p *model.Proposal) *model.Date { return &p.PublishedOn }),
			multiline(lang.L("field.remarks"), func(p *model.Proposal) *string { return &p.Remarks }),
		}
	case model.KindMeeting:
		return []spec{
			required(text(lang.L("field.number"), func(m *model.Meeting) *string { return &m.Number })),
			enumKept(lang.L("field.meeting_kind"), model.MeetingKinds, func(m *model.Meeting) *model.MeetingKind { return &m.Kind }, func(m *model.Meeting) *string { return &m.KindText }),
			text(lang.L("field.meeting_title"), func(m *model.Meeting) *string { return &m.Title }),
			date(lang.L("field.held_on"), today, func(m *model.Meeting) *model.Date { return &m.HeldOn }),
			number(lang.L("field.topics"), func(m *model.Meeting) *int { return &m.Topics }),
			text(lang.L("field.chair"), func(m *model.Meeting) *string { return &m.Chair }),
			multiline(lang.L("field.remarks"), func(m *model.Meeting) *string { return &m.Remarks }),
		}
	case model.KindVillage:
		return []spec{
			required(text(lang.L("field.name"), func(v *model.Village) *string { return &v.Name })),
			text(lang.L("field.township"), func(v *model.Village) *string { return &v.Township }),
			text(lang.L("field.county"), func(v *model.Village) *string { return &v.County }),
			text(lang.L("field.assisting_unit"), func(v *model.Village) *string { return &v.AssistingUnit }),
			text(lang.L("field.first_secretary"), func(v *model.Village) *string { return &v.FirstSecretary }),
			multiline(lang.L("field.remarks"), func(v *model.Village) *string { return &v.Remarks }),
		}
	case model.KindFund:
		return []spec{
			required(date(lang.L("field.date"), today, func(x *model.Fund) *model.Date { return &x.Date })),
			{label: lang.L("field.source_text"), in: inText,
				get: func(r model.Record) string { return r.(*model.Fund).SourceText },
				set: func(r model.Record, s string) (string, error) {
					x := r.(*model.Fund)
					x.SourceText = strings.TrimSpace(s)
					x.Source = model.ClassifyFundSource(x.SourceText)
					if x.SourceText == "" {
						return "", nil
					}
					return model.FundSources.Zh(x.Source), nil
				}},
			required(money(lang.L("field.amount"), func(x *model.Fund) *model.Fen { return &x.AmountFen })),
			text(lang.L("field.project"), func(x *model.Fund) *string { return &x.Project }),
			text(lang.L("field.village"), func(x *model.Fund) *string { return &x.Village }),
			multiline(lang.L("field.remarks"), func(x *model.Fund) *string { return &x.Remarks }),
		}
	case model.KindProject:
		return []spec{
			required(text(lang.L("field.name"), func(p *model.Project) *string { return &p.Name })),
			text(lang.L("field.village"), func(p *model.Project) *string { return &p.Village }),
			enumKept(lang.L("field.category"), model.ProjectCategories, func(p *model.Project) *model.ProjectCategory { return &p.Category }, func(p *model.Project) *string { return &p.CategoryText }),
			text(lang.L("field.place"), func(p *model.Project) *string { return &p.Location }),
			multiline(lang.L("field.content"), func(p *model.Project) *string { return &p.Content }),
			money(lang.L("field.planned"), func(p *model.Project) *model.Fen { return &p.PlannedFen }),
			money(lang.L("field.actual"), func(p *model.Project) *model.Fen { return &p.ActualFen }),
			date(lang.L("field.start_on"), today, func(p *model.Project) *model.Date { return &p.StartOn }),
			date(lang.L("field.finish_on"), today, func(p *model.Project) *model.Date { return &p.FinishOn }),
			enumKept(lang.L("field.status"), model.ProjectStatuses, func(p *model.Project) *model.ProjectStatus { return &p.Status }, func(p *model.Project) *string { return &p.StatusText }),
			percent(lang.L("field.percent"), func(p *model.Project) *int { return &p.Percent }),
			number(lang.L("field.households"), func(p *model.Project) *int { return &p.Households }),
			number(lang.L("field.poor_households"), func(p *model.Project) *int { return &p.PoorHouseholds }),
			multiline(lang.L("field.remarks"), func(p *model.Project) *string { return &p.Remarks }),
		}
	case model.KindPoint:
		return []spec{
			required(text(lang.L("field.name"), func(p *model.Point) *string { return &p.Name })),
			text(lang.L("field.short_name"), func(p *model.Point) *string { return &p.ShortName }),
			text(lang.L("field.address"), func(p *model.Point) *string { return &p.Address }),
			text(lang.L("field.contact"), func(p *model.Point) *string { return &p.Contact }),
			text(lang.L("field.phone"), func(p *model.Point) *string { return &p.Phone }),
			text(lang.L("field.owner"), func(p *model.Point) *string { return &p.Owner }),
			enumKept(lang.L("field.visit_every"), model.Frequencies, func(p *model.Point) *model.Frequency { return &p.VisitEvery }, func(p *model.Point) *string { return &p.VisitEveryText }),
			check(lang.L("field.inactive"), func(p *model.Point) *bool { return &p.Inactive }),
			multiline(lang.L("field.remarks"), func(p *model.Point) *string { return &p.Remarks }),
		}
	case model.KindVisit:
		return []spec{
			text(lang.L("field.number"), func(v *model.Visit) *string { return &v.Number }),
			enumKept(lang.L("field.visit_type"), model.VisitTypes, func(v *model.Visit) *model.VisitType { return &v.Type }, func(v *model.Visit) *string { return &v.TypeText }),
			required(date(lang.L("field.start_on"), today, func(v *model.Visit) *model.Date { return &v.StartOn })),
			date(lang.L("field.end_on"), today, func(v *model.Visit) *model.Date { return &v.EndOn }),
			text(lang.L("field.visit_leader"), func(v *model.Visit) *string { return &v.Leader }),
			text(lang.L("field.people"), func(v *model.Visit) *string { return &v.People }),
			text(lang.L("field.place"), func(v *model.Visit) *string { return &v.Place }),
			text(lang.L("field.point"), func(v *model.Visit) *string { return &v.Point }),
			{label: lang.L("field.contacted_units"), in: inText,
				get: func(r model.Record) string { return strings.Join(r.(*model.Visit).Units, "、") },
				set: func(r model.Record, s string) (string, error) {
					v := r.(*model.Visit)
					v.Units = nil
					for _, u := range model.SplitList(s) {
						v.Units = append(v.Units, f.units.Canonical(u))
					}
					return strings.Join(v.Units, "、"), nil
				}},
			multiline(lang.L("field.purpose"), func(v *model.Visit) *string { return &v.Purpose }),
			multiline(lang.L("field.findings"), func(v *model.Visit) *string { return &v.Findings }),
			multiline(lang.L("field.remarks"), func(v *model.Visit) *string { return &v.Remarks }),
		}
	case model.KindProblem:
		return []spec{
			text(lang.L("field.number"), func(p *model.Problem) *string { return &p.Number }),
			required(multiline(lang.L("field.description"), func(p *model.Problem) *string { return &p.Description })),
			text(lang.L("field.visit"), func(p *model.Problem) *string { return &p.Visit }),
			text(lang.L("field.unit"), func(p *model.Problem) *string { return &p.Unit }),
			date(lang.L("field.raised_on"), today, func(p *model.Problem) *model.Date { return &p.RaisedOn }),
			enumKept(lang.L("field.status"), model.ProblemStatuses, func(p *model.Problem) *model.ProblemStatus { return &p.Status }, func(p *model.Problem) *string { return &p.StatusText }),
			date(lang.L("field.resolved_on"), today, func(p *model.Problem) *model.Date { return &p.ResolvedOn }),
			multiline(lang.L("field.resolution"), func(p *model.Problem) *string { return &p.Resolution }),
			multiline(lang.L("field.remarks"), func(p *model.Problem) *string { return &p.Remarks }),
		}
	case model.KindUnit:
		return []spec{
			required(text(lang.L("field.name"), func(u *model.Unit) *string { return &u.Name })),
			{label: lang.L("field.aliases"), in: inText,
				get: func(r model.Record) string { return strings.Join(r.(*model.Unit).Aliases, "、") },
				set: func(r model.Record, s string) (string, error) {
					r.(*model.Unit).Aliases = model.SplitList(s)
					return "", nil
				}},
			text(lang.L("field.category"), func(u *model.Unit) *string { return &u.Category }),
			text(lang.L("field.contact"), func(u *model.Unit) *string { return &u.Contact }),
			text(lang.L("field.phone"), func(u *model.Unit) *string { return &u.Phone }),
		}
	case model.KindHoliday:
		return []spec{
			required(date(lang.L("field.date"), today, func(h *model.Holiday) *model.Date { return &h.Date })),
			text(lang.L("field.name"), func(h *model.Holiday) *string { return &h.Name }),
			check(lang.L("holiday.workday"), func(h *model.Holiday) *bool { return &h.Workday }),
		}
	}
	return nil
}
