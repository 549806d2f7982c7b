package storage_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

func TestSortByDeadlinePutsItemsWithoutADateLast(t *testing.T) {
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	for _, x := range []struct{ n, text string }{
		{"督1", "长期坚持"}, {"督2", "2026-12-31"}, {"督3", "2026-06-30"}, {"督4", "每月25日前"},
	} {
		dl, err := model.ParseDeadline(x.text, model.NewDate(2026, 1, 1))
		require.NoError(t, err)
		tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: x.n, Title: "事项" + x.n, Deadline: dl}
		tk.Normalize()
		require.NoError(t, st.Save(ctx, tk, "test"))
	}
	numbers := func(sort string) []string {
		rows, err := st.List(ctx, storage.Query{Kind: model.KindTask, Sort: sort})
		require.NoError(t, err)
		var out []string
		for _, r := range rows {
			out = append(out, r.(*model.Task).Number)
		}
		return out
	}
	asc := numbers("deadline")
	assert.Equal(t, []string{"督3", "督2"}, asc[:2], "the soonest date first")
	assert.ElementsMatch(t, []string{"督1", "督4"}, asc[2:], "no date last")
	desc := numbers("-deadline")
	assert.Equal(t, []string{"督2", "督3"}, desc[:2])
	assert.ElementsMatch(t, []string{"督1", "督4"}, desc[2:], "no date last, descending too")
}
