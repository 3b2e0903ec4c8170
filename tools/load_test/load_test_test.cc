#include "tools/load_test/load_test.h"

#include <gtest/gtest.h>

namespace fazhi::load_test {
namespace {

TEST(LoadTestTest, RefusesRemoteServersBeforeSendingAnything) {
  LoadTestOptions options;
  options.query_addr = "192.0.2.10:50053";
  absl::StatusOr<LoadTestResult> result = RunLoadTest(options);
  EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
}

TEST(LoadTestTest, RefusesZeroStreams) {
  LoadTestOptions options;
  options.streams = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(RunLoadTest(options).status()));
}

TEST(LoadTestTest, ResultTableShowsRatesLatenciesErrorsAndLosses) {
  LoadTestResult result;
  result.elapsed = absl::Seconds(10);
  result.streams = 2;
  result.query_clients = 3;
  OperationResult ingest{"ingest", {.count = 50, .p50_ms = 12.5, .p99_ms = 80}, 1, 4, "14: gone"};
  result.operations = {ingest};
  result.acknowledged = 50;
  result.present = 49;
  result.extracted = 47;
  std::string text = FormatResult(result);
  EXPECT_NE(text.find("10.0 s, 2 ingestion streams, 3 query clients"), std::string::npos) << text;
  EXPECT_NE(text.find("ingest           50      5.0     12.50     80.00       1      4"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("first ingest error: 14: gone"), std::string::npos) << text;
  EXPECT_NE(text.find("50 acknowledged, 49 present, 47 extracted, 1 lost, 2 not extracted"),
            std::string::npos)
      << text;
  EXPECT_EQ(result.errors(), 1);
}

}  // namespace
}  // namespace fazhi::load_test
