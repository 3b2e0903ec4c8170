// Turns one generated report into the archive's rows, as COPY text lines, with the same columns
// and values the services write: ingestion's reports row (services/ingestion/document_store.cc)
// and extraction's records + indicator_values rows and finished job
// (services/extraction/service/job_queue.cc). Used by the benchmark's bulk load.
//
//   ArchiveRows rows = PrepareArchiveRows(generated_report, extractor);
//   reports_copy.write_raw_line(rows.report);  // COPY reports (ReportColumnList()) FROM STDIN
//   for (const std::string& line : rows.indicators) indicators_copy.write_raw_line(line);
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_COPY_ROWS_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_COPY_ROWS_H_

#include <optional>
#include <pqxx/pqxx>
#include <pqxx/tablewriter>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "common/archive/indicator_values_schema.h"
#include "common/archive/records_schema.h"
#include "common/archive/reports_schema.h"
#include "fazhi/v1/report.pb.h"
#include "services/extraction/extractor/extractor.h"
#include "tools/corpus_generator/corpus_generator.h"

namespace fazhi::query_benchmark {

// Column lists of the COPY statements, in the order the row functions write them.
// The reports table's columns ingestion writes (common/archive/reports_schema.h) and its state, as
// ReportRow writes them: the loaded reports are extracted.
inline std::string ReportColumnList() { return ColumnNameList(WrittenReportColumns()) + ", state"; }
inline constexpr std::string_view kJobColumns =
    "report_id, state, attempts, completions, lease_expire_time, last_error";
// The records table's written columns (common/archive/records_schema.h), as RecordRow writes them.
inline std::string RecordColumnList() { return ColumnNameList(WrittenRecordColumns()); }
// The indicator_values table's written columns (common/archive/indicator_values_schema.h), as
// IndicatorRows writes them.
inline std::string IndicatorColumnList() { return ColumnNameList(WrittenIndicatorValueColumns()); }

// One field of a COPY text line: backslash, tab, newline and carriage return escaped.
std::string CopyField(std::string_view value);
// bytea in its hex input form, as a COPY field.
std::string ByteaField(std::string_view bytes);

// COPY table (columns) FROM STDIN of ready-made text lines: `write_rows` gets the writer and
// calls write_raw_line(line) for each. libpqxx 6.4 keeps stream_to's raw-line writer private;
// tablewriter (deprecated for its own escaping, which is not used here) exposes it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
template <typename WriteRows>
void CopyLines(pqxx::work& work, std::string_view table, std::string_view columns,
               WriteRows&& write_rows) {
  std::vector<std::string> names =
      absl::StrSplit(absl::string_view(columns.data(), columns.size()), ", ");
  pqxx::tablewriter writer(work, std::string(table), names.begin(), names.end());
  write_rows(writer);
  writer.complete();
}
#pragma GCC diagnostic pop

// A NULL field.
inline constexpr std::string_view kCopyNull = "\\N";

// One line per table; `indicators` holds one line per distinct indicator id (the first wins,
// as the service's ON CONFLICT DO NOTHING keeps it).
struct ArchiveRows {
  std::string id;
  std::string report;
  std::string job;
  std::string record;
  std::vector<std::string> indicators;
  int64_t text_bytes = 0;
};

std::string ReportRow(const IngestedReport& report);
std::string FinishedJobRow(std::string_view report_id);
std::string RecordRow(std::string_view report_id, const v1::ExtractedRecord& record);
std::vector<std::string> IndicatorRows(std::string_view report_id,
                                       const v1::ExtractedRecord& record);

// Decodes, normalizes and extracts the generated file exactly as ingestion + extraction would.
absl::StatusOr<ArchiveRows> PrepareArchiveRows(const corpus::GeneratedReport& generated,
                                               const extraction::Extractor& extractor);

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_COPY_ROWS_H_
