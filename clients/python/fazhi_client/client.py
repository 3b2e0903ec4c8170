"""A Python client of fazhi's gRPC API: ingest, get, list, search, facets, indicators, export.

    with FazhiClient.from_env() as client:               # addresses, TLS and token as the CLI reads them
        result = client.ingest_file("report.txt")        # IngestDocumentResponse
        for hit in client.search("调解", filter='level = "county"'):
            print(hit.report.name, hit.match_count)
        for point in client.indicator_series("litigation.cases", "513327"):
            print(point.report_year, point.value, point.unit)
        with open("reports.csv", "wb") as out:
            for chunk in client.export(filter="report_year >= 2020"):
                out.write(chunk.data)

Every call has a deadline (timeout seconds; export_timeout for the whole export) and is retried
as the CLI retries (retry.py): reads after UNAVAILABLE, a server's CANCELLED or RESOURCE_EXHAUSTED;
ingest, keyed by a request id derived from the content, after DEADLINE_EXCEEDED and ABORTED too.
Every method raises a fazhi_client.FazhiError subclass (NotFoundError, InvalidArgumentError,
UnavailableError, ...) mapped from the call's gRPC status. Iterators page through results with
the server's page tokens; the *_page methods return one raw page (with total_size).
"""

import hashlib
import os

import grpc

from fazhi_client import errors, stubs
from fazhi_client.connection import ChannelSecurity
from fazhi_client.retry import IDEMPOTENT, READ_ONLY, RetryPolicy, call_with_retry

_report_pb2 = stubs.module("report_pb2")
_ingestion_pb2 = stubs.module("ingestion_pb2")
_ingestion_pb2_grpc = stubs.module("ingestion_pb2_grpc")
_query_pb2 = stubs.module("query_pb2")
_query_pb2_grpc = stubs.module("query_pb2_grpc")

DEFAULT_INGESTION_ADDR = "127.0.0.1:50051"
DEFAULT_QUERY_ADDR = "127.0.0.1:50053"
DEFAULT_TIMEOUT = 30.0                # seconds, per attempt of a unary call
DEFAULT_EXPORT_TIMEOUT = 6 * 3600.0   # the whole export stream, as the CLI's export

_EXPORT_CONTENT = {"reports": _query_pb2.EXPORT_CONTENT_REPORTS, "indicators": _query_pb2.EXPORT_CONTENT_INDICATORS}
_EXPORT_FORMAT = {"csv": _query_pb2.EXPORT_FORMAT_CSV, "jsonl": _query_pb2.EXPORT_FORMAT_JSONL}


class FazhiClient:
    """Talks to the ingestion and query services; one channel each, reused across calls.

    security: a ChannelSecurity (TLS root certificate, bearer token); default plaintext, no token.
    timeout: seconds per attempt of a unary call; export_timeout: seconds for a whole export.
    retry_policy: a RetryPolicy (retry.NO_RETRY sends every call once).
    """

    def __init__(self, ingestion_addr=DEFAULT_INGESTION_ADDR, query_addr=DEFAULT_QUERY_ADDR, timeout=DEFAULT_TIMEOUT,
                 security=None, export_timeout=DEFAULT_EXPORT_TIMEOUT, retry_policy=None):
        security = security or ChannelSecurity()
        self._timeout = timeout
        self._export_timeout = export_timeout
        self._retry_policy = retry_policy or RetryPolicy()
        self._metadata = security.metadata
        self._channels = [security.channel(ingestion_addr), security.channel(query_addr)]
        self._ingestion = _ingestion_pb2_grpc.IngestionServiceStub(self._channels[0])
        self._query = _query_pb2_grpc.QueryServiceStub(self._channels[1])

    @classmethod
    def from_env(cls, environ=os.environ, **kwargs):
        """Addresses from FAZHI_INGESTION_ADDR and FAZHI_QUERY_ADDR, TLS from FAZHI_TLS_CA and the
        token from FAZHI_TOKEN (FAZHI_INSECURE_TOKEN=1 to send it without TLS), as the CLI reads them.
        Raises InvalidArgumentError for a token without TLS or an unreadable CA file."""
        kwargs.setdefault("security", ChannelSecurity.from_env(environ))
        return cls(environ.get("FAZHI_INGESTION_ADDR", DEFAULT_INGESTION_ADDR),
                   environ.get("FAZHI_QUERY_ADDR", DEFAULT_QUERY_ADDR), **kwargs)

    def close(self):
        for channel in self._channels:
            channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _call(self, method, request, kind=READ_ONLY):
        """One unary call: a fresh deadline per attempt, retried as `kind` allows."""
        try:
            return call_with_retry(lambda: method(request, timeout=self._timeout, metadata=self._metadata), kind,
                                   self._retry_policy)
        except grpc.RpcError as error:
            raise errors.from_rpc_error(error) from None

    # ---- Ingestion ----

    def ingest_bytes(self, content, file_name="", content_type="", source_url="", request_id=""):
        """Archives a document; returns IngestDocumentResponse (name, duplicate, state, content_sha256).
        Without a request_id it is "sha256:<hex of the content>", as the CLI sends, so that a retry
        after a lost answer is recognised as the same request."""
        document = _ingestion_pb2.Document(content=content, file_name=file_name, content_type=content_type,
                                           source_url=source_url)
        request_id = request_id or "sha256:" + hashlib.sha256(content).hexdigest()
        request = _ingestion_pb2.IngestDocumentRequest(document=document, request_id=request_id)
        return self._call(self._ingestion.IngestDocument, request, IDEMPOTENT)

    def ingest_file(self, path, source_url="", request_id=""):
        """Archives a file; its name helps the service detect the format."""
        with open(path, "rb") as file:
            content = file.read()
        return self.ingest_bytes(content, file_name=os.path.basename(path), source_url=source_url,
                                 request_id=request_id)

    # ---- Reports ----

    def get_report(self, name, full=False):
        """One Report; full=True adds the normalized text and the whole record."""
        view = _report_pb2.REPORT_VIEW_FULL if full else _report_pb2.REPORT_VIEW_BASIC
        return self._call(self._query.GetReport, _query_pb2.GetReportRequest(name=name, view=view))

    def list_reports_page(self, filter="", order_by="", page_size=50, page_token=""):
        """One ListReportsResponse: reports, next_page_token, total_size."""
        request = _query_pb2.ListReportsRequest(filter=filter, order_by=order_by, page_size=page_size,
                                                page_token=page_token)
        return self._call(self._query.ListReports, request)

    def list_reports(self, filter="", order_by="", page_size=50):
        """Every Report matching the filter, fetched a page at a time."""
        return self._paged(lambda token: self.list_reports_page(filter, order_by, page_size, token), "reports")

    def search_page(self, query, filter="", page_size=20, page_token="", max_snippets=3):
        """One SearchReportsResponse: hits (most matches first), next_page_token, total_size."""
        request = _query_pb2.SearchReportsRequest(query=query, filter=filter, page_size=page_size,
                                                  page_token=page_token, max_snippets=max_snippets)
        return self._call(self._query.SearchReports, request)

    def search(self, query, filter="", page_size=20, max_snippets=3):
        """Every SearchHit for the query, fetched a page at a time."""
        return self._paged(lambda token: self.search_page(query, filter, page_size, token, max_snippets), "hits")

    def facets(self, filter=""):
        """GetFacetsResponse: per field (province, level, report_year, document_kind) the count of
        matching reports per value, and total_size."""
        return self._call(self._query.GetFacets, _query_pb2.GetFacetsRequest(filter=filter))

    def export(self, filter="", content="reports", format="csv"):
        """The export file as ExportReportsResponse chunks (data, rows_written, total_rows), streamed.
        content: "reports" or "indicators"; format: "csv" or "jsonl". Retried like a read until
        the first chunk arrives; a stream cut off after that raises (the caller has part of the file)."""
        if content not in _EXPORT_CONTENT or format not in _EXPORT_FORMAT:
            raise errors.InvalidArgumentError(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"export: content is one of {sorted(_EXPORT_CONTENT)}, format one of {sorted(_EXPORT_FORMAT)}; "
                f"got content={content!r} format={format!r}")
        request = _query_pb2.ExportReportsRequest(filter=filter, content=_EXPORT_CONTENT[content],
                                                  format=_EXPORT_FORMAT[format])

        def first_chunk():
            stream = self._query.ExportReports(request, timeout=self._export_timeout, metadata=self._metadata)
            return stream, next(stream, None)

        try:
            stream, chunk = call_with_retry(first_chunk, READ_ONLY, self._retry_policy)
            while chunk is not None:
                yield chunk
                chunk = next(stream, None)
        except grpc.RpcError as error:
            raise errors.from_rpc_error(error) from None

    @staticmethod
    def _paged(fetch, items):
        token = ""
        while True:
            page = fetch(token)
            yield from getattr(page, items)
            token = page.next_page_token
            if not token:
                return

    # ---- Indicators ----

    def indicator_series(self, indicator_id, jurisdiction_code):
        """The IndicatorValues of one jurisdiction, oldest report year first."""
        request = _query_pb2.GetIndicatorSeriesRequest(indicator_id=indicator_id,
                                                       jurisdiction_code=jurisdiction_code)
        return list(self._call(self._query.GetIndicatorSeries, request).points)

    def compare_indicator(self, indicator_id, report_year=0, filter="", descending=False, page_size=100):
        """CompareIndicatorResponse: sorted rows across jurisdictions and a summary (coverage, stats)."""
        request = _query_pb2.CompareIndicatorRequest(indicator_id=indicator_id, report_year=report_year,
                                                     filter=filter, descending=descending, page_size=page_size)
        return self._call(self._query.CompareIndicator, request)
