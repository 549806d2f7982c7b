#!/bin/sh
# Screenshots of every screen of the real app under Xvfb with 100,000
# supervised items: builds the app, generates the dataset with
# scripts/gendata into a temp folder (or reuses DATA=dir), starts the app
# once per screen with TAIZHANG_SCREEN and grabs the X screen with
# ImageMagick. Output: docs/screenshots/NN-name.png.
#
#   scripts/screenshots.sh   # env: TASKS=100000 WAIT=8 DISPLAY_NUM=99, DATA=dir to reuse, NOBUILD=1,
#                            #      SCREEN=1366x768 (1024x768: the old office PCs), OUT=${OUT:-docs/screenshots}
SCREEN=${SCREEN:-1366x768}
set -eu
cd "$(dirname "$0")/.."
TASKS=${TASKS:-100000}
WAIT=${WAIT:-15}
DISPLAY_NUM=${DISPLAY_NUM:-99}
OUT=${OUT:-docs/screenshots}
SCREEN=${SCREEN:-1366x768}
BIN=${BIN:-/tmp/taizhang}

[ -n "${NOBUILD:-}" ] || go build -tags migrated_fynedo -o "$BIN" ./cmd/taizhang
if [ -z "${DATA:-}" ]; then
	DATA=$(mktemp -d /tmp/taizhang-shots.XXXXXX)
	go run ./scripts/gendata --data "$DATA" --tasks "$TASKS"
fi

started_xvfb=""
if ! xdpyinfo -display ":$DISPLAY_NUM" >/dev/null 2>&1 && [ ! -e "/tmp/.X11-unix/X$DISPLAY_NUM" ]; then
	Xvfb ":$DISPLAY_NUM" -screen 0 "${SCREEN}x24" >/dev/null 2>&1 &
	started_xvfb=$!
	sleep 1
fi
export DISPLAY=":$DISPLAY_NUM" LANG=zh_CN.UTF-8 LANGUAGE=zh_CN

mkdir -p "$OUT"
n=0
# the last one, tasks-en, is the tasks ledger in English (not stored)
for screen in dashboard tasks proposals field meetings reports month import export conflicts settings form history tasks-en; do
	n=$((n + 1))
	name=$(printf '%02d-%s' "$n" "$screen")
	lang=zh
	case $screen in *-en) lang=en screen=${screen%-en} ;; esac
	TAIZHANG_LANG=$lang TAIZHANG_SCREEN=$screen TAIZHANG_TIMING=1 "$BIN" --data "$DATA" 2>"/tmp/$name.log" &
	app=$!
	sleep "$WAIT"
	import -window root "$OUT/$name.png"
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	grep 'first frame' "/tmp/$name.log" | sed "s/^/$name: /" || true
done
if [ -n "$started_xvfb" ]; then
	kill "$started_xvfb"
fi
echo "screenshots in $OUT (data: $DATA)"
