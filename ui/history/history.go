// Package history shows a record's change list: who changed which field
// when, from what to what, and the import file that brought the change.
package history

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Store reads history.
type Store interface {
	History(ctx context.Context, id string) ([]model.Change, error)
}

// Lines are the change list as shown, newest first.
func Lines(ctx context.Context, st Store, id string) ([]string, error) {
	changes, err := st.History(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", id, err)
	}
	out := make([]string, 0, len(changes))
	for i := len(changes) - 1; i >= 0; i-- {
		out = append(out, Line(changes[i]))
	}
	return out, nil
}

// Line is one change as a sentence.
func Line(c model.Change) string {
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
		what = lang.L("history.changed", map[string]any{"Field": c.Field, "Old": value(c.Old), "New": value(c.New)})
	}
	line := fmt.Sprintf("%s  %s  %s", when, by, what)
	if c.ImportFile != "" {
		line += "  " + lang.L("history.import", map[string]any{"File": c.ImportFile})
	}
	return line
}

// value shows a JSON text plainly: strings without quotes, null as "—".
func value(j string) string {
	if j == "" || j == "null" || j == `""` {
		return "—"
	}
	var s string
	if json.Unmarshal([]byte(j), &s) == nil {
		return s
	}
	if len(j) > 80 {
		return j[:80] + "…"
	}
	return strings.TrimSpace(j)
}

// Content is the change list of a record, for a window or dialog.
func Content(ctx context.Context, st Store, r model.Record) fyne.CanvasObject {
	lines, err := Lines(ctx, st, r.RecordMeta().ID)
	if err != nil {
		return widget.NewLabel(err.Error())
	}
	if len(lines) == 0 {
		return widget.NewLabel(lang.L("history.empty"))
	}
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Wrapping = common.Wrap(); return l },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	return container.NewBorder(widget.NewLabelWithStyle(lang.L("history.title", map[string]any{"Key": model.NaturalKey(r)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, list)
}
