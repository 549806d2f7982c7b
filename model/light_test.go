package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTaskLight(t *testing.T) {
	r := DefaultRules()
	open := func(status TaskStatus, due string) *Task {
		task := &Task{Status: status, AssignedOn: iso(t, "2019-01-01")}
		if due != "" {
			task.Deadline = Deadline{Due: iso(t, due), Type: DeadlineDate}
		}
		return task
	}
	extended := open(TaskInProgress, "2019-06-10")
	extended.Extensions = []Extension{{State: ExtensionApproved, NewDeadline: iso(t, "2019-07-31")}}
	ongoing := open(TaskInProgress, "")
	ongoing.Deadline = Deadline{Text: "长期坚持", Type: DeadlineOngoing}

	today := "2019-06-14"
	tests := []struct {
		name string
		task *Task
		want Light
	}{
		{"past the deadline", open(TaskInProgress, "2019-06-13"), LightRed},
		{"deadline today", open(TaskAssigned, "2019-06-14"), LightYellow},
		{"three days left", open(TaskReview, "2019-06-17"), LightYellow},
		{"four days left", open(TaskInProgress, "2019-06-18"), LightGreen},
		{"an approved extension moves the deadline", extended, LightGreen},
		{"ongoing items never go red", ongoing, LightGreen},
		{"done items have no light", open(TaskDone, "2019-06-01"), LightNone},
		{"closed", open(TaskClosed, "2019-06-01"), LightNone},
		{"withdrawn", open(TaskWithdrawn, "2019-06-01"), LightNone},
		{"not yet assigned", open(TaskRegistered, "2019-06-01"), LightNone},
		{"no status typed: judged as assigned", open("", "2019-06-13"), LightRed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, TaskLight(tt.task, iso(t, today), nil, r))
		})
	}
}

func TestTaskLightWorkdays(t *testing.T) {
	cal := nationalDay2024(t)
	task := &Task{Status: TaskInProgress, Deadline: Deadline{Due: iso(t, "2024-10-08"), Type: DeadlineDate}}
	today := iso(t, "2024-09-27") // Friday; 11 calendar days to go
	r := DefaultRules()
	assert.Equal(t, LightGreen, TaskLight(task, today, cal, r))
	// working days left: Sun 29 Sep (make-up), Mon 30 Sep, Tue 8 Oct
	r.YellowInWorkdays = true
	assert.Equal(t, LightYellow, TaskLight(task, today, cal, r))
	// without the holiday calendar 7 working days are left
	assert.Equal(t, LightGreen, TaskLight(task, today, nil, r))
}

func TestProgressLight(t *testing.T) {
	r := DefaultRules()
	// 100 days from assignment to deadline; on 20 Feb 50 days have passed,
	// so 50% is expected.
	task := func(percent int) *Task {
		return &Task{Status: TaskInProgress, AssignedOn: iso(t, "2019-01-01"), Percent: percent,
			Deadline: Deadline{Due: iso(t, "2019-04-11"), Type: DeadlineDate}}
	}
	today := iso(t, "2019-02-20")
	tests := []struct {
		percent int
		want    Light
	}{
		{80, LightGreen},  // ahead
		{45, LightGreen},  // 5 behind
		{40, LightYellow}, // 10 behind
		{20, LightYellow}, // 30 behind
		{19, LightRed},    // 31 behind
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ProgressLight(task(tt.percent), today, r), "%d%%", tt.percent)
	}

	// 0% with no report is unknown, 0% reported is behind
	assert.Equal(t, LightNone, ProgressLight(task(0), today, r))
	reported := task(0)
	reported.Reports = []Report{{Unit: "市住建局", ReportedOn: iso(t, "2019-02-15"), Percent: 0}}
	assert.Equal(t, LightRed, ProgressLight(reported, today, r))
	// the latest report's percent stands in for the task's
	reported.Reports = append(reported.Reports, Report{Unit: "市住建局", ReportedOn: iso(t, "2019-02-19"), Percent: 45})
	assert.Equal(t, LightGreen, ProgressLight(reported, today, r))

	// past the deadline 100% is expected
	assert.Equal(t, LightRed, ProgressLight(task(60), iso(t, "2019-05-01"), r))
	// no dates: nothing to judge
	noDeadline := task(10)
	noDeadline.Deadline = Deadline{Type: DeadlineOngoing}
	assert.Equal(t, LightNone, ProgressLight(noDeadline, today, r))
}

func TestReportPeriod(t *testing.T) {
	assert.Equal(t, "2019-W23", ReportPeriod(CycleWeekly, iso(t, "2019-06-06")))
	assert.Equal(t, "2020-W01", ReportPeriod(CycleWeekly, iso(t, "2019-12-30")))
	assert.Equal(t, "2019-06", ReportPeriod(CycleMonthly, iso(t, "2019-06-30")))
	assert.Equal(t, "2019-Q3", ReportPeriod(CycleQuarterly, iso(t, "2019-07-01")))
	assert.Equal(t, "", ReportPeriod(CycleOnce, iso(t, "2019-07-01")))
}

func TestMissedReports(t *testing.T) {
	units := []UnitRole{
		{Name: "市住建局", Role: RoleLead},
		{Name: "市自然资源局", Role: RoleResponsible},
		{Name: "市财政局", Role: RoleCooperating}, // reports through the lead
	}
	monthly := func(assigned string, reports ...Report) *Task {
		return &Task{Status: TaskInProgress, AssignedOn: iso(t, assigned), Units: units,
			Cycle: CycleMonthly, ReportDay: 25, Reports: reports}
	}

	// 26 June: June's report day (25th) has passed. The lead reported; the
	// responsible unit's report was returned, so it still owes one.
	task := monthly("2019-01-10",
		Report{Unit: "市住建局", Period: "2019-06", ReportedOn: iso(t, "2019-06-24")},
		Report{Unit: "市自然资源局", Period: "2019-06", ReportedOn: iso(t, "2019-06-25"), Review: ReviewReturned},
	)
	assert.Equal(t, []string{"市自然资源局"}, MissedReports(task, iso(t, "2019-06-26")))
	period, due, ok := DueReportPeriod(task, iso(t, "2019-06-26"))
	assert.True(t, ok)
	assert.Equal(t, "2019-06", period)
	assert.Equal(t, iso(t, "2019-06-25"), due)

	// 20 June: June is not late yet, May's report (due 25 May) is the one owed.
	task = monthly("2019-05-01", Report{Unit: "市住建局", Period: "2019-06"})
	assert.Equal(t, []string{"市住建局", "市自然资源局"}, MissedReports(task, iso(t, "2019-06-20")))
	// on the report day itself nothing is late yet for June
	task = monthly("2019-05-01",
		Report{Unit: "市住建局", Period: "2019-05"}, Report{Unit: "市自然资源局", Period: "2019-05"})
	assert.Empty(t, MissedReports(task, iso(t, "2019-06-25")))

	// assigned after May's report day: nothing owed before June's
	assert.Empty(t, MissedReports(monthly("2019-05-30"), iso(t, "2019-06-20")))
	// finished items owe nothing
	done := monthly("2019-01-10")
	done.Status = TaskDone
	assert.Empty(t, MissedReports(done, iso(t, "2019-06-26")))

	// weekly on Fridays (5): on Wednesday 12 June week 23's report (due Fri
	// 7 June) is the one owed; a report dated in that week with no period counts.
	weekly := &Task{Status: TaskAssigned, AssignedOn: iso(t, "2019-05-01"), Units: units,
		Cycle: CycleWeekly, ReportDay: 5,
		Reports: []Report{{Unit: "市住建局", ReportedOn: iso(t, "2019-06-06")}}}
	assert.Equal(t, []string{"市自然资源局"}, MissedReports(weekly, iso(t, "2019-06-12")))

	// quarterly, due the 25th of the quarter's last month
	quarterly := &Task{Status: TaskInProgress, AssignedOn: iso(t, "2019-01-10"), Units: units[:1],
		Cycle: CycleQuarterly, ReportDay: 25}
	period, due, ok = DueReportPeriod(quarterly, iso(t, "2019-07-10"))
	assert.True(t, ok)
	assert.Equal(t, "2019-Q2", period)
	assert.Equal(t, iso(t, "2019-06-25"), due)
	assert.Equal(t, []string{"市住建局"}, MissedReports(quarterly, iso(t, "2019-07-10")))
	quarterly.Reports = []Report{{Unit: " 市住建局 ", Period: "2019-q2"}}
	assert.Empty(t, MissedReports(quarterly, iso(t, "2019-07-10")), "unit and period compared loosely")

	// no report day set: the period's last day
	quarterly.ReportDay = 0
	_, due, _ = DueReportPeriod(quarterly, iso(t, "2019-07-10"))
	assert.Equal(t, iso(t, "2019-06-30"), due)

	// one-off reporting owes no periodic reports
	assert.Empty(t, MissedReports(&Task{Status: TaskInProgress, AssignedOn: iso(t, "2019-01-10"), Units: units, Cycle: CycleOnce}, iso(t, "2019-07-10")))
}

func TestProposalLight(t *testing.T) {
	r := DefaultRules()
	p := &Proposal{Status: PropInProgress, AssignedOn: iso(t, "2019-03-01")} // due 1 June
	tests := []struct {
		today string
		want  Light
	}{
		{"2019-05-16", LightGreen},  // 16 days left
		{"2019-05-17", LightYellow}, // 15 days left
		{"2019-06-01", LightYellow}, // due today
		{"2019-06-02", LightRed},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ProposalLight(p, iso(t, tt.today), r), tt.today)
	}
	replied := *p
	replied.RepliedOn = iso(t, "2019-06-05")
	replied.Status = PropReplied
	assert.Equal(t, LightNone, ProposalLight(&replied, iso(t, "2019-06-10"), r))
	assert.Equal(t, LightNone, ProposalLight(&Proposal{Status: PropRegistered}, iso(t, "2019-06-10"), r))
}
