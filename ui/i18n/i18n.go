// Package i18n loads Taizhang's translation catalogues into
// fyne.io/fyne/v2/lang and switches the language at run time.
package i18n

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"taizhang/assets"
)

// Lang is a language the app speaks, as stored in the "language" setting.
type Lang string

const (
	Chinese Lang = "zh"
	English Lang = "en"
)

// file is the catalogue of each language; Fyne's own strings match zh-Hans.
var file = map[Lang]string{Chinese: "zh-Hans.json", English: "en.json"}

// Parse reads a stored setting; anything unknown means "follow the system".
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh", "zh-hans", "中文":
		return Chinese, true
	case "en", "english":
		return English, true
	}
	return "", false
}

// System is the language of the user's locale: English for English
// locales, Chinese otherwise (the office's language, also for "C").
func System() Lang {
	// Fyne reads "C" as English (it cannot parse it); the office's
	// language is the default when the environment names none.
	if isCLocale(firstEnv("LC_ALL", "LC_MESSAGES", "LANG")) {
		return Chinese
	}
	if strings.HasPrefix(strings.ToLower(string(lang.SystemLocale())), "en") {
		return English
	}
	return Chinese
}

// Load makes lang.L answer in l. Fyne picks a catalogue from the system
// locale and has no setter, and on Windows it ignores environment
// variables; so the chosen catalogue is loaded under every locale we ship,
// whichever one Fyne then matches. LANGUAGE is set as well so that Fyne's
// own dialog buttons follow on Linux and macOS.
func Load(l Lang) error {
	name, ok := file[l]
	if !ok {
		return fmt.Errorf("load translations: unknown language %q", l)
	}
	data, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		return fmt.Errorf("load translations %s: %w", name, err)
	}
	if l == Chinese {
		_ = os.Setenv("LANGUAGE", "zh_CN:zh")
	} else {
		_ = os.Setenv("LANGUAGE", "en")
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	for _, loc := range []fyne.Locale{"en", "zh-Hans"} {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			return fmt.Errorf("load translations %s as %s: %w", name, loc, err)
		}
	}
	return nil
}

// firstEnv is the first of the variables that is set, as the C library
// reads the locale.
func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

func isCLocale(s string) bool { return s == "C" || s == "POSIX" || strings.HasPrefix(s, "C.") }
