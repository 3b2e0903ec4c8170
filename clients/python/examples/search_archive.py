#!/usr/bin/env python3
"""Example: archive files, then search the archive, count it by province and read an indicator
across jurisdictions. Install the package first (clients/python/README.md); the settings are the
CLI's (FAZHI_TLS_CA and FAZHI_TOKEN for secured services).

    FAZHI_INGESTION_ADDR=127.0.0.1:50051 FAZHI_QUERY_ADDR=127.0.0.1:50053 \
        python3 clients/python/examples/search_archive.py 调解 tests/data/corpus/*.txt

Files may be text, HTML, PDF, Word (.docx, .doc) or scanned images: the service tells the format
from the bytes (build/test-documents/ holds PDF and Word copies of the samples after ./dev test).
"""

import sys

import fazhi_client


def main(argv):
    if len(argv) < 1:
        sys.exit("usage: search_archive.py PHRASE [FILE...]")
    phrase, files = argv[0], argv[1:]
    with fazhi_client.FazhiClient.from_env() as client:
        for path in files:
            try:
                result = client.ingest_file(path)
                print(f"{path}: {result.name}{' (duplicate)' if result.duplicate else ''}")
            except fazhi_client.InvalidArgumentError as error:
                print(f"{path}: rejected: {error.message}")

        for hit in client.search(phrase, page_size=10):
            metadata = hit.report.record.metadata
            print(f"{hit.report.name}  {metadata.jurisdiction.name or '-'}  {metadata.report_year}  "
                  f"{hit.match_count} matches")
            for snippet in hit.snippets[:1]:
                print(f"    …{snippet.text.replace(chr(10), ' ')}…")

        facets = client.facets()
        provinces = next((f.counts for f in facets.facets if f.field == "province"), [])
        print(f"{facets.total_size} reports: " + ", ".join(f"{c.value or '-'} {c.count}" for c in provinces))

        comparison = client.compare_indicator("litigation.cases", descending=True, page_size=5)
        print(f"litigation.cases stated by {comparison.summary.stating_count} of "
              f"{comparison.summary.report_count} reports")
        for row in comparison.rows:
            print(f"    {row.jurisdiction.name} {row.report_year}: {row.value:g} {row.unit}")

        try:
            client.get_report("reports/0000000000000000")
        except fazhi_client.NotFoundError as error:
            print(f"as expected: {error}")


if __name__ == "__main__":
    main(sys.argv[1:])
