package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A department ledger worded as real sections word it imports whole with
// the plain all-or-nothing command: words are mapped by meaning, a word no
// rule knows is kept and warned, a word taught once maps from then on.
func TestRealWordsImportWholeAndAreTaughtOnce(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项来源", "事项名称", "牵头单位", "交办日期", "完成时限", "办理状态", "是否重点", "走访人员"},
		{"督〔2019〕1号", "市政府常务会议确定事项", "老旧小区改造", "市住建局", "2019-03-01", "2019年6月30日", "正在推进", "★", "张三"},
		{"督〔2019〕2号", "市长办公会", "停车治理", "市公安局", "2019-03-01", "年底前", "基本完成", "一般", ""},
		{"督〔2019〕3号", "市委书记批示", "河道整治", "市水利局", "2019-03-01", "2019年9月30日", "完成90%", "是", ""},
		{"督〔2019〕4号", "专题协调会", "扬尘治理", "市生态环境局", "2019-03-01", "长期坚持", "按序时推进", "否", ""},
		{"督〔2019〕5号", "民生实事", "菜市场改造", "市商务局", "2019-03-01", "2019年12月31日", "暂缓", "否", "李四"},
	})
	r := cli(t, dir, "import", "--json", ledger)
	require.Equal(t, 0, r.code, r.err+r.out)
	var got importJSON
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	assert.Equal(t, 5, got.Counts.New)
	assert.Equal(t, 0, got.Counts.Rejected)

	byNumber := map[string]map[string]any{}
	for _, task := range listTasks(t, dir) {
		byNumber[task["number"].(string)] = task
	}
	one, two, three, four, five := byNumber["督〔2019〕1号"], byNumber["督〔2019〕2号"], byNumber["督〔2019〕3号"], byNumber["督〔2019〕4号"], byNumber["督〔2019〕5号"]
	assert.Equal(t, "meeting", one["source"])
	assert.Equal(t, "in_progress", one["status"])
	assert.Equal(t, true, one["key"], "★ marks a key item")
	assert.Equal(t, map[string]any{"走访人员": "张三"}, one["extra"], "a column with no field is kept by its header")
	assert.Equal(t, "meeting", two["source"], "an item decided at the mayor's office meeting")
	assert.Equal(t, "in_progress", two["status"], "基本完成 is not done")
	assert.Equal(t, false, two["key"], "一般 is not key")
	assert.Equal(t, "instruction", three["source"])
	assert.Equal(t, "in_progress", three["status"])
	assert.EqualValues(t, 90, three["percent"], "a percent typed with the status fills the percent")
	assert.Equal(t, "in_progress", four["status"])
	assert.Equal(t, "assigned", five["status"], "an unknown word leaves a new item's status to its dates")
	assert.Equal(t, "暂缓", five["status_text"], "and is kept verbatim")

	// The unknown word and the extra column are named, with their place.
	var warned []string
	for _, w := range got.Warnings {
		warned = append(warned, w.Column+w.Value)
	}
	assert.Contains(t, warned, "G暂缓")
	assert.Contains(t, warned, "I", "the extra column is named once")
	assert.NotContains(t, warned, "G正在推进")

	// The text output lists every warned cell, not only counts.
	dry := cli(t, dir, "import", "--dry-run", ledger)
	require.Equal(t, 0, dry.code, dry.err)
	assert.Contains(t, dry.out, "暂缓")
	assert.Contains(t, dry.out, "unchanged 5", "re-importing changes nothing")

	// The office teaches the word once; the next import maps it.
	teach := cli(t, dir, "teach", "tasks.status", "暂缓", "办理中")
	require.Equal(t, 0, teach.code, teach.err)
	again := cli(t, dir, "import", "--json", ledger)
	require.Equal(t, 0, again.code, again.err)
	require.NoError(t, json.Unmarshal([]byte(again.out), &got))
	assert.Equal(t, 1, got.Counts.Updated, "the taught word now updates the item")
	for _, w := range got.Warnings {
		assert.NotEqual(t, "暂缓", w.Value)
	}
	five = nil
	for _, task := range listTasks(t, dir) {
		if task["number"] == "督〔2019〕5号" {
			five = task
		}
	}
	assert.Equal(t, "in_progress", five["status"])
	assert.Nil(t, five["status_text"], "the kept word goes once it maps")
	third := cli(t, dir, "import", "--json", ledger)
	require.NoError(t, json.Unmarshal([]byte(third.out), &got))
	assert.Equal(t, 5, got.Counts.Unchanged)

	bad := cli(t, dir, "teach", "tasks.status", "暂缓", "nonsense")
	assert.Equal(t, 1, bad.code)
	assert.Contains(t, bad.err, "not a value")
}

// Every column a recognised sheet carries survives: five columns Taizhang
// has no field for are in the record and in the next export, and the
// export comes back unchanged.
func TestExtraColumnsAreKeptAndExported(t *testing.T) {
	dir := t.TempDir()
	extra := []string{"联系人", "联系电话", "督查专员", "资金（万元）", "佐证材料"}
	header := []any{"编号", "事项名称", "牵头单位", "完成时限"}
	row := []any{"督〔2019〕7号", "公厕改造", "市城管局", "2019年6月30日"}
	for i, h := range extra {
		header = append(header, h)
		row = append(row, "值"+h+string(rune('A'+i)))
	}
	ledger := writeLedger(t, [][]any{header, row})
	r := cli(t, dir, "import", ledger)
	require.Equal(t, 0, r.code, r.err)
	task := listTasks(t, dir)[0]
	kept := task["extra"].(map[string]any)
	for i, h := range extra {
		assert.Equal(t, "值"+h+string(rune('A'+i)), kept[h])
	}

	out := filepath.Join(t.TempDir(), "out.xlsx")
	require.Equal(t, 0, cli(t, dir, "export", "--kind", "tasks", out).code)
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	rows, err := f.GetRows("督办事项")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(rows), 2)
	col := -1
	for i, h := range rows[0] {
		if h == "其他列" {
			col = i
		}
	}
	require.GreaterOrEqual(t, col, 0, "the export has the extra column")
	for _, h := range extra {
		assert.Contains(t, rows[1][col], "【"+h+"】值"+h)
	}
	back := cli(t, dir, "import", "--json", out)
	require.Equal(t, 0, back.code, back.err)
	var got importJSON
	require.NoError(t, json.Unmarshal([]byte(back.out), &got))
	assert.Equal(t, 1, got.Counts.Unchanged)
}

// A word repeated down a column is one line of the text output naming its rows.
func TestRepeatedWarningsAreOneLine(t *testing.T) {
	rows := [][]any{{"编号", "事项名称", "牵头单位", "办理状态"}}
	for i := 1; i <= 30; i++ {
		rows = append(rows, []any{"督〔2019〕" + string(rune('0'+i%10)) + string(rune('A'+i)) + "号", "事项", "市住建局", "暂缓"})
	}
	r := cli(t, t.TempDir(), "import", "--dry-run", writeLedger(t, rows))
	require.Equal(t, 0, r.code, r.err)
	assert.Equal(t, 1, strings.Count(r.out, "暂缓"), r.out)
	assert.Contains(t, r.out, "(30 rows)")
}
