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

// vocabularyExpect is testdata/vocabulary_expect.json: per sheet and row,
// the word typed in one enumerated column and what it must come to ("?":
// unknown, kept as typed and warned).
type vocabularyExpect map[string]map[string]struct {
	Field string `json:"field"`
	Word  string `json:"word"`
	Want  any    `json:"want"`
}

// Ledgers of every kind written by openpyxl, and the same re-saved by
// LibreOffice, worded as real sections word them (194 words): no row is
// rejected for a word, every unambiguous word is mapped, every unknown
// word is kept verbatim beside its field and warned with its place.
func TestRealWordingOfEveryKindImportsWhole(t *testing.T) {
	b, err := os.ReadFile("testdata/vocabulary_expect.json")
	require.NoError(t, err)
	var expect vocabularyExpect
	require.NoError(t, json.Unmarshal(b, &expect))

	for _, file := range []string{"testdata/vocabulary_openpyxl.xlsx", "testdata/vocabulary_libreoffice.xlsx"} {
		t.Run(file, func(t *testing.T) {
			res, err := Read(file, ReadOptions{Units: testUnits(), Lang: "zh"})
			require.NoError(t, err)
			assert.Empty(t, res.Rejected, "no row is rejected for a word")
			rows := map[string]model.Incoming{}
			for _, in := range res.Rows {
				rows[in.Ref.Sheet+"!"+strconv.Itoa(in.Ref.Row)] = in
			}
			warned := map[string]model.Warning{}
			for _, w := range res.Warnings {
				if w.Field != "" {
					warned[w.Sheet+"!"+strconv.Itoa(w.Row)] = w
				}
			}
			words := 0
			for sheet, byRow := range expect {
				for row, e := range byRow {
					words++
					at := sheet + "!" + row
					in, ok := rows[at]
					if !assert.True(t, ok, "%s (%s) imported", at, e.Word) {
						continue
					}
					f, err := model.Fields(in.Record)
					require.NoError(t, err)
					var got any
					if raw := f[e.Field]; raw != nil {
						require.NoError(t, json.Unmarshal(raw, &got))
					}
					if e.Want == "?" {
						w, ok := warned[at]
						assert.True(t, ok, "%s: %q is warned", at, e.Word)
						assert.Equal(t, e.Word, w.Value, at)
						if e.Field == "key" {
							assert.Equal(t, e.Word, in.Record.(*model.Task).Extra["是否重点"], "%s: the mark is kept", at)
						} else {
							var text string
							require.NoError(t, json.Unmarshal(orEmpty(f[e.Field+"_text"]), &text))
							assert.Equal(t, e.Word, text, "%s: %q kept verbatim", at, e.Word)
						}
						assert.NotContains(t, in.Fields, e.Field, "%s: an unknown word changes nothing", at)
						continue
					}
					assert.Equal(t, e.Want, got, "%s: %q", at, e.Word)
					if _, ok := warned[at]; ok && e.Field != "source" {
						assert.Fail(t, "a mapped word is not warned", "%s: %q: %+v", at, e.Word, warned[at])
					}
				}
			}
			assert.GreaterOrEqual(t, words, 150)
		})
	}
}

func orEmpty(raw json.RawMessage) json.RawMessage {
	if raw == nil {
		return json.RawMessage(`""`)
	}
	return raw
}
