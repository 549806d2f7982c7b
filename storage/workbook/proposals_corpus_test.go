package workbook

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// proposalsExpect is testdata/proposals_expect.json: per "sheet!row" the
// fields a person reading the ledger understands, and the sheets that hold
// no proposals.
type proposalsExpect struct {
	Rows        map[string]map[string]any `json:"rows"`
	NoProposals []string                  `json:"no_proposals"`
}

// NPC and CPPCC ledgers as proposals desks keep them, written by openpyxl
// and re-saved by LibreOffice (testdata/gen/openpyxl_proposals.py): every
// row imports, nothing else does, and every field of every record is what
// the sheet says.
func TestProposalsCorpusReadsAsAPersonWould(t *testing.T) {
	b, err := os.ReadFile("testdata/proposals_expect.json")
	require.NoError(t, err)
	var expect proposalsExpect
	require.NoError(t, json.Unmarshal(b, &expect))
	require.NotEmpty(t, expect.Rows)

	for _, file := range []string{"testdata/proposals_openpyxl.xlsx", "testdata/proposals_libreoffice.xlsx"} {
		t.Run(file, func(t *testing.T) {
			res, err := Read(file, ReadOptions{Units: testUnits(), Lang: "zh"})
			require.NoError(t, err)
			assert.Empty(t, res.Rejected, "no row is refused")
			for _, rep := range res.Report.Sheets {
				for _, name := range expect.NoProposals {
					if rep.Sheet == name {
						assert.Nil(t, rep.Kind, "%s holds no ledger", name)
					}
				}
			}
			got := map[string]model.Incoming{}
			for _, in := range res.Rows {
				got[in.Ref.Sheet+"!"+strconv.Itoa(in.Ref.Row)] = in
			}
			assert.Len(t, got, len(expect.Rows), "one record per proposal row, nothing else")
			for at, want := range expect.Rows {
				in, ok := got[at]
				if !assert.True(t, ok, "%s imported", at) {
					continue
				}
				fields, err := model.Fields(in.Record)
				require.NoError(t, err)
				for name, w := range want {
					var g any
					if raw := fields[name]; raw != nil {
						require.NoError(t, json.Unmarshal(raw, &g))
					}
					if units, ok := g.([]any); ok && name == "units" {
						var pairs []any
						for _, u := range units {
							m := u.(map[string]any)
							pairs = append(pairs, []any{m["name"], m["role"]})
						}
						g = pairs
					}
					if w == "" && g == nil {
						continue
					}
					assert.Equal(t, w, g, "%s %s", at, name)
				}
			}
		})
	}
}
