package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `import --json` prints rejections and warnings with their place first,
// in docs/CLI.md's order: the embedded Place flattens into the object.
func TestRejectionAndWarningJSON(t *testing.T) {
	at := Place{File: "a.xlsx", Sheet: "督办", Row: 9, Column: "G", Header: "办理状态", Value: "暂缓"}
	b, err := json.Marshal(Rejection{Place: at, Reason: "r"})
	require.NoError(t, err)
	assert.Equal(t, `{"file":"a.xlsx","sheet":"督办","row":9,"column":"G","header":"办理状态","value":"暂缓","reason":"r"}`, string(b))
	b, err = json.Marshal(Warning{Place: at, Kind: KindTask, Field: "status", Kept: "k", Reason: "r"})
	require.NoError(t, err)
	assert.Equal(t, `{"file":"a.xlsx","sheet":"督办","row":9,"column":"G","header":"办理状态","value":"暂缓","kind":"tasks","field":"status","kept":"k","reason":"r"}`, string(b))
}

// A dataset and the references each keep the records of their kinds, in
// the order added, and pass over the rest.
func TestDatasetAndReferencesAdd(t *testing.T) {
	t1, t2, u, h, f := &Task{Number: "1"}, &Task{Number: "2"}, &Unit{Name: "市发改委"}, &Holiday{Name: "元旦"}, &Fund{Project: "路"}
	var ds Dataset
	var refs References
	for _, r := range []Record{t1, u, t2, h, f} {
		ds.Add(r)
		refs.Add(r)
	}
	assert.Equal(t, []*Task{t1, t2}, ds.Tasks)
	assert.Equal(t, []*Fund{f}, ds.Funds)
	assert.Empty(t, ds.Points)
	assert.Equal(t, []*Unit{u}, refs.Units)
	assert.Equal(t, []*Holiday{h}, refs.Holidays)
	assert.Empty(t, refs.Terms)
}
