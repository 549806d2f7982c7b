package workbook

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// A task's progress reports, extensions and reminders travel in their own
// sheets with hidden ids and come back exactly; the status reason travels
// in 状态说明. A department's edit of a review note comes back too.
func TestTaskListsRoundTrip(t *testing.T) {
	task := &model.Task{Meta: model.Meta{ID: "t1", Kind: model.KindTask, Rev: "1-a"}, Number: "督〔2019〕3号", Title: "河道整治",
		Status: model.TaskWithdrawn, StatusReason: "已并入督〔2019〕5号", ClosedOn: model.NewDate(2019, 8, 1),
		Reports: []model.Report{
			{ID: "rep-1", Unit: "市水务局", Period: "2019-06", ReportedOn: model.NewDate(2019, 6, 24), Done: "清淤3公里",
				Problems: "资金缺口", Next: "7月招标", Percent: 40, Class: model.ReportBehind, Review: model.ReviewReturned, ReviewNote: "数字不实"},
			{ID: "rep-2", Unit: "市财政局", ReportedOn: model.NewDate(2019, 7, 2), Done: "已拨付", Review: model.ReviewAccepted},
		},
		Extensions: []model.Extension{{ID: "ext-1", RequestedOn: model.NewDate(2019, 6, 20), Reason: "汛期停工",
			OldDeadline: model.NewDate(2019, 6, 30), NewDeadline: model.NewDate(2019, 9, 30), Progress: "完成40%",
			State: model.ExtensionApproved, DecidedOn: model.NewDate(2019, 6, 25)}},
		Reminders: []model.Reminder{{ID: "rem-1", On: model.NewDate(2019, 7, 10), Method: "coloured", Level: 2, Note: "黄牌"}},
	}
	other := &model.Task{Meta: model.Meta{ID: "t2", Kind: model.KindTask, Rev: "1-b"}, Number: "督〔2019〕4号", Title: "无清单"}
	path := exportFile(t, []SheetData{{Kind: model.KindTask, Records: []model.Record{task, other}}},
		ExportOptions{Now: time.Date(2019, 8, 2, 9, 0, 0, 0, time.UTC)})

	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 2, "list sheets are not ledgers of their own")
	got := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, task.Reports, got.Reports)
	assert.Equal(t, task.Extensions, got.Extensions)
	assert.Equal(t, task.Reminders, got.Reminders)
	assert.Equal(t, "已并入督〔2019〕5号", got.StatusReason)
	assert.Subset(t, res.Rows[0].Fields, []string{"reports", "extensions", "reminders", "status_reason"})
	assert.NotContains(t, res.Rows[1].Fields, "reports", "a task without lists carries none")

	// the department adds its own reply to the review
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	require.NoError(t, f.SetCellStr(reportsSheet, "L2", "已核实，数字无误"))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
	res, err = Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	assert.Equal(t, "已核实，数字无误", res.Rows[0].Record.(*model.Task).Reports[0].ReviewNote)
}
