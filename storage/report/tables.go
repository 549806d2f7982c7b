package report

import (
	"cmp"
	"slices"
	"strings"

	"taizhang/model"
)

// The tables of the bulletin. Every count is taken from the model's
// drill-down functions (TrackedTasks, DoneTasks, OverdueTasks, OnTimeTasks,
// PeriodProposals…), so a table's totals equal the summary's figures.

// canon is a unit's dictionary full name ("" stays "").
func canon(ds model.Dataset, name string) string {
	if strings.TrimSpace(name) == "" {
		return ""
	}
	var n model.Namer = model.IdentityNamer{}
	if ds.Units != nil {
		n = ds.Units
	}
	return strings.TrimSpace(n.Canonical(name))
}

// nameKey compares names: folded, without spaces, case ignored.
func nameKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(model.Fold(s)), ""))
}

// taskSets are the period's tracked items and which of them count where.
type taskSets struct {
	tracked               []*model.Task
	done, overdue         map[*model.Task]bool
	due, onTime           map[*model.Task]bool
	missed                map[*model.Task][]string // units (full names) with a missing progress report
	missedAsOf, from, end model.Date
}

func setOf(ts []*model.Task) map[*model.Task]bool {
	m := make(map[*model.Task]bool, len(ts))
	for _, t := range ts {
		m[t] = true
	}
	return m
}

// newTaskSets: missed reports are judged as of asOf (the period's end, or
// today when the period has not ended yet).
func newTaskSets(ds model.Dataset, from, to, asOf model.Date) taskSets {
	due, onTime := model.OnTimeTasks(ds, from, to)
	s := taskSets{
		tracked: model.TrackedTasks(ds, from, to),
		done:    setOf(model.DoneTasks(ds, from, to)),
		overdue: setOf(model.OverdueTasks(ds, from, to)),
		due:     setOf(due), onTime: setOf(onTime),
		missed:     map[*model.Task][]string{},
		missedAsOf: asOf, from: from, end: to,
	}
	for _, t := range s.tracked {
		for _, u := range model.MissedReports(t, asOf) {
			s.missed[t] = append(s.missed[t], canon(ds, u))
		}
	}
	return s
}

// taskRow is one line of a by-unit, by-source or by-leader table.
type taskRow struct {
	name                                        string
	tracked, done, overdue, due, onTime, missed int
}

func (r *taskRow) doneRate() *float64   { return ratio(r.done, r.tracked) }
func (r *taskRow) onTimeRate() *float64 { return ratio(r.onTime, r.due) }

func ratio(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := float64(n) / float64(d)
	return &v
}

// group tallies the tracked items by key (id for grouping, name to show),
// in the order keys are first met.
func (s taskSets) group(key func(*model.Task) (id, name string)) ([]*taskRow, map[string]*taskRow) {
	var rows []*taskRow
	byID := map[string]*taskRow{}
	for _, t := range s.tracked {
		id, name := key(t)
		r := byID[id]
		if r == nil {
			r = &taskRow{name: name}
			byID[id] = r
			rows = append(rows, r)
		}
		r.tracked++
		if s.done[t] {
			r.done++
		}
		if s.overdue[t] {
			r.overdue++
		}
		if s.due[t] {
			r.due++
			if s.onTime[t] {
				r.onTime++
			}
		}
	}
	return rows, byID
}

func (s taskSets) total() taskRow {
	r := taskRow{}
	rows, _ := s.group(func(*model.Task) (string, string) { return "", "" })
	if len(rows) > 0 {
		r = *rows[0]
	}
	for _, units := range s.missed {
		r.missed += len(units)
	}
	return r
}

// byUnit: each item counts for its lead unit (as by_unit does); a missed
// report counts for the unit that owes it, which may be a responsible
// unit leading nothing. Late units first: most overdue, then most missed
// reports, then the lowest on-time rate.
func (s taskSets) byUnit(ds model.Dataset) []*taskRow {
	rows, byID := s.group(func(t *model.Task) (string, string) {
		name := ds.LeadUnit(t)
		return nameKey(name), name
	})
	for _, t := range s.tracked {
		for _, u := range s.missed[t] {
			r := byID[nameKey(u)]
			if r == nil {
				r = &taskRow{name: u}
				byID[nameKey(u)] = r
				rows = append(rows, r)
			}
			r.missed++
		}
	}
	slices.SortStableFunc(rows, func(a, b *taskRow) int {
		return cmp.Or(cmp.Compare(b.overdue, a.overdue), cmp.Compare(b.missed, a.missed),
			compareRate(a.onTimeRate(), b.onTimeRate()), cmp.Compare(b.tracked, a.tracked),
			cmp.Compare(a.name, b.name))
	})
	return rows
}

// compareRate orders rates lowest first, missing rates last.
func compareRate(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

// lateness is a unit's fill: red with overdue items, yellow with missed
// reports only.
func (r *taskRow) lateness() string {
	switch {
	case r.overdue > 0:
		return fillRed
	case r.missed > 0:
		return fillYellow
	}
	return fillNone
}

// bySource lists every source in order, zero rows included.
func (s taskSets) bySource() []*taskRow {
	_, byID := s.group(func(t *model.Task) (string, string) {
		k := model.TaskSourceKey(t)
		return k, k
	})
	var rows []*taskRow
	for _, src := range model.Sources.Values() {
		r := byID[string(src)]
		if r == nil {
			r = &taskRow{}
		}
		r.name = string(src)
		rows = append(rows, r)
	}
	return rows
}

// byLeader groups by responsible leader (told apart as figures do, by
// PersonKey), most tracked first; "" for items naming none.
func (s taskSets) byLeader() []*taskRow {
	rows, _ := s.group(func(t *model.Task) (string, string) {
		return model.PersonKey(t.Leader), model.Fold(t.Leader)
	})
	slices.SortStableFunc(rows, func(a, b *taskRow) int {
		return cmp.Or(cmp.Compare(b.tracked, a.tracked), cmp.Compare(b.overdue, a.overdue), cmp.Compare(a.name, b.name))
	})
	return rows
}

// overdueItem is one line of the overdue list.
type overdueItem struct {
	task     *model.Task
	lead     string
	deadline model.Date
	days     int
}

// overdueList: the period's overdue items, longest overdue first; days
// are counted to asOf (the period's end, or today if sooner).
func (s taskSets) overdueList(ds model.Dataset, asOf model.Date) []overdueItem {
	var out []overdueItem
	for _, t := range s.tracked {
		if !s.overdue[t] {
			continue
		}
		d := model.DeadlineAsOf(t, s.end)
		out = append(out, overdueItem{task: t, lead: ds.LeadUnit(t), deadline: d, days: max(d.DaysUntil(asOf), 0)})
	}
	slices.SortStableFunc(out, func(a, b overdueItem) int {
		return cmp.Or(cmp.Compare(b.days, a.days), cmp.Compare(a.task.Number, b.task.Number))
	})
	return out
}

// propRow is one line of a proposal table.
type propRow struct {
	name                                       string
	total, replied, onTime, met, evaluated     int
	satisfied, basically, unsatisfied, lateNow int
	classes                                    map[string]int
}

func (r *propRow) satisfactionRate() *float64 {
	return ratio(r.satisfied+r.basically, r.evaluated)
}

// proposalLead is the lead (主办) unit of p by its full name.
func proposalLead(ds model.Dataset, p *model.Proposal) string {
	name := p.LeadUnit
	if name == "" {
		for _, u := range p.Units {
			if u.Role == model.RoleLead {
				name = u.Name
				break
			}
		}
		if name == "" && len(p.Units) > 0 {
			name = p.Units[0].Name
		}
	}
	return canon(ds, name)
}

// proposalTables tallies the period's proposals by lead unit (most first,
// those with overdue unreplied ones ahead) and by topic (the usual topics
// in order, then others).
func proposalTables(ds model.Dataset, from, to, asOf model.Date, r model.Rules) (byUnit, byTopic []*propRow) {
	onTime := map[*model.Proposal]bool{}
	for _, p := range model.OnTimeRepliedProposals(ds, from, to, r) {
		onTime[p] = true
	}
	tally := func(rows *[]*propRow, idx map[string]*propRow, id, name string, p *model.Proposal) {
		row := idx[id]
		if row == nil {
			row = &propRow{name: name, classes: map[string]int{}}
			idx[id] = row
			*rows = append(*rows, row)
		}
		row.total++
		if !p.RepliedOn.IsZero() {
			row.replied++
			if c := model.ResultClassKey(p); c != "" {
				row.classes[c]++
			}
		} else if due := model.ProposalDue(p, r); !due.IsZero() && due.Before(asOf) {
			row.lateNow++
		}
		if onTime[p] {
			row.onTime++
		}
		if !p.MetOn.IsZero() {
			row.met++
		}
		switch p.Satisfaction {
		case model.SatSatisfied:
			row.satisfied++
		case model.SatBasically:
			row.basically++
		case model.SatUnsatisfied:
			row.unsatisfied++
		}
		if p.Satisfaction != "" && p.Satisfaction != model.SatNone {
			row.evaluated++
		}
	}
	units, topics := map[string]*propRow{}, map[string]*propRow{}
	for _, t := range model.Topics.Values() { // the usual topics are listed even when empty
		row := &propRow{name: string(t), classes: map[string]int{}}
		topics[nameKey(string(t))] = row
		byTopic = append(byTopic, row)
	}
	for _, p := range model.PeriodProposals(ds, from, to) {
		lead := proposalLead(ds, p)
		tally(&byUnit, units, nameKey(lead), lead, p)
		topic := string(p.Topic)
		if topic == "" {
			topic = strings.TrimSpace(p.TopicText) // a topic no rule placed is listed as typed
		}
		tally(&byTopic, topics, nameKey(topic), topic, p)
	}
	slices.SortStableFunc(byUnit, func(a, b *propRow) int {
		return cmp.Or(cmp.Compare(b.lateNow, a.lateNow), cmp.Compare(b.total, a.total), cmp.Compare(a.name, b.name))
	})
	return byUnit, byTopic
}

// leaderRow is one leader's research visits in the period.
type leaderRow struct {
	name                string
	visits, days, units int
}

// fieldByLeader splits the period's research visits by leader (PersonKey),
// most days first; visits with no leader form a row of their own with no
// days, as the days figure counts none for them.
func fieldByLeader(ds model.Dataset, visits []*model.Visit, from, to model.Date) []leaderRow {
	groups := map[string][]*model.Visit{}
	var order []string
	names := map[string]string{}
	for _, v := range visits {
		k := model.PersonKey(v.Leader)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
			names[k] = model.Fold(v.Leader)
		}
		groups[k] = append(groups[k], v)
	}
	var out []leaderRow
	for _, k := range order {
		vs := groups[k]
		out = append(out, leaderRow{
			name:   names[k],
			visits: len(vs),
			days:   len(model.LeaderDays(vs, from, to)),
			units:  len(model.DistinctUnits(model.UnitContacts(ds, vs))),
		})
	}
	slices.SortStableFunc(out, func(a, b leaderRow) int {
		return cmp.Or(cmp.Compare(b.days, a.days), cmp.Compare(b.visits, a.visits), cmp.Compare(a.name, b.name))
	})
	return out
}

// problemCounts counts problems raised per visit number.
func problemCounts(ds model.Dataset) map[string]int {
	out := map[string]int{}
	for _, p := range ds.Problems {
		if p != nil && !p.Deleted {
			out[nameKey(p.Visit)]++
		}
	}
	return out
}

// pointRow is one liaison point's period.
type pointRow struct {
	point  *model.Point
	visits int
	missed []string // "2019-06"
}

// liaisonTable lists the active points with their visits in the period
// and the months they were not visited, unvisited points first. A visit
// is matched to a point exactly as the figures match it (MissedMonths).
func liaisonTable(ds model.Dataset, from, to model.Date) []pointRow {
	points := model.ActivePoints(ds)
	// Only visits in the months the period touches can satisfy them: give
	// MissedMonths just those (it matches every point against every visit).
	near := ds
	monthStart := model.NewDate(from.Y, from.M, 1)
	near.Visits = model.PeriodVisits(ds, model.VisitLiaison, monthStart, to.MonthEnd())
	missed := map[*model.Point][]string{}
	for _, m := range model.MissedMonths(near, from, to) {
		missed[m.Point] = append(missed[m.Point], m.Month)
	}
	visits := model.PeriodVisits(ds, model.VisitLiaison, from, to)
	out := make([]pointRow, 0, len(points))
	for _, p := range points {
		row := pointRow{point: p, missed: missed[p]}
		probe := *p
		probe.VisitEvery, probe.Inactive, probe.Deleted = "month", false, false
		for _, v := range visits {
			one := model.Dataset{Points: []*model.Point{&probe}, Visits: []*model.Visit{v}, Units: ds.Units}
			if len(model.MissedMonths(one, v.StartOn, v.StartOn)) == 0 {
				row.visits++
			}
		}
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(a, b pointRow) int {
		return cmp.Or(cmp.Compare(len(b.missed), len(a.missed)), cmp.Compare(a.visits, b.visits),
			cmp.Compare(a.point.Name, b.point.Name))
	})
	return out
}

// fundRow is one fund source: in the period and cumulative to its end.
type fundRow struct {
	source             string
	period, cumulative model.Fen
}

// fundTable lists every fund source, and the typed source texts that were
// put under "other" (so someone can file them properly).
func fundTable(ds model.Dataset, from, to model.Date) ([]fundRow, []string) {
	period, cumulative := map[string]model.Fen{}, map[string]model.Fen{}
	var others []string
	for _, f := range model.PeriodFunds(ds, model.Date{Y: 1, M: 1, D: 1}, to) {
		k := model.FundSourceKey(f)
		cumulative[k] += f.AmountFen
		if !f.Date.Before(from) {
			period[k] += f.AmountFen
		}
		if k == "other" && f.SourceText != "" && !slices.Contains(others, f.SourceText) {
			others = append(others, f.SourceText)
		}
	}
	var rows []fundRow
	for _, s := range model.FundSources.Values() {
		rows = append(rows, fundRow{source: string(s), period: period[string(s)], cumulative: cumulative[string(s)]})
	}
	slices.Sort(others)
	return rows, others
}

// activeProjects are the projects under way at some time in the period:
// started by its end (or with no start date) and not finished before it.
func activeProjects(ds model.Dataset, from, to model.Date) []*model.Project {
	var out []*model.Project
	for _, p := range ds.Projects {
		if p == nil || p.Deleted {
			continue
		}
		if !p.StartOn.IsZero() && p.StartOn.After(to) {
			continue
		}
		if p.Status == "done" && !p.FinishOn.IsZero() && p.FinishOn.Before(from) {
			continue
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b *model.Project) int {
		return cmp.Or(a.StartOn.Compare(b.StartOn), cmp.Compare(a.Name, b.Name))
	})
	return out
}
