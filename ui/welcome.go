package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"taizhang/model"
	"taizhang/ui/common"
)

// Start choices offered on first run.
const (
	StartImport = "import"
	StartEmpty  = "empty"
	StartSample = "sample"
)

// welcome asks a first-time user for their name and how to start.
func (u *UI) welcome() {
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("welcome.name_hint"))
	choices := map[string]string{
		lang.L("welcome.import"): StartImport,
		lang.L("welcome.empty"):  StartEmpty,
		lang.L("welcome.sample"): StartSample,
	}
	start := widget.NewRadioGroup([]string{lang.L("welcome.import"), lang.L("welcome.empty"), lang.L("welcome.sample")}, nil)
	start.SetSelected(lang.L("welcome.empty"))
	d := dialog.NewForm(lang.L("welcome.title"), lang.L("action.ok"), lang.L("action.cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("settings.operator"), name),
		widget.NewFormItem(lang.L("welcome.start"), start),
	}, func(ok bool) {
		if ok {
			if err := u.FirstRun(name.Text, choices[start.Selected]); err != nil {
				common.ShowError(err, u.win)
			}
		}
	}, u.win)
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s", lang.L("settings.need_operator"))
		}
		return nil
	}
	d.Show()
}

// FirstRun stores the operator's name and starts as chosen: the import
// screen, an empty ledger, or the sample dataset.
func (u *UI) FirstRun(operator, start string) error {
	ctx := context.Background()
	operator = strings.TrimSpace(operator)
	if operator == "" {
		return fmt.Errorf("%s", lang.L("settings.need_operator"))
	}
	if err := u.store.SetSetting(ctx, common.SettingOperator, operator); err != nil {
		return fmt.Errorf("save operator: %w", err)
	}
	u.operator = operator
	switch start {
	case StartImport:
		u.Show(NavImport)
	case StartSample:
		if err := LoadSample(ctx, u.store, u.day.Today, operator); err != nil {
			return err
		}
		u.Reload()
	}
	return nil
}

// SampleMark is in the remarks of every sample record.
const SampleMark = "【示例数据】"

// sampleStore is what loading the sample needs.
type sampleStore interface {
	Save(ctx context.Context, r model.Record, by string) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// LoadSample saves a small, clearly marked sample dataset dated around
// today and remembers its ids (settings can remove it in one step).
func LoadSample(ctx context.Context, st sampleStore, today model.Date, by string) error {
	units := []model.Record{
		&model.Unit{Name: "市发展和改革委员会", Aliases: []string{"市发改委"}, Category: "市直部门"},
		&model.Unit{Name: "市财政局", Category: "市直部门"},
		&model.Unit{Name: "市住房和城乡建设局", Aliases: []string{"市住建局"}, Category: "市直部门"},
	}
	dl := func(days int) model.Deadline {
		d := today.AddDays(days)
		return model.Deadline{Due: d, Text: d.String(), Type: model.DeadlineDate}
	}
	lead := func(names ...string) []model.UnitRole {
		out := []model.UnitRole{{Name: names[0], Role: model.RoleLead}}
		for _, n := range names[1:] {
			out = append(out, model.UnitRole{Name: n, Role: model.RoleResponsible})
		}
		return out
	}
	records := append(units,
		&model.Task{Number: "示例〔1〕1号", Source: model.SourceInstruction, Title: "推进老旧小区改造", Units: lead("市住房和城乡建设局", "市财政局"),
			AssignedOn: today.AddDays(-60), Deadline: dl(-5), Status: model.TaskInProgress, Cycle: model.CycleMonthly, ReportDay: 25, Remarks: SampleMark},
		&model.Task{Number: "示例〔1〕2号", Source: model.SourceMeeting, Title: "重点项目开工前期工作", Units: lead("市发展和改革委员会"),
			AssignedOn: today.AddDays(-30), Deadline: dl(2), Status: model.TaskAssigned, Remarks: SampleMark},
		&model.Task{Number: "示例〔1〕3号", Source: model.SourcePractical, Title: "新建城区公共停车位", Units: lead("市住房和城乡建设局"),
			AssignedOn: today.AddDays(-10), Deadline: dl(90), Status: model.TaskInProgress, Percent: 20, Remarks: SampleMark},
		&model.Proposal{Body: model.BodyCPPCC, Session: "示例届第一次会议", Number: "1", Title: "关于加强社区养老服务的建议",
			Proposer: "张委员", Units: []model.UnitRole{{Name: "市财政局", Role: model.RoleLead}}, AssignedOn: today.AddDays(-80),
			Status: model.PropInProgress, Satisfaction: model.SatNone, Remarks: SampleMark},
		&model.Point{Name: "示例街道联系点", ShortName: "示例点", Owner: "督查处", VisitEvery: "month", Remarks: SampleMark},
		&model.Visit{Number: "示例走访1", Type: model.VisitResearch, StartOn: today.AddDays(-3), Leader: "李副市长", Place: "示例村",
			Purpose: "调研乡村振兴", Remarks: SampleMark},
	)
	var ids []string
	for _, r := range records {
		r.RecordMeta().Kind = kindOf(r)
		r.Normalize()
		if err := st.Save(ctx, r, by); err != nil {
			return fmt.Errorf("save sample %s: %w", model.NaturalKey(r), err)
		}
		ids = append(ids, r.RecordMeta().ID)
	}
	old, err := st.Setting(ctx, common.SettingSample)
	if err != nil {
		return fmt.Errorf("read sample ids: %w", err)
	}
	return st.SetSetting(ctx, common.SettingSample, strings.TrimSpace(old+" "+strings.Join(ids, " ")))
}

func kindOf(r model.Record) model.Kind {
	for _, k := range model.Kinds() {
		if fmt.Sprintf("%T", model.New(k)) == fmt.Sprintf("%T", r) {
			return k
		}
	}
	return ""
}
