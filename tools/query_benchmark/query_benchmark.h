// The query benchmark's measurements on a loaded archive: latency of the real query service over
// gRPC (searches of one-, two- and four-character phrases, a filtered list, facets, an indicator
// comparison) next to the same searches done in SQL by a plain strpos scan and through a pg_trgm
// index, with every method's hit count checked against the others.
//
//   BenchmarkResult result = RunQueryBenchmark(connection, *stub, {.repeat = 20}, std::cout);
//   PrintTable(result, std::cout);   // query x method: p50 / p99 / mean ms, hits
//   result.mismatches.empty();       // exact recall: all methods found the same reports
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_BENCHMARK_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_BENCHMARK_H_

#include <ostream>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tools/query_benchmark/latency.h"

namespace fazhi::query_benchmark {

struct BenchmarkOptions {
  int repeat = 20;      // timed calls per phrase / query on the service
  int sql_repeat = 20;  // timed runs per phrase of the SQL baselines (slow on big archives)
  int page_size = 20;
  int sample = 300;     // reports read to pick the phrases
  std::vector<int> lengths = {1, 2, 4};
};

struct ResultRow {
  std::string query;   // "search 2 chars", "list filtered", ...
  std::string method;  // "fazhi-query", "strpos scan", "pg_trgm"
  LatencySummary latency;
  std::string hits;    // totals, per phrase for searches ("10000/4990/...")
};

struct BenchmarkResult {
  std::vector<ResultRow> rows;
  std::vector<std::string> mismatches;  // one line per phrase whose methods disagree
};

// The pg_trgm extension and a GIN trigram index on reports.normalized_text (the baseline; the
// services do not use it). Returns the build time in seconds (0 when it existed).
absl::StatusOr<double> EnsureTrigramIndex(pqxx::connection& connection);

// Table and index sizes of schema public, one line each.
void PrintSizes(pqxx::connection& connection, std::ostream& out);

absl::StatusOr<BenchmarkResult> RunQueryBenchmark(pqxx::connection& connection,
                                                  v1::QueryService::Stub& stub,
                                                  const BenchmarkOptions& options,
                                                  std::ostream& log);

void PrintTable(const BenchmarkResult& result, std::ostream& out);

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_BENCHMARK_H_
