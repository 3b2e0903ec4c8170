#include "common/archive/report_names.h"

#include <gtest/gtest.h>

namespace fazhi {
namespace {

TEST(ReportNamesTest, IdIsTheFirstSixteenHexDigitsOfTheHash) {
  EXPECT_EQ(ReportIdFromSha256("3EC515AF8B8A42CAA3E0F8E227AEED6D00"), "3ec515af8b8a42ca");
  EXPECT_EQ(ReportName("3ec515af8b8a42ca"), "reports/3ec515af8b8a42ca");
}

TEST(ReportNamesTest, ParsesAWellFormedName) {
  EXPECT_EQ(*ParseReportName("reports/3EC515AF8B8A42CA"), "3ec515af8b8a42ca");
}

TEST(ReportNamesTest, RejectsMalformedNamesSayingTheExpectedForm) {
  for (std::string_view bad :
       {"", "report/3ec515af8b8a42ca", "reports/xyz", "reports/3ec515af8b8a42c",
        "reports/3ec515af8b8a42ca'; DROP TABLE reports;--"}) {
    absl::StatusOr<std::string> id = ParseReportName(bad);
    ASSERT_FALSE(id.ok()) << bad;
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(ReportNamesTest, StateColumnRoundTrips) {
  for (auto state :
       {v1::REPORT_STATE_PENDING, v1::REPORT_STATE_EXTRACTED, v1::REPORT_STATE_FAILED}) {
    EXPECT_EQ(ReportStateFromColumn(ReportStateName(state)), state);
  }
}

}  // namespace
}  // namespace fazhi
