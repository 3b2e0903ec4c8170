// `fazhi get`, `list`, `search` and `wait-extracted`: reading the archive through the query
// service.
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/read_only_call.h"
#include "cli/table.h"
#include "common/text/utf8.h"
#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi::cli {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(30);

std::unique_ptr<v1::QueryService::Stub> QueryStub(const Settings& settings) {
  return v1::QueryService::NewStub(Connect(settings.Get(kQueryAddr)));
}

std::string YearCell(const v1::Report& report) {
  int year = report.record().metadata().report_year();
  return year > 0 ? std::to_string(year) : "-";
}

std::string TitleCell(const v1::Report& report) {
  const std::string& title = report.record().metadata().title();
  return TruncateToWidth(title.empty() ? report.provenance().file_name() : title, 48);
}

// "GB18030 html", "pdf, 7 pages (2 read by OCR, mean confidence 88)".
std::string FormatCell(const v1::Report& report) {
  const v1::Provenance& provenance = report.provenance();
  const auto& pages = report.record().pages();
  if (pages.empty()) {
    return absl::StrCat(provenance.original_encoding(), provenance.original_encoding().empty() ? "" : " ",
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
  if (span.ocr_confidence() == 0) return absl::StrCat(span.page());
  return absl::StrCat(span.page(), " (OCR ", static_cast<int>(span.ocr_confidence() + 0.5), ")");
}

void PrintReportDetails(const v1::Report& report) {
  const v1::ReportMetadata& metadata = report.record().metadata();
  Table table({"FIELD", "VALUE"});
  table.AddRow({"name", report.name()});
  table.AddRow({"state", StateCell(report)});
  if (!report.error().empty()) table.AddRow({"error", report.error()});
  table.AddRow({"title", metadata.title()});
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
  std::cout << table.Render();
  if (report.record().indicators_size() > 0) {
    const bool paged = report.record().pages_size() > 0;
    Table indicators(paged ? std::vector<std::string>{"INDICATOR", "VALUE", "UNIT", "PAGE", "EVIDENCE"}
                           : std::vector<std::string>{"INDICATOR", "VALUE", "UNIT", "EVIDENCE"});
    for (const v1::Indicator& indicator : report.record().indicators()) {
      std::vector<std::string> row = {
          indicator.id(), absl::StrCat(indicator.approximate() ? "~" : "", indicator.value()),
          indicator.unit()};
      if (paged) row.push_back(PageCell(indicator.evidence_span()));
      row.push_back(TruncateToWidth(indicator.evidence(), 60));
      indicators.AddRow(row);
    }
    std::cout << "\n" << indicators.Render();
  }
}

}  // namespace

int RunGet(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line = CommandLine::Parse(args, {"format", "view"});
  if (!line.ok()) return ReportError(line.status(), 2);
  absl::StatusOr<bool> json = WantsJson(*line);
  if (!json.ok()) return ReportError(json.status(), 2);
  if (line->positional().size() != 1) {
    std::cerr << "usage: fazhi get reports/{id} [--view basic|full] [--format table|json]\n";
    return 2;
  }
  v1::GetReportRequest request;
  request.set_name(line->positional()[0]);
  request.set_view(line->Option("view") == "full" ? v1::REPORT_VIEW_FULL : v1::REPORT_VIEW_BASIC);
  v1::Report report;
  grpc::Status status = CallReadOnly(kCallTimeout, [&](grpc::ClientContext* context) {
    return QueryStub(settings)->GetReport(context, request, &report);
  });
  if (!status.ok()) return ReportRpcError("get", status);
  if (*json) {
    std::cout << ToJson(report, true) << "\n";
  } else {
    PrintReportDetails(report);
  }
  return 0;
}

int RunList(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line =
      CommandLine::Parse(args, {"format", "filter", "order-by", "page-size", "page-token"}, {"all"});
  if (!line.ok()) return ReportError(line.status(), 2);
  absl::StatusOr<bool> json = WantsJson(*line);
  if (!json.ok()) return ReportError(json.status(), 2);
  absl::StatusOr<int> page_size = line->IntOption("page-size", 50);
  if (!page_size.ok()) return ReportError(page_size.status(), 2);
  auto stub = QueryStub(settings);
  v1::ListReportsRequest request;
  request.set_filter(line->Option("filter"));
  request.set_order_by(line->Option("order-by"));
  request.set_page_size(*page_size);
  request.set_page_token(line->Option("page-token"));
  Table table({"NAME", "STATE", "YEAR", "JURISDICTION", "TITLE"});
  while (true) {
    v1::ListReportsResponse response;
    grpc::Status status = CallReadOnly(kCallTimeout, [&](grpc::ClientContext* context) {
      return stub->ListReports(context, request, &response);
    });
    if (!status.ok()) return ReportRpcError("list", status);
    if (*json) {
      std::cout << ToJson(response, false) << "\n";
    } else {
      for (const v1::Report& report : response.reports()) {
        table.AddRow({report.name(), StateCell(report), YearCell(report), JurisdictionCell(report),
                      TitleCell(report)});
      }
    }
    bool more = !response.next_page_token().empty();
    if (!*json && (!more || !line->Has("all"))) {
      std::cout << table.Render() << response.total_size() << " reports"
                << (more ? absl::StrCat("; next page: --page-token ", response.next_page_token()) : "")
                << "\n";
    }
    if (!more || !line->Has("all")) return 0;
    request.set_page_token(response.next_page_token());
  }
}

int RunSearch(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line =
      CommandLine::Parse(args, {"format", "filter", "page-size", "page-token", "snippets"});
  if (!line.ok()) return ReportError(line.status(), 2);
  absl::StatusOr<bool> json = WantsJson(*line);
  if (!json.ok()) return ReportError(json.status(), 2);
  absl::StatusOr<int> page_size = line->IntOption("page-size", 20);
  absl::StatusOr<int> snippets = line->IntOption("snippets", 2);
  if (!page_size.ok()) return ReportError(page_size.status(), 2);
  if (!snippets.ok()) return ReportError(snippets.status(), 2);
  if (line->positional().size() != 1) {
    std::cerr << "usage: fazhi search PHRASE [--filter F] [--page-size N] [--format table|json]\n";
    return 2;
  }
  v1::SearchReportsRequest request;
  request.set_query(line->positional()[0]);
  request.set_filter(line->Option("filter"));
  request.set_page_size(*page_size);
  request.set_page_token(line->Option("page-token"));
  request.set_max_snippets(*snippets);
  v1::SearchReportsResponse response;
  grpc::Status status = CallReadOnly(kCallTimeout, [&](grpc::ClientContext* context) {
    return QueryStub(settings)->SearchReports(context, request, &response);
  });
  if (!status.ok()) return ReportRpcError("search", status);
  if (*json) {
    std::cout << ToJson(response, true) << "\n";
    return 0;
  }
  for (const v1::SearchHit& hit : response.hits()) {
    std::cout << hit.report().name() << "  " << JurisdictionCell(hit.report()) << "  "
              << YearCell(hit.report()) << "  " << hit.match_count() << " matches\n";
    for (const v1::Snippet& snippet : hit.snippets()) {
      // Highlights in code points; mark them with 【】 in the one-line snippet.
      std::string marked;
      int64_t cursor = 0;
      for (const v1::Span& span : snippet.highlights()) {
        marked += text::SubstrByCodepoints(snippet.text(), cursor, span.begin()) + "【" +
                  text::SubstrByCodepoints(snippet.text(), span.begin(), span.end()) + "】";
        cursor = span.end();
      }
      marked += text::SubstrByCodepoints(snippet.text(), cursor, text::CountCodepoints(snippet.text()));
      std::cout << "    …" << absl::StrReplaceAll(marked, {{"\n", " "}}) << "…\n";
    }
  }
  std::cout << response.total_size() << " reports contain \"" << request.query() << "\"\n";
  return 0;
}

int RunWaitExtracted(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line = CommandLine::Parse(args, {"timeout"});
  if (!line.ok()) return ReportError(line.status(), 2);
  absl::StatusOr<int> timeout_s = line->IntOption("timeout", 60);
  if (!timeout_s.ok()) return ReportError(timeout_s.status(), 2);
  auto stub = QueryStub(settings);
  absl::Time deadline = absl::Now() + absl::Seconds(*timeout_s);
  while (true) {
    v1::ListReportsRequest request;
    request.set_filter("state = \"pending\"");
    request.set_page_size(1);
    v1::ListReportsResponse response;
    auto context = NewCallContext(kCallTimeout);  // the polling loop is the retry
    grpc::Status status = stub->ListReports(context.get(), request, &response);
    if (status.ok() && response.total_size() == 0) return 0;
    if (absl::Now() > deadline) {
      if (!status.ok()) return ReportRpcError("wait-extracted", status);
      std::cerr << "fazhi: " << response.total_size() << " reports still pending after "
                << *timeout_s << " s\n";
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace fazhi::cli
