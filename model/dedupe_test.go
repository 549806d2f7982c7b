package model

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A unit listed twice with the same role is kept once, in the place it was
// first named; the same unit in another role stays. Long lists (a proposal
// signed by many units) dedupe the same way.
func TestNormalizeDropsUnitsNamedTwice(t *testing.T) {
	task := &Task{Units: []UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "市教育局", Role: RoleCooperating},
		{Name: "市财政局", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating}, {Name: "市教育局", Role: RoleCooperating}}}
	task.Normalize()
	assert.Equal(t, []UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "市教育局", Role: RoleCooperating},
		{Name: "市财政局", Role: RoleCooperating}}, task.Units)
	assert.Equal(t, "市财政局", task.LeadUnit)

	var many, want []UnitRole
	for i := range 40 {
		u := UnitRole{Name: fmt.Sprintf("单位%d", i%25), Role: RoleCooperating}
		many = append(many, u)
		if i < 25 {
			want = append(want, u)
		}
	}
	big := &Task{Units: many}
	big.Normalize()
	assert.Equal(t, want, big.Units)
	none := &Task{}
	none.Normalize()
	assert.Nil(t, none.Units)
}
