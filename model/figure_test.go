package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every registered figure's records add up to its value: a count lists as
// many records as it counts, money the amounts that make its sum.
func TestFigureRecordsAddUpToTheirValues(t *testing.T) {
	ds := figuresDataset(t)
	sc := Scope{Data: ds, From: iso(t, "2019-01-01"), To: iso(t, "2019-06-30"), Rules: DefaultRules()}
	s := Summarize(ds, sc.From, sc.To, sc.Rules)
	checked := 0
	for _, f := range Figures(s) {
		at, ok := FigureAt(f.Path)
		require.True(t, ok, f.Path)
		assert.Equal(t, f.Label, at.Label, f.Path)
		if f.Records == nil || f.Path == "meetings.topics" {
			continue
		}
		recs := f.Records(sc)
		for _, r := range recs {
			assert.IsType(t, New(f.Kind), r, f.Path)
		}
		switch v := f.Value(s).(type) {
		case int:
			assert.Len(t, recs, v, f.Path)
			checked += v
		case Fen:
			var sum Fen
			for _, r := range recs {
				sum += r.(*Fund).AmountFen
			}
			assert.Equal(t, v, sum, f.Path)
		}
	}
	assert.Greater(t, checked, 20, "the dataset exercises the figures")
}

// The draft quotes only registered figures, and their registered values
// are the ones the JSON summary prints.
func TestDraftQuotesRegisteredFigures(t *testing.T) {
	s := Summarize(figuresDataset(t), iso(t, "2019-01-01"), iso(t, "2019-06-30"), DefaultRules())
	tree := jsonTree(t, s)
	for _, lang := range []string{"zh", "en"} {
		for _, sen := range Draft(s, lang) {
			for _, path := range sen.Figures {
				f, ok := FigureAt(path)
				require.True(t, ok, "the draft quotes %s, which is not registered", path)
				v, err := json.Marshal(f.Value(s))
				require.NoError(t, err)
				want, err := json.Marshal(lookupPath(t, tree, path))
				require.NoError(t, err)
				assert.JSONEq(t, string(want), string(v), path)
			}
		}
	}
}

func TestFigureAtNamesAnyClassAndGroup(t *testing.T) {
	f, ok := FigureAt("proposals.by_class.甲")
	require.True(t, ok)
	assert.Equal(t, "办复结果甲类（件）", f.Label.Zh)
	_, ok = FigureAt("tasks.nothing")
	assert.False(t, ok)
	assert.Equal(t, T("督办事项", "Supervised items"), FigureGroup("tasks.by_source.other"))
}

// jsonTree is v as its JSON reads, for looking figures up by path.
func jsonTree(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	var tree map[string]any
	require.NoError(t, json.Unmarshal(raw, &tree))
	return tree
}
