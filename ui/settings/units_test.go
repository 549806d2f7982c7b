package settings_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// The units tab names a unit recorded twice and merges it: the records
// that named the alias name the full name, with history.
func TestSettingsMergeDuplicateUnit(t *testing.T) {
	ctx := context.Background()
	_, st := newScreen(t)
	tk := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2019〕1号", Title: "河道整治",
		Units: []model.UnitRole{{Name: "市发改委", Role: model.RoleLead}}}
	require.NoError(t, st.Save(ctx, tk, "王敏"))
	require.NoError(t, st.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市发改委"}, "王敏"))
	require.NoError(t, st.Save(ctx, &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市发展和改革委员会",
		Aliases: []string{"市发改委"}}, "王敏"))

	s, _ := newScreenOn(t, st)
	require.Equal(t, []model.UnitDuplicate{{Name: "市发改委", Of: "市发展和改革委员会"}}, s.Duplicates())
	require.NoError(t, s.MergeUnits(s.Duplicates()[0]))
	assert.Equal(t, "已将「市发改委」并入「市发展和改革委员会」，改写 1 条记录", s.Message())
	assert.Empty(t, s.Duplicates(), "nothing left to merge")
	got, err := st.Get(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "市发展和改革委员会", got.(*model.Task).LeadUnit)
	hist, err := st.History(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, "units", hist[0].Field)
}
