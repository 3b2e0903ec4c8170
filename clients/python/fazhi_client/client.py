"""A Python client of fazhi's gRPC API, every RPC of fazhi.v1: ingest (one document or a stream),
get (and the original bytes), list, search, facets, indicators, export, and the extraction
service's calls (extract, re-extract, jobs).

    with FazhiClient.from_env() as client:               # addresses, TLS and token as the CLI reads them
        result = client.ingest_file("report.txt")        # IngestDocumentResponse
        for hit in client.search("调解", filter='level = "county"'):
            print(hit.report.name, hit.match_count)
        for point in client.indicator_series("litigation.cases", "513327"):
            print(point.report_year, point.value, point.unit)
        for row in client.compare_indicator_rows("litigation.cases", descending=True):
            print(row.jurisdiction.name, row.value)
        with open("reports.csv", "wb") as out:
            for chunk in client.export(filter="report_year >= 2020", query="调解"):
                out.write(chunk.data)

Every call has a deadline (timeout seconds; export_timeout for the whole export and
stream_timeout for an ingest stream) and is retried with the CLI's codes, no others (retry.py):
reads after UNAVAILABLE or a server's CANCELLED; ingest (keyed by a request id derived from the
content) and ExtractReport after DEADLINE_EXCEEDED and ABORTED too; re-extract and requeue never.
RESOURCE_EXHAUSTED is not retried, as the CLI does not: it also means a permanent per-call limit.
Every method raises a fazhi_client.FazhiError subclass (NotFoundError, InvalidArgumentError,
UnavailableError, ...) mapped from the call's gRPC status. Iterators page through results with
the server's page tokens; the *_page methods return one raw page (with total_size).
"""

import hashlib
import os

import grpc

from fazhi_client import errors, stubs
from fazhi_client.connection import ChannelSecurity
from fazhi_client.retry import IDEMPOTENT, MUTATION, READ_ONLY, RetryPolicy, call_with_retry

_report_pb2 = stubs.module("report_pb2")
_ingestion_pb2 = stubs.module("ingestion_pb2")
_ingestion_pb2_grpc = stubs.module("ingestion_pb2_grpc")
_extraction_pb2 = stubs.module("extraction_pb2")
_extraction_pb2_grpc = stubs.module("extraction_pb2_grpc")
_query_pb2 = stubs.module("query_pb2")
_query_pb2_grpc = stubs.module("query_pb2_grpc")

DEFAULT_INGESTION_ADDR = "127.0.0.1:50051"
DEFAULT_EXTRACTION_ADDR = "127.0.0.1:50052"
DEFAULT_QUERY_ADDR = "127.0.0.1:50053"
DEFAULT_TIMEOUT = 30.0                # seconds, per attempt of a unary call
DEFAULT_EXPORT_TIMEOUT = 6 * 3600.0   # the whole export stream, as the CLI's export
DEFAULT_STREAM_TIMEOUT = 6 * 3600.0   # a whole ingest stream

_EXPORT_CONTENT = {"reports": _query_pb2.EXPORT_CONTENT_REPORTS, "indicators": _query_pb2.EXPORT_CONTENT_INDICATORS}
_EXPORT_FORMAT = {"csv": _query_pb2.EXPORT_FORMAT_CSV, "jsonl": _query_pb2.EXPORT_FORMAT_JSONL}


class FazhiClient:
    """Talks to the ingestion, extraction and query services; one channel each, made on first use
    and reused across calls.

    security: a ChannelSecurity (TLS root certificate, bearer token); default plaintext, no token.
    timeout: seconds per attempt of a unary call; export_timeout: seconds for a whole export;
    stream_timeout: seconds for a whole ingest stream.
    retry_policy: a RetryPolicy (retry.NO_RETRY sends every call once).
    """

    def __init__(self, ingestion_addr=DEFAULT_INGESTION_ADDR, query_addr=DEFAULT_QUERY_ADDR, timeout=DEFAULT_TIMEOUT,
                 security=None, export_timeout=DEFAULT_EXPORT_TIMEOUT, retry_policy=None,
                 extraction_addr=DEFAULT_EXTRACTION_ADDR, stream_timeout=DEFAULT_STREAM_TIMEOUT):
        self._security = security or ChannelSecurity()
        self._timeout = timeout
        self._export_timeout = export_timeout
        self._stream_timeout = stream_timeout
        self._retry_policy = retry_policy or RetryPolicy()
        self._metadata = self._security.metadata
        self._addresses = {"ingestion": ingestion_addr, "extraction": extraction_addr, "query": query_addr}
        self._channels = {}
        self._stubs = {}

    @classmethod
    def from_env(cls, environ=os.environ, **kwargs):
        """Addresses from FAZHI_INGESTION_ADDR, FAZHI_EXTRACTION_ADDR and FAZHI_QUERY_ADDR, TLS from
        FAZHI_TLS_CA and the token from FAZHI_TOKEN (FAZHI_INSECURE_TOKEN=1 to send it without TLS),
        as the CLI reads them. Raises InvalidArgumentError for a token without TLS or an unreadable
        CA file."""
        kwargs.setdefault("security", ChannelSecurity.from_env(environ))
        kwargs.setdefault("extraction_addr", environ.get("FAZHI_EXTRACTION_ADDR", DEFAULT_EXTRACTION_ADDR))
        return cls(environ.get("FAZHI_INGESTION_ADDR", DEFAULT_INGESTION_ADDR),
                   environ.get("FAZHI_QUERY_ADDR", DEFAULT_QUERY_ADDR), **kwargs)

    _STUB_CLASSES = {"ingestion": _ingestion_pb2_grpc.IngestionServiceStub,
                     "extraction": _extraction_pb2_grpc.ExtractionServiceStub,
                     "query": _query_pb2_grpc.QueryServiceStub}

    def _stub(self, service):
        # Lazily: a client that only reads needs no extraction address that resolves.
        if service not in self._stubs:
            self._channels[service] = self._security.channel(self._addresses[service])
            self._stubs[service] = self._STUB_CLASSES[service](self._channels[service])
        return self._stubs[service]

    @property
    def _ingestion(self):
        return self._stub("ingestion")

    @property
    def _extraction(self):
        return self._stub("extraction")

    @property
    def _query(self):
        return self._stub("query")

    def close(self):
        for channel in self._channels.values():
            channel.close()
        self._channels.clear()
        self._stubs.clear()

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

    @staticmethod
    def ingest_request(content, file_name="", content_type="", source_url="", request_id="", retrieved_time=None):
        """The IngestDocumentRequest ingest_bytes sends (and ingest_stream takes). retrieved_time: when
        the document was fetched from source_url, a datetime (timezone-aware) or None. Without a
        request_id it is "sha256:<hex of the content>", as the CLI sends, so that a retry after a lost
        answer is recognised as the same request."""
        document = _ingestion_pb2.Document(content=content, file_name=file_name, content_type=content_type,
                                           source_url=source_url)
        if retrieved_time is not None:
            document.retrieved_time.FromDatetime(retrieved_time)
        request_id = request_id or "sha256:" + hashlib.sha256(content).hexdigest()
        return _ingestion_pb2.IngestDocumentRequest(document=document, request_id=request_id)

    def ingest_bytes(self, content, file_name="", content_type="", source_url="", request_id="", retrieved_time=None):
        """Archives a document; returns IngestDocumentResponse (name, duplicate, state, content_sha256)."""
        request = self.ingest_request(content, file_name, content_type, source_url, request_id, retrieved_time)
        return self._call(self._ingestion.IngestDocument, request, IDEMPOTENT)

    def ingest_file(self, path, source_url="", request_id="", retrieved_time=None):
        """Archives a file; its name helps the service detect the format."""
        return self._call(self._ingestion.IngestDocument,
                          self._file_request(path, source_url, request_id, retrieved_time), IDEMPOTENT)

    def ingest_stream(self, requests):
        """Archives many documents over one StreamIngestDocuments stream: yields one
        StreamIngestDocumentsResponse (index, result, error_code, error_message) per request, in
        order; a rejected document has its error there and the stream goes on. requests: an
        iterable of IngestDocumentRequest (see ingest_request, ingest_files). The stream is sent
        once: after a failure, resend the requests past the last index answered (ingest is
        idempotent by request id)."""
        # A request that cannot be made (an unreadable file) cancels the stream; raise its own error.
        failures = []

        def guarded():
            try:
                yield from requests
            except Exception as failure:
                failures.append(failure)
                raise

        try:
            yield from self._ingestion.StreamIngestDocuments(guarded(), timeout=self._stream_timeout,
                                                             metadata=self._metadata)
        except grpc.RpcError as error:
            if failures:
                raise failures[0] from None
            raise errors.from_rpc_error(error) from None

    def ingest_files(self, paths):
        """ingest_stream of files, read one at a time as the stream asks for them."""
        return self.ingest_stream(self._file_request(path) for path in paths)

    def _file_request(self, path, source_url="", request_id="", retrieved_time=None):
        with open(path, "rb") as file:
            content = file.read()
        return self.ingest_request(content, os.path.basename(path), "", source_url, request_id, retrieved_time)

    # ---- Reports ----

    def get_report(self, name, full=False):
        """One Report; full=True adds the normalized text and the whole record."""
        view = _report_pb2.REPORT_VIEW_FULL if full else _report_pb2.REPORT_VIEW_BASIC
        return self._call(self._query.GetReport, _query_pb2.GetReportRequest(name=name, view=view))

    def get_report_original(self, name):
        """ReportOriginal: the archived bytes as they were ingested (content, content_type, file_name)."""
        return self._call(self._query.GetReportOriginal, _query_pb2.GetReportOriginalRequest(name=name))

    def list_reports_page(self, filter="", order_by="", page_size=50, page_token=""):
        """One ListReportsResponse: reports, next_page_token, total_size."""
        request = _query_pb2.ListReportsRequest(filter=filter, order_by=order_by, page_size=page_size,
                                                page_token=page_token)
        return self._call(self._query.ListReports, request)

    def list_reports(self, filter="", order_by="", page_size=50):
        """Every Report matching the filter, fetched a page at a time."""
        return self._paged(lambda token: self.list_reports_page(filter, order_by, page_size, token), "reports")

    def search_page(self, query, filter="", page_size=20, page_token="", max_snippets=3, snippet_context=0):
        """One SearchReportsResponse: hits (most matches first), next_page_token, total_size.
        snippet_context: characters of text around each match in a snippet (0: the server's default)."""
        request = _query_pb2.SearchReportsRequest(query=query, filter=filter, page_size=page_size,
                                                  page_token=page_token, max_snippets=max_snippets,
                                                  snippet_context=snippet_context)
        return self._call(self._query.SearchReports, request)

    def search(self, query, filter="", page_size=20, max_snippets=3, snippet_context=0):
        """Every SearchHit for the query, fetched a page at a time."""
        return self._paged(
            lambda token: self.search_page(query, filter, page_size, token, max_snippets, snippet_context), "hits")

    def facets(self, filter="", query=""):
        """GetFacetsResponse: per field (province, level, report_year, document_kind) the count of
        reports matching the filter (and the search query, when given) per value, and total_size."""
        return self._call(self._query.GetFacets, _query_pb2.GetFacetsRequest(filter=filter, query=query))

    def export(self, filter="", content="reports", format="csv", query=""):
        """The export file as ExportReportsResponse chunks (data, rows_written, total_rows), streamed.
        content: "reports" or "indicators"; format: "csv" or "jsonl"; query: a search query (only
        reports matching it and the filter). Retried like a read until the first chunk arrives; a
        stream cut off after that raises (the caller has part of the file)."""
        if content not in _EXPORT_CONTENT or format not in _EXPORT_FORMAT:
            raise errors.InvalidArgumentError(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"export: content is one of {sorted(_EXPORT_CONTENT)}, format one of {sorted(_EXPORT_FORMAT)}; "
                f"got content={content!r} format={format!r}")
        request = _query_pb2.ExportReportsRequest(filter=filter, content=_EXPORT_CONTENT[content],
                                                  format=_EXPORT_FORMAT[format], query=query)

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

    def compare_indicator(self, indicator_id, report_year=0, filter="", descending=False, page_size=100,
                          page_token=""):
        """One CompareIndicatorResponse: a page of rows sorted across jurisdictions, a summary over
        every matching row (coverage, statistics) and next_page_token. report_year 0: every year."""
        request = _query_pb2.CompareIndicatorRequest(indicator_id=indicator_id, report_year=report_year,
                                                     filter=filter, descending=descending, page_size=page_size,
                                                     page_token=page_token)
        return self._call(self._query.CompareIndicator, request)

    def compare_indicator_rows(self, indicator_id, report_year=0, filter="", descending=False, page_size=100):
        """Every IndicatorValue row of the comparison, in its order, fetched a page at a time."""
        return self._paged(lambda token: self.compare_indicator(indicator_id, report_year, filter, descending,
                                                                page_size, token), "rows")

    def list_indicators(self):
        """ListIndicatorsResponse: the canonical indicators (id, name, unit, group) and the version
        of the indicator set."""
        return self._call(self._query.ListIndicators, _query_pb2.ListIndicatorsRequest())

    # ---- Extraction (ExtractReport and ExtractText need a writer's token, the rest an admin's) ----

    def extract_report(self, name):
        """Extracts one archived report now and stores its record; ExtractReportResponse. Idempotent."""
        return self._call(self._extraction.ExtractReport, _extraction_pb2.ExtractReportRequest(name=name), IDEMPOTENT)

    def extract_text(self, content, file_name="", content_type=""):
        """ExtractTextResponse (record, normalized_text) for posted bytes; stores nothing."""
        request = _extraction_pb2.ExtractTextRequest(content=content, file_name=file_name, content_type=content_type)
        return self._call(self._extraction.ExtractText, request)

    def reextract_reports(self, all_reports=False):
        """Queues archived reports for extraction again (all_reports=True: every report, not only those an
        older extractor wrote); ReextractReportsResponse. A mutation: sent once, never retried."""
        return self._call(self._extraction.ReextractReports, _extraction_pb2.ReextractReportsRequest(all=all_reports),
                          MUTATION)

    def list_jobs_page(self, state="", page_size=50, page_token=""):
        """One ListJobsResponse: jobs (in report id order), next_page_token, total_size."""
        request = _extraction_pb2.ListJobsRequest(state=state, page_size=page_size, page_token=page_token)
        return self._call(self._extraction.ListJobs, request)

    def list_jobs(self, state="", page_size=50):
        """Every ExtractionJob in a state ("" for all, e.g. "dead"), fetched a page at a time."""
        return self._paged(lambda token: self.list_jobs_page(state, page_size, token), "jobs")

    def requeue_jobs(self, names=(), state=""):
        """Makes the named reports' jobs, or every job in `state`, due again; RequeueJobsResponse.
        A mutation: sent once, never retried."""
        request = _extraction_pb2.RequeueJobsRequest(names=list(names), state=state)
        return self._call(self._extraction.RequeueJobs, request, MUTATION)
