package storage

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"taizhang/model"
)

func openTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func newTask(number, title, progress string) *model.Task {
	t := model.New(model.KindTask).(*model.Task)
	t.Number, t.Title, t.Progress = number, title, progress
	t.Source = model.SourceInstruction
	t.Status = model.TaskInProgress
	t.AssignedOn = model.NewDate(2019, 3, 1)
	t.Deadline = model.Deadline{Due: model.NewDate(2019, 6, 30), Text: "2019年6月30日", Type: model.DeadlineDate}
	t.Units = []model.UnitRole{{Name: "市发展和改革委员会", Role: model.RoleLead}}
	return t
}

func getTask(t *testing.T, s *Store, id string) *model.Task {
	t.Helper()
	r, err := s.Get(context.Background(), id)
	require.NoError(t, err)
	return r.(*model.Task)
}
