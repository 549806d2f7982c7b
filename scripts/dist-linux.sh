#!/usr/bin/env bash
# dist-linux.sh [amd64|arm64] — builds dist/taizhang_VERSION_ARCH.deb:
# /usr/bin/taizhang (GUI) and /usr/bin/taizhang-cli, a desktop entry,
# hicolor icons. arm64 is cross-built with Debian multiarch (adds the arm64
# architecture to dpkg and installs the arm64 X11/GL development packages).
source "$(dirname "$0")/dist-lib.sh"

ARCH=${1:-amd64}
DEVS=(libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
case "$ARCH" in
amd64)
	CROSS=
	need_debs gcc pkg-config "${DEVS[@]}" imagemagick
	;;
arm64)
	CROSS=aarch64-linux-gnu-
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		as_root dpkg --add-architecture arm64
		as_root apt-get update -qq
	fi
	need_debs gcc-aarch64-linux-gnu libc6-dev-arm64-cross imagemagick "${DEVS[@]/%/:arm64}"
	;;
*)
	echo "dist-linux.sh: architecture amd64 or arm64, not $ARCH" >&2
	exit 2
	;;
esac
need_go
stage_source

SRC="$BUILD/src"
OUT="$BUILD/linux-$ARCH"
PKGDIR="$OUT/taizhang_${VERSION}_$ARCH"
rm -rf "$OUT"
mkdir -p "$PKGDIR/DEBIAN" "$PKGDIR/usr/bin" "$PKGDIR/usr/share/applications" \
	"$PKGDIR/usr/share/doc/taizhang" "$DIST"

build_cli() {
	(cd "$SRC" && CGO_ENABLED=0 GOOS=linux GOARCH=$ARCH \
		go build -ldflags "-s -w -X main.version=$VERSION" -o "$PKGDIR/usr/bin/taizhang-cli" ./cmd/taizhang-cli)
}
build_gui() {
	(cd "$SRC" && CGO_ENABLED=1 GOOS=linux GOARCH=$ARCH CC="${CROSS}gcc" \
		go build -tags "$TAGS" -ldflags "-s -w -X main.version=$VERSION" -o "$PKGDIR/usr/bin/taizhang" ./cmd/taizhang)
}
timed "linux cli build" build_cli
timed "linux gui build" build_gui

log "deb"
install -m644 "$ROOT/packaging/linux/taizhang.desktop" "$PKGDIR/usr/share/applications/taizhang.desktop"
for s in 16 32 48 64 128 256; do
	d="$PKGDIR/usr/share/icons/hicolor/${s}x${s}/apps"
	mkdir -p "$d"
	if [ "$s" = 16 ]; then
		convert "$ROOT/packaging/icon/icon-16.xpm" "$d/taizhang.png"
	else
		convert "$ROOT/assets/icon.png" -filter Lanczos -resize "${s}x${s}" "$d/taizhang.png"
	fi
done
mkdir -p "$PKGDIR/usr/share/icons/hicolor/scalable/apps"
install -m644 "$ROOT/assets/icon.svg" "$PKGDIR/usr/share/icons/hicolor/scalable/apps/taizhang.svg"
install -m644 "$ROOT/packaging/linux/copyright" "$PKGDIR/usr/share/doc/taizhang/copyright"
install -m644 "$ROOT/assets/fonts/OFL.txt" "$PKGDIR/usr/share/doc/taizhang/OFL.txt"

# The newest glibc symbol version the GUI links against is the libc6 it needs.
GLIBC=$("${CROSS}objdump" -T "$PKGDIR/usr/bin/taizhang" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n1)
SIZE=$(du -sk --exclude=DEBIAN "$PKGDIR" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" -e "s/@GLIBC@/$GLIBC/" \
	"$ROOT/packaging/linux/control.in" >"$PKGDIR/DEBIAN/control"
DEB="$DIST/taizhang_${VERSION}_$ARCH.deb"
dpkg-deb --root-owner-group -Zxz --build "$PKGDIR" "$DEB" >/dev/null
ls -l "$DEB" >&2
