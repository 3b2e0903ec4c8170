// `fazhi facets`, `fazhi indicators series|compare` and `fazhi export`: the archive's aggregate
// questions and bulk exports through the query service.
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/output_file.h"
#include "cli/pages.h"
#include "cli/read_only_call.h"
#include "cli/service_endpoint.h"
#include "cli/table.h"
#include "common/text/shortest_decimal.h"
#include "fazhi/v1/query.grpc.pb.h"

namespace fazhi::cli {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(60);

void AddIndicatorRow(const v1::IndicatorValue& value, Table* table) {
  table->AddRow({std::to_string(value.report_year()),
                 absl::StrCat(value.jurisdiction().name(), " (", value.jurisdiction().code(), ")"),
                 IndicatorValueCell(value.value(), value.approximate(), value.suspect()),
                 value.unit(), value.report(),
                 EvidenceCell(value.evidence(), value.evidence_span(), value.span(), 50)});
}

// The comparison's coverage and statistics as the query service computed them over every row;
// says when the rows shown are not all, and never prints zeros for a comparison with no values.
std::string SummaryLine(const v1::CompareIndicatorResponse& response) {
  const v1::IndicatorSummary& summary = response.summary();
  std::string line = absl::StrFormat("stated by %d of %d reports", summary.stating_count(),
                                     summary.report_count());
  if (summary.suspect_count() > 0) {
    absl::StrAppendFormat(&line, "; %d suspect (left out of the statistics)",
                          summary.suspect_count());
  }
  if (!summary.has_min()) {
    absl::StrAppend(&line, "; no values to summarize");
  } else {
    // The mean is computed, not stated: two decimals say enough of it.
    absl::StrAppend(&line, "; min ", text::ShortestDecimal(summary.min()), ", median ",
                    text::ShortestDecimal(summary.median()), ", max ",
                    text::ShortestDecimal(summary.max()), ", mean ",
                    text::ShortestDecimal(std::round(summary.mean() * 100) / 100));
  }
  if (response.rows_size() < summary.stating_count()) {
    absl::StrAppendFormat(&line, "\nshowing %d of %d values", response.rows_size(),
                          summary.stating_count());
    if (!response.next_page_token().empty()) {
      absl::StrAppend(&line, "; next page: --page-token ", response.next_page_token(),
                      " (or --all)");
    }
  }
  return line + "\n";
}

int RunSeries(const Settings& settings, const CommandLine& line, bool json) {
  if (line.positional().size() != 3) {
    return UsageError("indicators", "series takes an INDICATOR_ID and a JURISDICTION_CODE");
  }
  v1::GetIndicatorSeriesRequest request;
  request.set_indicator_id(line.positional()[1]);
  request.set_jurisdiction_code(line.positional()[2]);
  v1::GetIndicatorSeriesResponse response;
  grpc::Status status = CallReadOnly(
      ServiceEndpoint(settings, kQueryAddr), kCallTimeout, [&](grpc::ClientContext* context) {
        return QueryStub(settings)->GetIndicatorSeries(context, request, &response);
      });
  if (!status.ok()) return ReportRpcError("indicators series", status);
  if (json) {
    std::cout << ToJson(response, true) << "\n";
    return 0;
  }
  Table table({"YEAR", "JURISDICTION", "VALUE", "UNIT", "REPORT", "EVIDENCE"});
  for (const v1::IndicatorValue& point : response.points()) AddIndicatorRow(point, &table);
  std::cout << table.Render() << response.points_size() << " values\n";
  return 0;
}

int RunCompare(const Settings& settings, const CommandLine& line, bool json) {
  absl::StatusOr<int> year = line.IntOption("year", 0);
  if (!year.ok()) return UsageError("indicators", year.status().message());
  absl::StatusOr<int> limit = line.IntOption("limit", 100);
  if (!limit.ok()) return UsageError("indicators", limit.status().message());
  if (line.positional().size() != 2)
    return UsageError("indicators", "compare takes one INDICATOR_ID");
  v1::CompareIndicatorRequest request;
  request.set_indicator_id(line.positional()[1]);
  request.set_report_year(*year);
  request.set_filter(line.Option("filter"));
  request.set_descending(line.Has("desc"));
  request.set_page_size(*limit);
  request.set_page_token(line.Option("page-token"));
  auto stub = QueryStub(settings);
  v1::CompareIndicatorResponse response;
  grpc::Status status = FetchPages(
      request, line.Has("all"),
      [&](const v1::CompareIndicatorRequest& page_request, v1::CompareIndicatorResponse* page) {
        return CallReadOnly(ServiceEndpoint(settings, kQueryAddr), kCallTimeout,
                            [&](grpc::ClientContext* context) {
                              return stub->CompareIndicator(context, page_request, page);
                            });
      },
      &response);
  if (!status.ok()) return ReportRpcError("indicators compare", status);
  if (json) {
    std::cout << ToJson(response, true) << "\n";
    return 0;
  }
  Table table({"YEAR", "JURISDICTION", "VALUE", "UNIT", "REPORT", "EVIDENCE"});
  for (const v1::IndicatorValue& row : response.rows()) AddIndicatorRow(row, &table);
  std::cout << table.Render() << SummaryLine(response);
  return 0;
}

void DrawExportProgress(int64_t written, int64_t total) {
  if (!isatty(STDERR_FILENO)) return;
  constexpr int kWidth = 30;
  int filled = total > 0 ? static_cast<int>(kWidth * written / total) : kWidth;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
            << written << "/" << total << " rows" << std::flush;
}

}  // namespace

int RunFacets(const Settings& settings, const CommandLine& line) {
  v1::GetFacetsRequest request;
  request.set_filter(line.Option("filter"));
  request.set_query(line.Option("query"));
  v1::GetFacetsResponse response;
  grpc::Status status = CallReadOnly(
      ServiceEndpoint(settings, kQueryAddr), kCallTimeout, [&](grpc::ClientContext* context) {
        return QueryStub(settings)->GetFacets(context, request, &response);
      });
  if (!status.ok()) return ReportRpcError("facets", status);
  if (WantsJson(line)) {
    std::cout << ToJson(response, true) << "\n";
    return 0;
  }
  for (const v1::Facet& facet : response.facets()) {
    Table table({facet.field(), "REPORTS"});
    for (const v1::FacetCount& count : facet.counts()) {
      table.AddRow(
          {count.value().empty() ? "(none)" : count.value(), std::to_string(count.count())});
    }
    std::cout << table.Render() << "\n";
  }
  std::cout << response.total_size() << " reports\n";
  return 0;
}

int RunIndicators(const Settings& settings, const CommandLine& line) {
  std::string verb = line.positional().empty() ? "" : line.positional()[0];
  if (verb == "list") return RunIndicatorsList(settings, line);
  if (verb == "series") return RunSeries(settings, line, WantsJson(line));
  if (verb == "compare") return RunCompare(settings, line, WantsJson(line));
  return UsageError("indicators",
                    verb.empty() ? "name what to do: list, series or compare"
                                 : absl::StrCat("no '", verb, "'; use list, series or compare"));
}

int RunExport(const Settings& settings, const CommandLine& line) {
  if (!line.Has("out")) return UsageError("export", "--out FILE is required");
  std::string format = line.Option("format", "csv");
  std::string content = line.Option("content", "reports");
  v1::ExportReportsRequest request;
  request.set_filter(line.Option("filter"));
  request.set_query(line.Option("query"));
  request.set_format(format == "jsonl" ? v1::EXPORT_FORMAT_JSONL : v1::EXPORT_FORMAT_CSV);
  request.set_content(content == "indicators" ? v1::EXPORT_CONTENT_INDICATORS
                                              : v1::EXPORT_CONTENT_REPORTS);
  absl::StatusOr<OutputFile> out = OutputFile::Open(line, format == "csv");
  if (!out.ok()) return ReportOutputError("export", out.status());
  auto context = NewCallContext(absl::Hours(6));
  auto stream = QueryStub(settings)->ExportReports(context.get(), request);
  v1::ExportReportsResponse chunk;
  int64_t written = 0;
  while (stream->Read(&chunk)) {
    out->stream().write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    written = chunk.rows_written();
    DrawExportProgress(written, chunk.total_rows());
  }
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  grpc::Status status = stream->Finish();
  absl::Status closed = out->Close();
  if (!status.ok())
    return ReportRpcError("export",
                          ExplainUnavailable(ServiceEndpoint(settings, kQueryAddr), status));
  if (!closed.ok()) return ReportError(closed);
  // The data may be on standard output: the summary is not part of it.
  (out->is_stdout() ? std::cerr : std::cout)
      << "exported " << written << " " << content << " rows to "
      << (out->is_stdout() ? "standard output" : out->path()) << "\n";
  return 0;
}

}  // namespace fazhi::cli
