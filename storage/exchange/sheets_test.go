package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
	"taizhang/storage"
)

// writeWorkbook writes sheets (name, rows) into one workbook.
func writeWorkbook(t *testing.T, path string, sheets ...sheetRows) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", sh.name))
		} else {
			_, err := f.NewSheet(sh.name)
			require.NoError(t, err)
		}
		for r, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, f.SetSheetRow(sh.name, cell, &row))
		}
	}
	require.NoError(t, f.SaveAs(path))
}

type sheetRows struct {
	name string
	rows [][]any
}

// proposalsWithSatisfaction is the CPPCC office's workbook: the handling
// ledger, and beside it the 满意度测评 of the same proposals.
func proposalsWithSatisfaction(t *testing.T, n int) string {
	handling := [][]any{{"提案号", "提案题目", "提案人", "承办单位", "办理结果"}}
	rating := [][]any{{"提案号", "提案题目", "委员满意度"}}
	for i := 1; i <= n; i++ {
		no := fmt.Sprintf("%d", i)
		handling = append(handling, []any{no, fmt.Sprintf("关于加强背街小巷治理的提案（%d）", i), "张委员", "市住建局", "已解决或采纳"})
		rating = append(rating, []any{no, fmt.Sprintf("关于加强背街小巷治理的提案（%d）", i), "满意"})
	}
	path := filepath.Join(t.TempDir(), "2019年政协提案.xlsx")
	writeWorkbook(t, path, sheetRows{"办理情况", handling}, sheetRows{"满意度测评", rating})
	return path
}

// The same proposals in two sheets of one workbook are one record each,
// with what both sheets say, in a small workbook and in one past the rows
// a plan shows.
func TestOneRecordInTwoSheetsOfAWorkbook(t *testing.T) {
	for _, n := range []int{3, model.QuietShown + 20} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ctx := context.Background()
			s := openTestStore(t)
			path := proposalsWithSatisfaction(t, n)
			plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
			require.NoError(t, err)
			require.Empty(t, plan.Rejected)
			res, err := s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester"})
			require.NoError(t, err)
			assert.Equal(t, n, res.Plan.Counts().New)
			recs, err := s.List(ctx, storage.Query{Kind: model.KindProposal})
			require.NoError(t, err)
			require.Len(t, recs, n)
			for _, r := range recs {
				p := r.(*model.Proposal)
				assert.NotEmpty(t, p.ResultClass, p.Number)
				assert.NotEmpty(t, p.Satisfaction, p.Number)
			}
		})
	}
}

// Two sheets that disagree about a field are a conflict naming the sheets.
func TestTwoSheetsThatDisagreeAreAConflictNamingThem(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	path := filepath.Join(t.TempDir(), "提案.xlsx")
	writeWorkbook(t, path,
		sheetRows{"办理情况", [][]any{{"提案号", "提案题目", "承办单位", "委员满意度"}, {"1", "关于加强背街小巷治理的提案", "市住建局", "满意"}}},
		sheetRows{"满意度测评", [][]any{{"提案号", "提案题目", "委员满意度"}, {"1", "关于加强背街小巷治理的提案", "不满意"}}})
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Empty(t, plan.Rejected)
	var conflicts []model.FieldConflict
	for _, it := range plan.Items {
		conflicts = append(conflicts, it.Conflicts...)
	}
	require.Len(t, conflicts, 1)
	assert.Equal(t, "satisfaction", conflicts[0].Field)
	assert.Equal(t, []string{"提案.xlsx「办理情况」", "提案.xlsx「满意度测评」"}, conflicts[0].Files)
}

// A sheet a year, each numbered from 1: the same number names another item
// there, which is refused with both names, not merged.
func TestSheetsOfTwoYearsNumberedAlikeAreNotMerged(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	path := filepath.Join(t.TempDir(), "督办.xlsx")
	writeWorkbook(t, path,
		sheetRows{"2019年", [][]any{{"编号", "事项名称", "牵头单位", "完成时限"}, {"1", "老旧小区改造", "市住建局", "2019年6月30日"}}},
		sheetRows{"2020年", [][]any{{"编号", "事项名称", "牵头单位", "完成时限"}, {"1", "背街小巷整治", "市城管局", "2020年6月30日"}}})
	plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, plan.Rejected, 1)
	r := plan.Rejected[0]
	assert.Equal(t, "2020年", r.Sheet)
	assert.Equal(t, 2, r.Row)
	assert.Contains(t, r.Reason, "2019年")
	assert.Contains(t, r.Reason, "老旧小区改造 / 背街小巷整治")
}

// The corpus (storage/workbook/testdata/gen/openpyxl_twosheets.py), as
// openpyxl wrote it and as LibreOffice saved it again: five proposals, each
// with its handling, its rating where there is one, its units without the
// contacts typed after them (kept in extra), and no conflict.
func TestTwoSheetWorkbookFromOtherWriters(t *testing.T) {
	type want struct {
		satisfaction model.Satisfaction
		class        string
		units        []string
		extra        string
	}
	wants := map[string]want{
		"1": {model.SatSatisfied, "A", []string{"市住建局"}, "市住建局 王小明"},
		"2": {model.SatUnsatisfied, "B", []string{"市财政局"}, "市财政局 联系人：张华 0931-8888888"},
		"3": {model.SatBasically, "A", []string{"市教育局"}, "市教育局（李明华）"},
		"4": {model.SatNone, "D", []string{"市发改委", "市财政局"}, "市发改委、市财政局 陈建国 13912345678"},
		"5": {model.SatSatisfied, "A", []string{"市住建局"}, ""},
	}
	for _, writer := range []string{"openpyxl", "libreoffice"} {
		t.Run(writer, func(t *testing.T) {
			ctx := context.Background()
			s := openTestStore(t)
			path := filepath.Join("..", "workbook", "testdata", "twosheets_"+writer+".xlsx")
			plan, err := PlanFiles(ctx, s, []string{path}, ReadRequest{Lang: "zh"})
			require.NoError(t, err)
			require.Empty(t, plan.Rejected)
			assert.Zero(t, plan.Counts().Conflicts)
			assert.Contains(t, plan.Notes, "twosheets_"+writer+".xlsx：工作表「满意度测评」未写届次，按本文件工作表「办理情况」的第十二届第三次会议读")
			_, err = s.ApplyImport(ctx, plan, storage.ApplyOptions{By: "tester"})
			require.NoError(t, err)
			recs, err := s.List(ctx, storage.Query{Kind: model.KindProposal})
			require.NoError(t, err)
			require.Len(t, recs, 5)
			for _, r := range recs {
				p := r.(*model.Proposal)
				w, ok := wants[p.Number]
				require.True(t, ok, p.Number)
				assert.Equal(t, w.satisfaction, p.Satisfaction, p.Number)
				assert.Equal(t, w.class, p.ResultClass, p.Number)
				var names []string
				for _, u := range p.Units {
					names = append(names, u.Name)
				}
				assert.Equal(t, w.units, names, p.Number)
				assert.Equal(t, w.extra, p.Extra["承办单位"], p.Number)
				assert.Equal(t, "第十二届第三次会议", p.Session, p.Number)
			}
		})
	}
}

// Two returns of a record new here: what the first does not say (a column
// its sheet lacks) the second fills without a conflict.
func TestASecondReturnFillsWhatTheFirstDidNotSay(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "办理.xlsx")
	b := filepath.Join(dir, "测评.xlsx")
	writeWorkbook(t, a, sheetRows{"政协提案", [][]any{{"提案号", "提案题目", "承办单位"}, {"7", "关于社区养老的提案", "市民政局"}}})
	writeWorkbook(t, b, sheetRows{"政协提案", [][]any{{"提案号", "提案题目", "委员满意度"}, {"7", "关于社区养老的提案", "满意"}}})
	plan := importAll(t, s, []string{a, b})
	assert.Zero(t, plan.Counts().Conflicts)
	recs, err := s.List(ctx, storage.Query{Kind: model.KindProposal})
	require.NoError(t, err)
	require.Len(t, recs, 1)
	p := recs[0].(*model.Proposal)
	assert.Equal(t, model.SatSatisfied, p.Satisfaction)
	require.Len(t, p.Units, 1)
	assert.Equal(t, "市民政局", p.Units[0].Name)
}

// A ratings file from the CPPCC office names no session: each of its rows
// is the stored proposal of its number and title, whatever file the
// ledger came in, with one note for the sheet; a number whose title differs
// stays apart.
func TestARatingsFileWithoutASessionRatesTheStoredProposals(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	dir := t.TempDir()
	ledger := filepath.Join(dir, "办理.xlsx")
	writeWorkbook(t, ledger, sheetRows{"办理情况", [][]any{
		{"2019年市政协十二届三次会议提案办理情况"},
		{"提案号", "提案题目", "承办单位"},
		{"7", "关于社区养老的提案", "市民政局"},
		{"8", "关于停车设施的提案", "市住建局"},
	}})
	importAll(t, s, []string{ledger})
	ratings := filepath.Join(dir, "测评.xlsx")
	writeWorkbook(t, ratings, sheetRows{"满意度测评", [][]any{
		{"2019年市政协提案办理满意度测评"},
		{"提案号", "提案题目", "委员满意度"},
		{"7", "关于社区养老的提案", "满意"},
		{"8", "关于另一件事的提案", "不满意"},
	}})
	plan := importAll(t, s, []string{ratings})
	assert.Contains(t, plan.Notes, "测评.xlsx「满意度测评」：1 行提案未写届次（自第 3 行起），已按已有的同号同名提案的届次读")
	recs, err := s.List(ctx, storage.Query{Kind: model.KindProposal})
	require.NoError(t, err)
	require.Len(t, recs, 3, "no. 8 named otherwise is another proposal")
	for _, r := range recs {
		p := r.(*model.Proposal)
		switch p.Title {
		case "关于社区养老的提案":
			assert.Equal(t, model.SatSatisfied, p.Satisfaction)
			assert.Equal(t, "第十二届第三次会议", p.Session)
			require.Len(t, p.Units, 1)
		case "关于停车设施的提案":
			assert.Equal(t, model.SatNone, p.Satisfaction)
		case "关于另一件事的提案":
			assert.Empty(t, p.Session)
		}
	}
}

// The ledger and the ratings file imported together, in either order.
func TestALedgerAndItsRatingsImportedTogether(t *testing.T) {
	dir := t.TempDir()
	ledger := filepath.Join(dir, "办理.xlsx")
	writeWorkbook(t, ledger, sheetRows{"办理情况", [][]any{
		{"2019年市政协十二届三次会议提案办理情况"},
		{"提案号", "提案题目", "承办单位"},
		{"7", "关于社区养老的提案", "市民政局"},
	}})
	ratings := filepath.Join(dir, "测评.xlsx")
	writeWorkbook(t, ratings, sheetRows{"满意度测评", [][]any{
		{"2019年市政协提案办理满意度测评"},
		{"提案号", "提案题目", "委员满意度"},
		{"7", "关于社区养老的提案", "满意"},
	}})
	for _, order := range [][]string{{ledger, ratings}, {ratings, ledger}} {
		s := openTestStore(t)
		importAll(t, s, order)
		recs, err := s.List(context.Background(), storage.Query{Kind: model.KindProposal})
		require.NoError(t, err)
		require.Len(t, recs, 1, "%v", order)
		p := recs[0].(*model.Proposal)
		assert.Equal(t, model.SatSatisfied, p.Satisfaction)
		assert.Equal(t, "第十二届第三次会议", p.Session)
	}
}

// A legacy .xls imports as the .xlsx it was saved from: planned, applied
// (the file read again, its conversion kept from the plan) and stored the
// same.
func TestALegacyXLSImportsAsItsXLSX(t *testing.T) {
	xlsStore, xlsxStore := openTestStore(t), openTestStore(t)
	importAll(t, xlsStore, []string{filepath.Join("..", "workbook", "testdata", "ledger.xls")})
	importAll(t, xlsxStore, []string{filepath.Join("..", "workbook", "testdata", "ledger.xlsx")})
	got, want := snapshot(t, xlsStore), snapshot(t, xlsxStore)
	require.NotEmpty(t, want)
	assert.Equal(t, want, got)
}
