#!/usr/bin/env bash
# Builds fazhi's browser front-end into an output folder that fazhi-web serves
# (FAZHI_WEB_STATIC_DIR): web/app/* plus vendor/echarts.min.js from node_modules.
#   web/build.sh build/web        (relative paths are taken from the current directory)
# Needs `npm ci` (or `npm install`) in web/ first, for node_modules/echarts.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:?usage: web/build.sh OUTPUT_DIR}"
ECHARTS="$HERE/node_modules/echarts/dist/echarts.min.js"
if [[ ! -f "$ECHARTS" ]]; then
  echo "build.sh: $ECHARTS is missing; run (cd web && npm ci) first" >&2
  exit 1
fi
mkdir -p "$OUT/vendor"
cp -R "$HERE/app/." "$OUT/"
cp "$ECHARTS" "$OUT/vendor/echarts.min.js"
echo "built $(cd "$OUT" && pwd)" >&2
