package workbook

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

func testUnits() *model.UnitDict {
	return model.NewUnitDict([]*model.Unit{
		{Name: "市发展和改革委员会", Aliases: []string{"市发改委"}},
		{Name: "市财政局"},
		{Name: "市住房和城乡建设局", Aliases: []string{"市住建局"}},
		{Name: "市教育局"},
		{Name: "市农业农村局", Aliases: []string{"市农业局"}},
	})
}

// sampleRecord fills every column of a kind with a distinct value of its type.
func sampleRecord(t *testing.T, k model.Kind, n int) model.Record {
	fields := map[string]any{}
	var units []model.UnitRole
	var year map[string]any
	names := []string{"市发展和改革委员会", "市财政局", "市住房和城乡建设局", "市教育局", "市农业农村局"}
	for i, c := range Columns(k) {
		switch c.Type {
		case TypeText:
			fields[c.Field] = fmt.Sprintf("%s 第%d条\n第二行", c.Header, n)
		case TypeDate:
			fields[c.Field] = model.NewDate(2019, time.Month(1+i%12), 1+n%28).String()
		case TypeDeadline:
			if n%2 == 0 {
				fields["deadline"], fields["deadline_text"], fields["deadline_kind"] = "2019-06-30", "6月底", "month_end"
			} else {
				fields["deadline"], fields["deadline_text"], fields["deadline_kind"] = "2019-09-15", "2019-09-15", "date"
			}
		case TypeMoney:
			fields[c.Field] = 115000000 + n*101
		case TypeInt:
			fields[c.Field] = 10 + n
		case TypeFloat:
			fields[c.Field] = 21.5 + float64(n)
		case TypePercent:
			fields[c.Field] = 1 + n%99 // 1 must not come back as 100
		case TypeBool:
			fields[c.Field] = true
		case TypeEnum:
			m := c.Enum.Match(c.Enum.Labels[(n+i)%len(c.Enum.Labels)])
			require.True(t, m.ok())
			fields[c.Field] = m.value
		case TypeUnits:
			for _, role := range c.Export {
				units = append(units, model.UnitRole{Name: names[len(units)%len(names)], Role: role})
			}
		case TypeUnit:
			fields[c.Field] = "市财政局"
		case TypeList:
			fields[c.Field] = []string{"甲单位", "乙单位"}
			if c.Field == "aliases" { // not the visits' grassroots units, which aliases would resolve
				fields[c.Field] = []string{"甲简称", "乙简称"}
			}
		case TypeExtra:
			fields[c.Field] = map[string]string{"走访人员": "张三\n李四", "【奇怪】": "x"}
		case TypeYear:
			if year == nil {
				year = map[string]any{}
			}
			year[c.Field] = 100*n + i
		}
	}
	if units != nil {
		fields["units"] = units
	}
	if year != nil {
		year["year"] = 2018 + n
		fields["years"] = []any{year}
	}
	if k == model.KindTask {
		fields["title"] = "=1+1"
		fields["number"] = fmt.Sprintf("督〔2019〕%d号", n)
	}
	if k == model.KindFund {
		fields["source_text"] = "财政专项扶贫资金"
	}
	b, err := json.Marshal(fields)
	require.NoError(t, err)
	rec := model.New(k)
	require.NoError(t, json.Unmarshal(b, rec))
	m := rec.RecordMeta()
	m.ID, m.Rev = fmt.Sprintf("%s-%d", k, n), fmt.Sprintf("r%d", n+2)
	rec.Normalize()
	return rec
}

func fieldJSON(t *testing.T, r model.Record) map[string]json.RawMessage {
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func exportFile(t *testing.T, sheets []SheetData, opt ExportOptions) string {
	path := filepath.Join(t.TempDir(), "export.xlsx")
	fh, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, Export(fh, sheets, opt))
	require.NoError(t, fh.Close())
	return path
}

func TestRoundTripEveryKind(t *testing.T) {
	var sheets []SheetData
	want := map[string]model.Record{}
	for _, k := range model.Kinds() {
		sd := SheetData{Kind: k, Ancestry: func(id string) []string { return []string{"r9", "r8", "r7"} }}
		for n := 1; n <= 3; n++ {
			rec := sampleRecord(t, k, n)
			sd.Records = append(sd.Records, rec)
			want[rec.RecordMeta().ID] = rec
		}
		sheets = append(sheets, sd)
	}
	path := exportFile(t, sheets, ExportOptions{Generator: "test", Operator: "张三", Now: time.Date(2019, 7, 1, 9, 0, 0, 0, time.UTC)})

	res, err := Read(path, ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	assert.Empty(t, res.Rejected)
	assert.Empty(t, res.UnknownUnits)
	require.Len(t, res.Rows, len(want))
	require.Len(t, res.Report.Sheets, len(model.Kinds()), "hidden _taizhang/_lists sheets are not listed")
	for i, k := range model.Kinds() {
		s := res.Report.Sheets[i]
		require.NotNil(t, s.Kind, s.Sheet)
		assert.Equal(t, k, *s.Kind)
		assert.Equal(t, 1, *s.HeaderRow)
		assert.Equal(t, 3, s.Rows)
	}
	for _, in := range res.Rows {
		id := in.Record.RecordMeta().ID
		orig, ok := want[id]
		require.True(t, ok, "row %d carried id %q", in.Ref.Row, id)
		assert.Equal(t, orig.RecordMeta().Rev, in.BaseRev)
		assert.Equal(t, []string{"r9", "r8", "r7"}, in.Ancestry)
		got, exp := fieldJSON(t, in.Record), fieldJSON(t, orig)
		for _, c := range Columns(orig.RecordMeta().Kind) {
			if c.Type == TypeYear {
				assert.Contains(t, in.Fields, "years")
				continue
			}
			assert.Contains(t, in.Fields, c.Field)
		}
		for _, f := range in.Fields {
			if exp[f] == nil || got[f] == nil { // omitted when empty (*_text)
				assert.Equal(t, exp[f] == nil, got[f] == nil, "%s field %s", id, f)
				continue
			}
			assert.JSONEq(t, string(exp[f]), string(got[f]), "%s field %s", id, f)
		}
	}
}

func TestExportLayout(t *testing.T) {
	tasks := SheetData{Kind: model.KindTask}
	for n := 1; n <= 3; n++ {
		tasks.Records = append(tasks.Records, sampleRecord(t, model.KindTask, n))
	}
	props := SheetData{Kind: model.KindProposal, Records: []model.Record{sampleRecord(t, model.KindProposal, 1)}}
	path := exportFile(t, []SheetData{tasks, props}, ExportOptions{Unit: "市财政局", Operator: "李四",
		ChangedSince: model.NewDate(2019, 6, 1), Now: time.Date(2019, 7, 1, 9, 0, 0, 0, time.UTC)})
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	sheet := "督办事项"
	assert.Equal(t, []string{"督办事项", "建议提案", "进展报告", "延期", "催办", "_taizhang"}, f.GetSheetList(), "a task export carries its lists")

	header, err := f.GetRows(sheet)
	require.NoError(t, err)
	for _, h := range []string{"编号", "事项来源", "事项名称", "交办内容", "责任领导", "牵头单位", "配合单位",
		"交办日期", "完成时限", "状态", "办理进展", "办结日期", "销号日期"} {
		assert.Contains(t, header[0], h)
	}
	col := func(h string) string {
		for i, v := range header[0] {
			if v == h {
				name, _ := excelize.ColumnNumberToName(i + 1)
				return name
			}
		}
		t.Fatalf("no column %s", h)
		return ""
	}

	// A title typed as =1+1 stays text.
	cell := col("事项名称") + "2"
	formula, err := f.GetCellFormula(sheet, cell)
	require.NoError(t, err)
	assert.Empty(t, formula)
	v, err := f.GetCellValue(sheet, cell)
	require.NoError(t, err)
	assert.Equal(t, "=1+1", v)

	// Dates are date cells: a number shown with a date format.
	cell = col("交办日期") + "2"
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Regexp(t, `^\d+$`, raw)
	shown, err := f.GetCellValue(sheet, cell)
	require.NoError(t, err)
	assert.Regexp(t, `^2019-\d\d-\d\d$`, shown)

	// Dropdowns on enumerated columns.
	dvs, err := f.GetDataValidations(sheet)
	require.NoError(t, err)
	var sqrefs []string
	for _, dv := range dvs {
		sqrefs = append(sqrefs, dv.Sqref)
		assert.Less(t, len([]rune(dv.Formula1)), 255)
	}
	assert.Contains(t, strings.Join(sqrefs, " "), col("状态")+"2:")
	assert.Contains(t, strings.Join(sqrefs, " "), col("事项来源")+"2:")

	// Hidden id columns at the right.
	for _, h := range hiddenHeaders {
		visible, err := f.GetColVisible(sheet, col(h))
		require.NoError(t, err)
		assert.False(t, visible, h)
	}
	for _, h := range []string{"编号", "办理进展"} {
		visible, err := f.GetColVisible(sheet, col(h))
		require.NoError(t, err)
		assert.True(t, visible, h)
	}

	// Print titles, frozen header, A4 landscape.
	var titles []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles = append(titles, dn.Scope+"="+dn.RefersTo)
		}
	}
	assert.Contains(t, titles, "督办事项='督办事项'!$1:$1")
	panes, err := f.GetPanes(sheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	layout, err := f.GetPageLayout(sheet)
	require.NoError(t, err)
	assert.Equal(t, "landscape", *layout.Orientation)
	assert.Equal(t, 9, *layout.Size)

	// Fillable columns are highlighted for the department.
	progressStyle, err := f.GetCellStyle(sheet, col("办理进展")+"1")
	require.NoError(t, err)
	numberStyle, err := f.GetCellStyle(sheet, col("编号")+"1")
	require.NoError(t, err)
	assert.NotEqual(t, progressStyle, numberStyle)

	// Widths follow content: the long content column is wider than 编号 is narrow.
	wNum, err := f.GetColWidth(sheet, col("重点"))
	require.NoError(t, err)
	wContent, err := f.GetColWidth(sheet, col("交办内容"))
	require.NoError(t, err)
	assert.Greater(t, wContent, wNum)

	// Metadata.
	meta, err := f.GetRows("_taizhang")
	require.NoError(t, err)
	kv := map[string]string{}
	for _, r := range meta {
		if len(r) == 2 {
			kv[r[0]] = r[1]
		}
	}
	assert.Equal(t, "2", kv["format_version"])
	assert.Equal(t, "李四", kv["exported_by"])
	assert.Equal(t, "市财政局", kv["unit"])
	assert.Equal(t, "2019-06-01", kv["changed_since"])
	assert.Equal(t, "tasks,proposals", kv["kinds"])
	visible, err := f.GetSheetVisible("_taizhang")
	require.NoError(t, err)
	assert.False(t, visible)
	// The ledgers come first and the first is the one Excel opens on; the
	// lists and metadata sheets follow, hidden.
	list := f.GetSheetList()
	require.GreaterOrEqual(t, len(list), 3)
	assert.Equal(t, sheet, list[0])
	assert.Equal(t, 0, f.GetActiveSheetIndex())
	assert.Equal(t, "_taizhang", list[len(list)-1])
	for _, name := range list[1:] {
		if strings.HasPrefix(name, "_") {
			visible, err := f.GetSheetVisible(name)
			require.NoError(t, err)
			assert.False(t, visible, name)
		}
	}

	// Dimension is set, so streaming readers see every row.
	dim, err := f.GetSheetDimension(sheet)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(dim, "4"), dim)
}

func TestTemplateIsEmptyAndReadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.xlsx")
	fh, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, Template(fh, model.Kinds()))
	require.NoError(t, fh.Close())
	res, err := Read(path, ReadOptions{})
	require.NoError(t, err)
	assert.Empty(t, res.Rows)
	for _, s := range res.Report.Sheets {
		require.NotNil(t, s.Kind, "template sheet %s must be recognised", s.Sheet)
		assert.Equal(t, s.Sheet, s.Kind.SheetName())
	}
}
