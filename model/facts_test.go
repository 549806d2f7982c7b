package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fillText writes text into every empty plain string field of v (a struct
// pointer), nested structs and slices of structs included, so that leaving
// any of them out is seen.
func fillText(v reflect.Value, text string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fillText(v.Elem(), text)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillText(v.Field(i), text)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			fillText(v.Index(i), text)
		}
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() && v.String() == "" && v.CanSet() {
			v.SetString(text)
		}
	}
}

// The figures, and the records each figure lists, are the same whether
// computed from whole records or from their FigureFacts.
func TestFigureFactsKeepEveryFigure(t *testing.T) {
	full := figuresDataset(t)
	n := 0
	full.Each(func(r Record) {
		n++
		r.RecordMeta().ID = fmt.Sprintf("r%03d", n)
		fillText(reflect.ValueOf(r), fmt.Sprintf("第%d条的文字", n))
		if t, ok := r.(*Task); ok {
			t.Reports = append(t.Reports, Report{ID: "rep", Done: "完成了", Problems: "问题", Next: "下步"})
			t.Extra = map[string]string{"备注2": "另一列"}
		}
	})
	var facts Dataset
	facts.Units = full.Units
	shrunk := 0
	full.Each(func(r Record) {
		before, err := json.Marshal(r)
		require.NoError(t, err)
		f := FigureFacts(r)
		require.NotNil(t, f, "every kind the figures count has facts: %T", r)
		after, err := json.Marshal(f)
		require.NoError(t, err)
		again, err := json.Marshal(r)
		require.NoError(t, err)
		require.Equal(t, string(before), string(again), "FigureFacts leaves the record itself alone")
		if len(after) < len(before) {
			shrunk++
		}
		facts.Add(f)
	})
	assert.Equal(t, n, shrunk, "every record has text the figures do not read")

	for _, period := range [][2]string{{"2019-01-01", "2019-06-30"}, {"2019-06-01", "2019-06-30"}, {"2018-01-01", "2019-12-31"}} {
		from, to := iso(t, period[0]), iso(t, period[1])
		want := Summarize(full, from, to, DefaultRules())
		require.Equal(t, want, Summarize(facts, from, to, DefaultRules()), period)
		listed := 0
		for _, f := range Figures(want) {
			if f.Records == nil {
				continue
			}
			ids := func(ds Dataset) []string {
				var out []string
				for _, r := range f.Records(Scope{Data: ds, From: from, To: to, Rules: DefaultRules()}) {
					out = append(out, r.RecordMeta().ID)
				}
				return out
			}
			wantIDs := ids(full)
			listed += len(wantIDs)
			assert.Equal(t, wantIDs, ids(facts), "%s %v", f.Path, period)
		}
		assert.Greater(t, listed, 20, "the dataset exercises the figures' lists")
	}
}

func TestFigureFactsOfOtherKinds(t *testing.T) {
	assert.Nil(t, FigureFacts(&Unit{Name: "市民政局"}), "units are not counted: no facts")
	assert.Nil(t, FigureFacts(&Holiday{Name: "春节"}))
}
