#include "tools/query_benchmark/latency.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fazhi::query_benchmark {
namespace {

double NearestRank(const std::vector<double>& sorted, double percent) {
  size_t rank = static_cast<size_t>(std::ceil(percent / 100 * sorted.size()));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

LatencySummary Summarize(std::vector<double> samples_ms) {
  LatencySummary summary;
  if (samples_ms.empty()) return summary;
  std::sort(samples_ms.begin(), samples_ms.end());
  summary.count = static_cast<int>(samples_ms.size());
  summary.p50_ms = NearestRank(samples_ms, 50);
  summary.p99_ms = NearestRank(samples_ms, 99);
  summary.mean_ms = std::accumulate(samples_ms.begin(), samples_ms.end(), 0.0) / samples_ms.size();
  summary.max_ms = samples_ms.back();
  return summary;
}

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace fazhi::query_benchmark
