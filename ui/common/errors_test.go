package common_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/ui/common"
	"taizhang/ui/i18n"
)

func TestOperatingSystemErrorsAreSentencesInTheUsersLanguage(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { _ = i18n.Load(i18n.Chinese) })
	missing := filepath.Join(t.TempDir(), "市公安局-台账-2026-11.xlsx")
	_, err := os.Open(missing)
	require.Error(t, err)
	wrapped := fmt.Errorf("read %s: %w", missing, err)
	denied := fmt.Errorf("write backup: %w", &fs.PathError{Op: "open", Path: "D:\\备份", Err: fs.ErrPermission})

	require.NoError(t, i18n.Load(i18n.Chinese))
	zh := common.ErrorText(wrapped)
	assert.Equal(t, "找不到文件或文件夹："+missing, zh)
	assert.NotContains(t, zh, "no such file")
	assert.Contains(t, common.ErrorText(denied), "没有权限读写：D:\\备份")

	require.NoError(t, i18n.Load(i18n.English))
	assert.Equal(t, "The file or folder does not exist: "+missing, common.ErrorText(wrapped))
	assert.Contains(t, common.ErrorText(denied), "No permission")
}
