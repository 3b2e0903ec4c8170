#!/bin/sh
# Fails when a C++ file of the tree differs from what clang-format (.clang-format: Google style,
# 100 columns) would write; prints the first differences. Fix with:
#   clang-format -i $(git ls-files '*.cc' '*.h')
set -eu
root=${1:-.}
cd "$root"
if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed: skipped"
  exit 77
fi
files=$(find common services cli tools tests proto -name node_modules -prune -o \
  \( -name '*.cc' -o -name '*.h' \) -type f -print | grep -v '/testdata/' | sort)
count=$(echo "$files" | wc -l)
if ! echo "$files" | xargs clang-format --dry-run --Werror 2>/tmp/fazhi-format.$$; then
  grep -m 20 'error:' /tmp/fazhi-format.$$ || true
  echo "$(grep -c 'error:' /tmp/fazhi-format.$$) lines of $count files differ from clang-format"
  rm -f /tmp/fazhi-format.$$
  exit 1
fi
rm -f /tmp/fazhi-format.$$
echo "$count files formatted as .clang-format says"
