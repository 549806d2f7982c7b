package form

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// input is how a field is edited.
type input int

const (
	inText input = iota
	inMultiline
	inDate
	inDeadline
	inSelect
	inCheck
	inNumber
	inMoney
	inUnits
)

// spec describes one field of a kind's form. get shows the record's value
// as text; set parses text into the record and returns what the parsed
// value normalises to (shown beside the entry), or an error.
type spec struct {
	label    string
	in       input
	options  []string // for inSelect
	required bool
	get      func(r model.Record) string
	set      func(r model.Record, text string) (shown string, err error)
}

// field is a spec bound to its widgets.
type field struct {
	spec
	entry *widget.Entry
	sel   *widget.Select
	check *widget.Check
	note  *widget.Label
	obj   fyne.CanvasObject
	err   error
}

func (f *Form) bind(sp spec) *field {
	fd := &field{spec: sp, note: widget.NewLabel("")}
	fd.note.Importance = widget.LowImportance
	onChange := func(text string) {
		fd.apply(f.rec, text)
		f.changed()
	}
	switch sp.in {
	case inSelect:
		opts, cur := sp.options, sp.get(f.rec)
		if cur != "" && !slices.Contains(opts, cur) {
			// a word a ledger brought (产业项目) stays what it is until changed
			opts = append(slices.Clone(opts), cur)
		}
		fd.sel = widget.NewSelect(opts, nil)
		fd.sel.SetSelected(cur)
		fd.sel.OnChanged = onChange
		fd.obj = fd.sel
	case inCheck:
		fd.check = widget.NewCheck("", nil)
		fd.check.SetChecked(sp.get(f.rec) == "1")
		fd.check.OnChanged = func(on bool) {
			v := ""
			if on {
				v = "1"
			}
			onChange(v)
		}
		fd.obj = fd.check
	default:
		if sp.in == inUnits {
			se := widget.NewSelectEntry(nil)
			fd.entry = &se.Entry
			se.OnChanged = func(text string) {
				se.SetOptions(f.unitCompletions(text))
				onChange(text)
			}
			fd.obj = se
		} else {
			if sp.in == inMultiline {
				fd.entry = widget.NewMultiLineEntry()
				fd.entry.Wrapping = common.Wrap()
				fd.entry.SetMinRowsVisible(3)
			} else {
				fd.entry = widget.NewEntry()
			}
			fd.entry.OnChanged = onChange
			fd.obj = fd.entry
		}
		fd.entry.SetText(sp.get(f.rec))
	}
	fd.apply(f.rec, fd.text())
	// the normalised value or the error sits beside the entry, so people
	// see what "6月底" or "115万" was read as while they type
	fd.obj = container.NewBorder(nil, nil, nil, fd.note, fd.obj)
	return fd
}

func (fd *field) text() string {
	switch {
	case fd.sel != nil:
		return fd.sel.Selected
	case fd.check != nil:
		if fd.check.Checked {
			return "1"
		}
		return ""
	}
	return fd.entry.Text
}

// apply parses text into r and shows the outcome in the note.
func (fd *field) apply(r model.Record, text string) {
	fd.err = nil
	if fd.required && strings.TrimSpace(text) == "" {
		fd.err = fmt.Errorf("%s", lang.L("form.required"))
		fd.note.SetText("✗ " + lang.L("form.required"))
		fd.note.Importance = widget.DangerImportance
		fd.note.Refresh()
		if fd.set != nil {
			_, _ = fd.set(r, text)
		}
		return
	}
	shown, err := fd.set(r, text)
	switch {
	case err != nil:
		fd.err = err
		fd.note.SetText("✗ " + common.ErrorText(err))
		fd.note.Importance = widget.DangerImportance
	case shown != "" && shown != strings.TrimSpace(text):
		fd.note.SetText("→ " + shown)
		fd.note.Importance = widget.SuccessImportance
	default:
		fd.note.SetText("")
		fd.note.Importance = widget.LowImportance
	}
	fd.note.Refresh()
}

// Spec helpers for the common field shapes.

func text[T model.Record](label string, ptr func(T) *string) spec {
	return spec{label: label, in: inText,
		get: func(r model.Record) string { return *ptr(r.(T)) },
		set: func(r model.Record, s string) (string, error) { *ptr(r.(T)) = strings.TrimSpace(s); return "", nil }}
}

func multiline[T model.Record](label string, ptr func(T) *string) spec {
	sp := text(label, ptr)
	sp.in = inMultiline
	return sp
}

func required(sp spec) spec { sp.required = true; return sp }

func date[T model.Record](label string, today func() model.Date, ptr func(T) *model.Date) spec {
	return spec{label: label, in: inDate,
		get: func(r model.Record) string { return ptr(r.(T)).String() },
		set: func(r model.Record, s string) (string, error) {
			d, err := model.ParseDate(s, today())
			if err != nil {
				return "", err
			}
			*ptr(r.(T)) = d
			return d.String(), nil
		}}
}

func number[T model.Record](label string, ptr func(T) *int) spec {
	return spec{label: label, in: inNumber,
		get: func(r model.Record) string {
			if v := *ptr(r.(T)); v != 0 {
				return fmt.Sprint(v)
			}
			return ""
		},
		set: func(r model.Record, s string) (string, error) {
			if strings.TrimSpace(s) == "" {
				*ptr(r.(T)) = 0
				return "", nil
			}
			n, err := model.ParseInt(s)
			if err != nil {
				return "", err
			}
			*ptr(r.(T)) = n
			return fmt.Sprint(n), nil
		}}
}

func percent[T model.Record](label string, ptr func(T) *int) spec {
	sp := number(label, ptr)
	sp.set = func(r model.Record, s string) (string, error) {
		if strings.TrimSpace(s) == "" {
			*ptr(r.(T)) = 0
			return "", nil
		}
		n, err := model.ParsePercent(s)
		if err != nil {
			return "", err
		}
		*ptr(r.(T)) = n
		return fmt.Sprintf("%d%%", n), nil
	}
	return sp
}

func money[T model.Record](label string, ptr func(T) *model.Fen) spec {
	return spec{label: label, in: inMoney,
		get: func(r model.Record) string {
			if v := *ptr(r.(T)); v != 0 {
				return v.Yuan()
			}
			return ""
		},
		set: func(r model.Record, s string) (string, error) {
			if strings.TrimSpace(s) == "" {
				*ptr(r.(T)) = 0
				return "", nil
			}
			v, err := model.ParseMoney(s)
			if err != nil {
				return "", err
			}
			*ptr(r.(T)) = v
			return lang.L("form.yuan", map[string]any{"Amount": v.Yuan()}), nil
		}}
}

func check[T model.Record](label string, ptr func(T) *bool) spec {
	return spec{label: label, in: inCheck,
		get: func(r model.Record) string {
			if *ptr(r.(T)) {
				return "1"
			}
			return ""
		},
		set: func(r model.Record, s string) (string, error) { *ptr(r.(T)) = s == "1"; return "", nil }}
}

func enum[T model.Record, V ~string](label string, e model.Enum[V], ptr func(T) *V) spec {
	return spec{label: label, in: inSelect, options: common.EnumLabels(e),
		get: func(r model.Record) string { return common.EnumLabel(e, *ptr(r.(T))) },
		set: func(r model.Record, s string) (string, error) {
			if s == "" {
				*ptr(r.(T)) = ""
				return "", nil
			}
			v, ok := common.EnumParse(e, s)
			if !ok {
				return "", fmt.Errorf("%s", lang.L("form.bad_choice"))
			}
			*ptr(r.(T)) = v
			return "", nil
		}}
}

// enumKept is an enum field with a *_text companion that holds a word a
// ledger typed and no rule knew: the word is shown beside the choice until
// someone picks a value, which then replaces it.
func enumKept[T model.Record, V ~string](label string, e model.Enum[V], ptr func(T) *V, typed func(T) *string) spec {
	return spec{label: label, in: inSelect, options: common.EnumLabels(e),
		get: func(r model.Record) string { return common.EnumLabel(e, *ptr(r.(T))) },
		set: func(r model.Record, s string) (string, error) {
			rec := r.(T)
			v, ok := common.EnumParse(e, s)
			if s != "" && !ok {
				return "", fmt.Errorf("%s", lang.L("form.bad_choice"))
			}
			if v != *ptr(rec) {
				*ptr(rec), *typed(rec) = v, ""
			}
			if t := *typed(rec); t != "" {
				return lang.X("form.typed_as", "As typed in the ledger: {{.Word}}", map[string]any{"Word": t}), nil
			}
			return "", nil
		}}
}

func choice[T model.Record](label string, options []string, ptr func(T) *string) spec {
	return spec{label: label, in: inSelect, options: options,
		get: func(r model.Record) string { return *ptr(r.(T)) },
		set: func(r model.Record, s string) (string, error) { *ptr(r.(T)) = s; return "", nil }}
}
