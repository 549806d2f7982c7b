package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A department's returned ledger arrives as its progress report, which the
// supervisor accepts or returns with a reason from the command line.
func TestReviewAReturnedProgressReport(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"填报单位：市水务局   填报日期：2019年6月24日"},
		{"编号", "事项名称", "牵头单位", "交办日期", "办理进展", "完成百分比", "存在问题"},
		{"督〔2019〕15号", "城区内涝治理", "市水务局", "2019-03-01", "已完成排查", "30%", "资金未到位"},
	})
	require.Equal(t, 0, cli(t, dir, "import", ledger).code)
	tasks := listTasks(t, dir)
	require.Len(t, tasks, 1)
	reports, _ := tasks[0]["reports"].([]any)
	require.Len(t, reports, 1)
	rep := reports[0].(map[string]any)
	assert.Equal(t, "市水务局", rep["unit"])
	assert.Equal(t, "2019-06-24", rep["reported_on"])
	assert.Equal(t, "资金未到位", rep["problems"])
	id := rep["id"].(string)

	r := cli(t, dir, "review", "督〔2019〕15号", id, "--return", "未写明资金缺口数额")
	require.Equal(t, 0, r.code, r.err)
	assert.Contains(t, r.out, "returned")
	rep = listTasks(t, dir)[0]["reports"].([]any)[0].(map[string]any)
	assert.Equal(t, "returned", rep["review"])
	assert.Equal(t, "未写明资金缺口数额", rep["review_note"])

	require.Equal(t, 0, cli(t, dir, "review", tasks[0]["id"].(string), id, "--accept").code)
	rep = listTasks(t, dir)[0]["reports"].([]any)[0].(map[string]any)
	assert.Equal(t, "accepted", rep["review"])

	assert.Equal(t, 2, cli(t, dir, "review", "督〔2019〕15号", id).code, "a verdict is needed")
	r = cli(t, dir, "review", "督〔2019〕15号", "rep-nope", "--accept")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.err, "has no progress report rep-nope")
	r = cli(t, dir, "review", "督〔2019〕99号", id, "--accept")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.err, "no such supervised item")
}
