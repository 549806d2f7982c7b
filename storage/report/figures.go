package report

import (
	"slices"
	"strconv"
	"strings"

	"taizhang/model"
)

// Figure is one number of a Summary with its JSON path (as `report
// summary --json` prints it), its name in the user's language and its
// value written for reading. The cover sheet, `report summary` and the
// GUI's statistics list the same figures from here.
type Figure struct {
	Path  string // "tasks.done"
	Group string // 督办事项 / Supervised items
	Label string // 已办结（项） / Done
	Value any    // int, *float64 (a rate, nil when its denominator is 0) or model.Fen
	Text  string // "180", "81.1%", "115" (万元), "无（分母为0）"
}

// figureDef names one path; value reads it from a Summary.
type figureDef struct {
	path, zh, en string
	value        func(s model.Summary) any
}

func groupName(path, lang string) string {
	groups := map[string][2]string{
		"tasks": {"督办事项", "Supervised items"}, "meetings": {"常务会议", "Executive meetings"},
		"proposals": {"建议提案", "Suggestions and proposals"}, "field": {"基层调研", "Research visits"},
		"liaison": {"基层联系点", "Liaison points"}, "village": {"帮扶村", "Assisted village"},
	}
	for i := range path {
		if path[i] == '.' {
			g := groups[path[:i]]
			return pick(lang, g[0], g[1])
		}
	}
	return path
}

// Figures lists every figure of the summary, in the order of
// docs/CLI.md, by_source, by_class and funds_by_source spelled out (the
// by_unit table is a sheet of its own).
func Figures(s model.Summary, lang string) []Figure {
	var defs []figureDef
	add := func(path, zh, en string, v func(model.Summary) any) {
		defs = append(defs, figureDef{path, zh, en, v})
	}
	t := func(s model.Summary) model.TaskFigures { return s.Tasks }
	add("tasks.tracked", "跟踪督办事项（项）", "Tracked", func(s model.Summary) any { return t(s).Tracked })
	add("tasks.assigned", "本期交办（项）", "Assigned in the period", func(s model.Summary) any { return t(s).Assigned })
	add("tasks.done", "已办结（项）", "Done", func(s model.Summary) any { return t(s).Done })
	add("tasks.closed", "已销号（项）", "Closed", func(s model.Summary) any { return t(s).Closed })
	add("tasks.overdue", "逾期未办结（项）", "Overdue", func(s model.Summary) any { return t(s).Overdue })
	add("tasks.on_time_rate", "按期办结率", "On-time completion rate", func(s model.Summary) any { return t(s).OnTimeRate })
	for _, src := range model.Sources.Values() {
		key := string(src)
		add("tasks.by_source."+key, "来源："+model.Sources.Zh(src)+"（项）", "Source: "+sourceEn[key],
			func(s model.Summary) any { return s.Tasks.BySource[key] })
	}
	add("meetings.count", "召开常务会议（次）", "Meetings held", func(s model.Summary) any { return s.Meetings.Count })
	add("meetings.topics", "研究议题（个）", "Agenda topics", func(s model.Summary) any { return s.Meetings.Topics })
	p := func(s model.Summary) model.ProposalFigures { return s.Proposals }
	add("proposals.total", "受理建议提案（件）", "Received", func(s model.Summary) any { return p(s).Total })
	add("proposals.npc", "其中人大代表建议（件）", "NPC suggestions", func(s model.Summary) any { return p(s).NPC })
	add("proposals.cppcc", "其中政协委员提案（件）", "CPPCC proposals", func(s model.Summary) any { return p(s).CPPCC })
	add("proposals.replied", "已办复（件）", "Replied", func(s model.Summary) any { return p(s).Replied })
	add("proposals.reply_rate", "办复率", "Reply rate", func(s model.Summary) any { return p(s).ReplyRate })
	add("proposals.on_time_replied", "按期办复（件）", "Replied on time", func(s model.Summary) any { return p(s).OnTimeReplied })
	add("proposals.met", "面商（件）", "Met the proposer", func(s model.Summary) any { return p(s).Met })
	add("proposals.meeting_rate", "见面率", "Meeting rate", func(s model.Summary) any { return p(s).MeetingRate })
	add("proposals.evaluated", "已评价（件）", "Evaluated", func(s model.Summary) any { return p(s).Evaluated })
	add("proposals.satisfied", "满意（件）", "Satisfied", func(s model.Summary) any { return p(s).Satisfied })
	add("proposals.basically_satisfied", "基本满意（件）", "Basically satisfied", func(s model.Summary) any { return p(s).BasicallySatisfied })
	add("proposals.unsatisfied", "不满意（件）", "Unsatisfied", func(s model.Summary) any { return p(s).Unsatisfied })
	add("proposals.satisfaction_rate", "满意率", "Satisfaction rate", func(s model.Summary) any { return p(s).SatisfactionRate })
	for _, c := range classKeys(s.Proposals.ByClass) {
		add("proposals.by_class."+c, "办复结果"+c+"类（件）", "Result class "+c,
			func(s model.Summary) any { return s.Proposals.ByClass[c] })
	}
	f := func(s model.Summary) model.FieldFigures { return s.Field }
	add("field.visits", "调研（次）", "Research visits", func(s model.Summary) any { return f(s).Visits })
	add("field.days", "调研（天，按领导计）", "Leader-days", func(s model.Summary) any { return f(s).Days })
	add("field.calendar_days", "调研（日历天数）", "Calendar days", func(s model.Summary) any { return f(s).CalendarDays })
	add("field.units", "联系基层单位（个）", "Grassroots units contacted", func(s model.Summary) any { return f(s).Units })
	add("field.unit_contacts", "联系基层单位（次）", "Unit contacts", func(s model.Summary) any { return f(s).UnitContacts })
	add("field.problems_raised", "发现问题（个）", "Problems raised", func(s model.Summary) any { return f(s).ProblemsRaised })
	add("field.problems_solved", "协调解决问题（个）", "Problems solved", func(s model.Summary) any { return f(s).ProblemsSolved })
	l := func(s model.Summary) model.LiaisonFigures { return s.Liaison }
	add("liaison.points", "基层联系点（个）", "Liaison points", func(s model.Summary) any { return l(s).Points })
	add("liaison.visits", "走访联系点（次）", "Liaison visits", func(s model.Summary) any { return l(s).Visits })
	add("liaison.missed_months", "未按月走访（点次）", "Missed monthly visits", func(s model.Summary) any { return l(s).MissedMonths })
	add("liaison.problems_solved", "联系点解决问题（个）", "Problems solved", func(s model.Summary) any { return l(s).ProblemsSolved })
	v := func(s model.Summary) model.VillageFigures { return s.Village }
	add("village.visits", "走访帮扶村（次）", "Village visits", func(s model.Summary) any { return v(s).Visits })
	add("village.funds_fen", "协调资金（万元）", "Funds (10,000 yuan)", func(s model.Summary) any { return v(s).FundsFen })
	for _, src := range model.FundSources.Values() {
		key := string(src)
		add("village.funds_by_source."+key, "资金来源："+model.FundSources.Zh(src)+"（万元）", "Funds: "+fundSourceEn[key],
			func(s model.Summary) any { return s.Village.FundsBySource[key] })
	}
	add("village.projects", "新开工项目（个）", "Projects started", func(s model.Summary) any { return v(s).Projects })
	add("village.projects_done", "建成项目（个）", "Projects finished", func(s model.Summary) any { return v(s).ProjectsDone })

	out := make([]Figure, len(defs))
	for i, d := range defs {
		val := d.value(s)
		out[i] = Figure{Path: d.path, Group: groupName(d.path, lang), Label: pick(lang, d.zh, d.en),
			Value: val, Text: formatValue(val, lang)}
	}
	return out
}

// formatValue writes a figure for reading; a nil rate says why it has none.
func formatValue(v any, lang string) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case *float64:
		if x == nil {
			return pick(lang, "无（分母为0）", "n/a (nothing to count)")
		}
		return model.Percent(x)
	case model.Fen: // in 万元, as the label says
		s := strconv.FormatFloat(x.Wan(), 'f', 2, 64)
		return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return ""
}

// classKeys are the result classes: A–D always, then any other class seen.
func classKeys(byClass map[string]int) []string {
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

// FigureLabel is the name of the figure at path, "" when unknown.
func FigureLabel(s model.Summary, path, lang string) string {
	for _, f := range Figures(s, lang) {
		if f.Path == path {
			return f.Label
		}
	}
	return ""
}

var sourceEn = map[string]string{
	"instruction": "leader's instruction", "meeting": "executive meeting", "research": "on-site research",
	"key_task": "annual key task", "investment": "investment project", "livelihood": "livelihood item",
	"practical": "practical project", "other": "other",
}

var fundSourceEn = map[string]string{
	"fiscal": "fiscal special funds", "integrated": "integrated departmental funds",
	"assisting_unit": "assisting unit", "donation": "donations", "self_raised": "villagers' own money",
	"coordinated": "coordinated from elsewhere", "other": "other",
}

func pick(lang, zh, en string) string { return model.T(zh, en).In(lang) }
