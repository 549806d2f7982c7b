package model

import (
	"fmt"
	"strings"
	"unicode"
)

// NaturalKey is how rows of ledgers that Taizhang did not write are matched
// to records (docs/CLI.md): the number where the kind has one, else the
// fields that identify the record. Empty when the record has no key yet.
func NaturalKey(r Record) string {
	switch v := r.(type) {
	case *Task:
		if v.Number == "" && v.Title != "" {
			// Many department ledgers number rows (序号) but not items:
			// the title then tells the item, so a file comes back to it.
			return "title|" + keyOf(v.Title)
		}
		return keyOf(v.Number)
	case *Meeting:
		if v.Number != "" {
			return keyOf(v.Number)
		}
		return keyOf(v.HeldOn.String(), string(v.Kind))
	case *Proposal:
		if v.Number == "" {
			if v.Title == "" {
				return ""
			}
			return "title|" + keyOf(string(v.Body), v.Session, v.Title)
		}
		return keyOf(string(v.Body), v.Session, v.Number)
	case *Visit:
		if v.Number != "" {
			return keyOf(v.Number)
		}
		return keyOf(v.StartOn.String(), v.Place, v.Leader)
	case *Fund:
		return keyOf(v.Date.String(), string(v.Source), fmt.Sprint(int64(v.AmountFen)), v.Project)
	case *Project:
		return keyOf(v.Name, v.Village)
	case *Village:
		return keyOf(v.Name)
	case *Point:
		return keyOf(v.Name)
	case *Problem:
		if v.Number != "" {
			return keyOf(v.Number)
		}
		return keyOf(v.Visit, v.Description)
	case *Unit:
		return keyOf(v.Name)
	case *Holiday:
		return keyOf(v.Date.String())
	case *Term:
		if v.Word == "" {
			return ""
		}
		return keyOf(v.Of, enumKey(v.Word))
	}
	return ""
}

// keyOf joins normalised parts; a key with every part empty is no key.
func keyOf(parts ...string) string {
	empty := true
	for i, p := range parts {
		p = Fold(p)
		if strings.IndexFunc(p, unicode.IsSpace) >= 0 {
			p = strings.Join(strings.Fields(p), "")
		}
		parts[i] = p
		if p != "" {
			empty = false
		}
	}
	if empty {
		return ""
	}
	return strings.Join(parts, "|")
}

// KeyIdentifies reports whether r's natural key names one record (a number,
// a unit's or a point's name, a day of the calendar) rather than merely
// describing it (a fund's date, source, amount and project; a project's
// name and village): two records copied from another machine with their own
// ids may share a describing key and still be two records.
func KeyIdentifies(r Record) bool {
	switch v := r.(type) {
	case *Fund, *Project:
		return false
	case *Task:
		return v.Number != ""
	case *Proposal:
		return v.Number != ""
	case *Meeting:
		return v.Number != ""
	case *Visit:
		return v.Number != ""
	case *Problem:
		return v.Number != ""
	}
	return NaturalKey(r) != ""
}
