#!/usr/bin/env bash
# dist.sh — the whole release (make dist): Windows installer and portable zip,
# Linux .deb, all in dist/. Installs the Debian packages it needs.
source "$(dirname "$0")/dist-lib.sh"

start=$SECONDS
need_go
stage_source
"$ROOT/scripts/dist-windows.sh"
"$ROOT/scripts/dist-linux.sh"
log "done in $((SECONDS - start)) s"
ls -l "$DIST"
