#include "tools/stage_metrics/stage_metrics.h"

#include <gtest/gtest.h>

#include "common/metrics/registry.h"

namespace fazhi::tools {
namespace {

TEST(StageMetricsTest, ReadsSumAndCountPerStageFromARenderedRegistry) {
  metrics::Registry registry;
  auto stage = [&](const std::string& name) {
    return registry.GetHistogram("fazhi_ingestion_stage_seconds", "Time by stage",
                                 metrics::LatencyBuckets(), {{"stage", name}});
  };
  stage("decode")->Observe(0.25);
  stage("decode")->Observe(0.5);
  stage("commit")->Observe(2);
  registry
      .GetHistogram("fazhi_extraction_stage_seconds", "other family", metrics::LatencyBuckets(),
                    {{"stage", "decode"}})
      ->Observe(7);
  StageTotals totals = StageTotalsFrom(registry.Render(), "fazhi_ingestion_stage_seconds");
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_DOUBLE_EQ(totals["decode"].seconds, 0.75);
  EXPECT_DOUBLE_EQ(totals["decode"].count, 2);
  EXPECT_DOUBLE_EQ(totals["commit"].seconds, 2);
  EXPECT_DOUBLE_EQ(totals["commit"].count, 1);
}

TEST(StageMetricsTest, DifferenceCountsNewStagesFromZero) {
  StageTotals before = {{"decode", {1.0, 10}}};
  StageTotals after = {{"decode", {3.5, 30}}, {"commit", {0.5, 2}}};
  StageTotals spent = Difference(after, before);
  EXPECT_DOUBLE_EQ(spent["decode"].seconds, 2.5);
  EXPECT_DOUBLE_EQ(spent["decode"].count, 20);
  EXPECT_DOUBLE_EQ(spent["commit"].seconds, 0.5);
}

TEST(StageMetricsTest, IgnoresBucketsOtherFamiliesAndUnlabelledSamples) {
  std::string text =
      "fazhi_ingestion_stage_seconds_bucket{le=\"0.001\",stage=\"decode\"} 4\n"
      "fazhi_ingestion_stage_seconds_sum 9\n"
      "fazhi_ingestion_stage_seconds_sum{stage=\"decode\"} 0.125\n"
      "fazhi_ingestion_stage_seconds_total{stage=\"decode\"} 99\n"
      "fazhi_other_sum{stage=\"decode\"} 5\n";
  StageTotals totals = StageTotalsFrom(text, "fazhi_ingestion_stage_seconds");
  ASSERT_EQ(totals.size(), 1u);
  EXPECT_DOUBLE_EQ(totals["decode"].seconds, 0.125);
  EXPECT_DOUBLE_EQ(totals["decode"].count, 0);
}

}  // namespace
}  // namespace fazhi::tools
