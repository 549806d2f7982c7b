package workbook

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every record read from the corpora, normalized, stays as it is when
// normalized again: an import encodes a copied row once to check its
// revision and stores that encoding (storage's applying pass), which holds
// only if normalizing twice is normalizing once.
func TestNormalizingTwiceIsNormalizingOnce(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.xls*"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	n := 0
	for _, file := range files {
		res, err := Read(file, ReadOptions{Units: testUnits(), Lang: "zh"})
		if err != nil {
			continue // the corpora that are refused whole
		}
		for _, in := range res.Rows {
			in.Record.Normalize()
			once, err := json.Marshal(in.Record)
			require.NoError(t, err)
			in.Record.Normalize()
			twice, err := json.Marshal(in.Record)
			require.NoError(t, err)
			assert.JSONEq(t, string(once), string(twice), "%s %s row %d", file, in.Ref.Sheet, in.Ref.Row)
			n++
		}
	}
	assert.Greater(t, n, 200, "records read")
}
