#include "tools/query_benchmark/copy_rows.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/archive/indicator_values_schema.h"
#include "common/archive/records_schema.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"
#include "common/text/normalize.h"
#include "common/text/sha256.h"
#include "common/text/utf8.h"
#include "services/extraction/service/record_proto.h"

namespace fazhi::query_benchmark {

std::string ByteaField(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\\\x";
  out.reserve(3 + 2 * bytes.size());
  for (unsigned char byte : bytes) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
  return out;
}

namespace {

std::string Line(const std::vector<std::string>& fields) { return absl::StrJoin(fields, "\t"); }

}  // namespace

std::string CopyField(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 16);
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string FinishedJobRow(std::string_view report_id) {
  return Line({CopyField(report_id), "done", "1", "1", std::string(kCopyNull), ""});
}

namespace {

// A written column's value in `source`, as a COPY field.
template <typename Column, typename Source>
std::string CopyValue(const Column& column, const Source& source) {
  std::optional<std::string> value = column.ValueOf(source);
  return value ? CopyField(*value) : std::string(kCopyNull);
}
std::string CopyValue(const ReportColumn& column, const IngestedReport& report) {
  if (column.binary()) return ByteaField(column.BytesOf(report));
  return CopyValue<ReportColumn, IngestedReport>(column, report);
}

// The line of `source`'s values in the written columns of a schema table
// (common/archive/table_columns.h), as the services write them.
template <typename Column, typename Source>
std::string SchemaLine(const std::vector<Column>& written, const Source& source) {
  std::vector<std::string> fields;
  for (const Column& column : written) fields.push_back(CopyValue(column, source));
  return Line(fields);
}

}  // namespace

std::string ReportRow(const IngestedReport& report) {
  return SchemaLine(WrittenReportColumns(), report) + "\textracted";
}

std::string RecordRow(std::string_view report_id, const v1::ExtractedRecord& record) {
  return SchemaLine(WrittenRecordColumns(), StoredRecord{report_id, record});
}

std::vector<std::string> IndicatorRows(std::string_view report_id,
                                       const v1::ExtractedRecord& record) {
  std::vector<std::string> rows;
  std::set<std::string> seen;
  for (const v1::Indicator& indicator : record.indicators()) {
    if (!seen.insert(indicator.id()).second) continue;
    rows.push_back(
        SchemaLine(WrittenIndicatorValueColumns(), StoredIndicator{report_id, indicator}));
  }
  return rows;
}

absl::StatusOr<ArchiveRows> PrepareArchiveRows(const corpus::GeneratedReport& generated,
                                               const extraction::Extractor& extractor) {
  text::DecodeOptions options;  // as ingestion decodes it: by content and file name
  options.file_name = generated.file_name;
  absl::StatusOr<extraction::ExtractedDocument> extracted =
      extractor.ExtractFromBytes(generated.bytes, options);
  if (!extracted.ok()) {
    return absl::Status(extracted.status().code(),
                        absl::StrCat(generated.file_name, ": ", extracted.status().message()));
  }
  IngestedReport report;  // as ingestion stores it: no request id, no provenance but the name
  report.original = generated.bytes;
  report.content_sha256 = text::Sha256Hex(generated.bytes);
  report.encoding = extracted->encoding;
  report.format = extracted->format;
  report.converter = extracted->converter;
  report.file_name = generated.file_name;
  report.normalized_text = std::move(extracted->normalized_text);
  report.text_length = text::CountCodepoints(report.normalized_text);
  v1::ExtractedRecord record = extraction::RecordToProto(extracted->record);

  ArchiveRows rows;
  rows.id = ReportIdFromSha256(report.content_sha256);
  rows.report = ReportRow(report);
  rows.job = FinishedJobRow(rows.id);
  rows.record = RecordRow(rows.id, record);
  rows.indicators = IndicatorRows(rows.id, record);
  rows.text_bytes = static_cast<int64_t>(report.normalized_text.size());
  return rows;
}

}  // namespace fazhi::query_benchmark
