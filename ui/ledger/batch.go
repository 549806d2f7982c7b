package ledger

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

func (s *Screen) batchButtons() []fyne.CanvasObject {
	if !hasLight(s.kind) {
		return nil
	}
	out := []fyne.CanvasObject{
		widget.NewButton(lang.L("batch.assign"), s.askAssign),
		widget.NewButton(lang.L("batch.status"), s.askStatus),
	}
	if s.kind == model.KindTask {
		out = append(out, widget.NewButton(lang.L("batch.remind"), s.askRemind))
	}
	return out
}

// BatchResult says how a batch action went.
type BatchResult struct {
	Changed int
	Refused []string // "number: reason"
}

func (b BatchResult) text() string {
	t := lang.L("batch.done", map[string]any{"Count": b.Changed})
	if len(b.Refused) > 0 {
		t += "\n" + lang.L("batch.refused", map[string]any{"Count": len(b.Refused)}) + "\n" + strings.Join(b.Refused, "\n")
	}
	return t
}

// each applies change to every selected record and saves those it changed.
func (s *Screen) each(change func(r model.Record) error, done func(BatchResult)) {
	ids := make([]string, 0, len(s.selected))
	for id := range s.selected {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	by := ""
	if s.deps.Operator != nil {
		by = s.deps.Operator()
	}
	s.deps.Run.Go(func() func() {
		ctx := context.Background()
		var res BatchResult
		for _, id := range ids {
			r, err := s.deps.Store.Get(ctx, id)
			if err == nil {
				if err = change(r); err == nil {
					err = s.deps.Store.Save(ctx, r, by)
				}
			}
			if err != nil {
				res.Refused = append(res.Refused, fmt.Sprintf("%s: %s", model.KeyLabel(r), common.ErrorText(err)))
				continue
			}
			res.Changed++
		}
		return func() {
			s.selected = map[string]bool{}
			s.Reload()
			if done != nil {
				done(res)
			}
		}
	})
}

func (s *Screen) report(res BatchResult) {
	dialog.ShowInformation(lang.L("batch.title"), res.text(), s.deps.Window)
}

func (s *Screen) needSelection() bool {
	if len(s.selected) == 0 {
		dialog.ShowInformation(lang.L("batch.title"), lang.L("batch.none"), s.deps.Window)
		return false
	}
	return true
}

func (s *Screen) askAssign() {
	if !s.needSelection() {
		return
	}
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.L("field.unit"))
	dialog.ShowForm(lang.L("batch.assign"), lang.L("action.ok"), lang.L("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("field.unit"), e)}, func(ok bool) {
			if ok && strings.TrimSpace(e.Text) != "" {
				s.AssignUnit(e.Text, s.report)
			}
		}, s.deps.Window)
}

// AssignUnit adds unit to every selected record: as lead when it has no
// unit yet, else as a responsible (tasks) or co-handling (proposals) unit.
func (s *Screen) AssignUnit(unit string, done func(BatchResult)) {
	unit = strings.TrimSpace(unit)
	add := func(units []model.UnitRole, other model.Role) []model.UnitRole {
		for _, u := range units {
			if u.Name == unit {
				return units
			}
		}
		role := other
		if len(units) == 0 {
			role = model.RoleLead
		}
		return append(units, model.UnitRole{Name: unit, Role: role})
	}
	s.each(func(r model.Record) error {
		switch v := r.(type) {
		case *model.Task:
			v.Units = add(v.Units, model.RoleResponsible)
		case *model.Proposal:
			v.Units = add(v.Units, model.RoleCo)
		}
		r.Normalize()
		return nil
	}, done)
}

// askRemind asks how to remind (method, level, a note) before anything is
// recorded: a reminder goes on the items' record and is sent out.
func (s *Screen) askRemind() {
	if !s.needSelection() {
		return
	}
	methods := common.EnumLabels(model.ReminderMethods)
	method := common.NewSelect(methods, nil)
	method.SetSelected(methods[1])
	levels := []string{lang.L("reminder.level_auto")}
	for n := 1; n <= 3; n++ {
		levels = append(levels, lang.L("reminder.level_n", map[string]any{"Level": n}))
	}
	level := common.NewSelect(levels, nil)
	level.SetSelected(levels[0])
	note := common.NewEntry(false)
	what := widget.NewLabel(lang.L("batch.remind_what", map[string]any{"Count": len(s.selected), "Date": s.day().Today.String()}))
	what.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(lang.L("batch.remind"), lang.L("batch.remind_ok"), lang.L("action.cancel"), []*widget.FormItem{
		widget.NewFormItem("", what),
		widget.NewFormItem(lang.L("reminder.method"), method),
		widget.NewFormItem(lang.L("reminder.level_label"), level),
		widget.NewFormItem(lang.L("reminder.note"), note),
	}, func(ok bool) {
		if !ok {
			return
		}
		m, _ := common.EnumParse(model.ReminderMethods, method.Selected)
		lv := 0
		for i, l := range levels {
			if l == level.Selected {
				lv = i // 0: each item's next level
			}
		}
		s.Remind(m, lv, note.Text, s.report)
	}, s.deps.Window)
	d.Resize(fyne.NewSize(460, 320))
	d.Show()
}

// Remind records a reminder (催办) dated today on every selected task, by
// method ("phone", "notice", "coloured") at level; level 0 takes each
// item's next level (one above its last reminder).
func (s *Screen) Remind(method model.ReminderMethod, level int, note string, done func(BatchResult)) {
	today := s.day().Today
	s.each(func(r model.Record) error {
		t, ok := r.(*model.Task)
		if !ok {
			return nil
		}
		lv := level
		if lv == 0 {
			lv = 1
			for _, old := range t.Reminders {
				lv = max(lv, old.Level+1)
			}
		}
		t.Reminders = append(t.Reminders, model.Reminder{
			ID: fmt.Sprintf("rm-%s-%d", today, len(t.Reminders)+1), On: today, Method: method, Level: lv, Note: strings.TrimSpace(note),
		})
		return nil
	}, done)
}

func (s *Screen) askStatus() {
	if !s.needSelection() {
		return
	}
	var labels []string
	if s.kind == model.KindTask {
		labels = common.EnumLabels(model.TaskStatuses)
	} else {
		labels = common.EnumLabels(model.ProposalStatuses)
	}
	to := common.NewSelect(labels, nil)
	if s.kind == model.KindTask {
		to.SetSelected(common.EnumLabel(model.TaskStatuses, model.TaskClosed))
	}
	reason := widget.NewEntry()
	dialog.ShowForm(lang.L("batch.status"), lang.L("action.ok"), lang.L("action.cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("field.status"), to),
		widget.NewFormItem(lang.L("field.reason"), reason),
	}, func(ok bool) {
		if ok && to.Selected != "" {
			s.ChangeStatus(to.Selected, reason.Text, s.report)
		}
	}, s.deps.Window)
}

// ChangeStatus moves every selected record to the status labelled label,
// along the lifecycle: records for which the model refuses the change are
// left alone and reported with the reason.
func (s *Screen) ChangeStatus(label, reason string, done func(BatchResult)) {
	today := s.day().Today
	s.each(func(r model.Record) error {
		return model.ChangeStatus(r, common.StatusValue(r, label), reason, today)
	}, done)
}
