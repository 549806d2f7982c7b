package model

import "slices"

// UnitDuplicate is one unit recorded twice: Name is a unit of its own and
// also an alias (or, spaces and full-width forms aside, the name) of the
// unit Of. Typically a ledger named 市发改委 before the unit directory said
// it is 市发展和改革委员会.
type UnitDuplicate struct {
	Name string `json:"name"`
	Of   string `json:"of"`
}

// DuplicateUnits lists the units whose name another unit also claims, in
// the order of units. A unit is listed once, against the first unit that
// claims it.
func DuplicateUnits(units []*Unit) []UnitDuplicate {
	var out []UnitDuplicate
	for _, u := range units {
		if u == nil || u.Deleted {
			continue
		}
		k := unitKey(u.Name)
		for _, o := range units {
			if o == nil || o == u || o.Deleted {
				continue
			}
			claims := slices.ContainsFunc(o.Aliases, func(a string) bool { return unitKey(a) == k })
			if !claims && unitKey(o.Name) == k && o.Name > u.Name {
				claims = true // the same name typed twice: the later spelling goes
			}
			if claims {
				out = append(out, UnitDuplicate{Name: u.Name, Of: o.Name})
				break
			}
		}
	}
	return out
}

// MergeUnitInto takes from's name, aliases and missing details into into:
// from is then one of into's names.
func MergeUnitInto(into, from *Unit) {
	for _, n := range append([]string{from.Name}, from.Aliases...) {
		k := unitKey(n)
		if k == "" || k == unitKey(into.Name) || slices.ContainsFunc(into.Aliases, func(a string) bool { return unitKey(a) == k }) {
			continue
		}
		into.Aliases = append(into.Aliases, squeeze(n))
	}
	if into.Category == "" {
		into.Category = from.Category
	}
	if into.Contact == "" {
		into.Contact = from.Contact
	}
	if into.Phone == "" {
		into.Phone = from.Phone
	}
}

// RenameUnit makes every reference r holds to the unit named from (units
// with roles, a problem's or a report's unit, a visit's grassroots units, a
// village's assisting unit) name to instead, and reports whether r changed.
// A unit that then appears twice in a list is kept once, with its first role.
func RenameUnit(r Record, from, to string) bool {
	k := unitKey(from)
	is := func(name string) bool { return name != "" && unitKey(name) == k }
	changed := false
	set := func(p *string) {
		if is(*p) {
			*p, changed = to, true
		}
	}
	roles := func(us []UnitRole) []UnitRole {
		for i := range us {
			set(&us[i].Name)
		}
		var seen []string
		return slices.DeleteFunc(us, func(u UnitRole) bool {
			if slices.Contains(seen, u.Name) {
				return true
			}
			seen = append(seen, u.Name)
			return false
		})
	}
	switch v := r.(type) {
	case *Task:
		v.Units = roles(v.Units)
		set(&v.LeadUnit)
		for i := range v.Reports {
			set(&v.Reports[i].Unit)
		}
	case *Proposal:
		v.Units = roles(v.Units)
		set(&v.LeadUnit)
	case *Problem:
		set(&v.Unit)
	case *Visit:
		for i := range v.Units {
			set(&v.Units[i])
		}
		var seen []string
		v.Units = slices.DeleteFunc(v.Units, func(s string) bool {
			if slices.Contains(seen, s) {
				return true
			}
			seen = append(seen, s)
			return false
		})
	case *Village:
		set(&v.AssistingUnit)
	}
	if changed {
		r.Normalize()
	}
	return changed
}
