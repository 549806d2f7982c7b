// Package assets embeds what the desktop app ships inside its executable:
// the Chinese font (intranet PCs cannot be relied on to have one), the icon
// and the translation catalogues.
package assets

import (
	"embed"
)

// FontRegular and FontBold are Noto Sans CJK SC cut down to GB2312 + ASCII
// with kerning as the only layout feature (see fonts/make-subset.sh;
// licence in fonts/OFL.txt).
//
//go:embed fonts/NotoSansSC-Regular-GB2312.otf
var FontRegular []byte

//go:embed fonts/NotoSansSC-Bold-GB2312.otf
var FontBold []byte

// Icon is the 256 px application icon (drawn in icon.svg).
//
//go:embed icon.png
var Icon []byte

// Translations holds translations/en.json and translations/zh-Hans.json in
// the layout fyne.io/fyne/v2/lang.AddTranslationsFS expects.
//
//go:embed translations
var Translations embed.FS
