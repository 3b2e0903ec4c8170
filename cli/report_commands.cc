// `fazhi get`, `list`, `search` and `wait-extracted`: reading the archive through the query
// service.
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/output_file.h"
#include "cli/pages.h"
#include "cli/read_only_call.h"
#include "cli/table.h"
#include "common/text/csv.h"
#include "common/text/utf8.h"
#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi::cli {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(30);

// The year, or "" when the record has none (CSV); YearCell shows "-" in a table.
std::string YearValue(const v1::Report& report) {
  int year = report.record().metadata().report_year();
  return year > 0 ? std::to_string(year) : "";
}

std::string YearCell(const v1::Report& report) {
  std::string year = YearValue(report);
  return year.empty() ? "-" : year;
}

// How to get the next page, ending a table's footer line ("12 reports; next page: ...").
std::string NextPageHint(const std::string& next_page_token) {
  if (next_page_token.empty()) return "";
  return absl::StrCat("; next page: --page-token ", next_page_token, " (or --all)");
}

// CSV output is data only: the hint goes to stderr.
void WarnMorePages(const std::string& next_page_token) {
  if (!next_page_token.empty())
    std::cerr << "fazhi: more results" << NextPageHint(next_page_token) << "\n";
}

// A report whose text names no title says so; its file name is provenance (`get` shows it), not
// a title.
std::string TitleOrUntitled(const std::string& title) {
  return title.empty() ? "(untitled)" : title;
}

std::string TitleCell(const v1::Report& report) {
  return TruncateToWidth(TitleOrUntitled(report.record().metadata().title()), 48);
}

// "GB18030 html", "pdf, 7 pages (2 read by OCR, mean confidence 88)".
std::string FormatCell(const v1::Report& report) {
  const v1::Provenance& provenance = report.provenance();
  const auto& pages = report.record().pages();
  if (pages.empty()) {
    return absl::StrCat(provenance.original_encoding(),
                        provenance.original_encoding().empty() ? "" : " ",
                        provenance.original_format());
  }
  int ocr_pages = 0;
  double confidence = 0;
  for (const v1::Page& page : pages) {
    if (!page.ocr()) continue;
    ++ocr_pages;
    confidence += page.ocr_confidence();
  }
  std::string cell = absl::StrCat(provenance.original_format(), ", ", pages.size(), " pages");
  if (ocr_pages > 0) {
    absl::StrAppend(&cell, " (", ocr_pages, " read by OCR, mean confidence ",
                    static_cast<int>(confidence / ocr_pages + 0.5), ")");
  }
  return cell;
}

// "3", or "3 (OCR 88)" for a recognized page.
std::string PageCell(const v1::Span& span) {
  if (span.page() == 0) return "-";
  if (!span.has_ocr_confidence()) return absl::StrCat(span.page());
  return absl::StrCat(span.page(), " (OCR ", static_cast<int>(span.ocr_confidence() + 0.5), ")");
}

// A snippet on one line with its highlights in 【】 (highlights are code-point spans).
std::string MarkedSnippet(const v1::Snippet& snippet) {
  std::string marked;
  int64_t cursor = 0;
  for (const v1::Span& span : snippet.highlights()) {
    marked += text::SubstrByCodepoints(snippet.text(), cursor, span.begin()) + "【" +
              text::SubstrByCodepoints(snippet.text(), span.begin(), span.end()) + "】";
    cursor = span.end();
  }
  marked += text::SubstrByCodepoints(snippet.text(), cursor, text::CountCodepoints(snippet.text()));
  return absl::StrReplaceAll(marked, {{"\r\n", " "}, {"\n", " "}});
}

void PrintHits(const v1::SearchReportsResponse& response, std::ostream& out) {
  for (const v1::SearchHit& hit : response.hits()) {
    out << hit.report().name() << "  " << JurisdictionCell(hit.report()) << "  "
        << YearCell(hit.report()) << "  " << hit.match_count() << " matches\n";
    for (const v1::Snippet& snippet : hit.snippets())
      out << "    …" << MarkedSnippet(snippet) << "…\n";
  }
}

// One row per hit; its snippets joined by " … ".
void PrintHitsCsv(const v1::SearchReportsResponse& response, std::ostream& out) {
  out << text::CsvLine({"name", "report_year", "jurisdiction_code", "jurisdiction_name", "title",
                        "match_count", "snippets"});
  for (const v1::SearchHit& hit : response.hits()) {
    const v1::ReportMetadata& metadata = hit.report().record().metadata();
    std::vector<std::string> snippets;
    for (const v1::Snippet& snippet : hit.snippets()) snippets.push_back(MarkedSnippet(snippet));
    out << text::CsvLine({hit.report().name(), YearValue(hit.report()),
                          metadata.jurisdiction().code(), metadata.jurisdiction().name(),
                          metadata.title(), std::to_string(hit.match_count()),
                          absl::StrJoin(snippets, " … ")});
  }
  WarnMorePages(response.next_page_token());
}

void PrintReportDetails(const v1::Report& report, std::ostream& out) {
  const v1::ReportMetadata& metadata = report.record().metadata();
  Table table({"FIELD", "VALUE"});
  table.AddRow({"name", report.name()});
  table.AddRow({"state", StateCell(report)});
  if (!report.error().empty()) table.AddRow({"error", report.error()});
  table.AddRow({"title", TitleOrUntitled(metadata.title())});
  table.AddRow({"report year", YearCell(report)});
  table.AddRow({"jurisdiction", JurisdictionCell(report)});
  table.AddRow({"published on", metadata.published_on()});
  if (!metadata.delivered_on().empty()) table.AddRow({"delivered on", metadata.delivered_on()});
  table.AddRow({"issuers", absl::StrJoin(metadata.issuers(), ", ")});
  table.AddRow({"document kind", metadata.document_kind()});
  table.AddRow({"file name", report.provenance().file_name()});
  table.AddRow({"source url", report.provenance().source_url()});
  table.AddRow({"sha256", report.provenance().content_sha256()});
  table.AddRow({"format", FormatCell(report)});
  if (!report.provenance().converter().empty()) {
    table.AddRow({"converter", report.provenance().converter()});
  }
  table.AddRow({"extractor", report.record().extractor_version()});
  out << table.Render();
  if (report.record().indicators_size() > 0) {
    const bool paged = report.record().pages_size() > 0;
    Table indicators(
        paged ? std::vector<std::string>{"INDICATOR", "VALUE", "UNIT", "PAGE", "EVIDENCE"}
              : std::vector<std::string>{"INDICATOR", "VALUE", "UNIT", "EVIDENCE"});
    for (const v1::Indicator& indicator : report.record().indicators()) {
      std::vector<std::string> row = {
          indicator.id(),
          IndicatorValueCell(indicator.value(), indicator.approximate(), indicator.suspect()),
          indicator.unit()};
      if (paged) row.push_back(PageCell(indicator.evidence_span()));
      row.push_back(
          EvidenceCell(indicator.evidence(), indicator.evidence_span(), indicator.span(), 60));
      indicators.AddRow(row);
    }
    out << "\n" << indicators.Render();
  }
}

// `get --text` and `get --original`: the report's text or its archived bytes, nothing else.
int WriteReportContent(const Settings& settings, const CommandLine& line) {
  if (line.Has("text") && line.Has("original"))
    return UsageError("get", "give --text or --original, not both");
  if (line.Has("format") || line.Has("view")) {
    return UsageError("get",
                      "--text and --original print the content alone; drop --format and --view");
  }
  absl::StatusOr<OutputFile> out = OutputFile::Open(line, /*csv=*/false);
  if (!out.ok()) return ReportOutputError("get", out.status());
  const Endpoint query = ServiceEndpoint(settings, kQueryAddr);
  std::string content;
  grpc::Status status;
  if (line.Has("original")) {
    v1::GetReportOriginalRequest request;
    request.set_name(line.positional()[0]);
    v1::ReportOriginal original;
    status = CallReadOnly(query, kCallTimeout, [&](grpc::ClientContext* context) {
      return QueryStub(settings)->GetReportOriginal(context, request, &original);
    });
    content = std::move(*original.mutable_content());
  } else {
    v1::GetReportRequest request;
    request.set_name(line.positional()[0]);
    request.set_view(v1::REPORT_VIEW_FULL);
    v1::Report report;
    status = CallReadOnly(query, kCallTimeout, [&](grpc::ClientContext* context) {
      return QueryStub(settings)->GetReport(context, request, &report);
    });
    content = std::move(*report.mutable_text());
  }
  if (!status.ok()) return ReportRpcError("get", status);
  out->stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  if (absl::Status closed = out->Close(); !closed.ok()) return ReportError(closed);
  return 0;
}

}  // namespace

int RunGet(const Settings& settings, const CommandLine& line) {
  if (line.positional().size() != 1) return UsageError("get", "name one report: reports/ID");
  if (line.Has("text") || line.Has("original")) return WriteReportContent(settings, line);
  absl::StatusOr<OutputFile> out = OutputFile::Open(line, /*csv=*/false);
  if (!out.ok()) return ReportOutputError("get", out.status());
  v1::GetReportRequest request;
  request.set_name(line.positional()[0]);
  request.set_view(line.Option("view") == "full" ? v1::REPORT_VIEW_FULL : v1::REPORT_VIEW_BASIC);
  v1::Report report;
  grpc::Status status = CallReadOnly(
      ServiceEndpoint(settings, kQueryAddr), kCallTimeout, [&](grpc::ClientContext* context) {
        return QueryStub(settings)->GetReport(context, request, &report);
      });
  if (!status.ok()) return ReportRpcError("get", status);
  if (WantsJson(line)) {
    out->stream() << ToJson(report, true) << "\n";
  } else {
    PrintReportDetails(report, out->stream());
  }
  if (absl::Status closed = out->Close(); !closed.ok()) return ReportError(closed);
  return 0;
}

int RunList(const Settings& settings, const CommandLine& line) {
  absl::StatusOr<int> page_size = line.IntOption("page-size", 50);
  if (!page_size.ok()) return UsageError("list", page_size.status().message());
  const std::string format = line.Option("format", "table");
  absl::StatusOr<OutputFile> output = OutputFile::Open(line, format == "csv");
  if (!output.ok()) return ReportOutputError("list", output.status());
  auto stub = QueryStub(settings);
  v1::ListReportsRequest request;
  request.set_filter(line.Option("filter"));
  request.set_order_by(line.Option("order-by"));
  request.set_page_size(*page_size);
  request.set_page_token(line.Option("page-token"));
  v1::ListReportsResponse response;
  grpc::Status status = FetchPages(
      request, line.Has("all"),
      [&](const v1::ListReportsRequest& page_request, v1::ListReportsResponse* page) {
        return CallReadOnly(ServiceEndpoint(settings, kQueryAddr), kCallTimeout,
                            [&](grpc::ClientContext* context) {
                              return stub->ListReports(context, page_request, page);
                            });
      },
      &response);
  if (!status.ok()) return ReportRpcError("list", status);
  std::ostream& out = output->stream();
  if (format == "json") {
    out << ToJson(response, false) << "\n";
  } else if (format == "csv") {
    out << text::CsvLine({"name", "state", "report_year", "jurisdiction_code", "jurisdiction_name",
                          "level", "document_kind", "published_on", "title", "file_name"});
    for (const v1::Report& report : response.reports()) {
      const v1::ReportMetadata& metadata = report.record().metadata();
      out << text::CsvLine({report.name(), StateCell(report), YearValue(report),
                            metadata.jurisdiction().code(), metadata.jurisdiction().name(),
                            metadata.jurisdiction().level(), metadata.document_kind(),
                            metadata.published_on(), metadata.title(),
                            report.provenance().file_name()});
    }
    WarnMorePages(response.next_page_token());
  } else {
    Table table({"NAME", "STATE", "YEAR", "JURISDICTION", "TITLE"});
    for (const v1::Report& report : response.reports()) {
      table.AddRow({report.name(), StateCell(report), YearCell(report), JurisdictionCell(report),
                    TitleCell(report)});
    }
    out << table.Render() << response.total_size() << " reports"
        << NextPageHint(response.next_page_token()) << "\n";
  }
  if (absl::Status closed = output->Close(); !closed.ok()) return ReportError(closed);
  return 0;
}

int RunSearch(const Settings& settings, const CommandLine& line) {
  if (line.positional().size() != 1) {
    return UsageError("search",
                      "takes one PHRASE argument (quote a query with spaces: '行政复议 -撤销')");
  }
  absl::StatusOr<int> page_size = line.IntOption("page-size", 20);
  if (!page_size.ok()) return UsageError("search", page_size.status().message());
  absl::StatusOr<int> snippets = line.IntOption("snippets", 2);
  if (!snippets.ok()) return UsageError("search", snippets.status().message());
  const std::string format = line.Option("format", "table");
  absl::StatusOr<OutputFile> output = OutputFile::Open(line, format == "csv");
  if (!output.ok()) return ReportOutputError("search", output.status());
  auto stub = QueryStub(settings);
  v1::SearchReportsRequest request;
  request.set_query(line.positional()[0]);
  request.set_filter(line.Option("filter"));
  request.set_page_size(*page_size);
  request.set_page_token(line.Option("page-token"));
  request.set_max_snippets(*snippets);
  v1::SearchReportsResponse response;
  grpc::Status status = FetchPages(
      request, line.Has("all"),
      [&](const v1::SearchReportsRequest& page_request, v1::SearchReportsResponse* page) {
        return CallReadOnly(ServiceEndpoint(settings, kQueryAddr), kCallTimeout,
                            [&](grpc::ClientContext* context) {
                              return stub->SearchReports(context, page_request, page);
                            });
      },
      &response);
  if (!status.ok()) return ReportRpcError("search", status);
  std::ostream& out = output->stream();
  if (format == "json") {
    out << ToJson(response, true) << "\n";
  } else if (format == "csv") {
    PrintHitsCsv(response, out);
  } else {
    PrintHits(response, out);
    out << response.total_size() << " reports contain \"" << request.query() << "\""
        << NextPageHint(response.next_page_token()) << "\n";
  }
  if (absl::Status closed = output->Close(); !closed.ok()) return ReportError(closed);
  return 0;
}

namespace {

// With --format json, {"pending": N}: how many reports wait for extraction when the wait ends.
void PrintPending(const v1::ListReportsResponse& pending, const CommandLine& line) {
  if (WantsJson(line)) std::cout << DumpJson({{"pending", pending.total_size()}}, true) << "\n";
}

}  // namespace

int RunWaitExtracted(const Settings& settings, const CommandLine& line) {
  absl::StatusOr<int> timeout_s = line.IntOption("timeout", 60);
  if (!timeout_s.ok()) return UsageError("wait-extracted", timeout_s.status().message());
  auto stub = QueryStub(settings);
  absl::Time deadline = absl::Now() + absl::Seconds(*timeout_s);
  while (true) {
    v1::ListReportsRequest request;
    request.set_filter("state = \"pending\"");
    request.set_page_size(1);
    v1::ListReportsResponse response;
    auto context = NewCallContext(kCallTimeout);  // the polling loop is the retry
    grpc::Status status = stub->ListReports(context.get(), request, &response);
    if (status.ok() && response.total_size() == 0) {
      PrintPending(response, line);
      return 0;
    }
    if (absl::Now() > deadline) {
      if (!status.ok()) return ReportRpcError("wait-extracted", status);
      PrintPending(response, line);
      std::cerr << "fazhi: " << response.total_size() << " reports still pending after "
                << *timeout_s << " s\n";
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace fazhi::cli
