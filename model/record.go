package model

import (
	"slices"
	"time"
)

// Meta is what every stored record carries besides its fields. Storage owns
// it: ID and Rev are assigned on save, UpdatedAt/UpdatedBy stamped then.
type Meta struct {
	ID        string    `json:"id"`
	Kind      Kind      `json:"kind"`
	Rev       string    `json:"rev"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	Deleted   bool      `json:"deleted,omitempty"`
}

// RecordMeta gives access to the embedded Meta; it makes every record kind a Record.
func (m *Meta) RecordMeta() *Meta { return m }

// Record is any of the record kinds (pointer to the struct).
type Record interface {
	RecordMeta() *Meta
	// Normalize derives the stored redundant fields (the lead unit from the
	// unit list, trimmed text) before a save or a comparison.
	Normalize()
}

// New returns an empty record of the kind, with Meta.Kind set; nil for
// an unknown kind.
func New(k Kind) Record {
	i, ok := k.info()
	if !ok {
		return nil
	}
	r := i.new()
	r.RecordMeta().Kind = k
	return r
}

// UnitRole is one unit named on a task or proposal with its role.
type UnitRole struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	// OpinionOn: for a proposal's co-unit, when its opinion reached the lead unit.
	OpinionOn Date `json:"opinion_on,omitzero"`
}

// Role of a unit on a task (lead/responsible/cooperating) or a proposal
// (lead = 主办, co = 会办/协办, split = 分办).
type Role string

const (
	RoleLead        Role = "lead"
	RoleResponsible Role = "responsible"
	RoleCooperating Role = "cooperating"
	RoleCo          Role = "co"
	RoleSplit       Role = "split"
)

// Roles are the unit roles with their labels, for forms and exports.
var Roles = Enum[Role]{
	Options: []Option[Role]{
		{RoleLead, "牵头", "Lead", []string{"牵头单位", "主办", "主办单位", "主责"}},
		{RoleResponsible, "责任", "Responsible", []string{"责任单位"}},
		{RoleCooperating, "配合", "Cooperating", []string{"配合单位", "协同"}},
		{RoleCo, "会办", "Co-unit", []string{"协办", "会办单位", "协办单位"}},
		{RoleSplit, "分办", "Split", []string{"分办单位"}},
	},
}

// leadOf returns the first unit with the lead role, else the first unit:
// DOMAIN.md: the lead unit is the first listed unit.
func leadOf(units []UnitRole) string {
	for _, u := range units {
		if u.Role == RoleLead {
			return u.Name
		}
	}
	if len(units) > 0 {
		return units[0].Name
	}
	return ""
}

// dedupeUnits drops a unit named twice with the same role (keeping the
// first), as ledgers sometimes list it in two columns.
func dedupeUnits(units []UnitRole) []UnitRole {
	out := make([]UnitRole, 0, len(units))
	var seen map[UnitRole]bool
	if len(units) > 16 {
		seen = map[UnitRole]bool{}
	}
	for _, u := range units {
		k := UnitRole{Name: u.Name, Role: u.Role}
		if seen != nil {
			if !seen[k] {
				seen[k] = true
				out = append(out, u)
			}
			continue
		}
		// A row names a few units: the kept ones are looked through.
		if !slices.ContainsFunc(out, func(o UnitRole) bool { return o.Name == k.Name && o.Role == k.Role }) {
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		return units
	}
	return out
}
