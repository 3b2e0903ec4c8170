// A short load test against the real services: zero errors and zero losses (timings vary by
// machine and are only printed).
#include <gtest/gtest.h>

#include <iostream>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/metrics/metrics_server.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"
#include "tools/load_test/load_test.h"

namespace fazhi::load_test {
namespace {

using testing::FreePort;
using testing::ServiceSuite;
using testing::TestDatabase;

// The value of the sample `series` (name and labels exactly as rendered) in a metrics page.
std::optional<double> Sample(const std::string& page, const std::string& series) {
  size_t at = page.find("\n" + series + " ");
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + series.size() + 2;
  double value = 0;
  if (!absl::SimpleAtod(page.substr(start, page.find('\n', start) - start), &value)) {
    return std::nullopt;
  }
  return value;
}

TEST(LoadTestE2eTest, TenSecondsOfIngestionAndQueriesLoseNothing) {
  TestDatabase database;
  std::string ingestion_metrics = absl::StrCat("127.0.0.1:", FreePort());
  std::string extraction_metrics = absl::StrCat("127.0.0.1:", FreePort());
  ServiceSuite suite(database.url(), {{"FAZHI_INGESTION_METRICS_ADDR", ingestion_metrics},
                                      {"FAZHI_EXTRACTION_METRICS_ADDR", extraction_metrics},
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

  // The metrics agree with what the clients saw and what the archive holds.
  absl::StatusOr<std::string> ingestion = metrics::FetchMetrics(ingestion_metrics);
  ASSERT_TRUE(ingestion.ok()) << ingestion.status();
  EXPECT_EQ(Sample(*ingestion, "fazhi_ingestion_documents_total{outcome=\"new\"}"),
            result->acknowledged)
      << *ingestion;
  absl::StatusOr<std::string> extraction = metrics::FetchMetrics(extraction_metrics);
  ASSERT_TRUE(extraction.ok()) << extraction.status();
  EXPECT_EQ(Sample(*extraction, "fazhi_extraction_jobs{state=\"done\"}"), result->acknowledged)
      << *extraction;
  EXPECT_EQ(Sample(*extraction, "fazhi_extraction_jobs{state=\"pending\"}"), 0);
  EXPECT_EQ(Sample(*extraction, "fazhi_extraction_oldest_pending_job_age_seconds"), 0);
  // Jobs are delivered at least once: a report may be extracted again after a lost lease.
  EXPECT_GE(Sample(*extraction, "fazhi_extraction_duration_seconds_count").value_or(0),
            result->acknowledged);
  EXPECT_EQ(Sample(*extraction, "fazhi_extraction_failures_total"), std::nullopt)
      << "no extractor failure was ever counted";
}

}  // namespace
}  // namespace fazhi::load_test
