#!/usr/bin/env bash
# Writes seed corpora for the fuzz targets from the sample reports, at run time (nothing binary
# is committed). Usage: make_seeds.sh SAMPLE_DIR OUT_DIR [DOCUMENTS_DIR]
#   OUT_DIR/{decode,html,numbers,filter,extractor,pdf,docx}/  one seed per file
# DOCUMENTS_DIR: the PDF and Word test documents (tests/formats/make_documents.py) for the pdf and
# docx targets; without it those targets start from a minimal document.
set -euo pipefail
samples=$1 out=$2 documents=${3:-}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"/{decode,html,numbers,filter,extractor,pdf,docx}
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
# The pdf target reads the bytes as they are; the docx target's first byte picks whole .docx
# bytes (even) or a document.xml it zips itself (odd).
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' >"$out/pdf/minimal"
printf '\x01<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>行政复议52件</w:t></w:r></w:p></w:body></w:document>' >"$out/docx/minimal"
if [[ -n "$documents" && -d "$documents" ]]; then
  for pdf in "$documents"/table.pdf "$documents"/004_*[0-9a-f].pdf; do [[ -f "$pdf" ]] && cp "$pdf" "$out/pdf/"; done
  for docx in "$documents"/*.docx; do { printf '\x00'; cat "$docx"; } >"$out/docx/$(basename "$docx")"; done
fi
