package form

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// taskLists shows and extends a task's progress reports, extensions and
// reminders (each tab a list with an add button).
type taskLists struct {
	f                              *Form
	reports, extensions, reminders *fyne.Container
}

func newTaskLists(f *Form) *taskLists {
	l := &taskLists{f: f,
		reports: container.NewVBox(), extensions: container.NewVBox(), reminders: container.NewVBox()}
	l.refresh()
	return l
}

func (l *taskLists) task() *model.Task { return l.f.rec.(*model.Task) }

func (l *taskLists) refresh() {
	t := l.task()
	fill := func(c *fyne.Container, add func(), lines []string, remove func(i int), review func(i int)) {
		c.RemoveAll()
		c.Add(widget.NewButton(lang.L("action.add"), add))
		if len(lines) == 0 {
			c.Add(widget.NewLabel(lang.L("list.empty")))
		}
		for i, line := range lines {
			lbl := widget.NewLabel(line)
			lbl.Wrapping = common.Wrap()
			buttons := container.NewHBox(widget.NewButton(lang.L("action.remove"), func() { remove(i) }))
			if review != nil {
				buttons.Objects = append([]fyne.CanvasObject{widget.NewButton(lang.L("report.review"), func() { review(i) })}, buttons.Objects...)
			}
			c.Add(container.NewBorder(nil, nil, nil, buttons, lbl))
		}
		c.Refresh()
	}
	var reps, exts, rems []string
	for _, r := range t.Reports {
		line := fmt.Sprintf("%s %s %s %d%% %s｜%s", r.Period, r.ReportedOn, r.Unit, r.Percent,
			common.EnumLabel(model.ReportClasses, r.Class), r.Done)
		switch r.Review {
		case model.ReviewAccepted:
			line += "｜" + lang.L("report.accepted")
		case model.ReviewReturned:
			line += "｜" + lang.L("report.returned") + "：" + r.ReviewNote
		}
		reps = append(reps, line)
	}
	for _, e := range t.Extensions {
		exts = append(exts, fmt.Sprintf("%s %s → %s %s｜%s", e.RequestedOn, e.OldDeadline, e.NewDeadline, extState(e.State), e.Reason))
	}
	for _, r := range t.Reminders {
		rems = append(rems, fmt.Sprintf("%s %s %s｜%s", r.On, r.Method, lang.L("reminder.level", map[string]any{"Level": r.Level}), r.Note))
	}
	fill(l.reports, l.addReport, reps, func(i int) { t.Reports = append(t.Reports[:i], t.Reports[i+1:]...); l.changed() }, l.review)
	fill(l.extensions, l.addExtension, exts, func(i int) { t.Extensions = append(t.Extensions[:i], t.Extensions[i+1:]...); l.changed() }, nil)
	fill(l.reminders, l.addReminder, rems, func(i int) { t.Reminders = append(t.Reminders[:i], t.Reminders[i+1:]...); l.changed() }, nil)
}

// review asks for the supervisor's verdict on report i: 通过, or 退回 with
// a reason (model.ReviewReport); saved with the form.
func (l *taskLists) review(i int) {
	verdict := widget.NewRadioGroup([]string{lang.L("report.accepted"), lang.L("report.returned")}, nil)
	verdict.Horizontal = true
	verdict.SetSelected(lang.L("report.accepted"))
	note := widget.NewEntry()
	note.SetText(l.task().Reports[i].ReviewNote)
	l.show(lang.L("report.review"), []*widget.FormItem{
		widget.NewFormItem(lang.L("report.verdict"), verdict),
		widget.NewFormItem(lang.L("report.review_note"), note),
	}, func() error {
		return l.f.reviewReport(i, verdict.Selected == lang.L("report.accepted"), note.Text)
	})
}

func (f *Form) reviewReport(i int, accept bool, note string) error {
	t, ok := f.rec.(*model.Task)
	if !ok || i < 0 || i >= len(t.Reports) {
		return fmt.Errorf("no report %d", i)
	}
	return model.ReviewReport(t, t.Reports[i].ID, accept, note)
}

// ReviewReport records the verdict on the task's report i in the working
// copy (what the review dialog does); Save stores it.
func (f *Form) ReviewReport(i int, accept bool, note string) error {
	if err := f.reviewReport(i, accept, note); err != nil {
		return err
	}
	if f.lists != nil {
		f.lists.changed()
	}
	return nil
}

// ReportLines are the report tab's lines as shown.
func (f *Form) ReportLines() []string {
	var out []string
	if f.lists == nil {
		return nil
	}
	for _, o := range f.lists.reports.Objects {
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				if lbl, ok := x.(*widget.Label); ok {
					out = append(out, lbl.Text)
				}
			}
		}
	}
	return out
}

func (l *taskLists) changed() {
	l.refresh()
	l.f.changed()
}

func extState(s model.ExtensionState) string {
	switch s {
	case model.ExtensionApproved:
		return lang.L("extension.approved")
	case model.ExtensionRefused:
		return lang.L("extension.refused")
	}
	return lang.L("extension.pending")
}

// dateEntry is an entry that reads dates in any form and shows the result.
func (l *taskLists) dateEntry(initial model.Date) (*widget.Entry, func() (model.Date, error)) {
	e := widget.NewEntry()
	e.SetText(initial.String())
	return e, func() (model.Date, error) { return model.ParseDate(e.Text, l.f.day().Today) }
}

func (l *taskLists) show(title string, items []*widget.FormItem, ok func() error) {
	var d *dialog.FormDialog
	d = dialog.NewForm(title, lang.L("action.ok"), lang.L("action.cancel"), items, func(confirm bool) {
		if !confirm {
			return
		}
		if err := ok(); err != nil {
			dialog.ShowError(fmt.Errorf("%s", common.ErrorText(err)), l.f.deps.Window)
			return
		}
		l.changed()
	}, l.f.deps.Window)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func (l *taskLists) addReport() {
	t, today := l.task(), l.f.day().Today
	unit := widget.NewSelectEntry(unitNames(t.Units))
	if len(t.Units) > 0 {
		unit.SetText(t.Units[0].Name)
	}
	period := widget.NewEntry()
	period.SetText(model.ReportPeriod(t.Cycle, today))
	on, onDate := l.dateEntry(today)
	done, problems, next := widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	pct := widget.NewEntry()
	class := common.NewSelect(common.EnumLabels(model.ReportClasses), nil)
	l.show(lang.L("report.add"), []*widget.FormItem{
		widget.NewFormItem(lang.L("field.unit"), unit),
		widget.NewFormItem(lang.L("report.period"), period),
		widget.NewFormItem(lang.L("report.on"), on),
		widget.NewFormItem(lang.L("report.done"), done),
		widget.NewFormItem(lang.L("report.problems"), problems),
		widget.NewFormItem(lang.L("report.next"), next),
		widget.NewFormItem(lang.L("field.percent"), pct),
		widget.NewFormItem(lang.L("report.class"), class),
	}, func() error {
		d, err := onDate()
		if err != nil {
			return err
		}
		p := 0
		if strings.TrimSpace(pct.Text) != "" {
			if p, err = model.ParsePercent(pct.Text); err != nil {
				return err
			}
		}
		c, _ := common.EnumParse(model.ReportClasses, class.Selected)
		t.Reports = append(t.Reports, model.Report{
			ID: fmt.Sprintf("rp-%s-%d", d, len(t.Reports)+1), Unit: l.f.units.Canonical(unit.Text),
			Period: strings.TrimSpace(period.Text), ReportedOn: d, Done: done.Text, Problems: problems.Text,
			Next: next.Text, Percent: p, Class: c,
		})
		if p > t.Percent {
			t.Percent = p
		}
		if strings.TrimSpace(done.Text) != "" {
			t.Progress = done.Text
		}
		return nil
	})
}

func (l *taskLists) addExtension() {
	t, today := l.task(), l.f.day().Today
	req, reqDate := l.dateEntry(today)
	newDue, newDate := l.dateEntry(model.Date{})
	reason, progress := widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	states := []string{lang.L("extension.pending"), lang.L("extension.approved"), lang.L("extension.refused")}
	state := common.NewSelect(states, nil)
	state.SetSelected(states[0])
	l.show(lang.L("extension.add"), []*widget.FormItem{
		widget.NewFormItem(lang.L("extension.requested_on"), req),
		widget.NewFormItem(lang.L("field.reason"), reason),
		widget.NewFormItem(lang.L("extension.new_deadline"), newDue),
		widget.NewFormItem(lang.L("field.progress"), progress),
		widget.NewFormItem(lang.L("extension.state"), state),
	}, func() error {
		rd, err := reqDate()
		if err != nil {
			return err
		}
		nd, err := newDate()
		if err != nil {
			return err
		}
		if nd.IsZero() {
			return fmt.Errorf("%s", lang.L("extension.need_deadline"))
		}
		e := model.Extension{ID: fmt.Sprintf("ex-%s-%d", rd, len(t.Extensions)+1), RequestedOn: rd,
			Reason: reason.Text, OldDeadline: model.CurrentDeadline(t), NewDeadline: nd, Progress: progress.Text,
			State: model.ExtensionPending}
		switch state.Selected {
		case states[1]:
			e.State, e.DecidedOn = model.ExtensionApproved, today
		case states[2]:
			e.State, e.DecidedOn = model.ExtensionRefused, today
		}
		t.Extensions = append(t.Extensions, e)
		return nil
	})
}

func (l *taskLists) addReminder() {
	t, today := l.task(), l.f.day().Today
	on, onDate := l.dateEntry(today)
	methods := common.EnumLabels(model.ReminderMethods)
	method := common.NewSelect(methods, nil)
	method.SetSelected(methods[0])
	note := widget.NewEntry()
	l.show(lang.L("reminder.add"), []*widget.FormItem{
		widget.NewFormItem(lang.L("reminder.on"), on),
		widget.NewFormItem(lang.L("reminder.method"), method),
		widget.NewFormItem(lang.L("reminder.note"), note),
	}, func() error {
		d, err := onDate()
		if err != nil {
			return err
		}
		m, _ := common.EnumParse(model.ReminderMethods, method.Selected)
		t.Reminders = append(t.Reminders, model.Reminder{ID: fmt.Sprintf("rm-%s-%d", d, len(t.Reminders)+1),
			On: d, Method: m, Level: len(t.Reminders) + 1, Note: note.Text})
		return nil
	})
}

func unitNames(us []model.UnitRole) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Name
	}
	return out
}
