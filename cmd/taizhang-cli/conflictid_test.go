package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/storage"
)

// import --json names each conflict by the id `resolve` takes, the same
// id `conflicts --json` lists; importing the file again names the same one.
func TestImportJSONConflictsCarryTheirID(t *testing.T) {
	dir := t.TempDir()
	header := []any{"编号", "事项名称", "牵头单位", "交办日期", "完成时限", "办理进展"}
	first := writeLedger(t, [][]any{header, {"督〔2019〕15号", "城区内涝治理", "市水务局", "2019-03-01", "6月底", "已完成排查"}})
	require.Equal(t, 0, cli(t, dir, "import", first).code)

	// the office edits the progress here…
	tasks := listTasks(t, dir)
	require.Len(t, tasks, 1)
	st, err := storage.Open(dir)
	require.NoError(t, err)
	r, err := st.Get(context.Background(), tasks[0]["id"].(string))
	require.NoError(t, err)
	setField(t, r, "progress", "完成排查，正在设计")
	require.NoError(t, st.Save(context.Background(), r, "王敏"))
	require.NoError(t, st.Close())

	// …and the department returns another progress
	second := writeLedger(t, [][]any{header, {"督〔2019〕15号", "城区内涝治理", "市水务局", "2019-03-01", "6月底", "已开工"}})
	var imp struct {
		Conflicts []map[string]any `json:"conflicts"`
	}
	res := cli(t, dir, "import", "--json", second)
	require.Equal(t, 0, res.code, res.err)
	require.NoError(t, json.Unmarshal([]byte(res.out), &imp), res.out)
	require.Len(t, imp.Conflicts, 1)
	id, _ := imp.Conflicts[0]["id"].(string)
	assert.Regexp(t, `^c-`, id)

	var listed []map[string]any
	res = cli(t, dir, "conflicts", "--json")
	require.NoError(t, json.Unmarshal([]byte(res.out), &listed), res.out)
	require.Len(t, listed, 1)
	assert.Equal(t, id, listed[0]["id"])

	res = cli(t, dir, "import", "--json", second)
	require.NoError(t, json.Unmarshal([]byte(res.out), &imp), res.out)
	if assert.Len(t, imp.Conflicts, 1) {
		assert.Equal(t, id, imp.Conflicts[0]["id"], "the pending conflict, not a new one")
	}
	assert.Equal(t, 0, cli(t, dir, "resolve", id, "--keep", "local").code)
}

func setField(t *testing.T, r interface{}, field string, value any) {
	t.Helper()
	b, err := json.Marshal(map[string]any{field: value})
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, r))
}
