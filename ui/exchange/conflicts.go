package exchange

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/storage"
	"taizhang/ui/common"
)

// ConflictList shows the pending conflicts: both values side by side, and
// a button to keep either.
type ConflictList struct {
	st       Conflicts
	run      *common.Runner
	operator func() string
	items    []storage.Conflict
	list     *widget.List
	message  *widget.Label
	content  fyne.CanvasObject
}

func NewConflicts(st Conflicts, run *common.Runner, operator func() string) *ConflictList {
	s := &ConflictList{st: st, run: run, operator: operator, message: widget.NewLabel("")}
	s.list = widget.NewList(func() int { return len(s.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return container.NewBorder(nil, nil, nil,
				container.NewHBox(widget.NewButton(lang.L("conflict.keep_local"), nil), widget.NewButton(lang.L("conflict.keep_incoming"), nil)), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.items[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s %s · %s\n%s：%s\n%s：%s",
				common.KindTitle(c.Kind), c.Number, c.Field, lang.L("conflict.local"), c.Local, lang.L("conflict.incoming"), c.Incoming))
			btns := box.Objects[1].(*fyne.Container).Objects
			btns[0].(*widget.Button).OnTapped = func() { s.Resolve(c.ID, "local") }
			btns[1].(*widget.Button).OnTapped = func() { s.Resolve(c.ID, "incoming") }
		})
	s.content = container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("nav.conflicts"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.message),
		nil, nil, nil, s.list)
	s.Reload()
	return s
}

func (s *ConflictList) Content() fyne.CanvasObject { return s.content }

// Count is the number of pending conflicts shown.
func (s *ConflictList) Count() int { return len(s.items) }

func (s *ConflictList) Reload() {
	s.run.Go(func() func() {
		items, err := s.st.Conflicts(context.Background(), true)
		return func() {
			if err != nil {
				s.message.SetText(err.Error())
				return
			}
			s.items = items
			s.message.SetText(lang.L("conflict.count", map[string]any{"Count": len(items)}))
			s.list.Refresh()
		}
	})
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
		}
	})
}
