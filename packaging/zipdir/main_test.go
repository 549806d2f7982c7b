package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The portable zip must show the Chinese file name on Windows and keep the
// empty TaizhangData folder that switches the app to portable mode.
func TestZipDirKeepsEmptyFolderAndMarksChineseNamesUTF8(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Taizhang-0.1.0")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "TaizhangData"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "使用说明.txt"), []byte("说明"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "taizhang.exe"), []byte("MZ"), 0o755))
	out := filepath.Join(t.TempDir(), "p.zip")

	require.NoError(t, zipDir(out, dir))

	zr, err := zip.OpenReader(out)
	require.NoError(t, err)
	defer zr.Close()
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	require.Contains(t, byName, "Taizhang-0.1.0/TaizhangData/")
	assert.True(t, byName["Taizhang-0.1.0/TaizhangData/"].FileInfo().IsDir())
	note := byName["Taizhang-0.1.0/使用说明.txt"]
	require.NotNil(t, note)
	assert.NotZero(t, note.Flags&0x800, "UTF-8 name flag (bit 11) must be set")
	rc, err := note.Open()
	require.NoError(t, err)
	defer rc.Close()
	buf := make([]byte, 16)
	n, _ := rc.Read(buf)
	assert.Equal(t, "说明", string(buf[:n]))
	assert.Contains(t, byName, "Taizhang-0.1.0/taizhang.exe")
}
