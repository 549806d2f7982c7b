package i18n

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"taizhang/assets"
)

var keyUse = regexp.MustCompile(`lang\.(?:L|X|N|XN)\(\s*"((?:[^"\\]|\\.)*)"`)

// usedKeys scans every Go file under ui/ for literal translation keys.
func usedKeys(t *testing.T) map[string][]string {
	t.Helper()
	used := map[string][]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "i18n_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = append(used[m[1]], path)
		}
		return nil
	})
	require.NoError(t, err)
	return used
}

func catalogue(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + name)
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(data, &m), name)
	return m
}

func TestEveryKeyIsTranslated(t *testing.T) {
	used := usedKeys(t)
	require.NotEmpty(t, used, "the scan should find the UI's keys")
	for _, name := range []string{"zh-Hans.json", "en.json"} {
		cat := catalogue(t, name)
		var missing []string
		for k, files := range used {
			if strings.TrimSpace(cat[k]) == "" {
				missing = append(missing, k+" ("+files[0]+")")
			}
		}
		sort.Strings(missing)
		assert.Empty(t, missing, "keys used in code but missing in %s", name)
	}
}

func TestCataloguesAgree(t *testing.T) {
	zh, en := catalogue(t, "zh-Hans.json"), catalogue(t, "en.json")
	placeholders := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	for k, v := range zh {
		ev, ok := en[k]
		if !assert.True(t, ok, "%q is in zh-Hans.json but not en.json", k) {
			continue
		}
		assert.ElementsMatch(t, placeholders.FindAllString(v, -1), placeholders.FindAllString(ev, -1), "placeholders of %q", k)
	}
	for k := range en {
		assert.Contains(t, zh, k, "%q is in en.json but not zh-Hans.json", k)
	}
}

func TestSwitchLanguage(t *testing.T) {
	require.NoError(t, Load(Chinese))
	zh := lang.L("nav.tasks")
	require.NoError(t, Load(English))
	en := lang.L("nav.tasks")
	require.NoError(t, Load(Chinese))
	assert.Equal(t, "督办事项", zh)
	assert.Equal(t, "Supervised items", en)
	assert.Equal(t, "督办事项", lang.L("nav.tasks"), "switching back restores Chinese")
}

func TestParse(t *testing.T) {
	l, ok := Parse("English")
	assert.True(t, ok)
	assert.Equal(t, English, l)
	_, ok = Parse("")
	assert.False(t, ok)
}

func TestSystemLanguageIsChineseForTheCLocale(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "C.UTF-8")
	assert.Equal(t, Chinese, System())
	t.Setenv("LANG", "en_US.UTF-8")
	assert.Equal(t, English, System())
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	assert.Equal(t, Chinese, System())
}
