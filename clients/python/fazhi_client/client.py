"""A small Python client of fazhi's gRPC API: ingest, search, list, indicators.

    with FazhiClient.from_env() as client:
        result = client.ingest_file("report.txt")        # IngestDocumentResponse
        for hit in client.search("调解", filter='level = "county"'):
            print(hit.report.name, hit.match_count)
        for point in client.indicator_series("litigation.cases", "513327"):
            print(point.report_year, point.value, point.unit)

Every method raises a fazhi_client.FazhiError subclass (NotFoundError, InvalidArgumentError,
UnavailableError, ...) mapped from the call's gRPC status. Iterators page through results with
the server's page tokens; the *_page methods return one raw page (with total_size).
"""

import os

import grpc

from fazhi_client import errors, stubs

_report_pb2 = stubs.module("report_pb2")
_ingestion_pb2 = stubs.module("ingestion_pb2")
_ingestion_pb2_grpc = stubs.module("ingestion_pb2_grpc")
_query_pb2 = stubs.module("query_pb2")
_query_pb2_grpc = stubs.module("query_pb2_grpc")

DEFAULT_INGESTION_ADDR = "127.0.0.1:50051"
DEFAULT_QUERY_ADDR = "127.0.0.1:50053"
# Documents are up to 20 MB by default (FAZHI_MAX_DOCUMENT_BYTES); leave room for the envelope.
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class FazhiClient:
    """Talks to the ingestion and query services; one channel each, reused across calls."""

    def __init__(self, ingestion_addr=DEFAULT_INGESTION_ADDR, query_addr=DEFAULT_QUERY_ADDR, timeout=30.0):
        options = [("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
                   ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES)]
        self._timeout = timeout
        self._channels = [grpc.insecure_channel(ingestion_addr, options=options),
                          grpc.insecure_channel(query_addr, options=options)]
        self._ingestion = _ingestion_pb2_grpc.IngestionServiceStub(self._channels[0])
        self._query = _query_pb2_grpc.QueryServiceStub(self._channels[1])

    @classmethod
    def from_env(cls, **kwargs):
        """Addresses from FAZHI_INGESTION_ADDR and FAZHI_QUERY_ADDR, as the CLI and services use."""
        return cls(os.environ.get("FAZHI_INGESTION_ADDR", DEFAULT_INGESTION_ADDR),
                   os.environ.get("FAZHI_QUERY_ADDR", DEFAULT_QUERY_ADDR), **kwargs)

    def close(self):
        for channel in self._channels:
            channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _call(self, method, request):
        try:
            return method(request, timeout=self._timeout)
        except grpc.RpcError as error:
            raise errors.from_rpc_error(error) from None

    # ---- Ingestion ----

    def ingest_bytes(self, content, file_name="", content_type="", source_url="", request_id=""):
        """Archives a document; returns IngestDocumentResponse (name, duplicate, state, content_sha256)."""
        document = _ingestion_pb2.Document(content=content, file_name=file_name, content_type=content_type,
                                           source_url=source_url)
        request = _ingestion_pb2.IngestDocumentRequest(document=document, request_id=request_id)
        return self._call(self._ingestion.IngestDocument, request)

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
