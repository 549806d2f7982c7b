package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// Sheet names: the office's own, in Chinese whatever the language.
const (
	SheetCover     = "封面"
	SheetUnits     = "按单位"
	SheetOverdue   = "逾期事项"
	SheetSources   = "按来源"
	SheetLeaders   = "按领导"
	SheetProposals = "建议提案"
	SheetPropKinds = "提案分类"
	SheetField     = "基层调研"
	SheetVisits    = "调研明细"
	SheetLiaison   = "联系点"
	SheetFunds     = "帮扶资金"
	SheetProjects  = "帮扶项目"
)

// maxChartUnits caps the units drawn in the completion chart: the table
// lists late units first, so the chart shows those.
const maxChartUnits = 20

func (s *sheet) styleCell(c, r int, kind, fill string) {
	if s.b.err == nil {
		s.b.fail(s.name, s.b.f.SetCellStyle(s.name, cell(c, r), cell(c, r), s.b.style(kind, fill)))
	}
}

// styleRow gives a whole table row one fill, keeping each column's kind.
func (s *sheet) styleRow(r int, cols []col, fill string) {
	for j, c := range cols {
		s.styleCell(j+1, r, c.kind, fill)
	}
}

func (x *builder) cover() {
	cols := []col{{x.t("类别", "Group"), kText, 18}, {x.t("指标", "Figure"), kWrap, 36},
		{x.t("数值", "Value"), kText, 14}, {"", kText, 34}} // the last column is section 2's
	s := x.newSheet(SheetCover, widths(cols), false)
	s.title(x.kind.Title().In(x.lang) + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	s.note(x.periodLine())
	s.skip()

	// The text draft first: it is what staff paste into their report.
	draft := model.Draft(x.sum, x.lang)
	s.note(x.t("一、综述（可直接引用）", "1. Summary (ready to quote)"))
	s.note(model.DraftText(draft, x.lang))
	s.skip()
	s.note(x.t("二、逐句依据", "2. Where each sentence's figures come from"))
	labels := map[string]string{}
	for _, f := range model.FigureLines(x.sum, x.lang) {
		labels[f.Path] = f.Group + "·" + f.Label
	}
	rows := make([][]any, len(draft))
	for i, sen := range draft {
		var names []string
		for _, p := range sen.Figures {
			names = append(names, labels[p])
		}
		rows[i] = []any{i + 1, sen.Text, "", strings.Join(names, x.t("、", "; "))}
	}
	dcols := []col{{x.t("序号", "No."), kInt, 0}, {x.t("句子", "Sentence"), kWrap, 0}, {"", kWrap, 0},
		{x.t("依据的数据项", "Figures quoted"), kWrap, 0}}
	_, first, last := s.table(dcols, rows, nil)
	for r := first; r <= last && x.err == nil; r++ {
		x.fail(s.name, x.f.MergeCell(s.name, cell(2, r), cell(3, r)))
		text, _ := x.f.GetCellValue(s.name, cell(2, r))
		names, _ := x.f.GetCellValue(s.name, cell(4, r))
		x.fail(s.name, x.f.SetRowHeight(s.name, r, max(rowHeight(text, cols[1].width+cols[2].width),
			rowHeight(names, cols[3].width), 18)))
	}
	if first > 1 && x.err == nil {
		x.fail(s.name, x.f.MergeCell(s.name, cell(2, first-1), cell(3, first-1)))
	}

	s.note(x.t("三、主要数据", "3. Key figures"))
	figs := model.FigureLines(x.sum, x.lang)
	rows = make([][]any, len(figs))
	for i, f := range figs {
		rows[i] = []any{f.Group, f.Label, f.Value} // no JSON path: readers quote Group·Label (section 2)
	}
	_, first, _ = s.table(cols[:3], rows, nil)
	for i, f := range figs {
		kind := kInt
		switch v := f.Value.(type) {
		case *float64:
			if kind = kPct; v == nil {
				kind = kText
			}
		case model.Fen:
			kind = kWan
		}
		s.styleCell(3, first+i, kind, fillNone)
	}
}

func widths(cols []col) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.width
	}
	return out
}

// names joins names for a note line, at most n of them.
func (x *builder) names(list []string, n int) string {
	sep := x.t("、", ", ")
	if len(list) <= n {
		return strings.Join(list, sep)
	}
	return strings.Join(list[:n], sep) + x.t(fmt.Sprintf("等%d个", len(list)), fmt.Sprintf(" and %d more", len(list)-n))
}

func (x *builder) unitName(name string) string {
	if name == "" {
		return x.t("（未填单位）", "(no unit)")
	}
	return name
}

func (x *builder) units() {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {x.t("牵头单位", "Lead unit"), kWrap, 30},
		{x.t("跟踪事项", "Tracked"), kInt, 10}, {x.t("已办结", "Done"), kInt, 10},
		{x.t("办结率", "Done rate"), kPct, 10}, {x.t("逾期", "Overdue"), kInt, 9},
		{x.t("按期办结率", "On-time rate"), kPct, 12}, {x.t("漏报进展（次）", "Missed reports"), kInt, 12},
		{x.t("提示", "Alert"), kText, 10}}
	s := x.newSheet(SheetUnits, widths(cols), true)
	s.title(x.t("各单位督办事项办理情况", "Supervised items by lead unit") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	s.note(x.periodLine())
	rows := x.tasks.byUnit(x.ds)
	var red, yellow []string
	for _, r := range rows {
		switch r.lateness() {
		case fillRed:
			red = append(red, x.unitName(r.name))
		case fillYellow:
			yellow = append(yellow, x.unitName(r.name))
		}
	}
	if len(red) > 0 {
		s.note(x.t("有逾期事项的单位（红色）：", "Units with overdue items (red): ") + x.names(red, 30))
	}
	if len(yellow) > 0 {
		s.note(x.t("未按时报送进展的单位（黄色）：", "Units that missed progress reports (yellow): ") + x.names(yellow, 30))
	}
	data := make([][]any, 0, len(rows)+1)
	for i, r := range rows {
		alert := ""
		switch r.lateness() {
		case fillRed:
			alert = x.t("逾期", "overdue")
		case fillYellow:
			alert = x.t("漏报", "missed report")
		}
		data = append(data, []any{i + 1, x.unitName(r.name), r.tracked, r.done, r.doneRate(), r.overdue,
			r.onTimeRate(), r.missed, alert})
	}
	tot := x.tasks.total()
	data = append(data, []any{"", x.t("合计", "Total"), tot.tracked, tot.done, tot.doneRate(), tot.overdue,
		tot.onTimeRate(), tot.missed, ""})
	header, first, last := s.table(cols, data, func(i int) string {
		if i == len(rows) {
			return fillTotal
		}
		return rows[i].lateness()
	})
	s.finish()
	last-- // not the total row
	if n := last - first + 1; n > 0 {
		title := x.t("各单位办结情况", "Completion by unit")
		if n > maxChartUnits {
			last = first + maxChartUnits - 1
			title += x.t(fmt.Sprintf("（前%d个单位）", maxChartUnits), fmt.Sprintf(" (first %d units)", maxChartUnits))
		}
		s.chart(excelize.Bar, title, 2, header, first, last, 3, 4)
	}
}

func (x *builder) overdue() {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {x.t("编号", "Number"), kText, 16},
		{x.t("事项名称", "Title"), kWrap, 36}, {x.t("事项来源", "Source"), kText, 14},
		{x.t("牵头单位", "Lead unit"), kWrap, 24}, {x.t("责任领导", "Leader"), kText, 10},
		{x.t("交办日期", "Assigned"), kDate, 12}, {x.t("完成时限", "Deadline"), kDate, 12},
		{x.t("逾期天数", "Days overdue"), kInt, 10}, {x.t("办理进展", "Progress"), kWrap, 40}}
	s := x.newListSheet(SheetOverdue, widths(cols), true)
	s.title(x.t("逾期未办结事项清单", "Overdue items") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	list := x.tasks.overdueList(x.ds, x.asOf)
	s.note(x.t(fmt.Sprintf("截至 %s，逾期未办结事项%d项，逾期天数算至 %s。", x.to, len(list), x.asOf),
		fmt.Sprintf("%d items overdue at %s; days counted to %s.", len(list), x.to, x.asOf)))
	data := make([][]any, len(list))
	for i, o := range list {
		t := o.task
		data[i] = []any{i + 1, t.Number, t.Title, x.sourceName(model.TaskSourceKey(t)), x.unitName(o.lead), t.Leader,
			t.AssignedOn, o.deadline, o.days, t.Progress}
	}
	s.table(cols, data, nil)
	s.finish()
}

func (x *builder) sourceName(key string) string { return model.SourceName(key).In(x.lang) }

// taskTable is the by-source and by-leader layout.
func (x *builder) taskTable(name, title, first string, rows []*taskRow, label func(string) string, fills bool) {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {first, kWrap, 24},
		{x.t("跟踪事项", "Tracked"), kInt, 10}, {x.t("已办结", "Done"), kInt, 10},
		{x.t("办结率", "Done rate"), kPct, 10}, {x.t("逾期", "Overdue"), kInt, 9},
		{x.t("按期办结率", "On-time rate"), kPct, 12}}
	s := x.newSheet(name, widths(cols), false)
	s.title(title + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	s.note(x.periodLine())
	data := make([][]any, 0, len(rows)+1)
	for i, r := range rows {
		data = append(data, []any{i + 1, label(r.name), r.tracked, r.done, r.doneRate(), r.overdue, r.onTimeRate()})
	}
	tot := x.tasks.total()
	data = append(data, []any{"", x.t("合计", "Total"), tot.tracked, tot.done, tot.doneRate(), tot.overdue, tot.onTimeRate()})
	s.table(cols, data, func(i int) string {
		switch {
		case i == len(rows):
			return fillTotal
		case fills && rows[i].overdue > 0:
			return fillRed
		}
		return fillNone
	})
	s.finish()
}

func (x *builder) sources() {
	x.taskTable(SheetSources, x.t("督办事项按来源统计", "Supervised items by source"), x.t("事项来源", "Source"),
		x.tasks.bySource(), x.sourceName, false)
}

func (x *builder) leaders() {
	x.taskTable(SheetLeaders, x.t("督办事项按责任领导统计", "Supervised items by leader"), x.t("责任领导", "Leader"),
		x.tasks.byLeader(), func(n string) string {
			if n == "" {
				return x.t("（未填责任领导）", "(no leader)")
			}
			return n
		}, true)
}

func (x *builder) proposals() {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {x.t("主办单位", "Lead unit"), kWrap, 26},
		{x.t("件数", "Total"), kInt, 7}, {x.t("已办复", "Replied"), kInt, 8}, {x.t("办复率", "Reply rate"), kPct, 9},
		{x.t("按期办复", "On time"), kInt, 9}, {x.t("面商", "Met"), kInt, 7}, {x.t("见面率", "Meeting rate"), kPct, 9},
		{x.t("已评价", "Evaluated"), kInt, 8}, {x.t("满意", "Satisfied"), kInt, 7},
		{x.t("基本满意", "Basically"), kInt, 9}, {x.t("不满意", "Unsatisfied"), kInt, 8},
		{x.t("满意率", "Satisfaction"), kPct, 9}, {"A", kInt, 5}, {"B", kInt, 5}, {"C", kInt, 5}, {"D", kInt, 5},
		{x.t("超期未办复", "Overdue, no reply"), kInt, 10}}
	s := x.newSheet(SheetProposals, widths(cols), true)
	s.title(x.t("建议提案办理情况（按主办单位）", "Suggestions and proposals by lead unit") + x.t("（", " — ") +
		model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	s.note(x.t("按交办日期统计；", "Counted by assigned date; ") + x.periodLine())
	byUnit, _ := proposalTables(x.ds, x.from, x.to, x.asOf, x.rules)
	data := make([][]any, 0, len(byUnit)+1)
	late := 0
	for i, r := range byUnit {
		late += r.lateNow
		data = append(data, []any{i + 1, x.unitName(r.name), r.total, r.replied, ratio(r.replied, r.total), r.onTime,
			r.met, ratio(r.met, r.total), r.evaluated, r.satisfied, r.basically, r.unsatisfied, r.satisfactionRate(),
			r.classes["A"], r.classes["B"], r.classes["C"], r.classes["D"], r.lateNow})
	}
	p := x.sum.Proposals
	data = append(data, []any{"", x.t("合计", "Total"), p.Total, p.Replied, p.ReplyRate, p.OnTimeReplied, p.Met,
		p.MeetingRate, p.Evaluated, p.Satisfied, p.BasicallySatisfied, p.Unsatisfied, p.SatisfactionRate,
		p.ByClass["A"], p.ByClass["B"], p.ByClass["C"], p.ByClass["D"], late})
	s.table(cols, data, func(i int) string {
		switch {
		case i == len(byUnit):
			return fillTotal
		case byUnit[i].lateNow > 0:
			return fillRed
		}
		return fillNone
	})
	s.finish()
}

func (x *builder) proposalClasses() {
	cols := []col{{x.t("分类", "Group"), kWrap, 24}, {x.t("件数", "Total"), kInt, 10},
		{x.t("已办复", "Replied"), kInt, 10}, {x.t("办复率", "Reply rate"), kPct, 10},
		{x.t("面商", "Met"), kInt, 8}, {x.t("满意率", "Satisfaction"), kPct, 10}}
	s := x.newSheet(SheetPropKinds, widths(cols), false)
	s.title(x.t("建议提案分类统计", "Suggestions and proposals by class and topic") + x.t("（", " — ") +
		model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	p := x.sum.Proposals
	s.note(x.t("一、办复结果分类", "1. Replies by result class"))
	classes := model.ResultClassKeys(p.ByClass)
	data := make([][]any, len(classes))
	for i, c := range classes {
		data[i] = []any{x.t(c+"类", "Class "+c), p.ByClass[c]}
	}
	header, first, last := s.table(cols[:2], data, nil)
	if p.Replied > 0 {
		s.chart(excelize.Pie, x.t("办复结果分类", "Replies by result class"), 1, header, first, last, 2)
	}

	s.note(x.t("二、按来源", "2. By body"))
	s.table(cols[:2], [][]any{{x.t("人大代表建议", "NPC deputies' suggestions"), p.NPC},
		{x.t("政协委员提案", "CPPCC members' proposals"), p.CPPCC}, {x.t("合计", "Total"), p.Total}}, nil)

	s.note(x.t("三、按专题", "3. By topic"))
	_, byTopic := proposalTables(x.ds, x.from, x.to, x.asOf, x.rules)
	data = make([][]any, len(byTopic))
	for i, r := range byTopic {
		name := r.name
		if name == "" {
			name = x.t("（未分类）", "(no topic)")
		}
		data[i] = []any{name, r.total, r.replied, ratio(r.replied, r.total), r.met, r.satisfactionRate()}
	}
	s.table(cols, data, nil)
}

func (x *builder) field() {
	cols := []col{{x.t("指标", "Figure"), kWrap, 30}, {x.t("数值", "Value"), kInt, 12},
		{"", kInt, 12}, {"", kInt, 16}}
	s := x.newSheet(SheetField, widths(cols), false)
	s.title(x.t("基层调研情况", "Research visits") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	s.note(x.t("口径：调研天数按带队领导分别计算（同一领导一天多次只计一天）；联系单位个数按单位去重。",
		"Days are leader-days (a leader's day counts once however many visits); units are counted once each."))
	var data [][]any
	for _, f := range model.FigureLines(x.sum, x.lang) {
		if strings.HasPrefix(f.Path, "field.") {
			data = append(data, []any{f.Label, f.Value})
		}
	}
	s.table(cols[:2], data, nil)

	s.note(x.t("按带队领导", "By leader"))
	visits := model.PeriodVisits(x.ds, model.VisitResearch, x.from, x.to)
	leaders := fieldByLeader(x.ds, visits, x.from, x.to)
	lcols := []col{{x.t("带队领导", "Leader"), kWrap, 0}, {x.t("调研（次）", "Visits"), kInt, 0},
		{x.t("调研（天）", "Days"), kInt, 0}, {x.t("联系基层单位（个）", "Units contacted"), kInt, 0}}
	data = data[:0]
	for _, l := range leaders {
		name := l.name
		if name == "" {
			name = x.t("（未填带队领导）", "(no leader)")
		}
		data = append(data, []any{name, l.visits, l.days, l.units})
	}
	data = append(data, []any{x.t("合计", "Total"), x.sum.Field.Visits, x.sum.Field.Days, x.sum.Field.Units})
	s.table(lcols, data, func(i int) string {
		if i == len(leaders) {
			return fillTotal
		}
		return fillNone
	})
	// No print titles: the sheet holds two tables with different headers.
}

func (x *builder) fieldVisits() {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {x.t("走访编号", "Number"), kText, 14},
		{x.t("日期", "Dates"), kText, 22}, {x.t("带队领导", "Leader"), kText, 12},
		{x.t("地点", "Place"), kWrap, 24}, {x.t("联系基层单位", "Units contacted"), kWrap, 36},
		{x.t("发现问题（个）", "Problems raised"), kInt, 10}}
	s := x.newListSheet(SheetVisits, widths(cols), true)
	s.title(x.t("调研走访明细", "Research visits") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	visits := model.PeriodVisits(x.ds, model.VisitResearch, x.from, x.to)
	slices.SortStableFunc(visits, func(a, b *model.Visit) int {
		return cmp.Or(a.StartOn.Compare(b.StartOn), cmp.Compare(a.Number, b.Number))
	})
	problems := problemCounts(x.ds)
	data := make([][]any, len(visits))
	for i, v := range visits {
		dates := v.StartOn.String()
		if v.EndOn.After(v.StartOn) {
			dates += x.t(" 至 ", " to ") + v.EndOn.String()
		}
		units := make([]string, 0, len(v.Units))
		for _, u := range v.Units {
			units = append(units, canon(x.ds, u))
		}
		data[i] = []any{i + 1, v.Number, dates, v.Leader, v.Place, strings.Join(units, "、"), problems[nameKey(v.Number)]}
	}
	s.table(cols, data, nil)
	s.finish()
}

func (x *builder) liaison() {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {x.t("联系点", "Liaison point"), kWrap, 28},
		{x.t("简称", "Short name"), kText, 12}, {x.t("责任处室", "Owner"), kWrap, 16},
		{x.t("联系人", "Contact"), kText, 12}, {x.t("走访频次", "Visit every"), kText, 10},
		{x.t("本期走访（次）", "Visits"), kInt, 10}, {x.t("未走访月份", "Months not visited"), kWrap, 22}}
	s := x.newSheet(SheetLiaison, widths(cols), true)
	s.title(x.t("基层联系点走访情况", "Liaison points") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	l := x.sum.Liaison
	s.note(x.t(fmt.Sprintf("基层联系点%d个，本期走访%d次，未按月走访%d个点次，联系点解决问题%d个。", l.Points, l.Visits, l.MissedMonths, l.ProblemsSolved),
		fmt.Sprintf("%d liaison points, %d visits, %d monthly visits missed, %d problems solved.", l.Points, l.Visits, l.MissedMonths, l.ProblemsSolved)))
	rows := liaisonTable(x.ds, x.from, x.to)
	var missed []string
	for _, r := range rows {
		if len(r.missed) > 0 {
			missed = append(missed, r.point.Name)
		}
	}
	if len(missed) > 0 {
		s.note(x.t("本期未按时走访的联系点（红色）：", "Points not visited as due (red): ") + x.names(missed, 50))
	}
	data := make([][]any, len(rows))
	for i, r := range rows {
		every := x.t("每月", "monthly")
		if r.point.VisitEvery == "quarter" {
			every = x.t("每季度", "quarterly")
		}
		data[i] = []any{i + 1, r.point.Name, r.point.ShortName, r.point.Owner, r.point.Contact, every, r.visits,
			strings.Join(r.missed, x.t("、", ", "))}
	}
	s.table(cols, data, func(i int) string {
		if len(rows[i].missed) > 0 {
			return fillRed
		}
		return fillNone
	})
	s.finish()
}

func (x *builder) funds() {
	cols := []col{{x.t("资金来源", "Source"), kWrap, 24}, {x.t("本期（万元）", "Period (10,000 yuan)"), kWan, 14},
		{x.t("累计（万元）", "Cumulative (10,000 yuan)"), kWan, 14}}
	s := x.newSheet(SheetFunds, widths(cols), false)
	s.title(x.t("帮扶资金来源统计", "Assistance funds by source") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	s.note(x.t(fmt.Sprintf("本期：%s 至 %s；累计：截至 %s。", x.from, x.to, x.to),
		fmt.Sprintf("Period: %s to %s; cumulative: to %s.", x.from, x.to, x.to)))
	rows, others := fundTable(x.ds, x.from, x.to)
	data := make([][]any, 0, len(rows)+1)
	var period, cumulative model.Fen
	for _, r := range rows {
		name := model.FundSourceName(r.source).In(x.lang)
		data = append(data, []any{name, r.period, r.cumulative})
		period += r.period
		cumulative += r.cumulative
	}
	data = append(data, []any{x.t("合计", "Total"), period, cumulative})
	header, first, last := s.table(cols, data, func(i int) string {
		if i == len(rows) {
			return fillTotal
		}
		return fillNone
	})
	if len(others) > 0 {
		s.note(x.t("归入“其他”的来源（原文）：", "Sources put under “other” (as typed): ") + x.names(others, 30))
	}
	if cumulative != 0 {
		s.chart(excelize.Col, x.t("帮扶资金来源", "Funds by source"), 1, header, first, last-1, 2, 3)
	}
	s.finish()
}

func (x *builder) projects() {
	cols := []col{{x.t("序号", "No."), kInt, 6}, {x.t("项目名称", "Project"), kWrap, 26},
		{x.t("所在村", "Village"), kText, 12}, {x.t("类别", "Category"), kText, 10},
		{x.t("建设内容及规模", "Content and scale"), kWrap, 30}, {x.t("计划投资（万元）", "Planned (10,000 yuan)"), kWan, 12},
		{x.t("实际投资（万元）", "Actual (10,000 yuan)"), kWan, 12}, {x.t("开工日期", "Started"), kDate, 12},
		{x.t("完工日期", "Finished"), kDate, 12}, {x.t("状态", "Status"), kText, 8}, {x.t("进度（%）", "Percent"), kInt, 8}}
	s := x.newSheet(SheetProjects, widths(cols), true)
	s.title(x.t("帮扶项目进展情况", "Assistance projects") + x.t("（", " — ") + model.PeriodName(x.from, x.to, x.lang) + x.t("）", ""))
	v := x.sum.Village
	s.note(x.t(fmt.Sprintf("本期新开工项目%d个，建成项目%d个。", v.Projects, v.ProjectsDone),
		fmt.Sprintf("%d projects started and %d finished in the period.", v.Projects, v.ProjectsDone)))
	list := activeProjects(x.ds, x.from, x.to)
	data := make([][]any, len(list))
	for i, p := range list {
		content := p.Content
		if p.Quantity > 0 {
			content = strings.TrimSpace(fmt.Sprintf("%s（%g%s）", content, p.Quantity, p.QuantityUnit))
		}
		status := model.ProjectStatuses.Zh(p.Status)
		if x.lang == "en" {
			status = strings.ReplaceAll(string(p.Status), "_", " ")
		}
		category := string(p.Category)
		if category == "" {
			category = p.CategoryText // a category no rule placed, as typed
		}
		data[i] = []any{i + 1, p.Name, p.Village, category, content, p.PlannedFen, p.ActualFen,
			p.StartOn, p.FinishOn, status, p.Percent}
	}
	s.table(cols, data, nil)
	s.finish()
}
