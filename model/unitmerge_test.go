package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDuplicateUnitsFindsANameThatIsAnotherUnitsAlias(t *testing.T) {
	units := []*Unit{
		{Name: "市发展和改革委员会", Aliases: []string{"市发改委", "发改委"}},
		{Name: "市发改委"},
		{Name: "市财政局"},
		{Name: "市 财政局"},
		{Name: "市教育局", Meta: Meta{Deleted: true}, Aliases: []string{"市财政局"}},
	}
	assert.Equal(t, []UnitDuplicate{{Name: "市发改委", Of: "市发展和改革委员会"}, {Name: "市 财政局", Of: "市财政局"}},
		DuplicateUnits(units))
	assert.Empty(t, DuplicateUnits(units[:1]))
}

func TestMergeAndRenameUnit(t *testing.T) {
	into := &Unit{Name: "市发展和改革委员会", Aliases: []string{"发改委"}}
	MergeUnitInto(into, &Unit{Name: "市发改委", Aliases: []string{"发改委", "市发改"}, Phone: "0931-1"})
	assert.Equal(t, []string{"发改委", "市发改委", "市发改"}, into.Aliases)
	assert.Equal(t, "0931-1", into.Phone)

	task := &Task{Units: []UnitRole{{Name: "市发改委", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating},
		{Name: "市发展和改革委员会", Role: RoleCooperating}},
		Reports: []Report{{Unit: "市发改委", Period: "2019-06"}}}
	task.Normalize()
	assert.True(t, RenameUnit(task, "市发改委", "市发展和改革委员会"))
	assert.Equal(t, []UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating}}, task.Units)
	assert.Equal(t, "市发展和改革委员会", task.LeadUnit)
	assert.Equal(t, "市发展和改革委员会", task.Reports[0].Unit)
	assert.False(t, RenameUnit(task, "市发改委", "市发展和改革委员会"), "nothing left to rename")

	visit := &Visit{Units: []string{"市发改委", "王庄村委会", "市发展和改革委员会"}}
	assert.True(t, RenameUnit(visit, "市发改委", "市发展和改革委员会"))
	assert.Equal(t, []string{"市发展和改革委员会", "王庄村委会"}, visit.Units)
	p := &Problem{Unit: "市 发改委"}
	assert.True(t, RenameUnit(p, "市发改委", "市发展和改革委员会"))
	assert.Equal(t, "市发展和改革委员会", p.Unit)
	assert.False(t, RenameUnit(&Fund{Project: "市发改委"}, "市发改委", "x"))
}
