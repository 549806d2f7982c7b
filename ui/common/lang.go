// Package common holds what several screens share: labels for kinds,
// enums and lights, the light dot, and the day's rules.
package common

import (
	"fyne.io/fyne/v2/lang"

	"taizhang/model"
	"taizhang/storage"
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

// EnumLabel shows an enum value in the UI's language: the ledger's Chinese
// word, or the option's English label.
func EnumLabel[T ~string](e model.Enum[T], v T) string {
	if v == "" {
		return ""
	}
	return e.Label(v, LangCode())
}

// EnumLabels lists every value's label, in order, for a select.
func EnumLabels[T ~string](e model.Enum[T]) []string {
	out := make([]string, len(e.Options))
	for i, o := range e.Options {
		out[i] = EnumLabel(e, o.Value)
	}
	return out
}

// EnumParse maps a label shown by EnumLabel back to its value.
func EnumParse[T ~string](e model.Enum[T], label string) (T, bool) {
	for _, o := range e.Options {
		if label != "" && EnumLabel(e, o.Value) == label {
			return o.Value, true
		}
	}
	return e.Parse(label)
}

// StatusValue maps a status label of r's kind, as EnumLabel shows it, back
// to its value ("" for a kind without a lifecycle or a label it has not).
func StatusValue(r model.Record, label string) string {
	l, ok := model.LifecycleOf(r)
	if !ok {
		return ""
	}
	v, _ := EnumParse(l.Statuses, label)
	return v
}

// ErrorText is an error in the user's language: SQLite's and the
// system's errors explained (storage.Explain), never shown raw.
func ErrorText(err error) string { return model.Localize(storage.Explain(err), LangCode()) }

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

// WithTyped shows a value's label with the word a ledger typed beside it
// (kept when no rule knew it): 办理中（原文：暂缓）; the word alone when the
// field holds no value, the label alone when nothing was kept.
func WithTyped(label, typed string) string {
	switch {
	case typed == "":
		return label
	case label == "":
		return typed
	}
	return lang.L("enum.with_typed", map[string]any{"Label": label, "Word": typed})
}
