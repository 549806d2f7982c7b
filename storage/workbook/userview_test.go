package workbook

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"taizhang/model"
)

// What a person opening an export sees, read by another program than our
// own reader (excelize, formatted as a spreadsheet shows cells): for two
// records of every kind, every column shows the record's value; dates are
// date cells shown as dates; amounts, percentages and counts are numbers
// in their formats; a typed deadline stays text; the id columns are there
// but hidden; headers are bold and shaded, and a department's fillable
// columns are highlighted.
func TestExportAsAPersonSeesIt(t *testing.T) {
	var sheets []SheetData
	for _, k := range model.Kinds() {
		sd := SheetData{Kind: k, Ancestry: func(string) []string { return []string{"r9", "r8"} }}
		for n := 1; n <= 2; n++ { // 1: a deadline typed as a date, 2: as 6月底
			sd.Records = append(sd.Records, sampleRecord(t, k, n))
		}
		sheets = append(sheets, sd)
	}
	path := exportFile(t, sheets, ExportOptions{Unit: "市财政局", Generator: "test"})
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()

	styleOf := func(sheet, cell string) *excelize.Style {
		id, err := f.GetCellStyle(sheet, cell)
		require.NoError(t, err)
		st, err := f.GetStyle(id)
		require.NoError(t, err)
		return st
	}
	fill := func(st *excelize.Style) string {
		if len(st.Fill.Color) == 0 {
			return ""
		}
		return st.Fill.Color[0]
	}

	for _, sd := range sheets {
		sheet := sd.Kind.SheetName()
		cols := ExportColumns(sd.Kind, "市财政局")
		if sd.Kind == model.KindTask {
			assert.Len(t, cols, len(Columns(sd.Kind))+2, "the report columns the cover sheet asks the department for")
		}
		shown, err := f.GetRows(sheet)
		require.NoError(t, err)
		raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		require.Len(t, shown, 1+len(sd.Records), sheet)

		var headers []string
		for _, c := range cols {
			headers = append(headers, c.Header)
		}
		assert.Equal(t, append(headers, hiddenHeaders...), shown[0], sheet)
		for i, c := range cols {
			st := styleOf(sheet, colName(i)+"1")
			assert.True(t, st.Font != nil && st.Font.Bold, "%s %s: a bold header", sheet, c.Header)
			want := "D9E1F2"
			if c.Fill {
				want = "FFD966"
			}
			assert.Equal(t, want, fill(st), "%s %s: header shading", sheet, c.Header)
			visible, err := f.GetColVisible(sheet, colName(i))
			require.NoError(t, err)
			assert.True(t, visible, "%s %s", sheet, c.Header)
		}
		for j := range hiddenHeaders {
			visible, err := f.GetColVisible(sheet, colName(len(cols)+j))
			require.NoError(t, err)
			assert.False(t, visible, "%s %s: hidden", sheet, hiddenHeaders[j])
		}

		for n, rec := range sd.Records {
			r := n + 2
			fields := fieldJSON(t, rec)
			str := func(field string) string {
				var s string
				require.NoError(t, json.Unmarshal(fields[field], &s), "%s %s", sheet, field)
				return s
			}
			num := func(field string) float64 {
				var v float64
				require.NoError(t, json.Unmarshal(fields[field], &v), "%s %s", sheet, field)
				return v
			}
			for i, c := range cols {
				cell := colName(i) + strconv.Itoa(r)
				where := fmt.Sprintf("%s %s (%s)", sheet, c.Header, cell)
				see, value := at(shown[n+1], i), at(raw[n+1], i)
				if c.Field == "" {
					assert.Empty(t, see, "%s: the department's to fill", where)
					continue
				}
				typ, err := f.GetCellType(sheet, cell)
				require.NoError(t, err)
				st := styleOf(sheet, cell)
				isNumber := func() {
					t.Helper()
					assert.NotEqual(t, excelize.CellTypeInlineString, typ, "%s: a number cell", where)
					_, err := strconv.ParseFloat(value, 64)
					assert.NoError(t, err, "%s: a number cell holds %q", where, value)
				}
				isDate := func(want string) {
					t.Helper()
					isNumber()
					assert.Equal(t, want, see, "%s: shown as a date", where)
					require.NotNil(t, st.CustomNumFmt, where)
					assert.Equal(t, "yyyy-mm-dd", *st.CustomNumFmt, where)
				}
				switch c.Type {
				case TypeDate:
					isDate(str(c.Field))
				case TypeDeadline:
					if text := str("deadline_text"); text == str("deadline") {
						isDate(text)
					} else {
						assert.Equal(t, excelize.CellTypeInlineString, typ, "%s: a typed deadline stays text", where)
						assert.Equal(t, text, see, where)
					}
				case TypeMoney:
					isNumber()
					assert.Equal(t, yuan(int64(num(c.Field))), see, where)
					assert.Equal(t, 4, st.NumFmt, "%s: #,##0.00", where)
				case TypePercent:
					isNumber()
					assert.Equal(t, fmt.Sprintf("%d%%", int(num(c.Field))), see, where)
					assert.Equal(t, 9, st.NumFmt, "%s: 0%%", where)
				case TypeInt:
					isNumber()
					assert.Equal(t, strconv.Itoa(int(num(c.Field))), see, where)
				case TypeFloat:
					isNumber()
					assert.Equal(t, strconv.FormatFloat(num(c.Field), 'f', -1, 64), see, where)
				case TypeBool:
					assert.Equal(t, "是", see, where)
				case TypeText:
					assert.Equal(t, excelize.CellTypeInlineString, typ, "%s: text, even =1+1", where)
					assert.Equal(t, str(c.Field), see, where)
					formula, err := f.GetCellFormula(sheet, cell)
					require.NoError(t, err)
					assert.Empty(t, formula, where)
				default: // labels, unit names, lists: the text the exporter renders
					assert.Equal(t, intended(t, c, rec), see, where)
				}
				if c.Fill {
					assert.Equal(t, "FFF2CC", fill(st), "%s: fillable for the department", where)
				} else {
					assert.Empty(t, fill(st), where)
				}
				if cellStyleKind(c) == "wrap" {
					assert.True(t, st.Alignment != nil && st.Alignment.WrapText, "%s: wrapped", where)
				}
			}
			m := rec.RecordMeta()
			hidden := shown[n+1][len(cols):]
			assert.Equal(t, m.ID, at(hidden, 0), "%s row %d: _id", sheet, r)
			assert.Equal(t, m.Rev, at(hidden, 1), "%s row %d: _rev", sheet, r)
			assert.Equal(t, "r9,r8", at(hidden, 2), "%s row %d: _ancestry", sheet, r)
			if tk, ok := rec.(*model.Task); ok {
				assert.Equal(t, tk.Deadline.Due.String()+" "+tk.Deadline.Text, at(hidden, 3), "%s row %d: _due", sheet, r)
			}
		}
	}
}

// yuan shows fen as the #,##0.00 format does.
func yuan(fen int64) string {
	s := strconv.FormatInt(fen/100, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s.%02d", s, fen%100)
}

// intended is the text the exporter renders for a column of a record.
func intended(t *testing.T, c Column, rec model.Record) string {
	rv := reflect.ValueOf(rec).Elem()
	paths := fieldPaths(rv.Type())
	v, err := exportValue(c, func(field string) (reflect.Value, bool) {
		p, ok := paths[field]
		if !ok {
			return reflect.Value{}, false
		}
		return rv.FieldByIndex(p), true
	})
	require.NoError(t, err)
	if v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
