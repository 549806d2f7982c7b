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
		p = keyPart(p)
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

// KeyLabel names a record to people: its number as typed (督[2019]15号;
// NaturalKey is the match key 督〔2019〕15), else its title or name, else
// its natural key.
func KeyLabel(r Record) string {
	if n := numberOf(r); n != "" {
		return n
	}
	if h := Headline(r); h != "" {
		return h
	}
	return NaturalKey(r)
}

// KeepNumber gives in the number local has when the two are one number
// typed two ways (督[2019]15号 in a return, 督〔2019〕15号 here): the row
// matched the record by it, and a department's retyping is no change.
func KeepNumber(in, local Record) {
	nl := numberOf(local)
	f := stringField(in, "Number")
	if nl == "" || !f.IsValid() || !f.CanSet() || f.String() == nl || f.String() == "" {
		return
	}
	if keyOf(f.String()) == keyOf(nl) {
		f.SetString(nl)
	}
}

// keyPart makes the ways departments type one number the same key:
// brackets of any shape (督[2025]1号, 督(2025)1号, 督【2025】1号 and
// 督〔2025〕1号, the official one, which is hard to type), digit runs
// without leading zeros (03号 and 3号) and no 号 at the end (督〔2025〕6).
// The number is stored as typed; only the key that matches rows to
// records forgets these differences.
func keyPart(p string) string {
	p = strings.TrimSuffix(p, "号")
	if !strings.ContainsAny(p, "([【〖﹝)]】〗﹞") && !leadingZero(p) {
		return p // most keys: 督〔2019〕15号, a name, a date
	}
	var b strings.Builder
	b.Grow(len(p))
	prevDigit := false
	for i, r := range p {
		switch r {
		case '(', '[', '【', '〔', '〖', '﹝':
			r = '〔'
		case ')', ']', '】', '〕', '〗', '﹞':
			r = '〕'
		case '0':
			// A zero that starts a run of digits and is not its last.
			if next := i + 1; !prevDigit && next < len(p) && p[next] >= '0' && p[next] <= '9' {
				continue
			}
		}
		prevDigit = r >= '0' && r <= '9'
		b.WriteRune(r)
	}
	return b.String()
}

// leadingZero reports whether a run of digits in p starts with a 0 that
// is not its only digit (03号).
func leadingZero(p string) bool {
	for i := 0; i+1 < len(p); i++ {
		if p[i] == '0' && (i == 0 || p[i-1] < '0' || p[i-1] > '9') && p[i+1] >= '0' && p[i+1] <= '9' {
			return true
		}
	}
	return false
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
