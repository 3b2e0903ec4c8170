// The archive's `records` table (deploy/migrations), one row per extracted report: each column with
// its SQL type, how its value is taken from the stored record, and what else reads it (filters,
// exports, indicator rows, facets). The writers (the extraction service's job queue, the
// benchmark's bulk load), the query service's filter, facets, analytics and exports take their
// column lists from here, so a new filterable field is one line in RecordColumns() plus the
// migration that adds its column; records_schema_pgtest checks that the migrated table and this
// one agree.
//
//   for (const RecordColumn& column : WrittenRecordColumns()) {
//     std::optional<std::string> value = column.ValueOf({report_id, record});  // nullopt: NULL
//   }
#ifndef FAZHI_COMMON_ARCHIVE_RECORDS_SCHEMA_H_
#define FAZHI_COMMON_ARCHIVE_RECORDS_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/archive/table_columns.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi {

// What a writer stores one row from.
struct StoredRecord {
  std::string_view report_id;
  const v1::ExtractedRecord& record;
};

// How a column serves as a field of a report, besides being stored: flags, or-ed.
enum ReportFieldUse : unsigned {
  kStoredOnly = 0,
  kExported = 1,        // a column of report exports and, for jurisdiction columns, indicator rows
  kFiltered = 2,        // a filter field (`field = "value"`)
  kPrefixFiltered = 4,  // a filter field that also takes `field: "prefix"`
  kFaceted = 8,         // a facet: GetFacets counts the matching reports per value
};

struct RecordColumn {
  std::string_view name;
  // As PostgreSQL's information_schema names it: "text", "integer", "date", "jsonb",
  // "timestamp with time zone".
  std::string_view type;
  // The value written for a record (nullopt: NULL); nullptr with no jurisdiction_field: the
  // database fills it in (extract_time: now()).
  std::optional<std::string> (*value_of)(const StoredRecord& stored) = nullptr;
  // Non-empty: the column copies this string field of the record's jurisdiction, and is read back
  // into a v1::Jurisdiction (analytics' indicator rows).
  std::string_view jurisdiction_field = "";
  unsigned uses = kStoredOnly;  // ReportFieldUse flags
  // Filter fields with a closed set of values: the only ones accepted, comma-separated.
  std::string_view allowed_values = "";
  // Faceted columns: where GetFacets lists the facet, from 1.
  int facet_position = 0;

  bool written() const { return value_of != nullptr || !jurisdiction_field.empty(); }
  bool exported() const { return (uses & kExported) != 0; }
  bool filtered() const { return (uses & kFiltered) != 0; }
  bool prefix_filtered() const { return (uses & kPrefixFiltered) != 0; }
  bool faceted() const { return (uses & kFaceted) != 0; }
  // Its value in `stored`, as the text PostgreSQL reads (JSON text for jsonb); only for written().
  std::optional<std::string> ValueOf(const StoredRecord& stored) const;
  // Sets the jurisdiction field the column copies (a no-op for other columns).
  void ReadBack(const std::string& value, v1::Jurisdiction* jurisdiction) const;
};

// Every column, in the migrated table's order.
const std::vector<RecordColumn>& RecordColumns();
// The columns a writer gives a value, in the same order.
const std::vector<RecordColumn>& WrittenRecordColumns();
// The columns copied from the record's jurisdiction, in the same order.
const std::vector<RecordColumn>& JurisdictionRecordColumns();
// The faceted columns, in facet_position order.
const std::vector<RecordColumn>& FacetRecordColumns();

}  // namespace fazhi

#endif  // FAZHI_COMMON_ARCHIVE_RECORDS_SCHEMA_H_
