package common_test

import (
	"fmt"
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

	require.NoError(t, i18n.Load(i18n.Chinese))
	zh := common.ErrorText(wrapped)
	assert.Contains(t, zh, "找不到该文件或文件夹")
	assert.Contains(t, zh, missing, "the file is named")
	assert.NotContains(t, zh, "no such file")

	require.NoError(t, i18n.Load(i18n.English))
	assert.Contains(t, common.ErrorText(wrapped), "does not exist")
}
