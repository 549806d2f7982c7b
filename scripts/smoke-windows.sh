#!/usr/bin/env bash
# smoke-windows.sh — smoke test of the Windows release under Wine (make
# smoke-windows; expects `make dist-windows` to have run). In a fresh Wine
# prefix on a private Xvfb display it:
#   1. silently installs dist/taizhang-VERSION-setup.exe (per user) and checks
#      files, shortcuts and the Add/Remove Programs entry;
#   2. runs taizhang-cli.exe: version, import a ledger, list, export,
#      re-import the export (no duplicates), check;
#   3. starts taizhang.exe, waits for its window and takes a screenshot
#      (docs/screenshots/windows-wine.png);
#   4. uninstalls silently and checks the user's data is still there; then
#      installs again and checks that uninstall /PURGE removes it;
#   5. unpacks the portable zip and checks the data goes to TaizhangData.
# Exits non-zero on the first failure.
#
# Wine 8 lacks bcryptprimitives.dll!ProcessPrng, which Go 1.26 executables
# need: a test-only forwarding DLL (packaging/wine-test) goes into the
# prefix's system32. It is never shipped.
source "$(dirname "$0")/dist-lib.sh"

need_debs wine wine64 xvfb x11-utils imagemagick gcc-mingw-w64-x86-64-win32 jq unzip

SETUP="$DIST/taizhang-$VERSION-setup.exe"
ZIP="$DIST/taizhang-$VERSION-portable.zip"
LEDGER="$ROOT/storage/workbook/testdata/ledger.xlsx"
SHOT=${SHOT:-$ROOT/docs/screenshots/windows-wine.png}
for f in "$SETUP" "$ZIP" "$LEDGER"; do
	[ -f "$f" ] || { echo "smoke: missing $f (run make dist-windows)" >&2; exit 1; }
done

S="$BUILD/smoke"
rm -rf "$S"
mkdir -p "$S/home" "$S/work" "$(dirname "$SHOT")"
# A private HOME keeps Wine from linking the prefix's Desktop and Documents
# to the real ones; winemenubuilder would add menu entries to the host.
export HOME="$S/home" WINEPREFIX="$S/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Wine takes the Windows locale from LC_ALL/LANG (no host locale needed): Chinese,
# as on the office PCs, so the installer, shortcuts and GUI run in Chinese.
WINE_LANG="${SMOKE_LANG:-zh_CN.UTF-8}"
wine() { env LANG="$WINE_LANG" LC_ALL="$WINE_LANG" wine "$@"; }

fail() {
	echo "smoke: FAIL: $*" >&2
	exit 1
}
ok() { echo "smoke: ok: $*" >&2; }

XVFB_PID=
cleanup() {
	wineserver -k 2>/dev/null || true
	[ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

n=91
while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$n"
sleep 1
kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb did not start on $DISPLAY"

# w CMD...: runs a Windows program, at most 3 minutes, output without CRs.
w() { timeout 180 wine "$@" | tr -d '\r'; return "${PIPESTATUS[0]}"; }
# winenv VAR: a Windows environment variable as a Unix path in the prefix.
winenv() { winepath -u "$(wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r')" 2>/dev/null; }

log "prefix"
boot() { wine wineboot --init >/dev/null 2>&1 && wineserver -w; }
timed "wine prefix" boot
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$S/bcryptprimitives.dll" \
	"$ROOT/packaging/wine-test/bcryptprimitives.c" -lbcrypt
cp "$S/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

LOCAL=$(winenv LOCALAPPDATA)
APPDATA_U=$(winenv APPDATA)
PROFILE=$(winenv USERPROFILE)
INST="$LOCAL/Programs/Taizhang"
DATA="$APPDATA_U/Taizhang"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Taizhang'
[ -n "$LOCAL" ] && [ -n "$APPDATA_U" ] || fail "cannot read the prefix's folders"
cli() { w "$INST/taizhang-cli.exe" "$@"; }

log "install"
timed "silent install" w "$SETUP" /S
wineserver -w
for f in taizhang.exe taizhang-cli.exe uninstall.exe; do
	[ -f "$INST/$f" ] || fail "$f not installed in $INST"
done
ls "$APPDATA_U/Microsoft/Windows/Start Menu/Programs/"*.lnk >/dev/null 2>&1 || fail "no Start-menu shortcut"
ls "$PROFILE/Desktop/"*.lnk >/dev/null 2>&1 || fail "no desktop shortcut"
w reg query "$KEY" /v DisplayVersion | grep -q "$VERSION" || fail "Add/Remove Programs entry without version $VERSION"
w reg query "$KEY" /v QuietUninstallString | grep -q '/S' || fail "no QuietUninstallString"
ok "installed into $INST with shortcuts and uninstall entry"
if [ -n "${TAIZHANG_SIGN_CA:-}" ]; then # set by make sign-test
	for f in taizhang.exe taizhang-cli.exe uninstall.exe; do
		osslsigncode verify -CAfile "$TAIZHANG_SIGN_CA" -in "$INST/$f" >/dev/null 2>&1 || fail "$f is not signed"
	done
	ok "installed executables and uninstaller are signed"
fi

log "cli"
out=$(cli version) || fail "taizhang-cli version exited $?"
[ "$out" = "taizhang-cli $VERSION" ] || fail "version printed '$out', want 'taizhang-cli $VERSION'"
cp "$LEDGER" "$S/work/ledger.xlsx"
cli import "$(winepath -w "$S/work/ledger.xlsx")" >"$S/import.txt" || fail "import exited $? ($(cat "$S/import.txt"))"
tasks=$(cli list tasks --json | jq length) || fail "list failed"
[ "$tasks" -gt 0 ] || fail "no tasks after import"
cli export "$(winepath -w "$S/work/export.xlsx")" >/dev/null || fail "export exited $?"
unzip -tq "$S/work/export.xlsx" >/dev/null || fail "export is not a valid xlsx"
cli import "$(winepath -w "$S/work/export.xlsx")" >/dev/null || fail "re-import of the export exited $?"
again=$(cli list tasks --json | jq length)
[ "$again" = "$tasks" ] || fail "re-import changed the task count: $tasks -> $again"
cli check >/dev/null || fail "check exited $?"
[ -f "$DATA/taizhang.db" ] || fail "no database in %APPDATA%\\Taizhang"
ok "cli: version, import ($tasks tasks), export, re-import, check"

log "gui"
wine "$INST/taizhang.exe" >"$S/gui.log" 2>&1 &
GUI=$!
# The main window: taizhang.exe's top-level X window at least 400 px wide
# (GLFW's message window and the IME window are tiny).
win=
for _ in $(seq 1 90); do
	win=$(xwininfo -root -tree 2>/dev/null | grep '("taizhang.exe"' |
		grep -E '\) +[0-9]{3,}x[0-9]{3,}\+' | awk '{print $1; exit}' || true)
	[ -n "$win" ] && break
	kill -0 "$GUI" 2>/dev/null || fail "taizhang.exe exited early: $(tail -5 "$S/gui.log")"
	sleep 1
done
[ -n "$win" ] || fail "no taizhang.exe window after 90 s"
sleep 8 # first frame, fonts, the ledger page
kill -0 "$GUI" 2>/dev/null || fail "taizhang.exe exited after opening its window"
import -window "$win" "$SHOT"
sd=$(convert "$SHOT" -colorspace gray -format '%[fx:standard_deviation]' info:)
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' || fail "screenshot looks blank (sd $sd)"
ok "gui window up, screenshot $SHOT"
wineserver -k
wait "$GUI" 2>/dev/null || true

log "uninstall"
timed "silent uninstall" w "$INST/uninstall.exe" /S
wineserver -w
[ ! -e "$INST" ] || fail "install folder left behind: $(ls "$INST")"
w reg query "$KEY" >/dev/null 2>&1 && fail "uninstall entry left behind"
ls "$APPDATA_U/Microsoft/Windows/Start Menu/Programs/"*.lnk >/dev/null 2>&1 && fail "Start-menu shortcut left behind"
[ -f "$DATA/taizhang.db" ] || fail "uninstall removed the user's data"
ok "uninstalled; data kept in %APPDATA%\\Taizhang"

w "$SETUP" /S
wineserver -w
w "$INST/uninstall.exe" /S /PURGE
wineserver -w
[ ! -e "$DATA" ] || fail "uninstall /PURGE left $DATA"
ok "uninstall /PURGE removed the data"

# All users (Wine's user counts as an administrator): Program Files and HKLM.
w "$SETUP" /S /ALLUSERS
wineserver -w
PF="$WINEPREFIX/drive_c/Program Files/Taizhang"
[ -f "$PF/taizhang.exe" ] || fail "/ALLUSERS did not install into Program Files"
w reg query "${KEY/HKCU/HKLM}" /v DisplayVersion | grep -q "$VERSION" || fail "/ALLUSERS without an HKLM uninstall entry"
w "$PF/uninstall.exe" /S
wineserver -w
[ ! -e "$PF" ] || fail "all-users uninstall left $PF"
w reg query "${KEY/HKCU/HKLM}" >/dev/null 2>&1 && fail "all-users uninstall entry left behind"
ok "all-users install and uninstall"

log "portable"
unzip -q "$ZIP" -d "$WINEPREFIX/drive_c/portable"
P="$WINEPREFIX/drive_c/portable/Taizhang-$VERSION"
[ -f "$P/使用说明.txt" ] || fail "portable zip lacks 使用说明.txt"
out=$(w "$P/taizhang-cli.exe" version) || fail "portable version exited $?"
[ "$out" = "taizhang-cli $VERSION" ] || fail "portable version printed '$out'"
w "$P/taizhang-cli.exe" check >/dev/null || fail "portable check exited $?"
[ -f "$P/TaizhangData/taizhang.db" ] || fail "portable data not in TaizhangData"
[ ! -e "$DATA" ] || fail "portable mode wrote to %APPDATA%\\Taizhang"
ok "portable: data in TaizhangData"

echo "smoke-windows: PASS"
