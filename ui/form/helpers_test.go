package form_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"taizhang/storage"
	"taizhang/ui/i18n"
	tztheme "taizhang/ui/theme"
)

// chineseApp is a headless app in Chinese with the bundled font, and a
// store in a fresh folder: what every form test starts from.
func chineseApp(t *testing.T) (fyne.App, *storage.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(tztheme.New())
	require.NoError(t, i18n.Load(i18n.Chinese))
	st, err := storage.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return a, st
}
