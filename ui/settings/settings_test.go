package settings_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/storage"
	"taizhang/ui/common"
	"taizhang/ui/i18n"
	"taizhang/ui/settings"
)

func newScreen(t *testing.T) (*settings.Screen, *storage.Store) {
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return newScreenOn(t, st)
}

func newScreenOn(t *testing.T, st *storage.Store) (*settings.Screen, *storage.Store) {
	test.NewTempApp(t)
	require.NoError(t, i18n.Load(i18n.Chinese))
	w := test.NewTempWindow(t, nil)
	s := settings.New(settings.Deps{Store: st, Window: w, Run: &common.Runner{Sync: true}})
	w.SetContent(s.Content())
	return s, st
}

// The data tab says how much room the backups take, against their budget.
func TestSettingsShowBackupSpace(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := storage.Open(dir)
	require.NoError(t, err)
	defer st.Close()
	bdir := filepath.Join(dir, storage.BackupsDir)
	require.NoError(t, os.MkdirAll(bdir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bdir, "taizhang-20260101-120000.db.gz"), make([]byte, 3<<20), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(bdir, "taizhang-20260102-120000.db.gz"), make([]byte, 2<<20), 0o644))
	require.NoError(t, st.SetBackupPolicy(ctx, storage.BackupPolicy{Keep: 10, Budget: 500 << 20}))

	test.NewTempApp(t)
	require.NoError(t, i18n.Load(i18n.Chinese))
	s := settings.New(settings.Deps{Store: st, Window: test.NewTempWindow(t, nil), Run: &common.Runner{Sync: true}})
	assert.Equal(t, "备份：2 份，共 5.0 MB（上限 500.0 MB）", s.Space())
}

// Limits and backup bounds are saved as settings the import and the
// backups then use; a bad number is refused with a message.
func TestSettingsSaveLimits(t *testing.T) {
	ctx := context.Background()
	s, st := newScreen(t)
	lim, err := st.ImportLimits(ctx)
	require.NoError(t, err)
	assert.Equal(t, storage.DefaultImportLimits(), lim)

	entries := s.LimitEntries()
	require.Len(t, entries, 5)
	assert.Equal(t, "1024", entries[0].Text, "1 MB a cell, shown in KB")
	assert.Equal(t, "1048576", entries[1].Text)
	assert.Equal(t, "20000000", entries[2].Text)
	assert.Equal(t, "30", entries[3].Text)
	assert.Equal(t, "2048", entries[4].Text)

	entries[0].SetText("10240") // 10 MB
	entries[2].SetText("500000")
	entries[4].SetText("300")
	require.NoError(t, s.SaveLimits())
	assert.Equal(t, "上限已保存", s.Message())
	lim, err = st.ImportLimits(ctx)
	require.NoError(t, err)
	assert.Equal(t, storage.ImportLimits{MaxCellBytes: 10 << 20, MaxRows: 1 << 20, MaxCells: 500000}, lim)
	pol, err := st.BackupPolicy(ctx)
	require.NoError(t, err)
	assert.Equal(t, storage.BackupPolicy{Keep: 30, Budget: 300 << 20}, pol)

	entries[1].SetText("很多")
	require.Error(t, s.SaveLimits())
	assert.Contains(t, s.Message(), "很多")
	lim, err = st.ImportLimits(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1<<20, lim.MaxRows, "nothing saved from a bad form")
}
