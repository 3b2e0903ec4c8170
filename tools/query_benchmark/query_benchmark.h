// The query benchmark's measurements on a loaded archive: latency of the real query service over
// gRPC (searches of one-, two- and four-character phrases, a filtered list, facets, an indicator
// comparison) next to the same searches done in SQL by a plain strpos scan and through a pg_trgm
// index, with every method's hit count checked against the others; and the service alone under
// N concurrent clients calling the same mix (latency percentiles and throughput per N).
//
//   BenchmarkResult result = RunQueryBenchmark(connection, *stub, {.repeat = 20}, std::cout);
//   PrintTable(result, std::cout);   // query x method: p50 / p99 / mean ms, hits
//   PrintSearchStages(spent, std::cout);  // the service's search stages: ms per call, share
//   result.mismatches.empty();       // exact recall: all methods found the same reports
//   auto rows = RunConcurrentQueries(connection, *stub, {}, {.clients = {8, 32}}, std::cout);
//   PrintConcurrencyTable(*rows, std::cout);  // clients x query: calls/s, p50 / p99 ms, errors
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_BENCHMARK_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_BENCHMARK_H_

#include <cstdint>
#include <ostream>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tools/query_benchmark/latency.h"
#include "tools/stage_metrics/stage_metrics.h"

namespace fazhi::query_benchmark {

struct BenchmarkOptions {
  int repeat = 20;      // timed calls per phrase / query on the service
  int sql_repeat = 20;  // timed runs per phrase of the SQL baselines (slow on big archives)
  // Timed calls per list, facet and comparison query: they are cheap, and a p99 needs a
  // hundred calls or more to be more than the single worst call.
  int analytics_repeat = 200;
  bool searches = true;  // false: only the list, facet and comparison queries
  int page_size = 20;
  int sample = 300;  // reports read to pick the phrases
  std::vector<int> lengths = {1, 2, 4};
  // The strpos scan and pg_trgm baselines beside each search; off for archives where a scan of
  // every text per call (or the trigram index's build, 47 minutes at 100k) is out of reach.
  bool sql_baselines = true;
};

struct ResultRow {
  std::string query;   // "search 2 chars", "list filtered", ...
  std::string method;  // "fazhi-query", "strpos scan", "pg_trgm"
  LatencySummary latency;
  std::string hits;  // totals, per phrase for searches ("10000/4990/...")
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

// The headline figures as `summary | ...` lines: each query's p50 / p99 on the service against
// issue 4's targets, the strpos scan's p50 beside the searches when it ran.
void PrintSummary(const BenchmarkResult& result, int64_t reports, std::ostream& out);

// Where the service's searches spent their time during a run (the difference of two scrapes of
// fazhi_query_search_stage_seconds): per stage, the calls, milliseconds per call and its share.
void PrintSearchStages(const tools::StageTotals& spent, std::ostream& out);

struct ConcurrencyOptions {
  std::vector<int> clients = {8, 32};  // one measurement per count of client threads
  int seconds = 10;                    // per count
};

// One query of the mix (or "all" of them) at one count of concurrent clients.
struct ConcurrencyRow {
  int clients = 0;
  std::string query;  // "search 2 chars", "list filtered", ..., "all"
  LatencySummary latency;
  double calls_per_second = 0;  // answered calls over the wall time of the run
  int64_t errors = 0;
  std::string first_error;  // on the "all" row
};

// N threads sharing `stub` call the mix (searches of each phrase length, list, facets, compare)
// in turn for `seconds`, each thread starting at its own place in the mix; per N, one row per
// query and an "all" row. Errors (shedding included) are counted, not returned.
absl::StatusOr<std::vector<ConcurrencyRow>> RunConcurrentQueries(
    pqxx::connection& connection, v1::QueryService::Stub& stub, const BenchmarkOptions& options,
    const ConcurrencyOptions& concurrency, std::ostream& log);

void PrintConcurrencyTable(const std::vector<ConcurrencyRow>& rows, std::ostream& out);

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_BENCHMARK_H_
