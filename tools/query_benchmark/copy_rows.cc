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

std::string ReportRow(const IngestedDocument& document) {
  // An extracted report: state 'extracted', no request id, no retrieval time.
  return Line({CopyField(document.id), CopyField(document.content_sha256),
               ByteaField(document.original), std::to_string(document.original.size()),
               CopyField(document.encoding), CopyField(document.format),
               CopyField(document.file_name), "", "", std::string(kCopyNull),
               std::string(kCopyNull), CopyField(document.normalized_text),
               CopyField(text::kNormalizerVersion),
               std::to_string(text::CountCodepoints(document.normalized_text)), "extracted", ""});
}

std::string FinishedJobRow(std::string_view report_id) {
  return Line({CopyField(report_id), "done", "1", "1", std::string(kCopyNull), ""});
}

namespace {

// The line of `source`'s values in the written columns of a schema table
// (common/archive/table_columns.h), as the services write them.
template <typename Column, typename Source>
std::string SchemaLine(const std::vector<Column>& written, const Source& source) {
  std::vector<std::string> fields;
  for (const Column& column : written) {
    std::optional<std::string> value = column.ValueOf(source);
    fields.push_back(value ? CopyField(*value) : std::string(kCopyNull));
  }
  return Line(fields);
}

}  // namespace

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
  IngestedDocument document;
  document.content_sha256 = text::Sha256Hex(generated.bytes);
  document.id = ReportIdFromSha256(document.content_sha256);
  document.original = generated.bytes;
  document.encoding = extracted->encoding;
  document.format = extracted->format;
  document.file_name = generated.file_name;
  document.normalized_text = std::move(extracted->normalized_text);
  v1::ExtractedRecord record = extraction::RecordToProto(extracted->record);

  ArchiveRows rows;
  rows.id = document.id;
  rows.report = ReportRow(document);
  rows.job = FinishedJobRow(document.id);
  rows.record = RecordRow(document.id, record);
  rows.indicators = IndicatorRows(document.id, record);
  rows.text_bytes = static_cast<int64_t>(document.normalized_text.size());
  return rows;
}

}  // namespace fazhi::query_benchmark
