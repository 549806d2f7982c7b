#!/usr/bin/env bash
# dist.sh — the whole release (make dist): Windows installer and portable zip,
# Linux .deb, all in dist/. Installs the Debian packages it needs.
# ARM64=1 also cross-builds the arm64 .deb (adds arm64 to dpkg's architectures).
source "$(dirname "$0")/dist-lib.sh"

start=$SECONDS
need_go
stage_source
export TZ_STAGED=1
"$ROOT/scripts/dist-windows.sh"
"$ROOT/scripts/dist-linux.sh" amd64
if [ "${ARM64:-}" = 1 ]; then
	"$ROOT/scripts/dist-linux.sh" arm64
fi
log "done in $((SECONDS - start)) s"
ls -l "$DIST"
