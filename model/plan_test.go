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
