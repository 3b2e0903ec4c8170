#!/bin/sh
# Fails when a C++ file of the tree differs from what clang-format (.clang-format: Google style,
# 100 columns) would write; prints the first differences. `./dev format` rewrites them.
#   sh tests/style/check_format.sh [ROOT]   check
#   sh tests/style/check_format.sh --list   print the files checked (what ./dev format rewrites)
set -eu
list_only=false
if [ "${1:-}" = "--list" ]; then
  list_only=true
  shift
fi
root=${1:-.}
cd "$root"
files=$(find common services cli tools tests proto -name node_modules -prune -o \
  \( -name '*.cc' -o -name '*.h' \) -type f -print | grep -v '/testdata/' | sort)
if $list_only; then
  echo "$files"
  exit 0
fi
if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed: skipped"
  exit 77
fi
count=$(echo "$files" | wc -l)
if ! echo "$files" | xargs clang-format --dry-run --Werror 2>/tmp/fazhi-format.$$; then
  grep -m 20 'error:' /tmp/fazhi-format.$$ || true
  echo "$(grep -c 'error:' /tmp/fazhi-format.$$) lines of $count files differ from clang-format: ./dev format"
  rm -f /tmp/fazhi-format.$$
  exit 1
fi
rm -f /tmp/fazhi-format.$$
echo "$count files formatted as .clang-format says"
