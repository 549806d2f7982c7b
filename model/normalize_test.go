package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeKeepsEveryUnitInItsKindsRoles(t *testing.T) {
	p := &Proposal{Session: "市政协十四届1次会议", Units: []UnitRole{
		{Name: "市审计局", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating},
		{Name: "市财政局", Role: RoleCooperating}, {Name: "市统计局", Role: RoleResponsible}}}
	p.Normalize()
	assert.Equal(t, "第十四届第一次会议", p.Session)
	assert.Equal(t, []UnitRole{{Name: "市审计局", Role: RoleLead}, {Name: "市财政局", Role: RoleCo},
		{Name: "市统计局", Role: RoleCo}}, p.Units, "task roles on a proposal become co, duplicates go")
	assert.Equal(t, "市审计局", p.LeadUnit)

	task := &Task{Units: []UnitRole{{Name: "甲", Role: RoleLead}, {Name: "乙", Role: RoleCo}, {Name: "丙", Role: RoleSplit}}}
	task.Normalize()
	assert.Equal(t, []UnitRole{{Name: "甲", Role: RoleLead}, {Name: "乙", Role: RoleCooperating},
		{Name: "丙", Role: RoleResponsible}}, task.Units)
}

func TestNormalizeInfersStatusAndResultClass(t *testing.T) {
	p := &Proposal{AssignedOn: NewDate(2019, 3, 15), RepliedOn: NewDate(2019, 6, 1), ResultClass: "正在解决或列入计划解决"}
	p.Normalize()
	assert.Equal(t, "B", p.ResultClass)
	assert.Equal(t, "ABCD", p.ClassScheme)
	assert.Equal(t, PropReplied, p.Status)

	local := &Proposal{ResultClass: "部分采纳"}
	local.Normalize()
	assert.Equal(t, "部分采纳", local.ResultClass)
	assert.Equal(t, "local", local.ClassScheme)
	assert.Equal(t, PropRegistered, local.Status)

	for in, want := range map[string]string{"a": "A", "Ｂ类": "B", "留作参考": "D", "因目前条件限制需以后解决": "C", "已解决": "A"} {
		got, _ := ParseResultClass(in)
		assert.Equal(t, want, got, in)
	}

	// The 3-class scheme's classes, typed 1类, 1, 一类 or ２类, are one
	// class each: statistics count them under 1, 2, 3.
	for in, want := range map[string]string{"1类": "1", "1": "1", "一类": "1", "２类": "2", "3 类": "3", "三类": "3"} {
		got, scheme := ParseResultClass(in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, "local", scheme, in)
	}

	task := &Task{AssignedOn: NewDate(2019, 3, 1), Progress: "已启动"}
	task.Normalize()
	assert.Equal(t, TaskInProgress, task.Status)
	kept := &Task{AssignedOn: NewDate(2019, 3, 1), Status: TaskReview}
	kept.Normalize()
	assert.Equal(t, TaskReview, kept.Status, "a typed status is kept")
}

// 第12号, 12号, 〔2019〕12号, １２ and 12 are one proposal number; other forms
// stay as typed.
func TestNormalizeProposalNumber(t *testing.T) {
	for typed, want := range map[string]string{
		"第12号": "12", "12号": "12", " 第 ３５ 号 ": "35", "１２": "12", "12": "12",
		"A-12": "A-12", "第十二号": "第十二号", "号": "号", "第号": "第号", "12-1号": "12-1号",
		// The year in brackets is the session's: 〔2019〕23号 is number 23.
		"〔2019〕23号": "23", "[2019]23号": "23", "（2019）第23号": "23", "(2019) 23": "23", "〔2019〕": "〔2019〕",
		"〔2019〕第A3号": "〔2019〕第A3号",
		// The body's word before it and leading zeros say nothing more.
		"建议第12号": "12", "提案16号": "16", "第0015号": "15", "政协提案第003号": "3", "0": "0", "人大建议A12": "人大建议A12",
	} {
		p := &Proposal{Number: typed}
		p.Normalize()
		assert.Equal(t, want, p.Number, typed)
	}
}

// Without a 会议类型 column the name tells: only executive meetings count
// in the summary's meetings figure.
func TestNormalizeMeetingKindFromItsName(t *testing.T) {
	for title, want := range map[string]MeetingKind{
		"市政府第12次常务会议":    "executive",
		"第12次":           "executive",
		"全市防汛工作专题会议":     "special",
		"重点项目推进调度会":      "special",
		"市政府第3次常务会议（专题）": "executive",
	} {
		m := &Meeting{Title: title}
		m.Normalize()
		assert.Equal(t, want, m.Kind, title)
	}
	m := &Meeting{Title: "全市防汛工作专题会议", Kind: "other"}
	m.Normalize()
	assert.Equal(t, MeetingKind("other"), m.Kind, "a typed kind is kept")
}

func TestPeriodicDeadlineGivesTheReportingCycle(t *testing.T) {
	for text, want := range map[string]struct {
		c   Cycle
		day int
	}{
		"每月25日前": {CycleMonthly, 25}, "每周五": {CycleWeekly, 5}, "每周日报送": {CycleWeekly, 7},
		"每季度末": {CycleQuarterly, 0}, "每月底": {CycleMonthly, 0},
	} {
		dl, err := ParseDeadline(text, NewDate(2019, 1, 1))
		assert.NoError(t, err, text)
		task := &Task{Deadline: dl}
		task.Normalize()
		assert.Equal(t, want.c, task.Cycle, text)
		assert.Equal(t, want.day, task.ReportDay, text)
	}
	kept := &Task{Cycle: CycleWeekly, ReportDay: 1, Deadline: Deadline{Text: "每月25日前", Type: DeadlinePeriodic}}
	kept.Normalize()
	assert.Equal(t, CycleWeekly, kept.Cycle, "a cycle typed in its own column wins")
}
