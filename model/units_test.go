package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testDict() *UnitDict {
	return NewUnitDict([]*Unit{
		{Name: "市发展和改革委员会", Aliases: []string{"市发改委", "发改委"}},
		{Name: "市财政局", Aliases: []string{"财政局"}},
		{Name: "市住房和城乡建设局", Aliases: []string{"住建局"}},
		{Name: "市商务局"},
	})
}

func TestUnitDictResolve(t *testing.T) {
	d := testDict()
	cases := []struct {
		in    string
		full  string
		known bool
	}{
		{"市发展和改革委员会", "市发展和改革委员会", true},
		{"市发改委", "市发展和改革委员会", true},
		{"发改委", "市发展和改革委员会", true},
		{" 市 发改委 ", "市发展和改革委员会", true},
		{"市住建局", "市住房和城乡建设局", true}, // alias 住建局 lacks the 市
		{"商务局", "市商务局", true},       // full name has the 市
		{"县财政局", "县财政局", false},     // other prefixes stay significant
		{" 市 教育局 ", "市教育局", false},
		{"ＡＢＣ 公司", "ABC公司", false},
	}
	for _, c := range cases {
		full, known := d.Resolve(c.in)
		assert.Equal(t, c.full, full, c.in)
		assert.Equal(t, c.known, known, c.in)
		assert.Equal(t, c.full, d.Canonical(c.in), c.in)
	}
}

func TestUnitDictAdd(t *testing.T) {
	d := testDict()
	d.Add(&Unit{Name: "市教育局", Aliases: []string{"教育局"}})
	full, known := d.Resolve("教育局")
	assert.True(t, known)
	assert.Equal(t, "市教育局", full)
	require.Len(t, d.Units(), 5)

	// Adding a known name with a new alias extends that unit instead of duplicating it.
	d.Add(&Unit{Name: "市发改委", Aliases: []string{"发展改革委"}})
	assert.Len(t, d.Units(), 5)
	full, known = d.Resolve("发展改革委")
	assert.True(t, known)
	assert.Equal(t, "市发展和改革委员会", full)
}

func TestParseUnitCell(t *testing.T) {
	d := testDict()
	cases := []struct {
		cell        string
		first, rest Role
		want        []UnitRole
		unknown     []string
	}{
		{"市发改委、市财政局、市教育局", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleResponsible}, {Name: "市教育局", Role: RoleResponsible}},
			[]string{"市教育局"}},
		{"市财政局、市发改委（牵头）", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleResponsible}, {Name: "市发展和改革委员会", Role: RoleLead}}, nil},
		// a contact in brackets is no part of the name; 等 ends a list
		{"市发改委（张三 13800000000）、市财政局等", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleResponsible}}, nil},
		{"市财政局（联系人：李四）", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}}, nil},
		{"牵头：市发改委；配合：市财政局、商务局", RoleResponsible, RoleResponsible,
			[]UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating}, {Name: "市商务局", Role: RoleCooperating}}, nil},
		{"市发改委 配合：市财政局", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating}}, nil},
		{"责任单位：市财政局、住建局", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleResponsible}, {Name: "市住房和城乡建设局", Role: RoleResponsible}}, nil},
		{"市发改委(牵头)、市财政局(配合)、市发改委", RoleCooperating, RoleCooperating,
			[]UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating}}, nil},
		{"市财政局、市发改委", RoleLead, RoleCo,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "市发展和改革委员会", Role: RoleCo}}, nil},
		{"由市发改委牵头，市财政局、市商务局配合", RoleResponsible, RoleResponsible,
			[]UnitRole{{Name: "市发展和改革委员会", Role: RoleLead}, {Name: "市财政局", Role: RoleCooperating}, {Name: "市商务局", Role: RoleCooperating}}, nil},
		{"市财政局、市发改委牵头", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "市发展和改革委员会", Role: RoleLead}}, nil},
		{"", RoleLead, RoleResponsible, nil, nil},
		// A dash or 无 typed for “no co-unit” names no unit.
		{"无", RoleCo, RoleCo, nil, nil},
		{"—", RoleCo, RoleCo, nil, nil},
		{"/", RoleCo, RoleCo, nil, nil},
		{"暂无", RoleCo, RoleCo, nil, nil},
		{"市财政局、无", RoleLead, RoleCo, []UnitRole{{Name: "市财政局", Role: RoleLead}}, nil},
		// a person (and a telephone) typed after the unit is its contact
		{"市住建局 李明华", RoleLead, RoleResponsible, []UnitRole{{Name: "市住房和城乡建设局", Role: RoleLead}}, nil},
		{"市住建局 李四（主任）", RoleLead, RoleResponsible, []UnitRole{{Name: "市住房和城乡建设局", Role: RoleLead}}, nil},
		{"市住建局 李四 13800000000", RoleLead, RoleResponsible, []UnitRole{{Name: "市住房和城乡建设局", Role: RoleLead}}, nil},
		{"市财政局 联系人：王小明", RoleLead, RoleResponsible, []UnitRole{{Name: "市财政局", Role: RoleLead}}, nil},
		{"市财政局 欧阳明月（副局长）", RoleLead, RoleResponsible, []UnitRole{{Name: "市财政局", Role: RoleLead}}, nil},
		{"市财政局（李明华）、市发改委", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "市发展和改革委员会", Role: RoleResponsible}}, nil},
		// names that end in a unit word, or that the dictionary knows, stay units
		{"城关镇 王家村", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "城关镇", Role: RoleLead}, {Name: "王家村", Role: RoleResponsible}}, []string{"城关镇", "王家村"}},
		{"市财政局 高新区", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "高新区", Role: RoleResponsible}}, []string{"高新区"}},
		{"市财政局 石化公司", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "石化公司", Role: RoleResponsible}}, []string{"石化公司"}},
		{"市财政局 商务", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "商务", Role: RoleResponsible}}, []string{"商务"}},
		{"市财政局 文旅 高新", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "文旅", Role: RoleResponsible}, {Name: "高新", Role: RoleResponsible}}, []string{"文旅", "高新"}},
		{"市财政局 卫生健康", RoleLead, RoleResponsible,
			[]UnitRole{{Name: "市财政局", Role: RoleLead}, {Name: "卫生健康", Role: RoleResponsible}}, []string{"卫生健康"}},
		// a name alone is kept: it is all the cell says
		{"李四", RoleLead, RoleResponsible, []UnitRole{{Name: "李四", Role: RoleLead}}, []string{"李四"}},
	}
	for _, c := range cases {
		units, unknown := d.ParseUnitCell(c.cell, c.first, c.rest)
		assert.Equal(t, c.want, units, c.cell)
		assert.Equal(t, c.unknown, unknown, c.cell)
	}
}

func TestUnitDictEmpty(t *testing.T) {
	var none *UnitDict
	full, known := none.Resolve(" 市 发改委 ")
	assert.False(t, known)
	assert.Equal(t, "市发改委", full)
	assert.Nil(t, none.Units())
	units, unknown := none.ParseUnitCell("市发改委、市财政局", RoleLead, RoleResponsible)
	assert.Equal(t, []UnitRole{{Name: "市发改委", Role: RoleLead}, {Name: "市财政局", Role: RoleResponsible}}, units)
	assert.Equal(t, []string{"市发改委", "市财政局"}, unknown)

	var zero UnitDict
	zero.Add(&Unit{Name: "市财政局", Aliases: []string{"财政局"}})
	full, known = zero.Resolve("财政局")
	assert.True(t, known)
	assert.Equal(t, "市财政局", full)
}

func TestHasContactDetails(t *testing.T) {
	for cell, want := range map[string]bool{
		"市住建局（张三 13800000000）": true,
		"市住建局 李明华":             true,
		"市住建局 李四":              false,
		"市住建局（李明华）":            true,
		"市住建局 联系人：李四":          true,
		"市住建局、市财政局":            false,
		"市住建局 市财政局":            false,
		"城关镇 王家村":              false,
		"李四":                   false,
		"市发改委（牵头）":             false,
	} {
		assert.Equal(t, want, HasContactDetails(cell), cell)
	}
}
