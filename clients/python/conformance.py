#!/usr/bin/env python3
"""Exercises the Python client against running services and prints what it saw as one JSON object.

tests/clients/clients_test.cc runs it (and clients/node/conformance.js, which prints the same
shape) and compares the answers with the C++ CLI's. Addresses come from FAZHI_INGESTION_ADDR,
FAZHI_EXTRACTION_ADDR and FAZHI_QUERY_ADDR, TLS and the token from FAZHI_TLS_CA and FAZHI_TOKEN.
It imports the installed fazhi_client package (the test installs it into a temporary folder on PYTHONPATH).

    python3 clients/python/conformance.py --ingest FILE --search 调解 --facet-query 疫情 --page-size 2 \
        --indicator litigation.cases --code 513327 --missing reports/0000000000000000 --bad-filter 'yr = 1'
"""

import argparse
import hashlib
import json
import os
import sys

import fazhi_client


def indicator_row(value):
    return {"report": value.report, "report_year": value.report_year, "value": value.value, "unit": value.unit,
            "jurisdiction_code": value.jurisdiction.code}


def facet_counts(facets):
    return {"total_size": facets.total_size,
            "counts": {f.field: {c.value: c.count for c in f.counts} for f in facets.facets}}


def export_summary(chunks):
    chunks = list(chunks)
    return {"lines": b"".join(c.data for c in chunks).count(b"\n"),
            "total_rows": chunks[-1].total_rows if chunks else 0}


def error_name(call):
    """The exception class a call raises, and its message; ("none", "") when it succeeds."""
    try:
        call()
    except fazhi_client.FazhiError as error:
        return {"exception": type(error).__name__, "code": error.code.name, "message": error.message}
    return {"exception": "none", "code": "OK", "message": ""}


def main():
    parser = argparse.ArgumentParser()
    for option in ("--ingest", "--search", "--facet-query", "--indicator", "--code", "--missing", "--bad-filter"):
        parser.add_argument(option, required=True)
    parser.add_argument("--page-size", type=int, default=2)
    args = parser.parse_args()

    out = {}
    with fazhi_client.FazhiClient.from_env() as client:
        ingested = client.ingest_file(args.ingest)
        out["ingest"] = {"name": ingested.name, "duplicate": ingested.duplicate,
                         "content_sha256": ingested.content_sha256}
        jurisdiction = client.get_report(ingested.name).record.metadata.jurisdiction
        out["report"] = {"jurisdiction_code": jurisdiction.code, "jurisdiction_name": jurisdiction.name}
        streamed = list(client.ingest_files([args.ingest]))
        out["ingest_stream"] = [{"index": r.index, "name": r.result.name, "duplicate": r.result.duplicate,
                                 "error_code": r.error_code} for r in streamed]
        original = client.get_report_original(ingested.name)
        out["original"] = {"content_sha256": hashlib.sha256(original.content).hexdigest(),
                           "file_name": original.file_name}
        out["indicators"] = [i.id for i in client.list_indicators().indicators]
        with open(args.ingest, "rb") as file:
            extracted = client.extract_text(file.read(), file_name=os.path.basename(args.ingest))
        jurisdiction = extracted.record.metadata.jurisdiction
        out["extract_text"] = {"jurisdiction_code": jurisdiction.code, "jurisdiction_name": jurisdiction.name,
                               "has_text": bool(extracted.normalized_text)}

        first = client.list_reports_page(page_size=args.page_size)
        out["list"] = {"names": [r.name for r in client.list_reports(page_size=args.page_size)],
                       "total_size": first.total_size}

        first = client.search_page(args.search, page_size=args.page_size)
        hits = list(client.search(args.search, page_size=args.page_size))
        out["search"] = {"hits": [{"name": h.report.name, "match_count": h.match_count} for h in hits],
                         "total_size": first.total_size}

        out["series"] = [indicator_row(p) for p in client.indicator_series(args.indicator, args.code)]
        # Small pages, so that every row comes through page tokens.
        first = client.compare_indicator(args.indicator, descending=True, page_size=args.page_size)
        rows = client.compare_indicator_rows(args.indicator, descending=True, page_size=args.page_size)
        out["compare"] = {"rows": [indicator_row(r) for r in rows],
                          "first_page_rows": len(first.rows),
                          "report_count": first.summary.report_count,
                          "stating_count": first.summary.stating_count}

        out["facets"] = facet_counts(client.facets())
        out["facets_with_query"] = facet_counts(client.facets(query=args.facet_query))
        out["export"] = export_summary(client.export(content="reports", format="jsonl"))
        out["export_with_query"] = export_summary(client.export(content="reports", format="jsonl",
                                                                query=args.facet_query))

        out["errors"] = {"not_found": error_name(lambda: client.get_report(args.missing)),
                         "bad_filter": error_name(lambda: list(client.list_reports(filter=args.bad_filter)))}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
