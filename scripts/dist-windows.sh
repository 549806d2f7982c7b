#!/usr/bin/env bash
# dist-windows.sh — cross-builds the Windows release on Linux:
#   dist/taizhang-VERSION-setup.exe     NSIS installer (per user by default)
#   dist/taizhang-VERSION-portable.zip  both executables + TaizhangData folder
# Resources (icon, version information in Chinese and English, manifest with
# PerMonitorV2 DPI awareness and asInvoker) come from packaging/windows/*.rc,
# compiled by MinGW's windres into a .syso that `go build` links. Signs when
# scripts/sign.sh finds a certificate in the environment.
source "$(dirname "$0")/dist-lib.sh"

need_debs gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 nsis imagemagick osslsigncode
need_go
stage_source

SRC="$BUILD/src"
OUT="$BUILD/windows"
rm -rf "$OUT"
mkdir -p "$OUT" "$DIST"
PKG="$ROOT/packaging/windows"

log "icon"
# 16 px is drawn by hand (packaging/icon/icon-16.xpm); larger sizes scale
# the 256 px assets/icon.png.
convert "$ROOT/packaging/icon/icon-16.xpm" "$OUT/icon-16.png"
for s in 32 48; do
	convert "$ROOT/assets/icon.png" -filter Lanczos -resize "${s}x${s}" "$OUT/icon-$s.png"
done
convert "$OUT/icon-16.png" "$OUT/icon-32.png" "$OUT/icon-48.png" "$ROOT/assets/icon.png" "$OUT/taizhang.ico"

IFS=. read -r MAJ MIN PAT <<<"$VERSION"
for exe in taizhang taizhang-cli; do
	x86_64-w64-mingw32-windres -c 65001 -I "$OUT" -I "$PKG" \
		-DVER_MAJOR="$MAJ" -DVER_MINOR="$MIN" -DVER_PATCH="$PAT" -DVER_BUILD="$BUILDNUM" \
		-DVER_STR="\\\"$VERSION\\\"" -DVER_FILE_STR="\\\"$VERSION.$BUILDNUM\\\"" \
		-i "$PKG/$exe.rc" -O coff -o "$SRC/cmd/$exe/rsrc_windows_amd64.syso"
done

build_cli() {
	(cd "$SRC" && CGO_ENABLED=0 GOOS=windows GOARCH=amd64 \
		go build -ldflags "-s -w -X main.version=$VERSION" -o "$OUT/taizhang-cli.exe" ./cmd/taizhang-cli)
}
build_gui() {
	# The GUI needs cgo (GLFW, OpenGL): MinGW as the C compiler. A cold build
	# takes about 10 minutes, most of it go-gl; later builds are cached.
	(cd "$SRC" && CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		go build -tags "$TAGS" -ldflags "-H=windowsgui -s -w -X main.version=$VERSION" \
		-o "$OUT/taizhang.exe" ./cmd/taizhang)
}
timed "windows cli build" build_cli
timed "windows gui build" build_gui

"$ROOT/scripts/sign.sh" "$OUT/taizhang.exe" "$OUT/taizhang-cli.exe"

log "installer"
SETUP="$DIST/taizhang-$VERSION-setup.exe"
rm -f "$SETUP"
makensis -V2 -WX -NOCD \
	-DVERSION="$VERSION" -DVERSION4="$VERSION.$BUILDNUM" -DSRCDIR="$OUT" \
	-DOUTFILE="$SETUP" -DICON="$OUT/taizhang.ico" -DSIGN="$ROOT/scripts/sign.sh" \
	"$PKG/installer.nsi"

log "portable zip"
P="$OUT/portable/Taizhang-$VERSION"
mkdir -p "$P/TaizhangData"
cp "$OUT/taizhang.exe" "$OUT/taizhang-cli.exe" "$P/"
# Notepad on older Windows 10 needs the BOM and CRLF to read UTF-8.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$ROOT/packaging/portable/使用说明.txt"; } >"$P/使用说明.txt"
ZIP="$DIST/taizhang-$VERSION-portable.zip"
rm -f "$ZIP"
(cd "$ROOT" && go run ./packaging/zipdir "$ZIP" "$P")

ls -l "$SETUP" "$ZIP" >&2
