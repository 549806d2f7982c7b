// Package history shows a record's change list: who changed which field
// when, from what to what, and the import file that brought the change.
package history

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

// Store reads history.
type Store interface {
	History(ctx context.Context, id string) ([]model.Change, error)
}

// Lines are the change list of the record id of kind k as shown, newest first.
func Lines(ctx context.Context, st Store, k model.Kind, id string) ([]string, error) {
	changes, err := st.History(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", id, err)
	}
	out := make([]string, 0, len(changes))
	for i := len(changes) - 1; i >= 0; i-- {
		out = append(out, Line(k, changes[i]))
	}
	return out, nil
}

// Line is one change of a record of kind k as a sentence, the field named
// and its values shown as on the form.
func Line(k model.Kind, c model.Change) string {
	when := c.At.Local().Format("2006-01-02 15:04")
	by := c.By
	if by == "" {
		by = lang.L("history.unknown")
	}
	var what string
	switch {
	case c.Field == "" && c.Old == "":
		what = lang.L("history.created")
	case c.Field == "":
		what = lang.L("history.deleted")
	default:
		label, vals := form.Describe(k, c.Field, c.Old, c.New)
		what = lang.L("history.changed", map[string]any{"Field": label, "Old": vals[0], "New": vals[1]})
	}
	line := fmt.Sprintf("%s  %s  %s", when, by, what)
	if c.ImportFile != "" {
		line += "  " + lang.L("history.import", map[string]any{"File": c.ImportFile})
	}
	return line
}

// Content is the change list of a record, for a window or dialog.
func Content(ctx context.Context, st Store, r model.Record) fyne.CanvasObject {
	lines, err := Lines(ctx, st, r.RecordMeta().Kind, r.RecordMeta().ID)
	if err != nil {
		return widget.NewLabel(common.ErrorText(err))
	}
	if len(lines) == 0 {
		return widget.NewLabel(lang.L("history.empty"))
	}
	// a box, not a list: a list's rows share one height, so a wrapped
	// line ran into the next; a record's history is short
	box := container.NewVBox()
	for _, line := range lines {
		box.Add(common.NewParagraph(line))
		box.Add(widget.NewSeparator())
	}
	list := container.NewVScroll(box)
	return container.NewBorder(widget.NewLabelWithStyle(lang.L("history.title", map[string]any{"Key": model.KeyLabel(r)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, list)
}
