#include "common/archive/records_schema.h"

#include <gtest/gtest.h>

#include "common/archive/record_json.h"

namespace fazhi {
namespace {

const RecordColumn& Column(std::string_view name) {
  const RecordColumn* column = FindColumn(RecordColumns(), name);
  if (column == nullptr) ADD_FAILURE() << "no column " << name;
  return column != nullptr ? *column : RecordColumns().front();
}

v1::ExtractedRecord TownshipRecord() {
  v1::ExtractedRecord record;
  record.set_extractor_version("x1");
  v1::ReportMetadata* metadata = record.mutable_metadata();
  metadata->set_title("法治政府建设年度报告");
  metadata->set_report_year(2022);
  metadata->set_published_on("2023-01-31");
  v1::Jurisdiction* jurisdiction = metadata->mutable_jurisdiction();
  jurisdiction->set_code("431230101");
  jurisdiction->set_name("双江镇");
  jurisdiction->set_level("township");
  jurisdiction->set_province("湖南省");
  jurisdiction->set_prefecture("怀化市");
  jurisdiction->set_county("通道侗族自治县");
  return record;
}

TEST(RecordsSchemaTest, WrittenValuesComeFromTheReportIdAndTheRecord) {
  v1::ExtractedRecord record = TownshipRecord();
  StoredRecord stored{"00000000000000aa", record};
  EXPECT_EQ(Column("report_id").ValueOf(stored), "00000000000000aa");
  EXPECT_EQ(Column("record").ValueOf(stored), RecordToStoredJson(record));
  EXPECT_EQ(Column("extractor_version").ValueOf(stored), "x1");
  EXPECT_EQ(Column("title").ValueOf(stored), "法治政府建设年度报告");
  EXPECT_EQ(Column("report_year").ValueOf(stored), "2022");
  EXPECT_EQ(Column("published_on").ValueOf(stored), "2023-01-31");
  EXPECT_EQ(Column("jurisdiction_code").ValueOf(stored), "431230101");
  EXPECT_EQ(Column("prefecture").ValueOf(stored), "怀化市");
}

TEST(RecordsSchemaTest, UnknownYearAndMalformedDateAreWrittenAsNull) {
  v1::ExtractedRecord record = TownshipRecord();
  record.mutable_metadata()->set_report_year(0);
  record.mutable_metadata()->set_published_on("2023年1月");
  StoredRecord stored{"00000000000000aa", record};
  EXPECT_EQ(Column("report_year").ValueOf(stored), std::nullopt);
  EXPECT_EQ(Column("published_on").ValueOf(stored), std::nullopt);
}

TEST(RecordsSchemaTest, ExtractTimeIsLeftToTheDatabase) {
  EXPECT_FALSE(Column("extract_time").written());
  for (const RecordColumn& column : WrittenRecordColumns()) EXPECT_NE(column.name, "extract_time");
}

// Every jurisdiction column names a real string field, and reading back what was written gives
// the record's jurisdiction fields again.
TEST(RecordsSchemaTest, JurisdictionColumnsReadBackWhatTheyWrote) {
  v1::ExtractedRecord record = TownshipRecord();
  StoredRecord stored{"00000000000000aa", record};
  v1::Jurisdiction read;
  ASSERT_FALSE(JurisdictionRecordColumns().empty());
  for (const RecordColumn& column : JurisdictionRecordColumns()) {
    std::optional<std::string> value = column.ValueOf(stored);
    ASSERT_TRUE(value.has_value()) << column.name;
    column.ReadBack(*value, &read);
  }
  v1::Jurisdiction expected = record.metadata().jurisdiction();
  for (const RecordColumn& column : JurisdictionRecordColumns()) {
    const google::protobuf::FieldDescriptor* field =
        v1::Jurisdiction::descriptor()->FindFieldByName(std::string(column.jurisdiction_field));
    ASSERT_NE(field, nullptr) << column.name;
    EXPECT_EQ(read.GetReflection()->GetString(read, field),
              expected.GetReflection()->GetString(expected, field))
        << column.name;
  }
}

TEST(RecordsSchemaTest, ColumnNameListJoinsNamesInTableOrder) {
  std::string list = ColumnNameList(WrittenRecordColumns());
  EXPECT_EQ(list.rfind("report_id, record, extractor_version, indicator_set_version, title,", 0),
            0u)
      << list;
}

// GetFacets lists its facets in this order: clients read them by position.
TEST(RecordsSchemaTest, FacetsAreTheFacetedColumnsInFacetPositionOrder) {
  std::vector<std::string_view> names;
  for (const RecordColumn& column : FacetRecordColumns()) {
    EXPECT_TRUE(column.faceted()) << column.name;
    names.push_back(column.name);
  }
  EXPECT_EQ(names,
            (std::vector<std::string_view>{"province", "level", "report_year", "document_kind"}));
}

}  // namespace
}  // namespace fazhi
