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
