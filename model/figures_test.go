package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mapNamer is a small unit dictionary for tests: alias → full name.
type mapNamer map[string]string

func (m mapNamer) Canonical(name string) string {
	name = Fold(name)
	if full, ok := m[name]; ok {
		return full
	}
	return name
}

const (
	ndrc    = "市发展和改革委员会"
	housing = "市住房和城乡建设局"
	edu     = "市教育局"
)

func lead(name string) []UnitRole { return []UnitRole{{Name: name, Role: RoleLead}} }

func dated(t testing.TB, due string) Deadline {
	return Deadline{Due: iso(t, due), Text: due, Type: DeadlineDate}
}

// figuresDataset is a half year (2019-01-01 … 2019-06-30) of records with
// known answers; each record's comment says what it is there to test.
func figuresDataset(t testing.TB) Dataset {
	d := func(s string) Date { return iso(t, s) }
	tasks := []*Task{
		// T1: done and closed on time; lead unit written by its alias.
		{Number: "T1", Source: SourceInstruction, Units: lead("市发改委"), AssignedOn: d("2019-01-10"),
			Deadline: dated(t, "2019-03-31"), Status: TaskClosed, DoneOn: d("2019-03-20"), ClosedOn: d("2019-04-05")},
		// T2: assigned last year; first deadline 28 Feb missed, but an approved
		// extension to 31 May makes its 20 May completion on time.
		{Number: "T2", Source: SourceMeeting, Units: lead(ndrc), AssignedOn: d("2018-11-01"),
			Deadline: dated(t, "2019-02-28"), Status: TaskDone, DoneOn: d("2019-05-20"),
			Extensions: []Extension{{State: ExtensionApproved, DecidedOn: d("2019-02-20"),
				OldDeadline: d("2019-02-28"), NewDeadline: d("2019-05-31")}}},
		// T3: the extension was refused, so 15 May is late against 30 April.
		{Number: "T3", Source: SourceResearch, Units: lead("市住建局"), AssignedOn: d("2019-02-01"),
			Deadline: dated(t, "2019-04-30"), Status: TaskDone, DoneOn: d("2019-05-15"),
			Extensions: []Extension{{State: ExtensionRefused, DecidedOn: d("2019-04-20"),
				OldDeadline: d("2019-04-30"), NewDeadline: d("2019-07-31")}}},
		// T4: not done, deadline 31 May passed: overdue.
		{Number: "T4", Source: SourceKeyTask, Units: lead(housing), AssignedOn: d("2019-03-01"),
			Deadline: dated(t, "2019-05-31"), Status: TaskInProgress},
		// T5: ongoing: tracked, never overdue, no on-time deadline.
		{Number: "T5", Source: SourcePractical, Units: lead("市文旅局"), AssignedOn: d("2019-01-05"),
			Deadline: Deadline{Text: "长期坚持", Type: DeadlineOngoing}, Status: TaskInProgress},
		// T6: withdrawn inside the period: tracked (not withdrawn before the
		// start) but neither done, nor overdue, nor judged for timeliness.
		{Number: "T6", Source: SourceLivelihood, Units: lead("市民政局"), AssignedOn: d("2019-02-10"),
			Deadline: dated(t, "2019-03-31"), Status: TaskWithdrawn, StatusReason: "职能调整", ClosedOn: d("2019-03-15")},
		// T7: 待交办 (no assigned date): not tracked, not assigned.
		{Number: "T7", Source: SourceInvestment, Units: lead(edu), Deadline: dated(t, "2019-06-30"), Status: TaskRegistered},
		// T8: closed before the period began: not tracked.
		{Number: "T8", Source: SourceInvestment, Units: lead(edu), AssignedOn: d("2018-06-01"),
			Deadline: dated(t, "2018-12-31"), Status: TaskClosed, DoneOn: d("2018-11-01"), ClosedOn: d("2018-12-01")},
		// T9: deleted: counts nowhere.
		{Meta: Meta{Deleted: true}, Number: "T9", Source: SourceInstruction, Units: lead(edu),
			AssignedOn: d("2019-03-01"), Deadline: dated(t, "2019-04-01"), Status: TaskInProgress},
		// T10: assigned after the period: not tracked.
		{Number: "T10", Source: SourceInstruction, Units: lead(edu), AssignedOn: d("2019-07-02"), Status: TaskAssigned},
		// T11: deadline is the period's last day: due for the on-time rate
		// (not done, so not on time) but not yet overdue.
		{Number: "T11", Source: SourceOther, Units: lead(edu), AssignedOn: d("2019-04-01"),
			Deadline: dated(t, "2019-06-30"), Status: TaskInProgress},
		// T12: done in July; its extension was approved in July, after the
		// period: at 30 June it was overdue against 31 May.
		{Number: "T12", Source: SourceInstruction, Units: lead(edu), AssignedOn: d("2019-01-15"),
			Deadline: dated(t, "2019-05-31"), Status: TaskDone, DoneOn: d("2019-07-10"),
			Extensions: []Extension{{State: ExtensionApproved, DecidedOn: d("2019-07-01"), NewDeadline: d("2019-07-15")}}},
	}
	for _, task := range tasks {
		task.Normalize()
	}
	meetings := []*Meeting{
		{Number: "第1次", Kind: "executive", HeldOn: d("2019-01-15"), Topics: 5},
		{Number: "第2次", Kind: "executive", HeldOn: d("2019-03-20"), Topics: 3},
		{Number: "专题会", Kind: "special", HeldOn: d("2019-04-01"), Topics: 2},               // not executive
		{Number: "第30次", Kind: "executive", HeldOn: d("2018-12-28"), Topics: 4},            // before the period
		{Number: "第3次", HeldOn: d("2019-06-30"), Topics: 1},                                // no kind: executive
		{Meta: Meta{Deleted: true}, Kind: "executive", HeldOn: d("2019-02-01"), Topics: 9}, // deleted
	}
	proposals := []*Proposal{
		// P1: replied on time (due 1 May), met, satisfied, class A.
		{Number: "1", Body: BodyNPC, AssignedOn: d("2019-02-01"), RepliedOn: d("2019-04-20"),
			MetOn: d("2019-04-10"), Satisfaction: SatSatisfied, ResultClass: "A"},
		// P2: replied late (due 15 May), basically satisfied, class B.
		{Number: "2", Body: BodyCPPCC, AssignedOn: d("2019-02-15"), RepliedOn: d("2019-06-01"),
			Satisfaction: SatBasically, ResultClass: "B"},
		// P3: replied on time, met, no evaluation returned, class "b" (folded).
		{Number: "3", Body: BodyCPPCC, AssignedOn: d("2019-03-01"), RepliedOn: d("2019-05-20"),
			MetOn: d("2019-05-01"), Satisfaction: SatNone, ResultClass: "ｂ"},
		// P4: extension to 10 Aug; replied in July (after the period, still
		// "with a reply date"), on time; unsatisfied, class C.
		{Number: "4", Body: BodyNPC, AssignedOn: d("2019-03-10"), ExtendedTo: d("2019-08-10"),
			RepliedOn: d("2019-07-20"), Satisfaction: SatUnsatisfied, ResultClass: "C"},
		// P5: not replied, satisfaction never set.
		{Number: "5", Body: BodyNPC, AssignedOn: d("2019-05-01")},
		// P6: assigned before the period.
		{Number: "6", Body: BodyNPC, AssignedOn: d("2018-12-20"), RepliedOn: d("2019-02-01")},
		// P7: deleted.
		{Meta: Meta{Deleted: true}, Number: "7", Body: BodyNPC, AssignedOn: d("2019-03-01"), RepliedOn: d("2019-03-02")},
		// P8: typed due date 30 April, replied 1 May: late; class "1" of a
		// local 3-class scheme; satisfied.
		{Number: "8", Body: BodyCPPCC, AssignedOn: d("2019-04-01"), DueOn: d("2019-04-30"),
			RepliedOn: d("2019-05-01"), Satisfaction: SatSatisfied, ResultClass: "1", ClassScheme: "3"},
	}
	visits := []*Visit{
		// V1: spans the period's start (30 Dec – 2 Jan): not started in the
		// period, so it counts in no field figure for H1.
		{Number: "R-001", Type: VisitResearch, StartOn: d("2018-12-30"), EndOn: d("2019-01-02"),
			Leader: "王明", Units: []string{"城关镇"}},
		// V2, V3: one leader (written two ways), two sites on 5 March: two
		// visits, one day. V2 names 市发改委 by alias, V3 by full name.
		{Number: "R-002", Type: VisitResearch, StartOn: d("2019-03-05"), EndOn: d("2019-03-05"),
			Leader: "王明副市长", Units: []string{"市发改委", "城关镇"}},
		{Number: "R-003", Type: VisitResearch, StartOn: d("2019-03-05"),
			Leader: "副市长王明", Units: []string{ndrc}},
		// V4: another leader, three days (5–7 March).
		{Number: "R-004", Type: VisitResearch, StartOn: d("2019-03-05"), EndOn: d("2019-03-07"),
			Leader: "李华", Units: []string{"城关镇", "红星村"}},
		// V5: no leader: counts in visits and calendar_days, not in days;
		// 红星村 written twice is one contact.
		{Number: "R-005", Type: VisitResearch, StartOn: d("2019-05-10"), Units: []string{"红星村", "红星村"}},
		// V6: spans the period's end (29 June – 2 July): only 29 and 30 June count.
		{Number: "R-006", Type: VisitResearch, StartOn: d("2019-06-29"), EndOn: d("2019-07-02"), Leader: "王 明 同志"},
		// V7: a third leader out on 5 March as well.
		{Number: "R-007", Type: VisitResearch, StartOn: d("2019-03-05"), Leader: "赵六", Units: []string{"市住建局"}},
		// V8: deleted.
		{Meta: Meta{Deleted: true}, Number: "R-008", Type: VisitResearch, StartOn: d("2019-03-01"), Leader: "钱七", Units: []string{"东风村"}},
		// Liaison visits; L-001 names its point by the short name.
		{Number: "L-001", Type: VisitLiaison, StartOn: d("2019-02-10"), Leader: "张三", Point: "城关社区联系点"},
		{Number: "L-002", Type: VisitLiaison, StartOn: d("2019-03-15"), Point: "城关街道城关社区基层联系点"},
		{Number: "L-003", Type: VisitLiaison, StartOn: d("2019-01-20"), Point: "红星村联系点"},
		{Number: "L-005", Type: VisitLiaison, StartOn: d("2019-04-01"), Point: "工业园联系点"},
		// Village visits: one inside, one after the period.
		{Number: "V-001", Type: VisitVillage, StartOn: d("2019-05-05")},
		{Number: "V-002", Type: VisitVillage, StartOn: d("2019-07-01")},
	}
	for _, v := range visits {
		v.Normalize()
	}
	problems := []*Problem{
		// PR1: raised on V1 (last year's visit), solved in February: solved in H1.
		{Number: "PR1", Visit: "R-001", RaisedOn: d("2019-01-02"), ResolvedOn: d("2019-02-01")},
		// PR2: raised in May, solved in July: raised in H1, solved in Q3.
		{Number: "PR2", Visit: "R-005", RaisedOn: d("2019-05-10"), ResolvedOn: d("2019-07-15")},
		// PR3: raised and solved in H1.
		{Number: "PR3", Visit: "R-002", RaisedOn: d("2019-03-05"), ResolvedOn: d("2019-04-01")},
		// PR4: raised in H1, still open; its visit number typed with stray spaces.
		{Number: "PR4", Visit: " R-003 ", RaisedOn: d("2019-03-05")},
		// PR5: raised on a liaison visit, solved: liaison, not field.
		{Number: "PR5", Visit: "L-001", RaisedOn: d("2019-02-10"), ResolvedOn: d("2019-03-01")},
		// PR6: deleted.
		{Meta: Meta{Deleted: true}, Number: "PR6", Visit: "R-002", ResolvedOn: d("2019-04-01")},
		// PR7: names a visit that does not exist.
		{Number: "PR7", Visit: "R-999", ResolvedOn: d("2019-03-01")},
	}
	points := []*Point{
		{Name: "城关街道城关社区基层联系点", ShortName: "城关社区联系点", VisitEvery: "month"},
		{Name: "红星村联系点", VisitEvery: "month"},
		{Name: "工业园联系点", VisitEvery: "quarter"}, // not visited monthly: never missed
		{Name: "旧联系点", VisitEvery: "month", Inactive: true},
		{Meta: Meta{Deleted: true}, Name: "误录联系点", VisitEvery: "month"},
	}
	funds := []*Fund{
		{Date: d("2019-01-10"), Source: "fiscal", AmountFen: 50_000_000},
		{Date: d("2019-03-01"), SourceText: "爱心捐款", AmountFen: 1_000_000}, // classified as donation
		{Date: d("2019-06-30"), Source: "assisting_unit", AmountFen: 60_000_000},
		{Date: d("2019-06-15"), Source: "xyz", AmountFen: 100},                                     // unknown key: other
		{Date: d("2019-07-01"), Source: "fiscal", AmountFen: 7_000_000},                            // after the period
		{Meta: Meta{Deleted: true}, Date: d("2019-02-01"), Source: "fiscal", AmountFen: 9_000_000}, // deleted
	}
	projects := []*Project{
		{Name: "蔬菜大棚", StartOn: d("2019-02-01"), FinishOn: d("2019-05-30"), Status: "done"},        // started and finished
		{Name: "村道硬化", StartOn: d("2018-10-01"), FinishOn: d("2019-04-01"), Status: "done"},        // finished only
		{Name: "文化广场", StartOn: d("2019-04-01"), FinishOn: d("2019-06-15"), Status: "in_progress"}, // planned finish only
		{Name: "光伏电站", StartOn: d("2019-07-01"), Status: "planned"},
	}
	return Dataset{Tasks: tasks, Meetings: meetings, Proposals: proposals, Visits: visits,
		Problems: problems, Points: points, Funds: funds, Projects: projects,
		Units: mapNamer{"市发改委": ndrc, "发改委": ndrc, "市住建局": housing}}
}

func ptr(v float64) *float64 { return &v }

func numbers[T any](recs []T, num func(T) string) []string {
	out := []string{}
	for _, r := range recs {
		out = append(out, num(r))
	}
	return out
}

func taskNumbers(ts []*Task) []string { return numbers(ts, func(t *Task) string { return t.Number }) }

func TestSummarizeHalfYear(t *testing.T) {
	ds := figuresDataset(t)
	from, to := iso(t, "2019-01-01"), iso(t, "2019-06-30")
	s := Summarize(ds, from, to, DefaultRules())

	// Tasks. Tracked: T1–T6, T11, T12 (T7 待交办, T8 closed in 2018, T9
	// deleted, T10 assigned in July are not).
	assert.Equal(t, []string{"T1", "T2", "T3", "T4", "T5", "T6", "T11", "T12"}, taskNumbers(TrackedTasks(ds, from, to)))
	assert.Equal(t, 8, s.Tasks.Tracked)
	// Assigned in H1: T1, T3, T4, T5, T6, T11, T12 (T2 was assigned in 2018).
	assert.Equal(t, 7, s.Tasks.Assigned)
	// Done by 30 June: T1, T2, T3 (T12 only in July); closed: T1.
	assert.Equal(t, []string{"T1", "T2", "T3"}, taskNumbers(DoneTasks(ds, from, to)))
	assert.Equal(t, 3, s.Tasks.Done)
	assert.Equal(t, []string{"T1"}, taskNumbers(ClosedTasks(ds, from, to)))
	assert.Equal(t, 1, s.Tasks.Closed)
	// Overdue: T4 (31 May) and T12 (31 May; extended only in July). T6 was
	// withdrawn, T11's deadline is the last day, T5 is ongoing.
	assert.Equal(t, []string{"T4", "T12"}, taskNumbers(OverdueTasks(ds, from, to)))
	assert.Equal(t, 2, s.Tasks.Overdue)
	// On time: due by 30 June are T1, T2 (extended, approved), T3, T4, T11,
	// T12 = 6; on time are T1 and T2 (T3's extension was refused) = 2/6.
	due, onTime := OnTimeTasks(ds, from, to)
	assert.Equal(t, []string{"T1", "T2", "T3", "T4", "T11", "T12"}, taskNumbers(due))
	assert.Equal(t, []string{"T1", "T2"}, taskNumbers(onTime))
	require.NotNil(t, s.Tasks.OnTimeRate)
	assert.InDelta(t, 2.0/6.0, *s.Tasks.OnTimeRate, 1e-9)
	// by_source over the 8 tracked: instruction T1, T12; one each for the
	// others but investment (T7, T8, T10 are not tracked).
	assert.Equal(t, map[string]int{"instruction": 2, "meeting": 1, "research": 1, "key_task": 1,
		"investment": 0, "livelihood": 1, "practical": 1, "other": 1}, s.Tasks.BySource)
	// by_unit: 市发改委 (alias, T1) and the full name (T2) are one unit;
	// three units with 2 items, by name, then two with 1.
	assert.Equal(t, []UnitFigures{
		{Unit: housing, Tracked: 2, Done: 1, Overdue: 1, OnTimeRate: ptr(0)}, // T3 late, T4 overdue
		{Unit: ndrc, Tracked: 2, Done: 2, Overdue: 0, OnTimeRate: ptr(1)},    // T1, T2 on time
		{Unit: edu, Tracked: 2, Done: 0, Overdue: 1, OnTimeRate: ptr(0)},     // T11 due, T12 overdue
		{Unit: "市文旅局", Tracked: 1},                                           // ongoing: no rate
		{Unit: "市民政局", Tracked: 1},                                           // withdrawn: no rate
	}, s.Tasks.ByUnit)

	// Meetings: three executive meetings (one with no kind), 5+3+1 topics.
	assert.Equal(t, MeetingFigures{Count: 3, Topics: 9}, s.Meetings)

	// Proposals assigned in H1: P1–P5, P8 (P6 in 2018, P7 deleted).
	assert.Equal(t, ProposalFigures{
		Total: 6, NPC: 3, CPPCC: 3, // npc P1 P4 P5; cppcc P2 P3 P8
		Replied: 5, ReplyRate: ptr(5.0 / 6.0), // all but P5
		OnTimeReplied: 3,                              // P1, P3, P4 (extension); P2 and P8 late
		Met:           2, MeetingRate: ptr(2.0 / 6.0), // P1, P3
		Evaluated: 4, Satisfied: 2, BasicallySatisfied: 1, Unsatisfied: 1, // P3 none, P5 unset
		SatisfactionRate: ptr(3.0 / 4.0),
		ByClass:          map[string]int{"A": 1, "B": 2, "C": 1, "D": 0, "1": 1},
	}, s.Proposals)

	// Field work: research visits started in H1 are R-002…R-007 (R-001
	// began in December, R-008 is deleted) = 6.
	// days: 王明 5 Mar (R-002 and R-003 are one day), 29 and 30 Jun = 3;
	// 李华 5–7 Mar = 3; 赵六 5 Mar = 1; R-005 has no leader: 7.
	// calendar_days: 5, 6, 7 Mar, 10 May, 29, 30 Jun = 6.
	// units: 市发展和改革委员会, 城关镇, 红星村, 市住房和城乡建设局 = 4;
	// contacts: R-002 2, R-003 1, R-004 2, R-005 1, R-007 1 = 7.
	// problems raised on them: PR2, PR3, PR4; solved in H1 on research
	// visits: PR1 (last year's visit), PR3.
	assert.Equal(t, FieldFigures{Visits: 6, Days: 7, CalendarDays: 6, Units: 4, UnitContacts: 7,
		ProblemsRaised: 3, ProblemsSolved: 2}, s.Field)
	research := PeriodVisits(ds, VisitResearch, from, to)
	// sorted by code point: 城 < 市住 < 市发 < 红
	assert.Equal(t, []string{"城关镇", housing, ndrc, "红星村"}, DistinctUnits(UnitContacts(ds, research)))
	assert.Equal(t, []string{"PR1", "PR3"}, numbers(ProblemsSolved(ds, VisitResearch, from, to),
		func(p *Problem) string { return p.Number }))

	// Liaison: 3 active points; 4 liaison visits; monthly points missed:
	// 城关 (visited Feb, Mar) Jan, Apr, May, Jun = 4; 红星村 (Jan) 5 = 9;
	// solved: PR5.
	assert.Equal(t, LiaisonFigures{Points: 3, Visits: 4, MissedMonths: 9, ProblemsSolved: 1}, s.Liaison)

	// Village: one visit; funds 500,000 + 10,000 + 600,000 + 1 yuan in fen;
	// projects started: 蔬菜大棚, 文化广场; finished: 蔬菜大棚, 村道硬化.
	assert.Equal(t, VillageFigures{Visits: 1, FundsFen: 111_000_100,
		FundsBySource: map[string]Fen{"fiscal": 50_000_000, "integrated": 0, "assisting_unit": 60_000_000,
			"donation": 1_000_000, "self_raised": 0, "coordinated": 0, "other": 100},
		Projects: 2, ProjectsDone: 2}, s.Village)
}

func TestSummarizeOtherPeriods(t *testing.T) {
	ds := figuresDataset(t)

	// Q3 2019: PR2 (raised in May on a research visit) is solved in July.
	q3 := Summarize(ds, iso(t, "2019-07-01"), iso(t, "2019-09-30"), DefaultRules())
	assert.Equal(t, 1, q3.Field.ProblemsSolved)
	assert.Equal(t, 0, q3.Field.Visits, "R-006 began in June")
	// Tracked in Q3: T2 and T3 (done, never closed), T4, T5, T11, T12 and
	// T10 (assigned 2 July) = 7; T1 was closed in April, T6 withdrawn in March.
	assert.Equal(t, 7, q3.Tasks.Tracked)
	assert.Equal(t, 1, q3.Tasks.Assigned)

	// 15 Jan – 10 Mar: months January, February, March intersect the
	// period. 城关: February's visit and March's (on the 15th, outside the
	// period but in March) cover February and March, January is missed;
	// 红星村: January covered, February and March missed. 3 in all.
	part := MissedMonths(ds, iso(t, "2019-01-15"), iso(t, "2019-03-10"))
	got := numbers(part, func(m MissedMonth) string { return m.Point.Name + " " + m.Month })
	assert.Equal(t, []string{"城关街道城关社区基层联系点 2019-01", "红星村联系点 2019-02", "红星村联系点 2019-03"}, got)

	// a single day: 5 March 2019. Three leaders out: days 3, calendar 1.
	day := Summarize(ds, iso(t, "2019-03-05"), iso(t, "2019-03-05"), DefaultRules())
	assert.Equal(t, 4, day.Field.Visits)
	assert.Equal(t, 3, day.Field.Days)
	assert.Equal(t, 1, day.Field.CalendarDays)
}

// cliSummaryTemplate is the `report summary --json` sample of docs/CLI.md.
const cliSummaryTemplate = `{
  "from": "2019-01-01", "to": "2019-06-30",
  "tasks": {"tracked": 0, "assigned": 0, "done": 0, "closed": 0, "overdue": 0,
            "on_time_rate": 0.0, "by_source": {"instruction": 0, "meeting": 0, "research": 0,
            "key_task": 0, "investment": 0, "livelihood": 0, "practical": 0, "other": 0},
            "by_unit": [{"unit": "…", "tracked": 0, "done": 0, "overdue": 0, "on_time_rate": 0.0}]},
  "meetings": {"count": 0, "topics": 0},
  "proposals": {"total": 0, "npc": 0, "cppcc": 0, "replied": 0, "reply_rate": 0.0,
                "on_time_replied": 0, "met": 0, "meeting_rate": 0.0, "evaluated": 0,
                "satisfied": 0, "basically_satisfied": 0, "unsatisfied": 0,
                "satisfaction_rate": 0.0, "by_class": {"A": 0, "B": 0, "C": 0, "D": 0}},
  "field": {"visits": 0, "days": 0, "calendar_days": 0, "units": 0, "unit_contacts": 0,
            "problems_raised": 0, "problems_solved": 0},
  "liaison": {"points": 0, "visits": 0, "missed_months": 0, "problems_solved": 0},
  "village": {"visits": 0, "funds_fen": 0, "funds_by_source": {"fiscal": 0, "integrated": 0,
              "assisting_unit": 0, "donation": 0, "self_raised": 0, "coordinated": 0, "other": 0},
              "projects": 0, "projects_done": 0}
}`

// sameShape reports the paths where got's keys differ from want's.
func sameShape(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		require.True(t, ok, "%s: want an object, got %v", path, got)
		for k := range w {
			assert.Contains(t, g, k, "%s: missing key", path)
		}
		for k := range g {
			assert.Contains(t, w, k, "%s: unexpected key", path)
		}
		for k, wv := range w {
			if gv, ok := g[k]; ok {
				sameShape(t, path+"."+k, wv, gv)
			}
		}
	case []any:
		g, ok := got.([]any)
		require.True(t, ok, "%s: want an array, got %v", path, got)
		for _, gv := range g {
			sameShape(t, path+"[]", w[0], gv)
		}
	case float64:
		if got != nil { // rates may be null
			_, ok := got.(float64)
			assert.True(t, ok, "%s: want a number, got %v", path, got)
		}
	case string:
		_, ok := got.(string)
		assert.True(t, ok, "%s: want a string, got %v", path, got)
	}
}

func TestSummaryJSONShape(t *testing.T) {
	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(cliSummaryTemplate), &want))

	ds := figuresDataset(t)
	full, err := json.Marshal(Summarize(ds, iso(t, "2019-01-01"), iso(t, "2019-06-30"), DefaultRules()))
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(full, &got))
	// the local class "1" is the only key beyond the template
	delete(got["proposals"].(map[string]any)["by_class"].(map[string]any), "1")
	sameShape(t, "", want, got)
	assert.Equal(t, "2019-01-01", got["from"])
	assert.Len(t, got["tasks"].(map[string]any)["by_unit"], 5)

	// Empty data: every count 0, every rate null, lists empty (not null),
	// the fixed keys still there.
	empty, err := json.Marshal(Summarize(Dataset{}, iso(t, "2019-01-01"), iso(t, "2019-06-30"), DefaultRules()))
	require.NoError(t, err)
	got = nil
	require.NoError(t, json.Unmarshal(empty, &got))
	sameShape(t, "", want, got)
	text := string(empty)
	for _, k := range []string{"on_time_rate", "reply_rate", "meeting_rate", "satisfaction_rate"} {
		assert.Contains(t, text, `"`+k+`":null`)
	}
	assert.Contains(t, text, `"by_unit":[]`)
	assertAllZero(t, "", got)
}

// assertAllZero checks that every number in a decoded JSON value is 0.
func assertAllZero(t *testing.T, path string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			assertAllZero(t, path+"."+k, e)
		}
	case []any:
		for _, e := range x {
			assertAllZero(t, path+"[]", e)
		}
	case float64:
		assert.Zero(t, x, path)
	}
}

func TestSummarizeWithoutDictionary(t *testing.T) {
	// With no unit dictionary an alias is a unit of its own.
	ds := figuresDataset(t)
	ds.Units = nil
	s := Summarize(ds, iso(t, "2019-01-01"), iso(t, "2019-06-30"), DefaultRules())
	// 市发改委 and its full name now differ: 市发改委, 市发展和改革委员会,
	// 城关镇, 红星村, 市住建局.
	assert.Equal(t, 5, s.Field.Units)
	// by_unit: 市发改委 (T1), its full name (T2), 市住建局 (T3), its full
	// name (T4), 市文旅局, 市民政局, 市教育局 = 7 rows.
	assert.Len(t, s.Tasks.ByUnit, 7)
}

func TestTaskFiguresWithMissingDates(t *testing.T) {
	from, to := iso(t, "2019-01-01"), iso(t, "2019-06-30")
	ds := Dataset{Tasks: []*Task{
		// marked 已办结 in the ledger with no 办结日期: done, never overdue,
		// and left out of the on-time rate (its timeliness is unknown)
		{Number: "A", AssignedOn: iso(t, "2019-01-10"), Deadline: dated(t, "2019-03-31"), Status: TaskDone},
		// 已销号 with only the closed date: done and closed by then
		{Number: "B", AssignedOn: iso(t, "2019-01-10"), Deadline: dated(t, "2019-03-31"), Status: TaskClosed, ClosedOn: iso(t, "2019-03-30")},
		// 已撤销 with no date: never tracked
		{Number: "C", AssignedOn: iso(t, "2019-01-10"), Deadline: dated(t, "2019-03-31"), Status: TaskWithdrawn},
	}}
	for _, task := range ds.Tasks {
		task.Normalize()
	}
	s := Summarize(ds, from, to, DefaultRules())
	assert.Equal(t, []string{"A", "B"}, taskNumbers(TrackedTasks(ds, from, to)))
	assert.Equal(t, 2, s.Tasks.Done)
	assert.Equal(t, 1, s.Tasks.Closed)
	assert.Equal(t, 0, s.Tasks.Overdue)
	due, onTime := OnTimeTasks(ds, from, to)
	assert.Equal(t, []string{"B"}, taskNumbers(due))
	assert.Equal(t, []string{"B"}, taskNumbers(onTime))
	assert.Equal(t, 3, s.Tasks.Assigned, "assigned counts by date whatever happened later")
}

func TestLiaisonPointMatching(t *testing.T) {
	from, to := iso(t, "2019-03-01"), iso(t, "2019-04-30")
	ds := Dataset{
		Points: []*Point{{Name: "城关街道城关社区基层联系点", ShortName: "城关社区", VisitEvery: "month"}},
		Visits: []*Visit{
			// March: named by the dictionary's alias of the point
			{Number: "L1", Type: VisitLiaison, StartOn: iso(t, "2019-03-03"), Point: "城关联系点"},
			// April: no point, the place names it by its short name
			{Number: "L2", Type: VisitLiaison, StartOn: iso(t, "2019-04-03"), Place: "城关 社区"},
		},
		Units: mapNamer{"城关联系点": "城关街道城关社区基层联系点"},
	}
	assert.Empty(t, MissedMonths(ds, from, to))
	s := Summarize(ds, from, to, DefaultRules())
	assert.Equal(t, LiaisonFigures{Points: 1, Visits: 2}, s.Liaison)

	ds.Units = nil // without the dictionary March's visit names no known point
	assert.Equal(t, []string{"2019-03"}, numbers(MissedMonths(ds, from, to), func(m MissedMonth) string { return m.Month }))
}
