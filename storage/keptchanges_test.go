package storage

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// Kept changes come back as they were kept, in the plan's order, for the
// rows they were kept for; a row out of that order is a stale plan, and
// once the budget is spent no later change is kept.
func TestKeptChangesComeBackInOrder(t *testing.T) {
	item := func(sheet string, row int, title string) *model.PlanItem {
		task := &model.Task{Meta: model.Meta{ID: "t" + title, Kind: model.KindTask, Rev: "3-abc"}, Number: "督" + title, Title: title,
			Units: []model.UnitRole{{Name: "市财政局", Role: model.RoleLead}}}
		return &model.PlanItem{Action: model.ActionMerged, Kind: model.KindTask, Result: task,
			Incoming: &model.Incoming{Ref: model.RowRef{File: "a.xlsx", Sheet: sheet, Row: row}}}
	}
	k := keptChanges{budget: keptBudget}
	a, b := item("督办", 5, "甲"), item("重点", 5, "乙")
	require.NoError(t, k.keep(a))
	require.NoError(t, k.keep(b))
	assert.Equal(t, 2, k.n)

	r := reader(&k)
	got, ok, err := r.take(a.Incoming.Ref)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, model.ActionMerged, got.Action)
	wantFields, err := recordFields(a.Result)
	require.NoError(t, err)
	gotFields, err := recordFields(got.Result)
	require.NoError(t, err)
	assert.Equal(t, wantFields.canonical(), gotFields.canonical())
	assert.Equal(t, "t甲", got.Result.RecordMeta().ID)
	assert.Equal(t, "3-abc", got.Result.RecordMeta().Rev)

	_, _, err = reader(&k).take(b.Incoming.Ref)
	assert.ErrorIs(t, err, ErrStalePlan, "the second row first: out of order, though its row number is the same")

	small := keptChanges{budget: 1}
	require.NoError(t, small.keep(a))
	require.NoError(t, small.keep(b))
	assert.Equal(t, 1, small.n, "past the budget nothing more is kept")
	_, ok, err = reader(&small).take(a.Incoming.Ref)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Nil(t, reader(nil), "no changes kept: none to take")
}
