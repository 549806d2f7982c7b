package workbook

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// writeRawXLSX writes a workbook from hand-written parts, for XML forms
// excelize does not write itself.
func writeRawXLSX(t *testing.T, parts map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "raw.xlsx")
	fh, err := os.Create(path)
	require.NoError(t, err)
	zw := zip.NewWriter(fh)
	for name, body := range parts {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, fh.Close())
	return path
}

// A sheet in the prefixed namespace form some generators write, with
// phonetic runs, rich text, entities, _x000D_ escapes, cells without
// references, single-quoted attributes, a gap in the rows, a formula string
// and a merged unit cell.
func TestReadHandWrittenXML(t *testing.T) {
	const ns = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	path := writeRawXLSX(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml": `<?xml version="1.0"?><x:workbook ` + ns + `><x:workbookPr date1904="false"/>` +
			`<x:sheets><x:sheet name="督办台账" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>` +
			`</Relationships>`,
		"xl/strings.xml": `<?xml version="1.0"?><x:sst ` + ns + `>` +
			`<x:si><x:t>编号</x:t></x:si>` +
			`<x:si><x:r><x:t>事项</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>名称</x:t></x:r><x:rPh sb="0" eb="2"><x:t>ジコウ</x:t></x:rPh></x:si>` +
			`<x:si><x:t>牵头单位</x:t></x:si>` +
			`<x:si><x:t xml:space="preserve">推进 A&amp;B 项目_x000D_
二期</x:t></x:si>` +
			`<x:si/>` +
			`</x:sst>`,
		"xl/worksheets/data.xml": `<?xml version="1.0"?><x:worksheet ` + ns + `><x:sheetData>` +
			`<x:row r='1'><x:c t='s'><x:v>0</x:v></x:c><x:c t='s'><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c></x:row>` +
			`<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>督&#12308;2019&#x3015;1号</x:t></x:is></x:c>` +
			`<x:c r="B2" t="s"><x:v>3</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>市发改委</x:t></x:is></x:c></x:row>` +
			`<x:row r="4"><x:c r="A4" t="str"><x:f>"督〔2019〕"&amp;"2号"</x:f><x:v>督〔2019〕2号</x:v></x:c>` +
			`<x:c r="B4" t="s"><x:v>4</x:v></x:c><x:c r="D4" t="inlineStr"><x:is><x:t>市财政局</x:t></x:is></x:c></x:row>` +
			`<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>督〔2019〕3号</x:t></x:is></x:c>` +
			`<x:c r="B5" t="inlineStr"><x:is><x:t>第三项</x:t></x:is></x:c></x:row>` +
			`</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="D4:D5"/></x:mergeCells></x:worksheet>`,
	})
	res, err := Read(path, ReadOptions{Units: testUnits()})
	require.NoError(t, err)
	require.Len(t, res.Report.Sheets, 1)
	require.NotNil(t, res.Report.Sheets[0].Kind)
	assert.Equal(t, model.KindTask, *res.Report.Sheets[0].Kind)
	require.Len(t, res.Rows, 3)
	first := res.Rows[0].Record.(*model.Task)
	assert.Equal(t, "督〔2019〕1号", first.Number, "numeric character references")
	assert.Equal(t, "推进 A&B 项目\n二期", first.Title, "entities and _x000D_ decoded; CR LF kept as a line break")
	assert.Equal(t, "市发展和改革委员会", first.LeadUnit)
	second := res.Rows[1]
	assert.Equal(t, 4, second.Ref.Row, "row 3 is missing from the file: numbers still count like the sheet's")
	assert.Equal(t, "督〔2019〕2号", second.Record.(*model.Task).Number, "a formula string's cached value")
	assert.Empty(t, second.Record.(*model.Task).Title)
	require.Len(t, res.Notes, 1)
	assert.Contains(t, res.Notes[0], `A4`)
	assert.Equal(t, 5, res.Rows[2].Ref.Row)
	assert.Equal(t, "市财政局", res.Rows[2].Record.(*model.Task).LeadUnit, "D4:D5 merged")
}
