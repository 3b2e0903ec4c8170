// Latency samples of one kind of query and their summary (nearest-rank percentiles).
//
//   LatencySummary summary = Summarize({12.0, 15.5, 11.2});  // p50 12.0, p99 15.5, mean 12.9
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_LATENCY_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_LATENCY_H_

#include <chrono>
#include <vector>

namespace fazhi::query_benchmark {

struct LatencySummary {
  int count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double mean_ms = 0;
  double max_ms = 0;
};

// Nearest rank: the smallest sample with at least p% of the samples at or below it.
LatencySummary Summarize(std::vector<double> samples_ms);

// Milliseconds since `start`.
double MillisSince(std::chrono::steady_clock::time_point start);

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_LATENCY_H_
