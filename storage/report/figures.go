package report

import (
	"strconv"
	"strings"

	"taizhang/model"
)

// Figure is one number of a Summary with its JSON path (as `report
// summary --json` prints it), its name in the user's language and its
// value written for reading. The cover sheet, `report summary` and the
// GUI's statistics list the same figures from here.
type Figure struct {
	Path  string // "tasks.done"
	Group string // 督办事项 / Supervised items
	Label string // 已办结（项） / Done
	Value any    // int, *float64 (a rate, nil when its denominator is 0) or model.Fen
	Text  string // "180", "81.1%", "115" (万元), "无（分母为0）"
}

// Figures lists every figure of the summary (model.Figures: the order of
// docs/CLI.md, by_source, by_class and funds_by_source spelled out; the
// by_unit table is a sheet of its own) in the user's language.
func Figures(s model.Summary, lang string) []Figure {
	figs := model.Figures(s)
	out := make([]Figure, len(figs))
	for i, f := range figs {
		val := f.Value(s)
		out[i] = Figure{Path: f.Path, Group: model.FigureGroup(f.Path).In(lang), Label: f.Label.In(lang),
			Value: val, Text: formatValue(val, lang)}
	}
	return out
}

// formatValue writes a figure for reading; a nil rate says why it has none.
func formatValue(v any, lang string) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case *float64:
		if x == nil {
			return pick(lang, "无（分母为0）", "n/a (nothing to count)")
		}
		return model.Percent(x)
	case model.Fen: // in 万元, as the label says
		s := strconv.FormatFloat(x.Wan(), 'f', 2, 64)
		return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return ""
}

// FigureLabel is the name of the figure at path, "" when unknown.
func FigureLabel(s model.Summary, path, lang string) string {
	for _, f := range Figures(s, lang) {
		if f.Path == path {
			return f.Label
		}
	}
	return ""
}

func pick(lang, zh, en string) string { return model.T(zh, en).In(lang) }
