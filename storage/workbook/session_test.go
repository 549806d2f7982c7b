package workbook

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

func TestNormalizeSession(t *testing.T) {
	for in, want := range map[string]string{
		"2019年市十六届人大三次会议代表建议办理台账": "第十六届第三次会议",
		"政协第十二届三次会议提案办理情况表":       "第十二届第三次会议",
		"第16届3次":    "第十六届第三次会议",
		"十六届三次":     "第十六届第三次会议",
		"第十六届第三次会议": "第十六届第三次会议",
		"第十三届全国人民代表大会第二次会议": "第十三届第二次会议",
		"市政协十二届一次会议":        "第十二届第一次会议",
		"第２０届第１次":           "第二十届第一次会议",
		"二十一届人大五次会议":        "第二十一届第五次会议",
		"第10届10次":           "第十届第十次会议",
	} {
		got, ok := model.NormalizeSession(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"2019年督办台账", "建议提案办理", "届次", "第〇届第一次"} {
		_, ok := model.NormalizeSession(in)
		assert.False(t, ok, in)
	}
}

// writeSheets writes sheets given as rows of cells; the first sheet
// replaces Sheet1. Row 1 is merged across when merge is set.
type testSheet struct {
	name       string
	rows       [][]any
	mergeTitle bool
}

func writeSheets(t *testing.T, sheets ...testSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", s.name))
		} else {
			_, err := f.NewSheet(s.name)
			require.NoError(t, err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, f.SetSheetRow(s.name, cell, &row))
		}
		if s.mergeTitle {
			require.NoError(t, f.MergeCell(s.name, "A1", "F1"))
		}
	}
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

func proposalsOf(t *testing.T, res *Result, sheet string) []model.Incoming {
	var out []model.Incoming
	for _, in := range res.Rows {
		if in.Ref.Sheet == sheet {
			require.IsType(t, &model.Proposal{}, in.Record)
			out = append(out, in)
		}
	}
	return out
}

func TestProposalBodyAndSessionFromContext(t *testing.T) {
	path := writeSheets(t,
		testSheet{name: "人大建议", mergeTitle: true, rows: [][]any{
			{"2019年市十六届人大三次会议代表建议办理台账"},
			{"填报单位（盖章）：市政府办公室"},
			{"建议号", "案由", "领衔代表", "主办单位", "答复时间"},
			{12, "关于加快老旧小区改造的建议", "张三", "市住建局", "2019-05-20"},
			{13, "关于增加公交线路的建议", "李四", "市财政局", nil},
		}},
		testSheet{name: "Sheet2", mergeTitle: true, rows: [][]any{
			{"政协第十二届三次会议提案办理情况表"},
			{"提案号", "提案题目", "提案人", "承办单位"},
			{12, "关于发展职业教育的提案", "王五", "市教育局"},
		}},
		// No title: the header's words (提案号, 委员) still say CPPCC; no session.
		testSheet{name: "Sheet3", rows: [][]any{
			{"提案号", "提案题目", "委员姓名", "承办单位"},
			{"J-7", "关于社区养老的提案", "赵六", "市财政局"},
		}},
	)
	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected, "NPC no.12 and CPPCC no.12 are different proposals")

	npc := proposalsOf(t, res, "人大建议")
	require.Len(t, npc, 2)
	for _, in := range npc {
		p := in.Record.(*model.Proposal)
		assert.Equal(t, model.BodyNPC, p.Body)
		assert.Equal(t, "第十六届第三次会议", p.Session)
		assert.Contains(t, in.Fields, "body")
		assert.Contains(t, in.Fields, "session")
	}
	assert.Equal(t, "12", npc[0].Record.(*model.Proposal).Number)
	assert.Equal(t, "张三", npc[0].Record.(*model.Proposal).Proposer)
	assert.Equal(t, model.NewDate(2019, 5, 20), npc[0].Record.(*model.Proposal).RepliedOn)

	cppcc := proposalsOf(t, res, "Sheet2")
	require.Len(t, cppcc, 1)
	p := cppcc[0].Record.(*model.Proposal)
	assert.Equal(t, model.BodyCPPCC, p.Body)
	assert.Equal(t, "第十二届第三次会议", p.Session)
	assert.NotEqual(t, model.NaturalKey(npc[0].Record), model.NaturalKey(p))

	bare := proposalsOf(t, res, "Sheet3")
	require.Len(t, bare, 1)
	assert.Equal(t, model.BodyCPPCC, bare[0].Record.(*model.Proposal).Body)
	assert.Empty(t, bare[0].Record.(*model.Proposal).Session)
	assert.Contains(t, bare[0].Fields, "body")
	assert.NotContains(t, bare[0].Fields, "session", "nothing says the session: an import must not blank it")

	// Another ledger: a 届次 column in another form, an empty 类别 cell, a row with its own body.
	other := writeSheets(t, testSheet{name: "汇总", rows: [][]any{
		{"类别", "届次", "编号", "案由", "主办单位"},
		{nil, "十六届人大三次", 12, "关于加快老旧小区改造的建议", "市住建局"},
		{"政协提案", "第12届3次", 40, "关于文旅融合的提案", "市财政局"},
	}})
	res, err = Read(other, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, res.Rejected)
	sum := proposalsOf(t, res, "汇总")
	require.Len(t, sum, 2)
	first := sum[0].Record.(*model.Proposal)
	assert.Equal(t, model.BodyNPC, first.Body, "the 届次 cell names 人大")
	assert.Equal(t, "第十六届第三次会议", first.Session)
	assert.Equal(t, model.NaturalKey(npc[0].Record), model.NaturalKey(first),
		"the same suggestion in two ledgers that word the session differently has one key")
	second := sum[1].Record.(*model.Proposal)
	assert.Equal(t, model.BodyCPPCC, second.Body)
	assert.Equal(t, "第十二届第三次会议", second.Session)
}

func TestProposalContextUndecided(t *testing.T) {
	// A title naming both bodies and a header with no body words decides nothing.
	path := writeSheets(t, testSheet{name: "建议提案", mergeTitle: true, rows: [][]any{
		{"人大建议和政协提案办理汇总表"},
		{"编号", "案由", "主办单位"},
		{1, "关于增加停车位的建议", "市住建局"},
	}})
	res, err := Read(path, ReadOptions{Units: testUnits()})
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	p := res.Rows[0].Record.(*model.Proposal)
	assert.Empty(t, p.Body)
	assert.Empty(t, p.Session)
	assert.NotContains(t, res.Rows[0].Fields, "body")
	assert.NotContains(t, res.Rows[0].Fields, "session")
}

// A rating sheet titled without the session (2019年市政协提案办理满意度测评)
// reads its proposals in the session the workbook's ledger sheet names, with
// a note; with two sessions named before, it takes none.
func TestARatingSheetTakesTheWorkbooksSession(t *testing.T) {
	ledger := testSheet{name: "办理情况", mergeTitle: true, rows: [][]any{
		{"2019年市政协十二届三次会议提案办理情况"},
		{"提案号", "提案题目", "提案人", "承办单位"},
		{12, "关于发展职业教育的提案", "王五", "市教育局"},
	}}
	rating := testSheet{name: "满意度测评", mergeTitle: true, rows: [][]any{
		{"2019年市政协提案办理满意度测评"},
		{"提案号", "提案题目", "委员满意度"},
		{12, "关于发展职业教育的提案", "满意"},
	}}
	res, err := Read(writeSheets(t, ledger, rating), ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	rated := proposalsOf(t, res, "满意度测评")
	require.Len(t, rated, 1)
	assert.Equal(t, "第十二届第三次会议", rated[0].Record.(*model.Proposal).Session)
	assert.Equal(t, model.NaturalKey(proposalsOf(t, res, "办理情况")[0].Record), model.NaturalKey(rated[0].Record))
	assert.Contains(t, strings.Join(res.Notes, "\n"), "工作表「满意度测评」未写届次，按本文件工作表「办理情况」的第十二届第三次会议读")

	other := testSheet{name: "四次会议", mergeTitle: true, rows: [][]any{
		{"2020年市政协十二届四次会议提案办理情况"},
		{"提案号", "提案题目", "提案人", "承办单位"},
		{3, "关于社区养老的提案", "赵六", "市民政局"},
	}}
	res, err = Read(writeSheets(t, ledger, other, rating), ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	rated = proposalsOf(t, res, "满意度测评")
	require.Len(t, rated, 1)
	assert.Empty(t, rated[0].Record.(*model.Proposal).Session, "two sessions before it: which one is not known")
}

// The rating sheet may come first: the session is the workbook's, whatever
// the order of its sheets.
func TestARatingSheetBeforeTheLedgerTakesItsSession(t *testing.T) {
	rating := testSheet{name: "满意度测评", mergeTitle: true, rows: [][]any{
		{"2019年市政协提案办理满意度测评"},
		{"提案号", "提案题目", "委员满意度"},
		{12, "关于发展职业教育的提案", "满意"},
	}}
	ledger := testSheet{name: "办理情况", mergeTitle: true, rows: [][]any{
		{"2019年市政协十二届三次会议提案办理情况"},
		{"提案号", "提案题目", "提案人", "承办单位"},
		{12, "关于发展职业教育的提案", "王五", "市教育局"},
	}}
	res, err := Read(writeSheets(t, rating, ledger), ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	rated := proposalsOf(t, res, "满意度测评")
	require.Len(t, rated, 1)
	assert.Equal(t, "第十二届第三次会议", rated[0].Record.(*model.Proposal).Session)
	assert.Equal(t, model.NaturalKey(proposalsOf(t, res, "办理情况")[0].Record), model.NaturalKey(rated[0].Record))
}
