#include "common/archive/records_schema.h"

#include <algorithm>

#include "common/archive/record_json.h"

namespace fazhi {
namespace {

using Value = std::optional<std::string>;

const v1::ReportMetadata& MetadataOf(const StoredRecord& stored) {
  return stored.record.metadata();
}

// Unknown (0) is NULL, so that it sorts and filters apart from every real year.
Value ReportYear(const StoredRecord& stored) {
  int year = MetadataOf(stored).report_year();
  return year == 0 ? Value() : std::to_string(year);
}

// A date the database would reject becomes NULL rather than failing the write.
Value PublishedOn(const StoredRecord& stored) {
  const std::string& date = MetadataOf(stored).published_on();
  bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-';
  return shaped ? date : Value();
}

constexpr std::string_view kLevels = "national,province,prefecture,county,township";
constexpr std::string_view kDocumentKinds =
    "rule_of_law_report,government_work_report,department_report,information_disclosure_report,"
    "other";

const google::protobuf::FieldDescriptor& JurisdictionField(std::string_view name) {
  const google::protobuf::FieldDescriptor* field =
      v1::Jurisdiction::descriptor()->FindFieldByName(std::string(name));
  // RecordColumns() names only string fields that exist (records_schema_test reads each).
  return *field;
}

}  // namespace

std::optional<std::string> RecordColumn::ValueOf(const StoredRecord& stored) const {
  if (value_of != nullptr) return value_of(stored);
  const v1::Jurisdiction& jurisdiction = MetadataOf(stored).jurisdiction();
  return jurisdiction.GetReflection()->GetString(jurisdiction,
                                                 &JurisdictionField(jurisdiction_field));
}

void RecordColumn::ReadBack(const std::string& value, v1::Jurisdiction* jurisdiction) const {
  if (jurisdiction_field.empty()) return;
  jurisdiction->GetReflection()->SetString(jurisdiction, &JurisdictionField(jurisdiction_field),
                                           value);
}

const std::vector<RecordColumn>& RecordColumns() {
  // In the migrated table's order; a new column goes at the end, as ALTER TABLE adds it.
  static const auto* const kColumns = new std::vector<RecordColumn>{
      {"report_id", "text",
       [](const StoredRecord& s) -> Value { return std::string(s.report_id); }},
      {"record", "jsonb",
       [](const StoredRecord& s) -> Value { return RecordToStoredJson(s.record); }},
      {"extractor_version", "text",
       [](const StoredRecord& s) -> Value { return s.record.extractor_version(); }},
      {"indicator_set_version", "text",
       [](const StoredRecord& s) -> Value { return s.record.indicator_set_version(); }},
      {"extract_time", "timestamp with time zone"},
      {"title", "text", [](const StoredRecord& s) -> Value { return MetadataOf(s).title(); }, "",
       kExported},
      {"report_year", "integer", ReportYear, "", kExported | kFiltered | kFaceted, "", 3},
      {"published_on", "date", PublishedOn, "", kExported | kFiltered},
      {"document_kind", "text",
       [](const StoredRecord& s) -> Value { return MetadataOf(s).document_kind(); }, "",
       kExported | kFiltered | kFaceted, kDocumentKinds, 4},
      {"jurisdiction_code", "text", nullptr, "code", kExported | kFiltered | kPrefixFiltered},
      {"jurisdiction_name", "text", nullptr, "name", kExported | kFiltered},
      {"level", "text", nullptr, "level", kExported | kFiltered | kFaceted, kLevels, 2},
      {"province", "text", nullptr, "province", kExported | kFiltered | kFaceted, "", 1},
      {"prefecture", "text", nullptr, "prefecture", kExported | kFiltered},
      {"county", "text", nullptr, "county", kFiltered},
  };
  return *kColumns;
}

namespace {

std::vector<RecordColumn> ColumnsWhere(bool (*keep)(const RecordColumn&)) {
  std::vector<RecordColumn> kept;
  for (const RecordColumn& column : RecordColumns()) {
    if (keep(column)) kept.push_back(column);
  }
  return kept;
}

}  // namespace

const std::vector<RecordColumn>& WrittenRecordColumns() {
  static const auto* const kWritten =
      new std::vector<RecordColumn>(WrittenColumns(RecordColumns()));
  return *kWritten;
}

const std::vector<RecordColumn>& JurisdictionRecordColumns() {
  static const auto* const kJurisdiction = new std::vector<RecordColumn>(
      ColumnsWhere([](const RecordColumn& column) { return !column.jurisdiction_field.empty(); }));
  return *kJurisdiction;
}

const std::vector<RecordColumn>& FacetRecordColumns() {
  static const auto* const kFacets = [] {
    auto* facets = new std::vector<RecordColumn>(
        ColumnsWhere([](const RecordColumn& column) { return column.faceted(); }));
    std::stable_sort(facets->begin(), facets->end(),
                     [](const RecordColumn& a, const RecordColumn& b) {
                       return a.facet_position < b.facet_position;
                     });
    return facets;
  }();
  return *kFacets;
}

}  // namespace fazhi
