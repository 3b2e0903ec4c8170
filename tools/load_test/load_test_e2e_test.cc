// A short load test against the real services: zero errors and zero losses (timings vary by
// machine and are only printed).
#include <iostream>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"
#include "tools/load_test/load_test.h"

namespace fazhi::load_test {
namespace {

using testing::FreePort;
using testing::ServiceSuite;
using testing::TestDatabase;

TEST(LoadTestE2eTest, TenSecondsOfIngestionAndQueriesLoseNothing) {
  TestDatabase database;
  ServiceSuite suite(database.url(),
                     {{"FAZHI_INGESTION_METRICS_ADDR", ""},
                      {"FAZHI_EXTRACTION_METRICS_ADDR", ""},
                      {"FAZHI_QUERY_METRICS_ADDR", ""},
                      {"FAZHI_LOG_LEVEL", "warn"}});
  absl::Status started = suite.StartAll();
  ASSERT_TRUE(started.ok()) << started;

  LoadTestOptions options;
  options.ingestion_addr = suite.ingestion_addr;
  options.query_addr = suite.query_addr;
  options.duration = absl::Seconds(10);
  options.streams = 2;
  options.query_clients = 2;
  options.verify_timeout = absl::Seconds(60);
  absl::StatusOr<LoadTestResult> result = RunLoadTest(options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::cout << FormatResult(*result);

  EXPECT_GT(result->acknowledged, 0);
  EXPECT_EQ(result->errors(), 0);
  EXPECT_EQ(result->lost(), 0);
  EXPECT_EQ(result->not_extracted(), 0);
  for (const OperationResult& operation : result->operations) {
    EXPECT_GT(operation.latency.count, 0) << operation.name;
  }
}

}  // namespace
}  // namespace fazhi::load_test
