package workbook

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func TestReadDepartmentLedger(t *testing.T) {
	for _, file := range []string{"testdata/ledger.xlsx", "testdata/ledger_libreoffice.xlsx"} {
		t.Run(file, func(t *testing.T) {
			res, err := Read(file, ReadOptions{Units: testUnits(), Lang: "zh"})
			require.NoError(t, err)
			assert.Empty(t, res.Rejected)
			require.Len(t, res.Report.Sheets, 1)
			rep := res.Report.Sheets[0]
			assert.Equal(t, "二季度督办", rep.Sheet)
			require.NotNil(t, rep.Kind)
			assert.Equal(t, model.KindTask, *rep.Kind)
			assert.Equal(t, 5, *rep.HeaderRow, "the second header row is the one above the data")
			assert.Equal(t, 6, rep.Rows, "合计 row and the 备注 note are not data")
			assert.Len(t, res.Report.SHA256, 64)
			require.Len(t, res.Rows, 6)

			tasks := make([]*model.Task, len(res.Rows))
			for i, in := range res.Rows {
				tasks[i] = in.Record.(*model.Task)
				assert.Equal(t, 6+i, in.Ref.Row)
				assert.Equal(t, filepath.Base(file), in.Ref.File)
				assert.Contains(t, in.Fields, "progress")
				assert.Contains(t, in.Fields, "done_on")
				assert.Contains(t, in.Fields, "units")
				assert.Contains(t, in.Fields, "deadline_kind")
				assert.NotContains(t, in.Fields, "content", "the ledger has no 交办内容 column")
				assert.Empty(t, in.Record.RecordMeta().ID)
			}
			assert.Equal(t, "督〔2019〕1号", tasks[0].Number)
			assert.Equal(t, "推进Smart City项目建设", tasks[0].Title, "rich-text runs are joined")

			// Units: aliases resolved, several per cell, roles from the two-level header.
			assert.Equal(t, []model.UnitRole{
				{Name: "市发展和改革委员会", Role: model.RoleLead},
				{Name: "市财政局", Role: model.RoleResponsible},
				{Name: "市住房和城乡建设局", Role: model.RoleCooperating},
				{Name: "市大数据中心", Role: model.RoleCooperating},
			}, tasks[0].Units)
			assert.Equal(t, "市发展和改革委员会", tasks[0].LeadUnit)
			assert.Equal(t, []string{"市大数据中心"}, res.UnknownUnits)
			// 市教育局 merged down rows 7-9 leads all three.
			for _, tk := range tasks[1:4] {
				assert.Equal(t, "市教育局", tk.LeadUnit, tk.Number)
			}
			assert.Equal(t, []model.UnitRole{{Name: "市教育局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCooperating}}, tasks[2].Units)
			assert.Equal(t, []model.UnitRole{{Name: "市农业农村局", Role: model.RoleLead}, {Name: "市住房和城乡建设局", Role: model.RoleCooperating}}, tasks[4].Units)

			// Deadlines in every form.
			d := model.NewDate
			assert.Equal(t, model.Deadline{Due: d(2019, 6, 30), Text: "2019-06-30", Type: model.DeadlineDate}, tasks[0].Deadline, "a date cell")
			assert.Equal(t, d(2019, 6, 30), tasks[1].Deadline.Due)
			assert.Equal(t, model.DeadlineDate, tasks[1].Deadline.Type)
			assert.Equal(t, "2019年6月30日", tasks[1].Deadline.Text)
			assert.Equal(t, d(2019, 6, 30), tasks[2].Deadline.Due)
			assert.Equal(t, model.Deadline{Due: d(2019, 6, 30), Text: "6月底", Type: model.DeadlineMonthEnd}, tasks[3].Deadline)
			assert.Equal(t, model.Deadline{Due: d(2019, 12, 31), Text: "年底前", Type: model.DeadlineYearEnd}, tasks[4].Deadline,
				"no assigned date: the year comes from 填报日期")
			assert.Equal(t, model.DeadlineOngoing, tasks[5].Deadline.Type)
			assert.True(t, tasks[5].Deadline.Due.IsZero())

			assert.Equal(t, d(2019, 3, 1), tasks[0].AssignedOn)
			assert.Equal(t, d(2019, 3, 5), tasks[2].AssignedOn)
			assert.Equal(t, model.TaskDone, tasks[1].Status)
			assert.Equal(t, d(2019, 6, 28), tasks[1].DoneOn)
			assert.Equal(t, model.TaskInProgress, tasks[0].Status)
			assert.Equal(t, "完成80%", tasks[1].Progress)
			assert.Equal(t, "重点", tasks[4].Remarks)
		})
	}
}

func TestRead1904DateSystem(t *testing.T) {
	res, err := Read("testdata/date1904.xlsx", ReadOptions{})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	tk := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, model.NewDate(2019, 3, 1), tk.AssignedOn)
	assert.Equal(t, model.NewDate(2019, 6, 30), tk.Deadline.Due)
}
