package storage

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A form opened before an import and saved after it keeps the import's
// changes to other fields; the same field changed both times is refused.
func TestSaveOfOlderCopyMergesOrRefuses(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	t1 := newTask("督〔2019〕31号", "道路修缮", "")
	require.NoError(t, s.Save(ctx, t1, "甲"))

	form := getTask(t, s, t1.ID) // the user opens the record
	other := getTask(t, s, t1.ID)
	other.Progress = "导入带来的进展"
	require.NoError(t, s.Save(ctx, other, "导入"))

	form.Leader = "李华"
	require.NoError(t, s.Save(ctx, form, "甲"))
	got := getTask(t, s, t1.ID)
	assert.Equal(t, "李华", got.Leader)
	assert.Equal(t, "导入带来的进展", got.Progress, "the change made meanwhile is kept")
	assert.Equal(t, "导入带来的进展", form.Progress, "the caller's copy holds what was stored")

	stale := getTask(t, s, t1.ID)
	again := getTask(t, s, t1.ID)
	again.Title = "道路修缮（改）"
	require.NoError(t, s.Save(ctx, again, "乙"))
	stale.Title = "道路修缮工程"
	err := s.Save(ctx, stale, "甲")
	var se *StaleError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, []string{"title"}, se.Fields)
	assert.Equal(t, "道路修缮（改）", getTask(t, s, t1.ID).Title, "nothing was overwritten")
}
