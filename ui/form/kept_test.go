package form_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/ui/common"
	"taizhang/ui/form"
)

// The status of tasks and proposals is not a form field (it moves through
// the status button): a word a ledger typed for it is shown in the header
// beside the status, until a status is picked.
func TestFormHeaderShowsTheStatusKeptAsTyped(t *testing.T) {
	_, st := chineseApp(t)
	ctx := context.Background()
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕11号", Title: "城中村改造",
		Status: model.TaskInProgress, StatusText: "暂缓", AssignedOn: model.NewDate(2026, 3, 1)}
	require.NoError(t, st.Save(ctx, tk, "王敏"))
	pr := &model.Proposal{Meta: model.Meta{Kind: model.KindProposal}, Body: model.BodyNPC, Session: "十七届一次",
		Number: "12", Title: "关于加快老旧小区改造的建议", Status: model.PropRegistered, StatusText: "待分办"}
	require.NoError(t, st.Save(ctx, pr, "王敏"))

	open := func(k model.Kind, id string) (*form.Form, fyne.Window) {
		w := test.NewTempWindow(t, nil)
		w.Resize(fyne.NewSize(900, 900))
		r, err := st.Get(ctx, id)
		require.NoError(t, err)
		f := form.New(k, r, form.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true},
			Operator: func() string { return "王敏" }})
		w.SetContent(f.Content())
		return f, w
	}
	f, w := open(model.KindTask, tk.ID)
	assert.Contains(t, f.StatusText(), "状态：办理中（原文：暂缓）")
	assert.Contains(t, drawn(w.Content()), "办理中（原文：暂缓）")

	pf, _ := open(model.KindProposal, pr.ID)
	assert.Contains(t, pf.StatusText(), "状态：登记（原文：待分办）")

	// a status picked through the status button replaces the ledger's word
	require.NoError(t, f.ChangeStatus("待审核", ""))
	assert.Contains(t, f.StatusText(), "状态：待审核")
	assert.NotContains(t, f.StatusText(), "暂缓")
	require.NoError(t, f.Save())
	stored, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, model.TaskReview, stored.(*model.Task).Status)
	assert.Empty(t, stored.(*model.Task).StatusText)
}
