package common

import (
	"unicode/utf8"

	"taizhang/model"
)

// ShortUnits maps full unit names to their shortest 简称 in the
// dictionary, for narrow columns (the full name stays in the tooltip).
type ShortUnits map[string]string

// NewShortUnits indexes d (nil: an empty map, names stay as they are).
func NewShortUnits(d *model.UnitDict) ShortUnits {
	out := ShortUnits{}
	for _, u := range d.Units() {
		best := ""
		for _, a := range u.Aliases {
			if a != "" && utf8.RuneCountInString(a) < utf8.RuneCountInString(u.Name) &&
				(best == "" || utf8.RuneCountInString(a) < utf8.RuneCountInString(best)) {
				best = a
			}
		}
		if best != "" {
			out[u.Name] = best
		}
	}
	return out
}

// Of is the 简称 of name, or name when it has none.
func (s ShortUnits) Of(name string) string {
	if short, ok := s[name]; ok {
		return short
	}
	return name
}
