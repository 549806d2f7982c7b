package xlsxscan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A number format shows a percentage when it has a % that is neither
// quoted nor escaped.
func TestPercentCode(t *testing.T) {
	for code, want := range map[string]bool{
		"0%": true, "0.00%": true, "[Red]0.0%": true, `0.0%" 完成"`: true,
		`0"%"`: false, `0\%`: false, "#,##0.00": false, "yyyy-mm-dd": false, "": false,
	} {
		assert.Equal(t, want, percentCode(code), code)
	}
}
