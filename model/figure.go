package model

import (
	"slices"
	"strconv"
	"strings"
)

// Scope is what the records behind a figure are gathered over: the
// dataset and period a Summary was computed from, and the rules.
type Scope struct {
	Data     Dataset
	From, To Date
	Rules    Rules
}

// Figure is one number of a Summary, registered once: the draft, the
// report workbooks, `report summary` and the GUI's statistics and
// drill-downs all read it from Figures or FigureAt.
type Figure struct {
	Path  string // "tasks.done", as `report summary --json` prints it
	Label Text   // 已办结（项） / Done
	// Value reads the figure: an int, a *float64 rate (nil when its
	// denominator is 0) or a Fen.
	Value func(Summary) any
	// Kind is the kind of the records behind the figure; Records lists
	// them (for a count, as many as it counts; for money, the amounts that
	// add up to it; for a rate, the set named in DOMAIN.md). Records is
	// nil for figures that count something other than records (leader-days,
	// calendar days, distinct units, unit contacts, missed months).
	Kind    Kind
	Records func(Scope) []Record
	// Date names the day that puts a record into the figure ("done_on",
	// "deadline"…) and On reads it; "" and nil when there is none.
	Date string
	On   func(Record, Scope) Date
}

// FigureGroup is the name of the group a figure path belongs to
// ("tasks.done" → 督办事项 / Supervised items).
func FigureGroup(path string) Text {
	group, _, _ := strings.Cut(path, ".")
	if t, ok := figureGroups[group]; ok {
		return t
	}
	return T(path, path)
}

var figureGroups = map[string]Text{
	"tasks": T("督办事项", "Supervised items"), "meetings": T("常务会议", "Executive meetings"),
	"proposals": T("建议提案", "Suggestions and proposals"), "field": T("基层调研", "Research visits"),
	"liaison": T("基层联系点", "Liaison points"), "village": T("帮扶村", "Assisted village"),
}

// Figures lists every figure of s in the order of docs/CLI.md, with
// by_source, by_class (A–D, then any other class s counts) and
// funds_by_source spelled out (by_unit is a table, not a figure).
func Figures(s Summary) []Figure {
	return figureList(ResultClassKeys(s.Proposals.ByClass))
}

// FigureLine is a figure as read: its path, its group and label in the
// user's language and its value written out. The report's cover sheet,
// `report summary` and the GUI's statistics list the same lines.
type FigureLine struct {
	Path  string // "tasks.done"
	Group string // 督办事项 / Supervised items
	Label string // 已办结（项） / Done
	Value any    // int, *float64 (a rate, nil when its denominator is 0) or Fen
	Text  string // "180", "81.1%", "115" (万元), "无（分母为0）"
}

// FigureLines lists every figure of s (Figures' order) in lang.
func FigureLines(s Summary, lang string) []FigureLine {
	figs := Figures(s)
	out := make([]FigureLine, len(figs))
	for i, f := range figs {
		val := f.Value(s)
		out[i] = FigureLine{Path: f.Path, Group: FigureGroup(f.Path).In(lang), Label: f.Label.In(lang),
			Value: val, Text: figureText(val, lang)}
	}
	return out
}

// figureText writes a figure's value for reading; a nil rate says why it
// has none.
func figureText(v any, lang string) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case *float64:
		if x == nil {
			return T("无（分母为0）", "n/a (nothing to count)").In(lang)
		}
		return Percent(x)
	case Fen: // in 万元, as the label says
		s := strconv.FormatFloat(x.Wan(), 'f', 2, 64)
		return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return ""
}

// FigureAt is the figure registered at path; a by_class path names its
// class (any class: a local scheme's too).
func FigureAt(path string) (Figure, bool) {
	classes := ResultClassKeys(nil)
	if c, ok := strings.CutPrefix(path, "proposals.by_class."); ok && !slices.Contains(classes, c) {
		classes = append(classes, c)
	}
	for _, f := range figureList(classes) {
		if f.Path == path {
			return f, true
		}
	}
	return Figure{}, false
}

// ResultClassKeys are the by_class keys: A–D always, then any other class
// counted, sorted.
func ResultClassKeys(byClass map[string]int) []string {
	keys := []string{"A", "B", "C", "D"}
	var extra []string
	for k := range byClass {
		if !slices.Contains(keys, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	return append(keys, extra...)
}

// ResultClassKey is the by_class key a replied proposal counts under: its
// class folded to upper case, spaces dropped.
func ResultClassKey(p *Proposal) string {
	return strings.ToUpper(strings.ReplaceAll(Fold(p.ResultClass), " ", ""))
}

// TaskSourceKey is the by_source key of t: unknown sources count as other.
func TaskSourceKey(t *Task) string {
	if Sources.Valid(t.Source) {
		return string(t.Source)
	}
	return string(SourceOther)
}

// records widens a typed record list.
func records[P Record](xs []P) []Record {
	out := make([]Record, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// keep filters a typed list (already free of deleted records).
func keep[P any](xs []P, ok func(P) bool) []P {
	var out []P
	for _, x := range xs {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

// Typed helpers: each registers a figure of one record kind.
func taskDay(f func(*Task, Scope) Date) func(Record, Scope) Date {
	return func(r Record, sc Scope) Date { return f(r.(*Task), sc) }
}

func proposalDay(f func(*Proposal) Date) func(Record, Scope) Date {
	return func(r Record, _ Scope) Date { return f(r.(*Proposal)) }
}

var (
	assignedOn   = taskDay(func(t *Task, _ Scope) Date { return t.AssignedOn })
	propAssigned = proposalDay(func(p *Proposal) Date { return p.AssignedOn })
	propReplied  = proposalDay(func(p *Proposal) Date { return p.RepliedOn })
)

func figureList(classes []string) []Figure {
	var out []Figure
	add := func(f Figure) { out = append(out, f) }
	count := func(path, zh, en string, v func(Summary) any) Figure {
		return Figure{Path: path, Label: T(zh, en), Value: v}
	}
	tasks := func(f Figure, date string, on func(Record, Scope) Date, recs func(Scope) []*Task) Figure {
		f.Kind, f.Date, f.On = KindTask, date, on
		f.Records = func(sc Scope) []Record { return records(recs(sc)) }
		return f
	}
	proposals := func(f Figure, date string, on func(Record, Scope) Date, recs func(Scope) []*Proposal) Figure {
		f.Kind, f.Date, f.On = KindProposal, date, on
		f.Records = func(sc Scope) []Record { return records(recs(sc)) }
		return f
	}
	visits := func(f Figure, typ VisitType) Figure {
		f.Kind, f.Date = KindVisit, "visit_on"
		f.On = func(r Record, _ Scope) Date { return r.(*Visit).StartOn }
		f.Records = func(sc Scope) []Record { return records(PeriodVisits(sc.Data, typ, sc.From, sc.To)) }
		return f
	}
	problems := func(f Figure, date string, on func(*Problem) Date, recs func(Scope) []*Problem) Figure {
		f.Kind, f.Date = KindProblem, date
		f.On = func(r Record, _ Scope) Date { return on(r.(*Problem)) }
		f.Records = func(sc Scope) []Record { return records(recs(sc)) }
		return f
	}
	funds := func(f Figure, recs func(Scope) []*Fund) Figure {
		f.Kind, f.Date = KindFund, "fund_on"
		f.On = func(r Record, _ Scope) Date { return r.(*Fund).Date }
		f.Records = func(sc Scope) []Record { return records(recs(sc)) }
		return f
	}
	projects := func(f Figure, date string, on func(*Project) Date, recs func(Scope) []*Project) Figure {
		f.Kind, f.Date = KindProject, date
		f.On = func(r Record, _ Scope) Date { return on(r.(*Project)) }
		f.Records = func(sc Scope) []Record { return records(recs(sc)) }
		return f
	}
	tracked := func(sc Scope) []*Task { return TrackedTasks(sc.Data, sc.From, sc.To) }
	period := func(sc Scope) []*Proposal { return PeriodProposals(sc.Data, sc.From, sc.To) }
	replied := func(sc Scope) []*Proposal { return RepliedProposals(sc.Data, sc.From, sc.To) }
	evaluated := func(sc Scope) []*Proposal { return EvaluatedProposals(sc.Data, sc.From, sc.To) }
	research := func(sc Scope) []*Visit { return PeriodVisits(sc.Data, VisitResearch, sc.From, sc.To) }

	// supervised items
	t := func(s Summary) TaskFigures { return s.Tasks }
	add(tasks(count("tasks.tracked", "跟踪督办事项（项）", "Tracked", func(s Summary) any { return t(s).Tracked }),
		"assigned_on", assignedOn, tracked))
	add(tasks(count("tasks.assigned", "本期交办（项）", "Assigned in the period", func(s Summary) any { return t(s).Assigned }),
		"assigned_on", assignedOn, func(sc Scope) []*Task { return AssignedTasks(sc.Data, sc.From, sc.To) }))
	add(tasks(count("tasks.done", "已办结（项）", "Done", func(s Summary) any { return t(s).Done }),
		"done_on", taskDay(func(t *Task, _ Scope) Date { return t.DoneOn }),
		func(sc Scope) []*Task { return DoneTasks(sc.Data, sc.From, sc.To) }))
	add(tasks(count("tasks.closed", "已销号（项）", "Closed", func(s Summary) any { return t(s).Closed }),
		"closed_on", taskDay(func(t *Task, _ Scope) Date { return t.ClosedOn }),
		func(sc Scope) []*Task { return ClosedTasks(sc.Data, sc.From, sc.To) }))
	add(tasks(count("tasks.overdue", "逾期未办结（项）", "Overdue", func(s Summary) any { return t(s).Overdue }),
		"deadline", taskDay(func(t *Task, sc Scope) Date { return DeadlineAsOf(t, sc.To) }),
		func(sc Scope) []*Task { return OverdueTasks(sc.Data, sc.From, sc.To) }))
	// the rate's denominator (TaskOnTime tells which count above the line)
	add(tasks(count("tasks.on_time_rate", "按期办结率", "On-time completion rate", func(s Summary) any { return t(s).OnTimeRate }),
		"deadline", taskDay(func(t *Task, sc Scope) Date { return OnTimeDeadline(t, sc.To) }),
		func(sc Scope) []*Task { due, _ := OnTimeTasks(sc.Data, sc.From, sc.To); return due }))
	for _, src := range Sources.Values() {
		key := string(src)
		add(tasks(count("tasks.by_source."+key, "来源："+SourceName(key).Zh+"（项）", "Source: "+SourceName(key).En,
			func(s Summary) any { return s.Tasks.BySource[key] }),
			"assigned_on", assignedOn, func(sc Scope) []*Task {
				return keep(tracked(sc), func(t *Task) bool { return TaskSourceKey(t) == key })
			}))
	}

	// executive meetings: both figures list the meetings
	meetings := func(f Figure) Figure {
		f.Kind, f.Date = KindMeeting, "held_on"
		f.On = func(r Record, _ Scope) Date { return r.(*Meeting).HeldOn }
		f.Records = func(sc Scope) []Record { return records(ExecutiveMeetings(sc.Data, sc.From, sc.To)) }
		return f
	}
	add(meetings(count("meetings.count", "召开常务会议（次）", "Meetings held", func(s Summary) any { return s.Meetings.Count })))
	add(meetings(count("meetings.topics", "研究议题（个）", "Agenda topics", func(s Summary) any { return s.Meetings.Topics })))

	// suggestions and proposals
	p := func(s Summary) ProposalFigures { return s.Proposals }
	body := func(b Body) func(Scope) []*Proposal {
		return func(sc Scope) []*Proposal { return keep(period(sc), func(x *Proposal) bool { return x.Body == b }) }
	}
	satisfied := func(want Satisfaction) func(Scope) []*Proposal {
		return func(sc Scope) []*Proposal {
			return keep(evaluated(sc), func(x *Proposal) bool { return x.Satisfaction == want })
		}
	}
	metOn := proposalDay(func(x *Proposal) Date { return x.MetOn })
	met := func(sc Scope) []*Proposal { return MetProposals(sc.Data, sc.From, sc.To) }
	add(proposals(count("proposals.total", "受理建议提案（件）", "Received", func(s Summary) any { return p(s).Total }),
		"assigned_on", propAssigned, period))
	add(proposals(count("proposals.npc", "其中人大代表建议（件）", "NPC suggestions", func(s Summary) any { return p(s).NPC }),
		"assigned_on", propAssigned, body(BodyNPC)))
	add(proposals(count("proposals.cppcc", "其中政协委员提案（件）", "CPPCC proposals", func(s Summary) any { return p(s).CPPCC }),
		"assigned_on", propAssigned, body(BodyCPPCC)))
	add(proposals(count("proposals.replied", "已办复（件）", "Replied", func(s Summary) any { return p(s).Replied }),
		"replied_on", propReplied, replied))
	add(proposals(count("proposals.reply_rate", "办复率", "Reply rate", func(s Summary) any { return p(s).ReplyRate }),
		"replied_on", propReplied, replied))
	add(proposals(count("proposals.on_time_replied", "按期办复（件）", "Replied on time", func(s Summary) any { return p(s).OnTimeReplied }),
		"replied_on", propReplied, func(sc Scope) []*Proposal { return OnTimeRepliedProposals(sc.Data, sc.From, sc.To, sc.Rules) }))
	add(proposals(count("proposals.met", "面商（件）", "Met the proposer", func(s Summary) any { return p(s).Met }),
		"met_on", metOn, met))
	add(proposals(count("proposals.meeting_rate", "见面率", "Meeting rate", func(s Summary) any { return p(s).MeetingRate }),
		"met_on", metOn, met))
	add(proposals(count("proposals.evaluated", "已评价（件）", "Evaluated", func(s Summary) any { return p(s).Evaluated }),
		"replied_on", propReplied, evaluated))
	add(proposals(count("proposals.satisfied", "满意（件）", "Satisfied", func(s Summary) any { return p(s).Satisfied }),
		"replied_on", propReplied, satisfied(SatSatisfied)))
	add(proposals(count("proposals.basically_satisfied", "基本满意（件）", "Basically satisfied", func(s Summary) any { return p(s).BasicallySatisfied }),
		"replied_on", propReplied, satisfied(SatBasically)))
	add(proposals(count("proposals.unsatisfied", "不满意（件）", "Unsatisfied", func(s Summary) any { return p(s).Unsatisfied }),
		"replied_on", propReplied, satisfied(SatUnsatisfied)))
	add(proposals(count("proposals.satisfaction_rate", "满意率", "Satisfaction rate", func(s Summary) any { return p(s).SatisfactionRate }),
		"replied_on", propReplied, evaluated))
	for _, c := range classes {
		add(proposals(count("proposals.by_class."+c, "办复结果"+c+"类（件）", "Result class "+c,
			func(s Summary) any { return s.Proposals.ByClass[c] }),
			"replied_on", propReplied, func(sc Scope) []*Proposal {
				return keep(replied(sc), func(x *Proposal) bool { return ResultClassKey(x) == c })
			}))
	}

	// research visits; days, calendar days, units and unit contacts count
	// no records of their own
	fd := func(s Summary) FieldFigures { return s.Field }
	add(visits(count("field.visits", "调研（次）", "Research visits", func(s Summary) any { return fd(s).Visits }), VisitResearch))
	add(count("field.days", "调研（天，按领导计）", "Leader-days", func(s Summary) any { return fd(s).Days }))
	add(count("field.calendar_days", "调研（日历天数）", "Calendar days", func(s Summary) any { return fd(s).CalendarDays }))
	add(count("field.units", "联系基层单位（个）", "Grassroots units contacted", func(s Summary) any { return fd(s).Units }))
	add(count("field.unit_contacts", "联系基层单位（次）", "Unit contacts", func(s Summary) any { return fd(s).UnitContacts }))
	raisedOn := func(x *Problem) Date { return x.RaisedOn }
	resolvedOn := func(x *Problem) Date { return x.ResolvedOn }
	add(problems(count("field.problems_raised", "发现问题（个）", "Problems raised", func(s Summary) any { return fd(s).ProblemsRaised }),
		"raised_on", raisedOn, func(sc Scope) []*Problem { return ProblemsRaisedOn(sc.Data, research(sc)) }))
	add(problems(count("field.problems_solved", "协调解决问题（个）", "Problems solved", func(s Summary) any { return fd(s).ProblemsSolved }),
		"resolved_on", resolvedOn, func(sc Scope) []*Problem { return ProblemsSolved(sc.Data, VisitResearch, sc.From, sc.To) }))

	// liaison points; missed months are point-months, not records
	l := func(s Summary) LiaisonFigures { return s.Liaison }
	points := count("liaison.points", "基层联系点（个）", "Liaison points", func(s Summary) any { return l(s).Points })
	points.Kind = KindPoint
	points.Records = func(sc Scope) []Record { return records(ActivePoints(sc.Data)) }
	add(points)
	add(visits(count("liaison.visits", "走访联系点（次）", "Liaison visits", func(s Summary) any { return l(s).Visits }), VisitLiaison))
	add(count("liaison.missed_months", "未按月走访（点次）", "Missed monthly visits", func(s Summary) any { return l(s).MissedMonths }))
	add(problems(count("liaison.problems_solved", "联系点解决问题（个）", "Problems solved", func(s Summary) any { return l(s).ProblemsSolved }),
		"resolved_on", resolvedOn, func(sc Scope) []*Problem { return ProblemsSolved(sc.Data, VisitLiaison, sc.From, sc.To) }))

	// the assisted village
	v := func(s Summary) VillageFigures { return s.Village }
	periodFunds := func(sc Scope) []*Fund { return PeriodFunds(sc.Data, sc.From, sc.To) }
	add(visits(count("village.visits", "走访帮扶村（次）", "Village visits", func(s Summary) any { return v(s).Visits }), VisitVillage))
	add(funds(count("village.funds_fen", "协调资金（万元）", "Funds (10,000 yuan)", func(s Summary) any { return v(s).FundsFen }), periodFunds))
	for _, src := range FundSources.Values() {
		key := string(src)
		add(funds(count("village.funds_by_source."+key, "资金来源："+FundSourceName(key).Zh+"（万元）", "Funds: "+FundSourceName(key).En,
			func(s Summary) any { return s.Village.FundsBySource[key] }),
			func(sc Scope) []*Fund {
				return keep(periodFunds(sc), func(f *Fund) bool { return FundSourceKey(f) == key })
			}))
	}
	add(projects(count("village.projects", "新开工项目（个）", "Projects started", func(s Summary) any { return v(s).Projects }),
		"start_on", func(x *Project) Date { return x.StartOn },
		func(sc Scope) []*Project { return ProjectsStarted(sc.Data, sc.From, sc.To) }))
	add(projects(count("village.projects_done", "建成项目（个）", "Projects finished", func(s Summary) any { return v(s).ProjectsDone }),
		"finish_on", func(x *Project) Date { return x.FinishOn },
		func(sc Scope) []*Project { return ProjectsFinished(sc.Data, sc.From, sc.To) }))
	return out
}

// SourceName is a by_source key's name as figures and report tables write
// it (the English in lower case: it follows "Source: ").
func SourceName(key string) Text { return T(Sources.Zh(Source(key)), figureSourceEn[key]) }

// FundSourceName is a funds_by_source key's name as figures and report
// tables write it.
func FundSourceName(key string) Text {
	return T(FundSources.Zh(FundSource(key)), figureFundEn[key])
}

var figureSourceEn = map[string]string{
	"instruction": "leader's instruction", "meeting": "executive meeting", "research": "on-site research",
	"key_task": "annual key task", "investment": "investment project", "livelihood": "livelihood item",
	"practical": "practical project", "other": "other",
}

var figureFundEn = map[string]string{
	"fiscal": "fiscal special funds", "integrated": "integrated departmental funds",
	"assisting_unit": "assisting unit", "donation": "donations", "self_raised": "villagers' own money",
	"coordinated": "coordinated from elsewhere", "other": "other",
}
