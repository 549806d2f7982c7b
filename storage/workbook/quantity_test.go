package workbook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// A projects ledger without a 数量单位 column types 21座: the count and its
// unit both land; a bare number leaves the unit as it is.
func TestQuantityWithItsMeasureWord(t *testing.T) {
	path := writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "所在村", "数量", "计划投资（万元）"},
		{"蔬菜大棚", "王庄村", "21座", 120},
		{"道路硬化", "王庄村", "3.5公里", 80},
		{"饮水工程", "王庄村", 2, 30},
	}})
	res := readOne(t, path, model.KindProject)
	require.Len(t, res.Rows, 3)
	p := res.Rows[0].Record.(*model.Project)
	assert.Equal(t, 21.0, p.Quantity)
	assert.Equal(t, "座", p.QuantityUnit)
	assert.Contains(t, res.Rows[0].Fields, "quantity_unit")
	p = res.Rows[1].Record.(*model.Project)
	assert.Equal(t, 3.5, p.Quantity)
	assert.Equal(t, "公里", p.QuantityUnit)
	p = res.Rows[2].Record.(*model.Project)
	assert.Equal(t, 2.0, p.Quantity)
	assert.Empty(t, p.QuantityUnit)
	assert.NotContains(t, res.Rows[2].Fields, "quantity_unit", "a bare count does not clear a unit kept here")

	// A 数量单位 column wins over the measure word.
	path = writeSheets(t, testSheet{name: "帮扶项目", rows: [][]any{
		{"项目名称", "数量", "计量单位"},
		{"蔬菜大棚", "21座", "栋"},
	}})
	res = readOne(t, path, model.KindProject)
	require.Len(t, res.Rows, 1)
	assert.Equal(t, "栋", res.Rows[0].Record.(*model.Project).QuantityUnit)
}
