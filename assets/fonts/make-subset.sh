#!/bin/sh
# Regenerates the bundled Chinese fonts: Noto Sans CJK SC (face 2 of the
# Debian .ttc collections; a .ttc crashes Fyne, so one face is extracted)
# cut down to GB2312 + ASCII + common punctuation to keep the binary small.
# Needs fonts-noto-cjk and python3-fonttools (Debian), at preparation time only.
# Check the face index with:
#   /usr/bin/python3 -c "from fontTools.ttLib import TTCollection as C; [print(i, f['name'].getDebugName(4)) for i, f in enumerate(C('$SRC/NotoSansCJK-Regular.ttc').fonts)]"
set -eu
SRC=${SRC:-/usr/share/fonts/opentype/noto}
FACE=${FACE:-2} # "Noto Sans CJK SC"
PY=${PY:-/usr/bin/python3}
# OpenType layout features kept; OUT: where to write. Only kerning: with
# every feature ('*') the layout closure pulled in 6,457 alternate glyphs
# (locl, vert, fwid...) and each new text took ~0.9 ms to measure headless
# against ~0.09 ms with kern only, 1,000 labels drawn 3.8 s -> 2.2 s, and
# the two faces fell from 6.0 MB to 3.2 MB; Chinese and Latin draw the same
# (ui/theme TestShapingCost, TAIZHANG_BENCH_FONT=1).
FEATURES=${FEATURES-kern}
OUT=${OUT:-.}
cd "$(dirname "$0")"

chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
# Every character GB2312 encodes (EUC-CN rows 0xA1-0xF7, cells 0xA1-0xFE),
# plus printable ASCII, general punctuation and full-width forms.
"$PY" - "$chars" <<'PYEOF'
import sys
out = set(chr(c) for c in range(0x20, 0x7f))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            out.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
out.update(chr(c) for c in range(0x2000, 0x206F))  # general punctuation
out.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
out.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
out.update("〔〕±×÷°№…‰←↑→↓√∞≤≥①②③④⑤⑥⑦⑧⑨⑩●○■□▲△★☆◆◇")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(out)))
print(len(out), "characters", file=sys.stderr)
PYEOF

for style in Regular Bold; do
	"$PY" -m fontTools.subset "$SRC/NotoSansCJK-$style.ttc" --font-number="$FACE" \
		--text-file="$chars" --layout-features="$FEATURES" --no-hinting \
		--name-IDs='*' --name-languages='*' \
		--output-file="$OUT/NotoSansSC-$style-GB2312.otf"
done
ls -l "$OUT"/NotoSansSC-*.otf
