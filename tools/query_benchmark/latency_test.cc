#include "tools/query_benchmark/latency.h"

#include <gtest/gtest.h>

namespace fazhi::query_benchmark {
namespace {

TEST(SummarizeTest, NearestRankPercentilesOfOneToHundred) {
  std::vector<double> samples;
  for (int i = 100; i >= 1; --i) samples.push_back(i);
  LatencySummary summary = Summarize(samples);
  EXPECT_EQ(summary.count, 100);
  EXPECT_DOUBLE_EQ(summary.p50_ms, 50);
  EXPECT_DOUBLE_EQ(summary.p99_ms, 99);
  EXPECT_DOUBLE_EQ(summary.mean_ms, 50.5);
  EXPECT_DOUBLE_EQ(summary.max_ms, 100);
}

TEST(SummarizeTest, FewSamplesGiveTheWorstAsP99) {
  LatencySummary summary = Summarize({3, 1, 2});
  EXPECT_DOUBLE_EQ(summary.p50_ms, 2);
  EXPECT_DOUBLE_EQ(summary.p99_ms, 3);
}

TEST(SummarizeTest, NoSamplesGiveZeroes) { EXPECT_EQ(Summarize({}).count, 0); }

}  // namespace
}  // namespace fazhi::query_benchmark
