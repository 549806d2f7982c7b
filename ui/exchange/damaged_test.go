package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ex "taizhang/storage/exchange"
)

// cutSheet copies a workbook with its first sheet's XML cut at the row
// numbered at.
func cutSheet(t *testing.T, src, at string) string {
	zr, err := zip.OpenReader(src)
	require.NoError(t, err)
	defer zr.Close()
	out := filepath.Join(t.TempDir(), filepath.Base(src))
	fh, err := os.Create(out)
	require.NoError(t, err)
	zw := zip.NewWriter(fh)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(body, []byte(`<row r="`+at+`"`))
			require.Positive(t, i)
			body = body[:i+10]
		}
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		_, err = w.Write(body)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, fh.Close())
	return out
}

// A damaged workbook is explained on the wizard in Chinese, naming the
// file, the sheet and the last row read; nothing can be applied.
func TestImportWizardDamagedFile(t *testing.T) {
	e := newEnv(t)
	path := cutSheet(t, deptLedger(t, t.TempDir(), "住建局台账.xlsx", false), "6")
	imp := e.choose(path)
	msg := imp.Message()
	for _, want := range []string{"住建局台账.xlsx", "工作表“重点工作”已损坏", "截断", "第 5 行", "未导入任何数据"} {
		assert.Contains(t, msg, want)
	}
	assert.NotRegexp(t, `EOF|syntax|xml`, msg)
	assert.True(t, imp.ApplyButton().Disabled())
	e.unchanged()
}

// Importing the same file again changes nothing: no backup is taken, and
// the wizard says so.
func TestImportWizardUnchangedTakesNoBackup(t *testing.T) {
	e := newEnv(t)
	path := deptLedger(t, t.TempDir(), "住建局台账.xlsx", false)
	imp := e.choose(path)
	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "导入前的备份：taizhang-")
	list, err := e.st.Backups()
	require.NoError(t, err)
	require.Len(t, list, 1)

	test.Tap(imp.ChooseButton())
	test.Tap(imp.ApplyButton())
	assert.Contains(t, imp.Message(), "没有任何更改")
	assert.Contains(t, imp.Message(), "未备份")
	list, err = e.st.Backups()
	require.NoError(t, err)
	assert.Len(t, list, 1, "no second backup for an import that changes nothing")
}

// While another import (the command line) holds the data folder, the
// wizard's import waits and says so, then completes.
func TestImportWizardWaitsForAnotherImport(t *testing.T) {
	e := newEnv(t)
	path := deptLedger(t, t.TempDir(), "住建局台账.xlsx", false)
	imp := e.choose(path)

	release, err := ex.LockImports(context.Background(), e.st.Dir(), nil)
	require.NoError(t, err)
	done := make(chan struct{})
	go func() { imp.Apply(); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(imp.Message(), "另一个导入正在进行，等待中…") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	assert.Contains(t, imp.Message(), "另一个导入正在进行，等待中…")
	release()
	<-done
	assert.Contains(t, imp.Message(), "已导入：新增 3")
}
