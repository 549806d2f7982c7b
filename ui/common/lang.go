// Package common holds what several screens share: labels for kinds,
// enums and lights, the light dot, and the day's rules.
package common

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"taizhang/model"
)

// English reports whether the UI currently speaks English (the catalogue
// names its own language under "lang.code").
func English() bool { return lang.L("lang.code") == "en" }

// LangCode is "zh" or "en", for model errors' Reason.
func LangCode() string {
	if English() {
		return "en"
	}
	return "zh"
}

// EnumLabel shows an enum value: the ledger's Chinese word in Chinese, the
// value spelled out in English ("in_progress" → "in progress").
func EnumLabel[T ~string](e model.Enum[T], v T) string {
	if v == "" {
		return ""
	}
	if English() {
		return strings.ReplaceAll(string(v), "_", " ")
	}
	return e.Zh(v)
}

// EnumLabels lists every value's label, in order, for a select.
func EnumLabels[T ~string](e model.Enum[T]) []string {
	out := make([]string, len(e))
	for i, o := range e {
		out[i] = EnumLabel(e, o.Value)
	}
	return out
}

// EnumParse maps a label shown by EnumLabel back to its value.
func EnumParse[T ~string](e model.Enum[T], label string) (T, bool) {
	for _, o := range e {
		if label != "" && EnumLabel(e, o.Value) == label {
			return o.Value, true
		}
	}
	return e.Parse(label)
}

// KindTitle is the name of a record kind as navigation and titles show it.
func KindTitle(k model.Kind) string {
	switch k {
	case model.KindTask:
		return lang.L("kind.tasks")
	case model.KindMeeting:
		return lang.L("kind.meetings")
	case model.KindProposal:
		return lang.L("kind.proposals")
	case model.KindVillage:
		return lang.L("kind.villages")
	case model.KindFund:
		return lang.L("kind.funds")
	case model.KindProject:
		return lang.L("kind.projects")
	case model.KindPoint:
		return lang.L("kind.points")
	case model.KindVisit:
		return lang.L("kind.visits")
	case model.KindProblem:
		return lang.L("kind.problems")
	case model.KindUnit:
		return lang.L("kind.units")
	case model.KindHoliday:
		return lang.L("kind.holidays")
	}
	return string(k)
}

// LightLabel names an alert light.
func LightLabel(l model.Light) string {
	switch l {
	case model.LightRed:
		return lang.L("light.red")
	case model.LightYellow:
		return lang.L("light.yellow")
	case model.LightGreen:
		return lang.L("light.green")
	}
	return lang.L("light.none")
}

// MeetingKinds are the stored meeting kinds, in the order offered.
var MeetingKinds = []string{"executive", "special", "other"}

// MeetingKindLabel names a meeting kind; an unknown one shows as stored.
func MeetingKindLabel(k string) string {
	switch k {
	case "executive":
		return lang.L("meeting.executive")
	case "special":
		return lang.L("meeting.special")
	case "other":
		return lang.L("meeting.other")
	}
	return k
}
