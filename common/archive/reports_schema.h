// The archive's `reports` table (deploy/migrations), one row per ingested document: each column
// with its SQL type and, for the columns ingestion writes, how its value is taken from the
// ingested report. Ingestion's INSERT (services/ingestion/document_store.cc) and the benchmark's
// bulk load (tools/query_benchmark/copy_rows) take their column lists and values from here;
// records_schema_pgtest checks that the migrated table and this one agree. The original bytes
// are binary: a writer passes them as they are (a binary parameter) or in bytea's own COPY form,
// never as text a writer escaped first.
//
//   for (const ReportColumn& column : WrittenReportColumns()) {
//     if (column.binary()) Bind(column.BytesOf(report));   // the original, as received
//     else Bind(column.ValueOf(report));                   // text PostgreSQL reads; nullopt: NULL
//   }
#ifndef FAZHI_COMMON_ARCHIVE_REPORTS_SCHEMA_H_
#define FAZHI_COMMON_ARCHIVE_REPORTS_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/archive/table_columns.h"

namespace fazhi {

// What ingestion stores as one report: a decoded, normalized document and its provenance.
struct IngestedReport {
  std::string_view original;  // the bytes as received
  std::string content_sha256;
  std::string encoding;
  std::string format;
  std::string normalized_text;
  int64_t text_length = 0;  // code points
  std::string converter;    // the reader of a binary format and its version; empty for text, HTML
  std::string pages_json;   // pages_json.h; empty (stored as NULL) for unpaged documents
  std::string file_name;
  std::string content_type;
  std::string source_url;
  std::optional<int64_t> retrieved_unix_seconds;
  std::string request_id;  // empty (stored as NULL) when the caller gave none
};

struct ReportColumn {
  std::string_view name;
  // As PostgreSQL's information_schema names it: "text", "bigint", "bytea", "jsonb", "xid8",
  // "timestamp with time zone".
  std::string_view type;
  // A text column ingestion writes: its value as the text PostgreSQL reads (nullopt: NULL).
  std::optional<std::string> (*value_of)(const IngestedReport& report) = nullptr;
  // A bytea column ingestion writes: its bytes as they are.
  std::string_view (*bytes_of)(const IngestedReport& report) = nullptr;
  // With neither, the database fills it in (a default: ingest_time, state, ingest_xid...).

  bool written() const { return value_of != nullptr || bytes_of != nullptr; }
  bool binary() const { return bytes_of != nullptr; }
  // Only for written() && !binary().
  std::optional<std::string> ValueOf(const IngestedReport& report) const {
    return value_of(report);
  }
  // Only for binary().
  std::string_view BytesOf(const IngestedReport& report) const { return bytes_of(report); }
};

// Every column, in the migrated table's order.
const std::vector<ReportColumn>& ReportColumns();
// The columns ingestion writes, in the same order.
const std::vector<ReportColumn>& WrittenReportColumns();

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_REPORTS_SCHEMA_H_
