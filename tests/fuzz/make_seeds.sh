#!/usr/bin/env bash
# Writes seed corpora for the fuzz targets from the sample reports, at run time (nothing binary
# is committed). Usage: make_seeds.sh SAMPLE_DIR OUT_DIR
#   OUT_DIR/{decode,html,numbers,filter,extractor}/  one seed per file
set -euo pipefail
samples=$1 out=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"/{decode,html,numbers,filter,extractor}
n=0
for report in "$samples"/*; do
  n=$((n + 1))
  # Whole reports, and their first 4 KB (libFuzzer's default length) for the byte-level targets.
  cp "$report" "$out/extractor/report$n"
  head -c 4096 "$report" >"$out/extractor/head$n"
  head -c 4096 "$report" >"$out/decode/head$n"
  # The same text as GB18030 and UTF-16, and as an HTML page, for the decoder and reducer.
  head -c 4000 "$report" | iconv -c -f UTF-8 -t GB18030 2>/dev/null >"$out/decode/gb18030_$n" || true
  { printf '\xFF\xFE'; head -c 2000 "$report" | iconv -c -f UTF-8 -t UTF-16LE 2>/dev/null; } >"$out/decode/utf16_$n" || true
  { printf '<html><head><title>t</title></head><body><nav>首页 &gt; 政务公开</nav><div class="content">'
    head -n 20 "$report" | sed 's|^|<p>|; s|$|</p>|'
    printf '</div><div id="footer">版权所有</div></body></html>'; } | tee "$out/html/page$n" >"$out/decode/page$n"
  # Lines with figures for the number parser.
  grep -E '[0-9〇零一二两三四五六七八九十百千万亿%]' "$report" | head -n 200 |
    split -l 1 -a 4 - "$out/numbers/r${n}_"
done
i=0
while IFS= read -r filter; do
  i=$((i + 1))
  printf '%s' "$filter" >"$out/filter/seed$i"
done <"$here/filter_seeds.txt"
