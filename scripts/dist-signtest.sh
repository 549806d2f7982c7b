#!/usr/bin/env bash
# dist-signtest.sh — make sign-test: proves the signing hook with a throwaway
# self-signed certificate. Builds the Windows release into build/signtest/dist
# (never dist/), verifies the installer and both executables (also those in
# the portable zip) with osslsigncode verify -CAfile, then runs the Wine smoke
# test on it, which verifies the installed executables and the uninstaller.
source "$(dirname "$0")/dist-lib.sh"
need_debs osslsigncode openssl unzip

T="$BUILD/signtest"
rm -rf "$T"
mkdir -p "$T"
openssl req -x509 -newkey rsa:2048 -nodes -days 7 -keyout "$T/key.pem" -out "$T/cert.pem" \
	-subj "/CN=Taizhang test signing/O=Taizhang project" \
	-addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" 2>/dev/null
PASS=$(openssl rand -hex 12)
openssl pkcs12 -export -out "$T/test.pfx" -inkey "$T/key.pem" -in "$T/cert.pem" -passout "pass:$PASS"

export TAIZHANG_SIGN_PFX="$T/test.pfx" TAIZHANG_SIGN_PASS="$PASS" DIST="$T/dist"
"$ROOT/scripts/dist-windows.sh"

verify() {
	osslsigncode verify -CAfile "$T/cert.pem" -in "$1" >"$T/verify.log" 2>&1 ||
		{ cat "$T/verify.log" >&2; echo "sign-test: FAIL: $1 does not verify" >&2; exit 1; }
	echo "sign-test: ok: $(basename "$1") verifies" >&2
}
verify "$DIST/taizhang-$VERSION-setup.exe"
unzip -q -o "$DIST/taizhang-$VERSION-portable.zip" -d "$T/portable"
for f in "$T"/portable/*/taizhang.exe "$T"/portable/*/taizhang-cli.exe; do verify "$f"; done

# The uninstaller only exists once installed: the smoke test checks it.
TAIZHANG_SIGN_CA="$T/cert.pem" SHOT="$T/windows-wine.png" "$ROOT/scripts/smoke-windows.sh"
echo "sign-test: PASS"
