# shellcheck shell=bash
# dist-lib.sh — shared by scripts/dist*.sh and scripts/smoke*.sh (sourced).
# Reads the version from FyneApp.toml, installs missing Debian packages,
# checks Go, and stages the source tree for release builds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="${BUILD:-$ROOT/build}"
DIST="${DIST:-$ROOT/dist}"
# Same tag as ./dev, so the cgo cache of Fyne's GL driver is shared.
TAGS=migrated_fynedo

# toml KEY: the value of KEY in FyneApp.toml, the single source of the version.
toml() { sed -n "s/^$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *\$/\1/p" "$ROOT/FyneApp.toml" | head -n1; }
VERSION=${VERSION:-$(toml Version)}
BUILDNUM=${BUILDNUM:-$(toml Build)}
if ! [[ $VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+$ && $BUILDNUM =~ ^[0-9]+$ ]]; then
	echo "FyneApp.toml: Version must be X.Y.Z and Build a number (got '$VERSION', '$BUILDNUM')" >&2
	exit 1
fi

log() { printf '== %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# need_debs PKG...: installs the Debian packages that are missing.
need_debs() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing: ${missing[*]}"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fi
}

need_go() {
	export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
	if ! command -v go >/dev/null; then
		echo "Go 1.21 or later is needed (go.mod then fetches Go 1.26 itself): https://go.dev/dl/" >&2
		exit 1
	fi
	export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
	(cd "$ROOT" && go mod download)
}

# stage_source: copies the tree (tracked and untracked, not ignored files) to
# $BUILD/src. Release builds add generated resources (.syso) to the main
# packages there, never in the working tree.
stage_source() {
	local dst="$BUILD/src"
	# dist.sh stages once for all its steps.
	[ "${TZ_STAGED:-}" = 1 ] && [ -f "$dst/go.mod" ] && return 0
	rm -rf "$dst"
	mkdir -p "$dst"
	(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -C "$dst" -xf -
	[ -f "$dst/go.mod" ] || { echo "staging the source into $dst failed" >&2; exit 1; }
}

# timed NAME CMD...: runs CMD and reports how long it took.
timed() {
	local name=$1 start=$SECONDS
	shift
	"$@"
	log "$name: $((SECONDS - start)) s"
}
