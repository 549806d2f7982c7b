package exchange

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// A clone is exact for deadlines: two 年底前 items without an assigned
// date arrive with 2019's date, not the year the clone is made, and a
// working-day deadline keeps the day counted on the office's calendar
// (which the clone may not have yet).
func TestCloneKeepsResolvedDeadlines(t *testing.T) {
	ctx := context.Background()
	a, b := openTestStore(t), openTestStore(t)
	cases := []model.Deadline{
		{Due: model.NewDate(2019, 12, 31), Text: "年底前", Type: model.DeadlineYearEnd},
		{Due: model.NewDate(2019, 12, 31), Text: "年底", Type: model.DeadlineYearEnd},
		{Due: model.NewDate(2019, 6, 30), Text: "6月底", Type: model.DeadlineMonthEnd},
		{Due: model.NewDate(2020, 3, 31), Text: "3月底", Type: model.DeadlineMonthEnd},
		// counted over a National Day holiday the clone does not know of
		{Due: model.NewDate(2019, 10, 14), Text: "7个工作日", Type: model.DeadlineWorkdays},
	}
	ids := make([]string, len(cases))
	for i, dl := range cases {
		tk := newTask("督〔2019〕"+string(rune('1'+i))+"号", "事项"+dl.Text, "")
		tk.AssignedOn = model.Date{}
		if dl.Type == model.DeadlineWorkdays {
			tk.AssignedOn = model.NewDate(2019, 9, 27)
		}
		if dl.Text == "3月底" {
			tk.AssignedOn = model.NewDate(2019, 12, 15)
		}
		tk.Deadline = dl
		require.NoError(t, a.Save(ctx, tk, "甲"))
		ids[i] = tk.ID
	}
	plan := importFile(t, b, exportTo(t, a, "all.xlsx", ExportRequest{}))
	assert.Equal(t, len(cases), plan.Counts().New)
	for i, id := range ids {
		assert.Equal(t, cases[i], getTask(t, b, id).Deadline, cases[i].Text)
	}
	// and back: nothing changed on either side
	plan = importFile(t, a, exportTo(t, b, "back.xlsx", ExportRequest{}))
	assert.Equal(t, map[model.Action]int{model.ActionUnchanged: len(cases)}, actions(plan, model.KindTask))
}
