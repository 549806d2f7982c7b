package form_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

// The supervisor reviews a unit's progress report in the form: 退回
// needs a reason, the verdict shows on the report's line and is stored
// with the record.
func TestReviewProgressReportInTheForm(t *testing.T) {
	_, st := chineseApp(t)
	ctx := context.Background()
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2019〕3号", Title: "河道整治",
		Reports: []model.Report{{ID: "rep-1", Unit: "市水务局", ReportedOn: model.NewDate(2019, 6, 24), Done: "清淤3公里"}}}
	require.NoError(t, st.Save(ctx, tk, "王敏"))
	opened, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	w := test.NewTempWindow(t, nil)
	f := form.New(model.KindTask, opened, form.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true}})
	w.SetContent(f.Content())

	require.Error(t, f.ReviewReport(0, false, " "), "退回 needs a reason")
	require.NoError(t, f.ReviewReport(0, false, "未写明资金缺口"))
	require.Len(t, f.ReportLines(), 1)
	assert.Contains(t, f.ReportLines()[0], "退回：未写明资金缺口")
	require.NoError(t, f.Save())
	got, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, model.ReviewReturned, got.(*model.Task).Reports[0].Review)
	assert.Equal(t, "未写明资金缺口", got.(*model.Task).Reports[0].ReviewNote)

	require.NoError(t, f.ReviewReport(0, true, ""))
	assert.Contains(t, f.ReportLines()[0], "通过")
	require.NoError(t, f.Save())
	got, err = st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, model.ReviewAccepted, got.(*model.Task).Reports[0].Review)
}
