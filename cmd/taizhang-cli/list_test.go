package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

// The plain listing writes its values in the chosen language: a status is
// 办理中 in Chinese and "In progress" in English.
func TestListWritesValuesInTheChosenLanguage(t *testing.T) {
	dir := t.TempDir()
	st, err := storage.Open(dir)
	require.NoError(t, err)
	task := &model.Task{Meta: model.Meta{Kind: model.KindTask}, Number: "督〔2026〕1号", Title: "老旧小区改造",
		Status: model.TaskInProgress, Units: []model.UnitRole{{Name: "市住建局", Role: model.RoleLead}}}
	require.NoError(t, st.Save(context.Background(), task, "test"))
	require.NoError(t, st.Close())

	en := cli(t, dir, "list", "tasks")
	require.Equal(t, 0, en.code, en.err)
	assert.Contains(t, en.out, "In progress")
	assert.NotContains(t, en.out, "办理中")

	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--data", dir, "--lang", "zh", "list", "tasks"}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "办理中")
}
