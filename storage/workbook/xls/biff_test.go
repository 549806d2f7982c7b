package xls

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// rec is one BIFF record's bytes.
func rec(typ uint16, data ...[]byte) []byte {
	d := bytes.Join(data, nil)
	out := binary.LittleEndian.AppendUint16(nil, typ)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(d)))
	return append(out, d...)
}

func u16(v ...int) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint16(b, uint16(x))
	}
	return b
}

func u32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func wide(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	return b
}

// stream builds a workbook stream: globals (BOF, extra records, a
// BOUNDSHEET, EOF) then one worksheet of the given records.
func stream(globals [][]byte, cells [][]byte) []byte {
	bof := func(dt int) []byte { return rec(recBOF, u16(0x0600, dt), make([]byte, 12)) }
	name := "表1"
	bound := func(at int) []byte {
		return rec(recBoundSheet, u32(uint32(at)), []byte{0, 0, byte(len([]rune(name))), 1}, wide(name))
	}
	head := append(bof(5), bytes.Join(globals, nil)...)
	at := len(head) + len(bound(0)) + len(rec(recEOF))
	out := append(append(head, bound(at)...), rec(recEOF)...)
	out = append(out, bof(0x10)...)
	out = append(out, bytes.Join(cells, nil)...)
	return append(out, rec(recEOF)...)
}

func TestCellsOfEveryKind(t *testing.T) {
	// two shared strings, the second split by a CONTINUE that switches it
	// to 16-bit characters
	sst := rec(recSST, u32(2), u32(2), u16(2), []byte{0}, []byte("ab"), u16(4), []byte{0}, []byte("xy"))
	cont := rec(recContinue, []byte{1}, wide("督办"))
	str := rec(recString, u16(4), []byte{1}, wide("市财政局"))
	formula := rec(recFormula, u16(3, 0, 0), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6))
	number := rec(recNumber, u16(1, 2, 0), binary.LittleEndian.AppendUint64(nil, math.Float64bits(43646)))
	mulrk := rec(recMulRK, u16(2, 0), u16(0), u32(100<<2|0x02), u16(0), u32(12345<<2|0x03), u16(1))
	cells := [][]byte{
		rec(recLabelSST, u16(0, 0, 0), u32(1)),
		rec(recLabelSST, u16(0, 1, 0), u32(0)),
		rec(recLabel, u16(1, 0, 0), u16(2), []byte{1}, wide("编号")),
		number,
		mulrk,
		formula, str,
		rec(recFormula, u16(5, 0, 0), []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, make([]byte, 6)),
		rec(recShrFmla, make([]byte, 10)),
		rec(recString, u16(2), []byte{0}, []byte("ok")),
		rec(recBoolErr, u16(4, 0, 0), []byte{1, 0}),
		rec(recBoolErr, u16(4, 1, 0), []byte{0x2A, 1}),
		rec(recMergeCells, u16(1), u16(0, 0, 0, 3)),
		// a chart embedded in the sheet: its own BOF and EOF, then more cells
		rec(recBOF, u16(0x0600, 0x20), make([]byte, 12)),
		rec(recNumber, u16(9, 9, 0), binary.LittleEndian.AppendUint64(nil, math.Float64bits(1))), // the chart's, no cell
		rec(recEOF),
		rec(recLabel, u16(6, 0, 0), u16(2), []byte{0}, []byte("zz")),
	}
	bk, err := parse(stream([][]byte{sst, cont, rec(recDateMode, u16(1))}, cells))
	require.NoError(t, err)
	require.Len(t, bk.sheets, 1)
	sh := bk.sheets[0]
	assert.Equal(t, "表1", sh.name)
	assert.True(t, bk.date1904)
	got := map[[2]int]any{}
	for _, c := range sh.cells {
		got[[2]int{c.row, c.col}] = c.value
	}
	assert.Equal(t, map[[2]int]any{
		{0, 0}: "xy督办", {0, 1}: "ab",
		{1, 0}: "编号", {1, 2}: 43646.0,
		{2, 0}: 100.0, {2, 1}: 123.45,
		{3, 0}: "市财政局",
		{4, 0}: true, {4, 1}: "#N/A",
		{5, 0}: "ok",
		{6, 0}: "zz",
	}, got)
	assert.Equal(t, [][4]int{{0, 0, 0, 3}}, sh.merges)

	out, err := bk.xlsx()
	require.NoError(t, err)
	f, err := excelize.OpenReader(bytes.NewReader(out))
	require.NoError(t, err)
	defer f.Close()
	v, err := f.GetCellValue("表1", "A1")
	require.NoError(t, err)
	assert.Equal(t, "xy督办", v)
	merges, err := f.GetMergeCells("表1")
	require.NoError(t, err)
	require.Len(t, merges, 1)
	assert.Equal(t, "A1", merges[0].GetStartAxis())
	assert.Equal(t, "D1", merges[0].GetEndAxis())
}

func TestRK(t *testing.T) {
	assert.Equal(t, 100.0, rk(100<<2|0x02))
	assert.Equal(t, 1.5, rk(150<<2|0x03))
	minus7 := int32(-7)
	assert.Equal(t, -7.0, rk(uint32(minus7<<2)|0x02))
	assert.Equal(t, 2.5, rk(uint32(math.Float64bits(2.5)>>32)))
}

func TestPasswordAndOlderWorkbooksAreTold(t *testing.T) {
	_, err := parse(stream([][]byte{rec(recFilePass, u16(0))}, nil))
	assert.ErrorIs(t, err, ErrEncrypted)
	old := stream(nil, nil)
	binary.LittleEndian.PutUint16(old[4:], 0x0500) // a BIFF5 BOF
	_, err = parse(old)
	assert.ErrorIs(t, err, ErrNotBIFF8)
	_, err = Convert(bytes.NewReader([]byte("not a compound file at all")), 26)
	assert.Error(t, err)
}

// LibreOffice's Excel 97–2003 save of the workbook tests' ledger.
func TestLibreOfficeLedger(t *testing.T) {
	raw, err := os.ReadFile("../testdata/ledger.xls")
	require.NoError(t, err)
	wb, err := Convert(bytes.NewReader(raw), int64(len(raw)))
	require.NoError(t, err)
	// the summary information's last save (excelize's template date, which
	// the .xlsx LibreOffice saved it from carried)
	assert.Equal(t, time.Date(2006, 9, 16, 0, 0, 0, 0, time.UTC), wb.Saved.UTC())
	f, err := excelize.OpenReader(bytes.NewReader(wb.XLSX))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("二季度督办")
	require.NoError(t, err)
	require.Len(t, rows, 13)
	assert.Equal(t, "2019年市政府重点工作督办台账", rows[0][0])
	assert.Equal(t, []string{"2", "督〔2019〕2号", "校舍安全改造", "市教育局"}, rows[6][:4])
	merges, err := f.GetMergeCells("二季度督办")
	require.NoError(t, err)
	assert.Len(t, merges, 14)
}
