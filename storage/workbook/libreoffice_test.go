package workbook

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/model"
)

// The export must open cleanly in LibreOffice (what WPS users' colleagues
// often have); a cell typed =1+1 must come out as text, not as 2.
func TestExportOpensInLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not on PATH")
	}
	sd := SheetData{Kind: model.KindTask}
	for n := 1; n <= 3; n++ {
		sd.Records = append(sd.Records, sampleRecord(t, model.KindTask, n))
	}
	path := exportFile(t, []SheetData{sd, {Kind: model.KindFund}}, ExportOptions{Unit: "市财政局"})
	out := t.TempDir()
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+out+"/profile",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out, path)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))
	csv, err := os.ReadFile(filepath.Join(out, "export.csv"))
	require.NoError(t, err, string(b))
	lines := strings.Split(string(csv), "\n")
	assert.True(t, strings.HasPrefix(lines[0], "编号,事项来源,"), lines[0])
	assert.Contains(t, string(csv), "督〔2019〕1号")
	assert.Contains(t, string(csv), ",=1+1,")
	assert.Contains(t, string(csv), ",2019-09-15,", "a deadline date cell shown with its date format")
	assert.Contains(t, string(csv), ",6月底,", "a typed deadline stays as typed")
}
