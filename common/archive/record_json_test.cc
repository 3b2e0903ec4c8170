#include "common/archive/record_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/testing/record_json_testing.h"

namespace fazhi {
namespace {

using google::protobuf::util::MessageDifferencer;

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

// Every field of every message a record holds, filled with values that differ per field and
// element, reads back equal to the written record and to protobuf's own parse.
TEST(RecordJsonTest, EveryFieldReadsLikeProtobufsParser) {
  for (int seed = 0; seed < 20; ++seed) {
    v1::ExtractedRecord record = testing::RecordWithEveryField(seed);
    std::string json = RecordToStoredJson(record);
    absl::StatusOr<v1::ExtractedRecord> ours = RecordFromStoredJson(json);
    absl::StatusOr<v1::ExtractedRecord> theirs = RecordFromStoredJsonWithProtobuf(json);
    ASSERT_TRUE(ours.ok()) << ours.status();
    ASSERT_TRUE(theirs.ok()) << theirs.status();
    EXPECT_TRUE(MessageDifferencer::Equals(*ours, record)) << "seed " << seed;
    EXPECT_TRUE(MessageDifferencer::Equals(*ours, *theirs)) << "seed " << seed;
  }
}

// jsonb gives the JSON back with its own key order, spacing and number forms.
TEST(RecordJsonTest, ReadsJsonRewrittenLikeJsonb) {
  v1::ExtractedRecord record = testing::RecordWithEveryField(3);
  std::string rewritten = nlohmann::json::parse(RecordToStoredJson(record)).dump(1);
  absl::StatusOr<v1::ExtractedRecord> ours = RecordFromStoredJson(rewritten);
  ASSERT_TRUE(ours.ok()) << ours.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*ours, record));
}

TEST(RecordJsonTest, IgnoresUnknownFieldsAndNulls) {
  absl::StatusOr<v1::ExtractedRecord> parsed = RecordFromStoredJson(
      R"({"extractor_version": "x1", "added_later": {"a": [1, 2]}, "metadata": null,
          "quantities": [{"text": "3-5件", "value": 3, "value_max": 5, "unknown": true}]})");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->extractor_version(), "x1");
  EXPECT_FALSE(parsed->has_metadata());
  ASSERT_EQ(parsed->quantities_size(), 1);
  EXPECT_EQ(parsed->quantities(0).value(), 3);
  EXPECT_TRUE(parsed->quantities(0).has_value_max());
  EXPECT_EQ(parsed->quantities(0).value_max(), 5);
}

TEST(RecordJsonTest, CorruptJsonIsDataLoss) {
  EXPECT_EQ(RecordFromStoredJson("{not json").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecordFromStoredJson("[1, 2]").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecordFromStoredJson(R"({"extractor_version": 7})").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecordFromStoredJson(R"({"indicators": {"id": "a"}})").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(RecordFromStoredJson(R"({"metadata": {"report_year": "twenty"}})").status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace fazhi
