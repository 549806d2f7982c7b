package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportEachUnitThenImportTheFolder(t *testing.T) {
	dir := t.TempDir()
	ledger := writeLedger(t, [][]any{
		{"编号", "事项名称", "牵头单位", "完成时限", "状态", "办理进展"},
		{"督1", "城区内涝治理", "市水务局", "2026-12-31", "办理中", ""},
		{"督2", "校园周边安全", "市公安局", "2026-12-31", "办理中", ""},
		{"督3", "户籍制度改革", "市公安局", "2026-12-31", "办理中", ""},
	})
	require.Equal(t, 0, cli(t, dir, "import", ledger).code)

	out := filepath.Join(t.TempDir(), "本月")
	r := cli(t, dir, "export", "--each-unit", out, "--month", "2026-11")
	require.Equal(t, 0, r.code, r.err)
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	require.Len(t, lines, 2, r.out)
	assert.Equal(t, "市公安局\t2\t"+filepath.Join(out, "市公安局-台账-2026-11.xlsx"), lines[0], "most open items first")
	assert.Contains(t, r.err, "wrote the ledgers of 2 units")
	_, err := os.Stat(filepath.Join(out, "市水务局-台账-2026-11.xlsx"))
	require.NoError(t, err)

	// just one unit, by name
	one := t.TempDir()
	r = cli(t, dir, "export", "--each-unit", one, "--month", "2026-11", "市水务局")
	require.Equal(t, 0, r.code, r.err)
	assert.Equal(t, 1, strings.Count(r.out, "\n"))

	r = cli(t, dir, "import", "--json", out)
	require.Equal(t, 0, r.code, r.err)
	var imp map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.out), &imp), r.out)
	assert.Len(t, imp["files"], 2, "both files of the folder")
	assert.EqualValues(t, 3, imp["counts"].(map[string]any)["unchanged"])

	r = cli(t, dir, "import", t.TempDir())
	assert.Equal(t, 2, r.code, "an empty folder is a usage error")
	r = cli(t, dir, "export", "--each-unit", out, "--month", "2026/11")
	assert.Equal(t, 2, r.code)
}
