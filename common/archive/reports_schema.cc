#include "common/archive/reports_schema.h"

#include "absl/time/time.h"
#include "common/archive/report_names.h"
#include "common/text/normalize.h"

namespace fazhi {
namespace {

using Value = std::optional<std::string>;

// Empty is NULL: no request id, no pages.
Value NullIfEmpty(const std::string& value) { return value.empty() ? Value() : value; }

// In UTC with its offset, so that the session's time zone does not matter; ingestion admits the
// years 1 to 9999 (a protobuf Timestamp's), four digits each.
Value RetrievedTime(const IngestedReport& report) {
  if (!report.retrieved_unix_seconds) return Value();
  return absl::FormatTime("%E4Y-%m-%dT%H:%M:%S+00",
                          absl::FromUnixSeconds(*report.retrieved_unix_seconds),
                          absl::UTCTimeZone());
}

}  // namespace

const std::vector<ReportColumn>& ReportColumns() {
  // In the migrated table's order; a new column goes at the end, as ALTER TABLE adds it.
  static const auto* const kColumns = new std::vector<ReportColumn>{
      {"id", "text",
       [](const IngestedReport& r) -> Value { return ReportIdFromSha256(r.content_sha256); }},
      {"content_sha256", "text", [](const IngestedReport& r) -> Value { return r.content_sha256; }},
      {"original", "bytea", nullptr, [](const IngestedReport& r) { return r.original; }},
      {"original_size_bytes", "bigint",
       [](const IngestedReport& r) -> Value { return std::to_string(r.original.size()); }},
      {"original_encoding", "text", [](const IngestedReport& r) -> Value { return r.encoding; }},
      {"original_format", "text", [](const IngestedReport& r) -> Value { return r.format; }},
      {"file_name", "text", [](const IngestedReport& r) -> Value { return r.file_name; }},
      {"content_type", "text", [](const IngestedReport& r) -> Value { return r.content_type; }},
      {"source_url", "text", [](const IngestedReport& r) -> Value { return r.source_url; }},
      {"retrieved_time", "timestamp with time zone", RetrievedTime},
      {"request_id", "text", [](const IngestedReport& r) { return NullIfEmpty(r.request_id); }},
      {"ingest_time", "timestamp with time zone"},
      {"normalized_text", "text",
       [](const IngestedReport& r) -> Value { return r.normalized_text; }},
      {"normalizer_version", "text",
       [](const IngestedReport&) -> Value { return std::string(text::kNormalizerVersion); }},
      {"text_length", "bigint",
       [](const IngestedReport& r) -> Value { return std::to_string(r.text_length); }},
      {"state", "text"},  // 'pending' until extraction stores its record
      {"error", "text"},
      // The writing transaction's id, for the search index's feed (migration 0003).
      {"ingest_xid", "xid8"},
      {"converter", "text", [](const IngestedReport& r) -> Value { return r.converter; }},
      {"pages", "jsonb", [](const IngestedReport& r) { return NullIfEmpty(r.pages_json); }},
  };
  return *kColumns;
}

const std::vector<ReportColumn>& WrittenReportColumns() {
  static const auto* const kWritten =
      new std::vector<ReportColumn>(WrittenColumns(ReportColumns()));
  return *kWritten;
}

}  // namespace fazhi
