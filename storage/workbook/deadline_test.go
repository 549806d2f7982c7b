package workbook

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// A ledger's year-less deadline is read against the row's assigned date,
// wherever its column stands: assigned 2019-12-15, 3月底 is 2020-03-31.
// Working-day deadlines count on the holiday calendar from that date.
func TestDeadlinesResolveAgainstTheRowsAssignedDate(t *testing.T) {
	path := writeSheets(t, testSheet{name: "督办台账", rows: [][]any{
		{"2019年督办事项台账"},
		{"编号", "事项名称", "完成时限", "牵头单位", "交办日期"},
		{"D-1", "旧城改造", "3月底", "市财政局", "2019-12-15"},
		{"D-2", "幼儿园", "6月20日前", "市教育局", "2019-12-15"},
		{"D-3", "回复来函", "7个工作日", "市教育局", "2019-09-27"},
		{"D-4", "待交办", "收到后30个工作日内", "市教育局", ""},
		{"D-5", "年底", "年底前", "市教育局", ""},
	}})
	cal := model.NewCalendar([]*model.Holiday{
		{Date: model.NewDate(2019, 10, 1)}, {Date: model.NewDate(2019, 10, 2)}, {Date: model.NewDate(2019, 10, 3)},
		{Date: model.NewDate(2019, 10, 4)}, {Date: model.NewDate(2019, 10, 7)},
		{Date: model.NewDate(2019, 9, 29), Workday: true},
	})
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh", Calendar: cal})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 5)
	want := []model.Deadline{
		{Due: model.NewDate(2020, 3, 31), Text: "3月底", Type: model.DeadlineMonthEnd},
		{Due: model.NewDate(2020, 6, 20), Text: "6月20日前", Type: model.DeadlineDate},
		// 9-29 (make-up Sunday), 9-30, 10-8 … 10-11, 10-14: the 7th working day
		{Due: model.NewDate(2019, 10, 14), Text: "7个工作日", Type: model.DeadlineWorkdays},
		{Text: "收到后30个工作日内", Type: model.DeadlineWorkdays},
		{Due: model.NewDate(2019, 12, 31), Text: "年底前", Type: model.DeadlineYearEnd},
	}
	for i, w := range want {
		assert.Equal(t, w, res.Rows[i].Record.(*model.Task).Deadline, w.Text)
	}
}

// An export carries each deadline's resolved date: a clone read years
// later, with no assigned date to go by, has the same dates.
func TestExportedDeadlinesKeepTheirDates(t *testing.T) {
	tasks := []model.Record{
		&model.Task{Meta: model.Meta{ID: "t1", Kind: model.KindTask}, Number: "D-1", Title: "年底前事项",
			Deadline: model.Deadline{Due: model.NewDate(2019, 12, 31), Text: "年底前", Type: model.DeadlineYearEnd}},
		&model.Task{Meta: model.Meta{ID: "t2", Kind: model.KindTask}, Number: "D-2", Title: "6月底事项",
			Deadline: model.Deadline{Due: model.NewDate(2019, 6, 30), Text: "6月底", Type: model.DeadlineMonthEnd}},
		&model.Task{Meta: model.Meta{ID: "t3", Kind: model.KindTask}, Number: "D-3", Title: "工作日事项",
			AssignedOn: model.NewDate(2019, 9, 27),
			Deadline:   model.Deadline{Due: model.NewDate(2019, 10, 12), Text: "7个工作日", Type: model.DeadlineWorkdays}},
		&model.Task{Meta: model.Meta{ID: "t4", Kind: model.KindTask}, Number: "D-4", Title: "日期",
			Deadline: model.Deadline{Due: model.NewDate(2019, 9, 15), Text: "2019-09-15", Type: model.DeadlineDate}},
		&model.Task{Meta: model.Meta{ID: "t5", Kind: model.KindTask}, Number: "D-5", Title: "长期",
			Deadline: model.Deadline{Text: "长期坚持", Type: model.DeadlineOngoing}},
	}
	for _, r := range tasks {
		r.Normalize()
	}
	path := exportFile(t, []SheetData{{Kind: model.KindTask, Records: tasks}},
		ExportOptions{Now: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)})
	res, err := Read(path, ReadOptions{Lang: "zh"}) // no calendar: weekends only
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, len(tasks))
	for i, in := range res.Rows {
		assert.Equal(t, tasks[i].(*model.Task).Deadline, in.Record.(*model.Task).Deadline, tasks[i].(*model.Task).Title)
	}
}

// A department that retypes an exported deadline has it read afresh.
func TestAnEditedDeadlineTextIsReadAgain(t *testing.T) {
	task := &model.Task{Meta: model.Meta{ID: "t1", Kind: model.KindTask}, Number: "D-1", Title: "事项",
		AssignedOn: model.NewDate(2019, 3, 1),
		Deadline:   model.Deadline{Due: model.NewDate(2019, 6, 30), Text: "6月底", Type: model.DeadlineMonthEnd}}
	path := exportFile(t, []SheetData{{Kind: model.KindTask, Records: []model.Record{task}}}, ExportOptions{Now: time.Now()})
	setCell(t, path, "督办事项", "完成时限", 2, "9月底")
	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	assert.Equal(t, model.Deadline{Due: model.NewDate(2019, 9, 30), Text: "9月底", Type: model.DeadlineMonthEnd},
		res.Rows[0].Record.(*model.Task).Deadline)
}

func TestHolidaySheetReadsMakeUpDayWords(t *testing.T) {
	path := writeSheets(t, testSheet{name: "节假日", rows: [][]any{
		{"日期", "名称", "调休"},
		{"2019-09-29", "国庆节调休", "补班"},
		{"2019-10-12", "国庆节调休", "上班"},
		{"2019-10-01", "国庆节", "休"},
		{"2019-10-02", "国庆节", ""},
	}})
	res, err := Read(path, ReadOptions{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	require.Len(t, res.Rows, 4)
	got := []bool{}
	for _, in := range res.Rows {
		got = append(got, in.Record.(*model.Holiday).Workday)
	}
	assert.Equal(t, []bool{true, true, false, false}, got)
}

// setCell types text into the data row of the column headed header, as a
// department would in Excel.
func setCell(t *testing.T, path, sheet, header string, row int, text string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	for i, h := range rows[0] {
		if h == header {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			require.NoError(t, f.SetCellStr(sheet, cell, text))
			require.NoError(t, f.Save())
			return
		}
	}
	require.Failf(t, "no column", "%s", header)
}
