package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// A legacy .xls (testdata/ledger.xls: LibreOffice's Excel 97–2003 save of
// ledger.xlsx) reads as the .xlsx it was saved from: the same sheets, rows
// and values — merged titles and headers, date cells, text dates, units.
func TestLegacyXLSReadsLikeItsXLSX(t *testing.T) {
	opt := ReadOptions{Units: testUnits(), Lang: "zh"}
	want, err := Read("testdata/ledger.xlsx", opt)
	require.NoError(t, err)
	got, err := Read("testdata/ledger.xls", opt)
	require.NoError(t, err)
	assert.Equal(t, "ledger.xls", got.Report.File)
	require.Len(t, got.Rows, len(want.Rows))
	require.NotEmpty(t, got.Rows)
	for i := range want.Rows {
		w, err := model.Fields(want.Rows[i].Record)
		require.NoError(t, err)
		g, err := model.Fields(got.Rows[i].Record)
		require.NoError(t, err)
		assert.Equal(t, w, g, "row %d", want.Rows[i].Ref.Row)
		assert.Equal(t, want.Rows[i].Ref.Row, got.Rows[i].Ref.Row)
		assert.Equal(t, want.Rows[i].Ref.Sheet, got.Rows[i].Ref.Sheet)
	}
	assert.Equal(t, len(want.Rejected), len(got.Rejected))
	assert.Equal(t, want.UnknownUnits, got.UnknownUnits)
}

// Each corpus LibreOffice saved as .xlsx and as .xls (testdata/gen,
// libreoffice_xls.sh) reads the same from either: the same rows, fields,
// refusals and warnings.
func TestLegacyXLSCorporaReadLikeTheirXLSX(t *testing.T) {
	for xlsFile, xlsxFile := range map[string]string{
		"tasks_libreoffice.xls":     "tasks_libreoffice.xlsx",
		"proposals_libreoffice.xls": "proposals_libreoffice.xlsx",
		"village_libreoffice.xls":   "village_libreoffice.xlsx",
		"twosheets_libreoffice.xls": "twosheets_libreoffice.xlsx",
		"sections_libreoffice.xls":  "sections_openpyxl.xlsx",
	} {
		t.Run(xlsFile, func(t *testing.T) {
			opt := ReadOptions{Units: testUnits(), Lang: "zh", Partial: true}
			want, err := Read("testdata/"+xlsxFile, opt)
			require.NoError(t, err)
			got, err := Read("testdata/"+xlsFile, opt)
			require.NoError(t, err)
			require.NotEmpty(t, want.Rows)
			require.Len(t, got.Rows, len(want.Rows))
			for i := range want.Rows {
				w, err := model.Fields(want.Rows[i].Record)
				require.NoError(t, err)
				g, err := model.Fields(got.Rows[i].Record)
				require.NoError(t, err)
				assert.Equal(t, w, g, "%s row %d", want.Rows[i].Ref.Sheet, want.Rows[i].Ref.Row)
			}
			assert.Equal(t, len(want.Rejected), len(got.Rejected))
			assert.Equal(t, len(want.Warnings), len(got.Warnings))
			assert.Equal(t, want.UnknownUnits, got.UnknownUnits)
		})
	}
}

// An .xls whose deadlines and title give no year (6月底, 年底前) is read
// against its last save (2018-05-02, testdata/gen/openpyxl_yearless.py), not
// the day the file was copied here.
func TestLegacyXLSDatesWithoutAYear(t *testing.T) {
	res, err := Read("testdata/yearless_libreoffice.xls", ReadOptions{Units: testUnits(), Lang: "zh"})
	require.NoError(t, err)
	require.Len(t, res.Rows, 2)
	assert.Equal(t, model.NewDate(2018, 6, 30), res.Rows[0].Record.(*model.Task).Deadline.Due)
	assert.Equal(t, model.NewDate(2018, 12, 31), res.Rows[1].Record.(*model.Task).Deadline.Due)
}
