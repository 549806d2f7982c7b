package form

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"taizhang/model"
	"taizhang/ui/common"
)

// Describe shows stored field values the way the form shows them: the
// field's label (as on the form) and each value as text ("2026-12-31",
// "市住建局（牵头）", "1,150.00 元", "办理中"), not as JSON. Conflicts and
// stale-save dialogs use it. field is the JSON name; each value is that
// field's JSON text.
//
// The form's field for a JSON name is found by putting the value into a
// blank record and seeing which field's text changes: so the labels and
// renderings can never drift from the form's.
func Describe(k model.Kind, field string, values ...string) (label string, texts []string) {
	f := &Form{kind: k, units: model.NewUnitDict(nil)}
	blank := model.New(k)
	withs := make([]model.Record, len(values))
	for i, v := range values {
		withs[i] = withField(k, field, v)
	}
	var found *spec
	specs := f.specs()
	for i := range specs {
		sp := &specs[i]
		for _, w := range withs {
			if w != nil && sp.get(w) != sp.get(blank) {
				found = sp
			}
		}
		if found != nil {
			break
		}
	}
	texts = make([]string, len(values))
	if found == nil {
		for i, v := range values {
			texts[i] = plainValue(k, field, v)
		}
		key := "field." + field // fields not on the form may still have a label
		return lang.X(key, field), texts
	}
	for i, w := range withs {
		switch {
		case w == nil:
			texts[i] = plainValue(k, field, values[i])
		case found.in == inCheck:
			texts[i] = yesNo(found.get(w) == "1")
		default:
			texts[i] = found.get(w)
		}
		if texts[i] == "" {
			texts[i] = "—"
		}
	}
	return found.label, texts
}

// withField is a blank record of kind k with one field set from JSON; nil
// when the value does not fit the field.
func withField(k model.Kind, field, value string) model.Record {
	if !json.Valid([]byte(value)) {
		return nil
	}
	r := model.New(k)
	body := fmt.Sprintf("{%q:%s}", field, value)
	if err := json.Unmarshal([]byte(body), r); err != nil {
		return nil
	}
	return r
}

func yesNo(b bool) string {
	if b {
		return lang.L("value.yes")
	}
	return lang.L("value.no")
}

// plainValue shows a value of a field that is not on the form (status,
// lists of reports) readably.
func plainValue(k model.Kind, field, value string) string {
	if field == "status" && k.HasLifecycle() {
		var s string
		if json.Unmarshal([]byte(value), &s) == nil {
			return common.EnumLabel(k.Statuses(), s)
		}
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		return value
	}
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if x == "" {
			return "—"
		}
		return x
	case bool:
		return yesNo(x)
	case []any:
		if len(x) == 0 {
			return "—"
		}
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		if len(parts) == len(x) {
			return strings.Join(parts, "、")
		}
		return lang.L("value.entries", map[string]any{"Count": len(x)})
	}
	s := strings.TrimSpace(value)
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
