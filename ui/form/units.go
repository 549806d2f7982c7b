package form

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"taizhang/model"
)

// roleWord is the marker written after a unit so the text reads back with
// the same roles (model.ParseUnitCell understands them).
func roleWord(r model.Role, proposal bool) string {
	switch r {
	case model.RoleLead:
		if proposal {
			return "主办"
		}
		return "牵头"
	case model.RoleResponsible:
		return "责任"
	case model.RoleCooperating:
		return "配合"
	case model.RoleCo:
		return "会办"
	case model.RoleSplit:
		return "分办"
	}
	return ""
}

func unitsText(us []model.UnitRole, proposal bool) string {
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.Name
		if w := roleWord(u.Role, proposal); w != "" {
			parts[i] += "（" + w + "）"
		}
	}
	return strings.Join(parts, "、")
}

// unitsSpec edits a unit list with roles as one line of text, the way
// ledgers write it: "市发改委（牵头）、市财政局、市交通局（配合）".
// Aliases resolve to the dictionary's full names; unknown names are kept
// and flagged.
func (f *Form) unitsSpec(label string, ptr func(model.Record) *[]model.UnitRole, proposal bool) spec {
	rest := model.RoleResponsible
	if proposal {
		rest = model.RoleCo
	}
	return spec{label: label, in: inUnits,
		get: func(r model.Record) string { return unitsText(*ptr(r), proposal) },
		set: func(r model.Record, s string) (string, error) {
			us, unknown := f.units.ParseUnitCell(s, model.RoleLead, rest)
			*ptr(r) = us
			shown := unitsText(us, proposal)
			if len(unknown) > 0 {
				shown += "  " + lang.L("form.unknown_units", map[string]any{"Units": strings.Join(unknown, "、")})
			}
			return shown, nil
		}}
}

// unitCompletions offers dictionary names for the unit being typed (the
// text after the last separator), each as the whole line completed.
func (f *Form) unitCompletions(text string) []string {
	rs := []rune(text)
	cut := -1
	for i, r := range rs {
		if strings.ContainsRune("、，,；;\n ", r) {
			cut = i
		}
	}
	prefix, part := string(rs[:cut+1]), strings.TrimSpace(string(rs[cut+1:]))
	if part == "" {
		return nil
	}
	var out []string
	for _, u := range f.units.Units() {
		names := append([]string{u.Name}, u.Aliases...)
		for _, n := range names {
			if strings.Contains(n, part) && n != part {
				out = append(out, prefix+u.Name)
				break
			}
		}
		if len(out) >= 8 {
			break
		}
	}
	return out
}

// deadlineSpec edits 完成时限. A resolved deadline is a stored fact: while
// the text is what the record was opened (or last saved) with, its date
// stands, whatever today is; a changed text is read against the assigned
// date (else today) and the holiday calendar.
func (f *Form) deadlineSpec(label string) spec {
	return spec{label: label, in: inDeadline,
		get: func(r model.Record) string {
			d := r.(*model.Task).Deadline
			if d.Text != "" {
				return d.Text
			}
			return d.Due.String()
		},
		set: func(r model.Record, s string) (string, error) {
			t := r.(*model.Task)
			if strings.TrimSpace(s) == "" {
				t.Deadline = model.Deadline{}
				return "", nil
			}
			if b, ok := f.base.(*model.Task); ok && b.Deadline.Same(s) && (b.Deadline.Resolved() || t.AssignedOn.IsZero()) {
				t.Deadline = b.Deadline
				return deadlineShown(t.Deadline), nil
			}
			day := f.day()
			d, err := model.ResolveDeadline(s, model.DeadlineBasis{Assigned: t.AssignedOn, Ref: day.Today, Calendar: day.Cal})
			if err != nil {
				return "", err
			}
			t.Deadline = d
			return deadlineShown(d), nil
		}}
}

// deadlineShown says what a typed deadline was read as.
func deadlineShown(d model.Deadline) string {
	switch d.Type {
	case model.DeadlineOngoing:
		return lang.L("deadline.ongoing")
	case model.DeadlinePeriodic:
		return lang.L("deadline.periodic")
	case model.DeadlineWorkdays:
		if d.Due.IsZero() {
			return lang.L("deadline.workdays")
		}
	}
	return d.Due.String()
}
