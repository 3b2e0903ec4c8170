// A bounded load test of running fazhi services: for a fixed time, N streams ingest generated
// reports (tools/corpus_generator) while M clients query (search, list, facets); then it checks
// that no acknowledged document was lost: each is present and extracted.
//
//   LoadTestOptions options{.ingestion_addr = "127.0.0.1:50051", .query_addr = "127.0.0.1:50053",
//                           .duration = absl::Seconds(10), .streams = 2, .query_clients = 2};
//   absl::StatusOr<LoadTestResult> result = RunLoadTest(options);
//   std::cout << FormatResult(*result);
//   // operation  count  per_s  p50_ms  p99_ms  errors  shed
//   // ingest       412   41.2    38.1   102.3       0     0 ...
//   // verify: 412 acknowledged, 412 present, 412 extracted, 0 lost, 0 not extracted
//
// RESOURCE_EXHAUSTED (the server shedding load) is counted as `shed` and retried after a pause,
// not as an error. Only loopback addresses are accepted: this is no tool for loading others'
// servers.
#ifndef FAZHI_TOOLS_LOAD_TEST_LOAD_TEST_H_
#define FAZHI_TOOLS_LOAD_TEST_LOAD_TEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/query_benchmark/latency.h"

namespace fazhi::load_test {

struct LoadTestOptions {
  std::string ingestion_addr = "127.0.0.1:50051";
  std::string query_addr = "127.0.0.1:50053";
  absl::Duration duration = absl::Seconds(60);
  int streams = 4;                                     // ingestion streams
  int query_clients = 4;                               // query callers
  uint64_t seed = 1;                                   // of the generated reports
  absl::Duration verify_timeout = absl::Seconds(120);  // for the backlog to be extracted
};

struct OperationResult {
  std::string name;  // "ingest", "search", "list", "facets"
  query_benchmark::LatencySummary latency;
  int64_t errors = 0;
  int64_t shed = 0;         // RESOURCE_EXHAUSTED answers, retried
  std::string first_error;  // an example, for the report
};

struct LoadTestResult {
  absl::Duration elapsed;
  int streams = 0;
  int query_clients = 0;
  std::vector<OperationResult> operations;
  int64_t acknowledged = 0;  // distinct reports the archive acknowledged
  int64_t present = 0;       // of those, found by GetReport
  int64_t extracted = 0;     // of those, EXTRACTED
  absl::Duration verify_wait;

  int64_t lost() const { return acknowledged - present; }
  int64_t not_extracted() const { return present - extracted; }
  int64_t errors() const;
};

// INVALID_ARGUMENT for bad options or a non-loopback address; otherwise the run's result
// (errors are counted in it, not returned).
absl::StatusOr<LoadTestResult> RunLoadTest(const LoadTestOptions& options);

// The table and the verification line, as printed by fazhi-load-test.
std::string FormatResult(const LoadTestResult& result);

}  // namespace fazhi::load_test

#endif  // FAZHI_TOOLS_LOAD_TEST_LOAD_TEST_H_
