#include "common/archive/record_json.h"

#include <gtest/gtest.h>

namespace fazhi {
namespace {

TEST(RecordJsonTest, RoundTripsChineseTextAndNumbers) {
  v1::ExtractedRecord record;
  record.mutable_metadata()->set_title("隆阳区2022年度法治政府建设情况的报告");
  record.mutable_metadata()->set_report_year(2022);
  v1::Indicator* indicator = record.add_indicators();
  indicator->set_id("legal_aid.cases");
  indicator->set_value(1900);
  std::string json = RecordToStoredJson(record);
  EXPECT_NE(json.find("\"report_year\""), std::string::npos);  // .proto field names
  absl::StatusOr<v1::ExtractedRecord> parsed = RecordFromStoredJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->metadata().title(), record.metadata().title());
  EXPECT_EQ(parsed->indicators(0).value(), 1900);
}

TEST(RecordJsonTest, CorruptJsonIsDataLoss) {
  EXPECT_EQ(RecordFromStoredJson("{not json").status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace fazhi
