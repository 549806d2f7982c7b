package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
	"taizhang/storage"
)

// A unit recorded twice (市发改委 from a ledger, and 市发展和改革委员会
// whose alias it is) is reported by check and folded by units merge:
// every record names the full name, with history.
func TestCheckReportsDuplicateUnitsAndUnitsMergeFoldsThem(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "配合单位", "交办日期", "完成时限"},
		{"督〔2019〕15号", "城区内涝治理", "市发改委", "市住建局", "2019-03-01", "6月底"},
	})
	require.Equal(t, 0, cli(t, dir, "import", ledger).code)

	// the directory entry typed in the settings afterwards
	st, err := storage.Open(dir)
	require.NoError(t, err)
	u := &model.Unit{Meta: model.Meta{Kind: model.KindUnit}, Name: "市发展和改革委员会", Aliases: []string{"市发改委"}}
	require.NoError(t, st.Save(context.Background(), u, "王敏"))
	require.NoError(t, st.Close())

	r := cli(t, dir, "check")
	require.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, `duplicate unit: "市发改委" is an alias of "市发展和改革委员会"; merge with: taizhang-cli units merge 市发改委 市发展和改革委员会`)

	r = cli(t, dir, "units", "merge", "市发改委", "市发展和改革委员会")
	require.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, `merged "市发改委" into "市发展和改革委员会"; 1 records rewritten`)

	tasks := listTasks(t, dir)
	require.Len(t, tasks, 1)
	assert.Equal(t, "市发展和改革委员会", tasks[0]["lead_unit"])
	r = cli(t, dir, "check")
	assert.NotContains(t, r.out, "duplicate unit")

	st, err = storage.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	hist, err := st.History(context.Background(), tasks[0]["id"].(string))
	require.NoError(t, err)
	require.NotEmpty(t, hist)
	assert.Equal(t, "units", hist[0].Field, "the rewrite is in the history")

	r = cli(t, dir, "units", "merge", "市发改委", "市发展和改革委员会")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.err, `no unit named "市发改委"`)
	assert.Equal(t, 2, cli(t, dir, "units", "fold").code)
}
