package exchange

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/storage"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

// ConflictList shows the pending conflicts, one card each: the record,
// the field as the form labels it, this computer's value and the imported
// one side by side, and a button to keep either.
type ConflictList struct {
	st       Conflicts
	run      *common.Runner
	operator func() string
	changed  func() // after a resolution: the screens showing records reload
	items    []storage.Conflict
	cards    *fyne.Container
	message  *widget.Label
	content  fyne.CanvasObject
}

// NewConflicts builds the list; changed (may be nil) is called after each
// resolution, which changes a record.
func NewConflicts(st Conflicts, run *common.Runner, operator func() string, changed func()) *ConflictList {
	s := &ConflictList{st: st, run: run, operator: operator, changed: changed, message: widget.NewLabel(""), cards: container.NewVBox()}
	s.message.Wrapping = common.Wrap()
	s.content = container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("nav.conflicts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.message),
		nil, nil, nil, container.NewVScroll(s.cards))
	s.Reload()
	return s
}

func (s *ConflictList) Content() fyne.CanvasObject { return s.content }

// Count is the number of pending conflicts shown.
func (s *ConflictList) Count() int { return len(s.items) }

// Message is the line above the cards (the count, or an error).
func (s *ConflictList) Message() string { return s.message.Text }

func (s *ConflictList) Reload() {
	s.run.Go(func() func() {
		items, err := s.st.Conflicts(context.Background(), true)
		return func() {
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.items = items
			s.message.SetText(lang.L("conflict.count", map[string]any{"Count": len(items)}))
			cards := make([]fyne.CanvasObject, 0, len(items))
			for _, c := range items {
				cards = append(cards, s.card(c))
			}
			s.cards.Objects = cards
			s.cards.Refresh()
		}
	})
}

// card is one conflict: what, then both values side by side.
func (s *ConflictList) card(c storage.Conflict) fyne.CanvasObject {
	label, vals := form.Describe(c.Kind, c.Field, c.Local, c.Incoming)
	side := func(title, value, button, keep string) fyne.CanvasObject {
		v := widget.NewLabel(value)
		v.Wrapping = common.Wrap()
		b := widget.NewButton(button, func() { s.Resolve(c.ID, keep) })
		return container.NewBorder(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewHBox(b), nil, nil, v)
	}
	head := widget.NewLabelWithStyle(lang.L("conflict.head", map[string]any{
		"Kind": common.KindTitle(c.Kind), "Number": c.Number, "Field": label}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var from []string
	if c.File != "" {
		from = append(from, lang.L("conflict.from_file", map[string]any{"File": c.File}))
	}
	if c.Unit != "" {
		from = append(from, lang.L("conflict.from_unit", map[string]any{"Unit": c.Unit}))
	}
	origin := widget.NewLabel(strings.Join(from, "　"))
	origin.Wrapping = common.Wrap()
	return container.NewVBox(head, origin, container.NewGridWithColumns(2,
		side(lang.L("conflict.local"), vals[0], lang.L("conflict.keep_local"), "local"),
		side(lang.L("conflict.incoming"), vals[1], lang.L("conflict.keep_incoming"), "incoming")),
		widget.NewSeparator())
}

// Resolve keeps one side ("local" or "incoming") of a conflict.
func (s *ConflictList) Resolve(id, keep string) {
	s.run.Go(func() func() {
		err := s.st.ResolveConflict(context.Background(), id, keep, s.operator())
		return func() {
			if err != nil {
				s.message.SetText(common.ErrorText(err))
				return
			}
			s.Reload()
			if s.changed != nil {
				s.changed()
			}
		}
	})
}
