#!/usr/bin/env python3
"""Builds the test documents of the PDF, Word and scan readers from the sample reports.

    tests/formats/make_documents.py OUT_DIR

For each sample report tests/data/corpus/NAME.txt it writes, with tools from Debian:
  NAME.pdf        a text-layer PDF (LibreOffice), A4, with a running header and a page-number
                  footer ("— 3 —") on every page, as governments print them
  NAME.docx       the same document as Word 2007+ (LibreOffice)
  NAME.doc        the same document as Word 97-2003 (LibreOffice)
  NAME.scan.pdf   the PDF rasterized at 300 dpi, gray (pdftoppm), wrapped as an image-only PDF
                  (img2pdf): a scan without a text layer
  NAME.p1.png     the scan's first page alone
and once: table.docx / table.pdf (a report whose figures stand in a table), encrypted.pdf (qpdf,
AES-256 with a user password). Outputs newer than their inputs are kept.
"""
import html
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "tests/data/corpus").glob("*.txt"))
HEADER = "法治政府建设情况报告（公开）"

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"
   xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Noto Serif CJK SC" fo:font-size="12pt"
    style:font-name-asian="Noto Serif CJK SC" style:font-size-asian="12pt"/>
  </style:default-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>{header}</text:p></style:header>
   <style:footer><text:p>— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
{body}
 </office:text></office:body>
</office:document>
"""

TABLE_REPORT = [
    "某县2022年法治政府建设情况报告",
    "一、行政复议和行政应诉",
    "2022年全县行政复议、行政应诉案件情况如下表。",
    ["项目", "数量", "单位"],
    ["行政复议", "52", "件"],
    ["行政应诉", "37", "件"],
    ["行政机关负责人出庭应诉率", "100", "%"],
    "二、下一步工作",
    "继续推进严格规范公正文明执法。",
]


def paragraph(line):
    return "  <text:p>%s</text:p>" % html.escape(line, quote=False)


def table(rows):
    cells = lambda row: "".join(
        "<table:table-cell><text:p>%s</text:p></table:table-cell>" % html.escape(c, quote=False)
        for c in row)
    columns = '<table:table-column table:number-columns-repeated="%d"/>' % len(rows[0])
    body = "".join("<table:table-row>%s</table:table-row>" % cells(r) for r in rows)
    return '  <table:table table:name="t1">%s%s</table:table>' % (columns, body)


def fodt(lines):
    parts, rows = [], []
    for line in lines + [""]:
        if isinstance(line, list):
            rows.append(line)
            continue
        if rows:
            parts.append(table(rows))
            rows = []
        parts.append(paragraph(line))
    return FODT.format(header=html.escape(HEADER), body="\n".join(parts))


def run(*command, **kwargs):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=600, **kwargs)


def stale(output, inputs):
    return not output.exists() or any(output.stat().st_mtime < i.stat().st_mtime for i in inputs)


def main():
    out = pathlib.Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    me = pathlib.Path(__file__)
    with tempfile.TemporaryDirectory() as work_dir:
        work = pathlib.Path(work_dir)
        sources = []
        for sample in SAMPLES:
            if stale(out / (sample.stem + ".scan.pdf"), [sample, me]):
                lines = sample.read_text(encoding="utf-8").splitlines()
                (work / (sample.stem + ".fodt")).write_text(fodt(lines), encoding="utf-8")
                sources.append(work / (sample.stem + ".fodt"))
        if stale(out / "table.docx", [me]):
            (work / "table.fodt").write_text(fodt(TABLE_REPORT), encoding="utf-8")
            sources.append(work / "table.fodt")
        if sources:
            profile = "-env:UserInstallation=file://%s/profile" % work
            for target in ("pdf", "docx", "doc"):
                run("soffice", profile, "--headless", "--convert-to", target, "--outdir", str(out),
                    *map(str, sources))
        for sample in SAMPLES:
            scan = out / (sample.stem + ".scan.pdf")
            if not stale(scan, [out / (sample.stem + ".pdf")]):
                continue
            prefix = work / sample.stem
            run("pdftoppm", "-r", "300", "-gray", "-png", str(out / (sample.stem + ".pdf")), str(prefix))
            pages = sorted(work.glob(sample.stem + "-*.png"))
            run("img2pdf", "--output", str(scan), *map(str, pages))
            shutil.copy(pages[0], out / (sample.stem + ".p1.png"))
        encrypted = out / "encrypted.pdf"
        if stale(encrypted, [out / "table.pdf"]):
            run("qpdf", "--encrypt", "secret", "owner", "256", "--", str(out / "table.pdf"),
                str(encrypted))


if __name__ == "__main__":
    main()
