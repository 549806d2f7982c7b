package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

func TestReminderNoticeIsOnePrintableA4Page(t *testing.T) {
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕15号", Title: "推进老旧小区改造",
		Units:      []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCooperating}},
		AssignedOn: model.NewDate(2026, 3, 1), Status: model.TaskInProgress, Progress: "已完成12个小区", Percent: 40,
		Deadline:  model.Deadline{Due: model.NewDate(2026, 10, 31), Text: "2026年10月31日", Type: model.DeadlineDate},
		Reminders: []model.Reminder{{ID: "rm-1", On: model.NewDate(2026, 11, 1), Method: "phone", Level: 1}}}
	tk.Normalize()
	var buf bytes.Buffer
	require.NoError(t, Notice(&buf, tk, Reminder, "", model.NewDate(2026, 11, 26), "zh"))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	require.Equal(t, []string{"催办通知单"}, f.GetSheetList())
	rows, err := f.GetRows("催办通知单")
	require.NoError(t, err)
	assert.Equal(t, "催办通知单", rows[0][0])
	values := map[string]string{}
	for _, r := range rows {
		if len(r) == 2 {
			values[r[0]] = r[1]
		}
	}
	assert.Equal(t, "督〔2026〕15号", values["编号"])
	assert.Equal(t, "市住建局（牵头）、市财政局（配合）", values["承办单位"])
	assert.Equal(t, "2026-10-31", values["完成时限"])
	assert.Equal(t, "已完成12个小区（完成 40%）", values["办理进展"])
	assert.Contains(t, values["催办事由"], "请市住建局高度重视")
	assert.Contains(t, values["催办事由"], "第 2 次催办", "the second reminder")
	var signed bool
	for _, r := range rows {
		if len(r) == 2 && r[1] == "2026年11月26日" {
			signed = true
		}
	}
	assert.True(t, signed, "dated for signing")

	layout, err := f.GetPageLayout("催办通知单")
	require.NoError(t, err)
	assert.Equal(t, 9, *layout.Size, "A4")
	assert.Equal(t, "portrait", *layout.Orientation)
	assert.Equal(t, 1, *layout.FitToWidth, "one page wide")
	names := f.GetDefinedName()
	require.NotEmpty(t, names)
	assert.Equal(t, "_xlnm.Print_Area", names[0].Name)

	buf.Reset()
	require.NoError(t, Notice(&buf, tk, Supervision, "", model.NewDate(2026, 11, 26), "en"))
	g, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer g.Close()
	assert.Equal(t, []string{"Supervision sheet"}, g.GetSheetList())
}
