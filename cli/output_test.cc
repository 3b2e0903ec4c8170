// The CLI's one JSON spelling (ToJson): enums as the tables and filters write them, 64-bit
// integers as numbers, and fields with presence only when known.
#include "cli/output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fazhi/v1/query.pb.h"
#include "fazhi/v1/report.pb.h"
#include "grpc/health/v1/health.pb.h"

namespace fazhi::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

nlohmann::json Parsed(const google::protobuf::Message& message) {
  return nlohmann::json::parse(ToJson(message, /*pretty=*/false));
}

TEST(ToJsonTest, EnumsAreLowercaseWithoutTheirTypePrefix) {
  v1::ListReportsResponse response;
  response.add_reports()->set_state(v1::REPORT_STATE_EXTRACTED);
  response.add_reports()->set_state(v1::REPORT_STATE_PENDING);
  nlohmann::json json = Parsed(response);
  EXPECT_EQ(json["reports"][0]["state"], "extracted");
  EXPECT_EQ(json["reports"][1]["state"], "pending");
  v1::ExportReportsRequest request;
  request.set_format(v1::EXPORT_FORMAT_JSONL);
  EXPECT_EQ(Parsed(request)["format"], "jsonl");
  EXPECT_EQ(Parsed(request)["content"], "unspecified");
}

TEST(ToJsonTest, AnEnumValueOfANewerServerStaysItsNumber) {
  v1::Report report;
  report.set_state(static_cast<v1::ReportState>(17));
  EXPECT_EQ(Parsed(report)["state"], 17);
}

TEST(ToJsonTest, EnumNamesWithoutThePrefixAreLowercased) {
  EXPECT_EQ(EnumJsonName(
                *grpc::health::v1::HealthCheckResponse::ServingStatus_descriptor()->FindValueByName(
                    "NOT_SERVING")),
            "not_serving");
  EXPECT_EQ(EnumJsonName(*v1::ReportView_descriptor()->FindValueByNumber(v1::REPORT_VIEW_FULL)),
            "full");
}

TEST(ToJsonTest, SixtyFourBitIntegersAreNumbersUpToTwoToThe53) {
  v1::SearchReportsResponse response;
  response.set_total_size(55);
  v1::SearchHit* hit = response.add_hits();
  hit->set_match_count(int64_t{1} << 53);
  hit->add_snippets()->set_offset((int64_t{1} << 53) + 1);
  hit->mutable_report()->set_text_length(0);
  nlohmann::json json = Parsed(response);
  EXPECT_TRUE(json["total_size"].is_number_integer());
  EXPECT_EQ(json["total_size"], 55);
  EXPECT_EQ(json["hits"][0]["match_count"], int64_t{1} << 53);
  // Past 2^53 a double cannot hold it: a string, as proto JSON writes it.
  EXPECT_EQ(json["hits"][0]["snippets"][0]["offset"], "9007199254740993");
  // A zero is printed, as a number.
  EXPECT_EQ(json["hits"][0]["report"]["text_length"], 0);
}

TEST(ToJsonTest, OptionalFieldsAppearOnlyWhenSetAndOtherZerosAlways) {
  v1::CompareIndicatorResponse empty;
  empty.mutable_summary()->set_report_count(0);
  nlohmann::json json = Parsed(empty);
  EXPECT_FALSE(json["summary"].contains("min"));
  EXPECT_FALSE(json["summary"].contains("mean"));
  EXPECT_EQ(json["summary"]["stating_count"], 0);
  EXPECT_EQ(json["summary"]["suspect_count"], 0);

  v1::CompareIndicatorResponse zero;
  zero.mutable_summary()->set_min(0);
  EXPECT_EQ(Parsed(zero)["summary"]["min"], 0);

  v1::Indicator indicator;
  indicator.set_value(0);
  indicator.mutable_span()->set_page(3);
  json = Parsed(indicator);
  EXPECT_EQ(json["value"], 0);
  EXPECT_FALSE(json["span"].contains("ocr_confidence"));
  EXPECT_EQ(json["span"]["page"], 3);
  indicator.mutable_span()->set_ocr_confidence(88.5);
  EXPECT_EQ(Parsed(indicator)["span"]["ocr_confidence"], 88.5);
}

TEST(ToJsonTest, TimestampsStayRfc3339AndPrettyIsIndented) {
  v1::Report report;
  report.mutable_extract_time()->set_seconds(1700000000);
  EXPECT_EQ(Parsed(report)["extract_time"], "2023-11-14T22:13:20Z");
  EXPECT_THAT(ToJson(report, /*pretty=*/true), HasSubstr("\n  \"name\": \"\""));
  EXPECT_THAT(ToJson(report, /*pretty=*/false), Not(HasSubstr("\n")));
}

}  // namespace
}  // namespace fazhi::cli
