package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// testdata/openpyxl_mixed.xlsx is written by testdata/gen/openpyxl_ledger.py:
// another writer's XML (inline strings as character references, styled
// date serials, datetimes, merged titles, a formula without a cached value).
func TestReadOpenpyxlWorkbook(t *testing.T) {
	res, err := Read("testdata/openpyxl_mixed.xlsx", ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)

	sheets := map[string]model.SheetReport{}
	for _, rep := range res.Report.Sheets {
		sheets[rep.Sheet] = rep
	}
	require.Len(t, sheets, 4)
	for name, want := range map[string]struct {
		kind   model.Kind
		header int
		rows   int
	}{
		"Sheet1": {model.KindProposal, 3, 3},
		"走访调研":   {model.KindVisit, 1, 2},
		"帮扶资金":   {model.KindFund, 2, 2},
	} {
		rep := sheets[name]
		require.NotNil(t, rep.Kind, name)
		assert.Equal(t, want.kind, *rep.Kind, name)
		require.NotNil(t, rep.HeaderRow, name)
		assert.Equal(t, want.header, *rep.HeaderRow, name)
		assert.Equal(t, want.rows, rep.Rows, name)
	}
	assert.Nil(t, sheets["说明"].Kind, "the notes sheet has no header")

	byKind := map[model.Kind][]model.Incoming{}
	for _, in := range res.Rows {
		k := in.Record.RecordMeta().Kind
		byKind[k] = append(byKind[k], in)
	}

	props := byKind[model.KindProposal]
	require.Len(t, props, 3)
	p := props[0].Record.(*model.Proposal)
	assert.Equal(t, model.BodyNPC, p.Body, "人大 in the title")
	assert.Equal(t, "第十六届第三次会议", p.Session)
	assert.Equal(t, "12", p.Number)
	assert.Equal(t, "关于加快老旧小区改造的建议", p.Title)
	assert.Equal(t, "张三", p.Proposer)
	assert.Equal(t, []model.UnitRole{{Name: "市住房和城乡建设局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo}}, p.Units)
	assert.Equal(t, model.NewDate(2019, 6, 20), p.RepliedOn, "a styled date serial")
	assert.Equal(t, model.SatSatisfied, p.Satisfaction)
	assert.Contains(t, props[0].Fields, "session")
	assert.Equal(t, model.SatBasically, props[1].Record.(*model.Proposal).Satisfaction)
	third := props[2].Record.(*model.Proposal)
	assert.Equal(t, "35", third.Number)
	assert.Equal(t, []model.UnitRole{{Name: "市教育局", Role: model.RoleLead}, {Name: "市财政局", Role: model.RoleCo},
		{Name: "市发展和改革委员会", Role: model.RoleCo}}, third.Units)
	assert.True(t, third.RepliedOn.IsZero())
	assert.Equal(t, []string{"市交通运输局"}, res.UnknownUnits)

	visits := byKind[model.KindVisit]
	require.Len(t, visits, 2)
	v := visits[0].Record.(*model.Visit)
	assert.Equal(t, model.NewDate(2019, 4, 12), v.StartOn, "a datetime serial with a time of day")
	assert.Equal(t, "王副市长", v.Leader)
	assert.Equal(t, "张三、李四", v.People)
	assert.Equal(t, "城关镇王庄村", v.Place)
	assert.Equal(t, "春季农业生产", v.Purpose)
	assert.Equal(t, []string{"王庄村委会", "城关镇农技站"}, v.Units)
	assert.Equal(t, "灌溉设施老化", v.Findings)
	assert.Equal(t, model.NewDate(2019, 5, 8), visits[1].Record.(*model.Visit).StartOn)

	funds := byKind[model.KindFund]
	require.Len(t, funds, 2)
	f := funds[0].Record.(*model.Fund)
	assert.Equal(t, model.NewDate(2019, 3, 15), f.Date)
	assert.EqualValues(t, 115_0000_00, f.AmountFen, "金额（万元）")
	assert.Equal(t, "财政专项扶贫资金", f.SourceText)
	assert.Equal(t, model.ClassifyFundSource("财政专项扶贫资金"), f.Source)
	assert.Equal(t, "蔬菜大棚", f.Project)
	f2 := funds[1].Record.(*model.Fund)
	assert.EqualValues(t, 12_5000_00, f2.AmountFen)
	assert.Equal(t, "分两次拨付", f2.Remarks)
}
