package workbook

import (
	"slices"

	"taizhang/model"
)

// A ledger with 牵头单位 and 配合单位 but no 责任单位 says nothing about the
// responsible units: Incoming.UnitRoles names the roles a row carries so
// the merge keeps the local units of the others.

// kindRoles are the roles a kind's unit columns can carry, in table order.
func kindRoles(k model.Kind) []model.Role {
	var roles []model.Role
	for _, c := range columnTables[k] {
		if c.Type != TypeUnits {
			continue
		}
		for _, r := range c.Export {
			if !slices.Contains(roles, r) {
				roles = append(roles, r)
			}
		}
	}
	return roles
}

// sheetUnitRoles are the roles the sheet's unit columns carry by their
// headers: the column's own role and the one its first unit gets (a lone
// 责任单位 column also names the lead). ok is false without unit columns.
func sheetUnitRoles(h *sheetHeader) (roles []model.Role, ok bool) {
	for _, b := range h.cols {
		c := b.column
		if c.Type != TypeUnits {
			continue
		}
		ok = true
		for _, r := range append(slices.Clone(c.Export), c.First) {
			if !slices.Contains(roles, r) {
				roles = append(roles, r)
			}
		}
	}
	return roles, ok
}

// rowUnitRoles adds the roles a row's cells gave beyond the headers' (the
// other units of a 牵头单位 cell are responsible; 配合：… in a cell) and
// returns nil when that is every role of the kind.
func rowUnitRoles(sheetRoles, all []model.Role, units []model.UnitRole) []model.Role {
	roles := sheetRoles
	for _, u := range units {
		if !slices.Contains(roles, u.Role) {
			if len(roles) == len(sheetRoles) {
				roles = slices.Clone(roles)
			}
			roles = append(roles, u.Role)
		}
	}
	var out []model.Role
	for _, r := range all {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	if len(out) == len(all) {
		return nil
	}
	for _, r := range roles { // a role of another kind, given by a marker
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
