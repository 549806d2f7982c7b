package storage

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func TestConflictsResolveBothWays(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	task := sampleTask("督〔2019〕15号", "老旧小区改造")
	task.Progress = "本地写的进展"
	require.NoError(t, s.Save(ctx, task, "张三"))

	var cIn, cLocal Conflict
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		imp, err := tx.RecordImport(ctx, "住建局回报.xlsx", "abc123", "张三", model.Counts{Conflicts: 2})
		if err != nil {
			return err
		}
		cIn = Conflict{RecordID: task.ID, Number: task.Number, Field: "progress",
			Base: `""`, Local: `"本地写的进展"`, Incoming: `"住建局写的进展"`, ImportID: imp}
		cLocal = Conflict{RecordID: task.ID, Number: task.Number, Field: "percent",
			Base: `0`, Local: `0`, Incoming: `90`, ImportID: imp}
		if err := tx.AddConflict(ctx, &cIn); err != nil {
			return err
		}
		return tx.AddConflict(ctx, &cLocal)
	}))
	assert.Regexp(t, `^c-[0-9a-f]{16}$`, cIn.ID)
	pending, err := s.Conflicts(ctx, true)
	require.NoError(t, err)
	require.Len(t, pending, 2)
	assert.Equal(t, model.KindTask, pending[0].Kind)
	assert.Equal(t, "督〔2019〕15号", pending[0].Number)

	require.NoError(t, s.ResolveConflict(ctx, cIn.ID, "incoming", "李四"))
	got, err := s.Get(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, "住建局写的进展", got.(*model.Task).Progress)
	assert.Equal(t, 2, revGen(got.RecordMeta().Rev))
	h, err := s.History(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, "progress", h[0].Field)
	assert.Equal(t, "李四", h[0].By)
	assert.Equal(t, "住建局回报.xlsx", h[0].ImportFile)

	require.NoError(t, s.ResolveConflict(ctx, cLocal.ID, "local", "李四"))
	got, err = s.Get(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, 0, got.(*model.Task).Percent, "keeping local leaves the record as it was")
	assert.Equal(t, 2, revGen(got.RecordMeta().Rev))

	pending, err = s.Conflicts(ctx, true)
	require.NoError(t, err)
	assert.Empty(t, pending)
	all, err := s.Conflicts(ctx, false)
	require.NoError(t, err)
	require.Len(t, all, 2)
	for _, c := range all {
		require.NotNil(t, c.ResolvedAt)
		assert.Equal(t, "李四", c.ResolvedBy)
	}

	err = s.ResolveConflict(ctx, cIn.ID, "local", "王五")
	assert.ErrorIs(t, err, ErrResolved)
	assert.ErrorIs(t, s.ResolveConflict(ctx, "c-unknown", "local", "王五"), ErrNotFound)
	assert.Error(t, s.ResolveConflict(ctx, cLocal.ID, "both", "王五"))

	imps, err := s.Imports(ctx)
	require.NoError(t, err)
	require.Len(t, imps, 1)
	assert.JSONEq(t, `{"new":0,"updated":0,"merged":0,"unchanged":0,"conflicts":2,"rejected":0}`, string(imps[0].Counts))
}
