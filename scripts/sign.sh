#!/usr/bin/env bash
# sign.sh FILE... — Authenticode-signs Windows executables in place with
# osslsigncode when a certificate is configured, and otherwise does nothing
# (so builds without a certificate still work):
#   TAIZHANG_SIGN_PFX        PKCS#12 file with the code-signing key and chain
#   TAIZHANG_SIGN_PASS       its password (optional)
#   TAIZHANG_SIGN_TIMESTAMP  RFC 3161 timestamp URL (optional; leave unset offline)
# NSIS calls it for the uninstaller (!uninstfinalize) and the installer (!finalize).
set -euo pipefail

if [ -z "${TAIZHANG_SIGN_PFX:-}" ]; then
	echo "sign: TAIZHANG_SIGN_PFX not set, not signing: $*" >&2
	exit 0
fi
[ -r "$TAIZHANG_SIGN_PFX" ] || { echo "sign: cannot read $TAIZHANG_SIGN_PFX" >&2; exit 1; }
command -v osslsigncode >/dev/null || { echo "sign: osslsigncode is not installed" >&2; exit 1; }

for f in "$@"; do
	args=(sign -pkcs12 "$TAIZHANG_SIGN_PFX" -h sha256 -n "台账通 Taizhang" -in "$f" -out "$f.signed")
	if [ -n "${TAIZHANG_SIGN_TIMESTAMP:-}" ]; then
		args+=(-ts "$TAIZHANG_SIGN_TIMESTAMP")
	fi
	# The password goes through a pipe, not the command line (visible in ps).
	if [ -n "${TAIZHANG_SIGN_PASS:-}" ]; then
		args+=(-readpass /dev/stdin)
	fi
	rm -f "$f.signed"
	if ! printf '%s' "${TAIZHANG_SIGN_PASS:-}" | osslsigncode "${args[@]}" >/dev/null; then
		rm -f "$f.signed"
		echo "sign: signing $f failed" >&2
		exit 1
	fi
	mv -f "$f.signed" "$f"
	echo "sign: signed $f" >&2
done
