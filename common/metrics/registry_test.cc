#include "common/metrics/registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <vector>

namespace fazhi::metrics {
namespace {

TEST(RegistryTest, CounterRendersHelpTypeAndLabelledSamples) {
  Registry registry;
  registry.GetCounter("fazhi_documents_total", "Documents ingested", {{"outcome", "new"}})
      ->Increment(3);
  registry.GetCounter("fazhi_documents_total", "Documents ingested", {{"outcome", "duplicate"}})
      ->Increment();
  EXPECT_EQ(registry.Render(),
            "# HELP fazhi_documents_total Documents ingested\n"
            "# TYPE fazhi_documents_total counter\n"
            "fazhi_documents_total{outcome=\"duplicate\"} 1\n"
            "fazhi_documents_total{outcome=\"new\"} 3\n");
}

TEST(RegistryTest, SameNameAndLabelsGiveTheSameMetricWhateverTheLabelOrder) {
  Registry registry;
  Counter* first = registry.GetCounter("calls_total", "h", {{"method", "A"}, {"code", "OK"}});
  Counter* second = registry.GetCounter("calls_total", "h", {{"code", "OK"}, {"method", "A"}});
  EXPECT_EQ(first, second);
  first->Increment();
  second->Increment();
  EXPECT_NE(registry.Render().find("calls_total{code=\"OK\",method=\"A\"} 2\n"), std::string::npos);
}

TEST(RegistryTest, CounterIgnoresNegativeIncrements) {
  Registry registry;
  Counter* counter = registry.GetCounter("c_total", "h");
  counter->Increment(2);
  counter->Increment(-5);
  EXPECT_EQ(counter->Value(), 2);
}

TEST(RegistryTest, GaugeWithoutLabelsHasNoBraces) {
  Registry registry;
  Gauge* gauge = registry.GetGauge("in_flight", "Calls in flight");
  gauge->Add(2);
  gauge->Add(-1);
  EXPECT_EQ(registry.Render(),
            "# HELP in_flight Calls in flight\n# TYPE in_flight gauge\nin_flight 1\n");
}

TEST(RegistryTest, LabelValuesEscapeBackslashQuoteAndNewline) {
  Registry registry;
  registry.GetGauge("g", "h", {{"path", "C:\\dir \"x\"\nnext"}})->Set(1);
  EXPECT_NE(registry.Render().find("g{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1\n"),
            std::string::npos);
}

TEST(RegistryTest, HelpEscapesBackslashAndNewlineButNotQuotes) {
  EXPECT_EQ(EscapeHelp("a \"b\"\\\nc"), "a \"b\"\\\\\\nc");
}

TEST(RegistryTest, ValuesUseIntegersInfinitiesNanAndShortDecimals) {
  EXPECT_EQ(FormatValue(42), "42");
  EXPECT_EQ(FormatValue(-3), "-3");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(0.1), "0.1");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
  EXPECT_EQ(std::stod(FormatValue(1.0 / 3)), 1.0 / 3);
}

TEST(RegistryTest, HistogramRendersCumulativeBucketsInfSumAndCount) {
  Registry registry;
  Histogram* histogram =
      registry.GetHistogram("rpc_seconds", "RPC latency", {0.1, 0.5, 1}, {{"method", "Get"}});
  for (double value : {0.05, 0.1, 0.3, 0.7, 4.0}) histogram->Observe(value);
  EXPECT_EQ(registry.Render(),
            "# HELP rpc_seconds RPC latency\n"
            "# TYPE rpc_seconds histogram\n"
            "rpc_seconds_bucket{method=\"Get\",le=\"0.1\"} 2\n"
            "rpc_seconds_bucket{method=\"Get\",le=\"0.5\"} 3\n"
            "rpc_seconds_bucket{method=\"Get\",le=\"1\"} 4\n"
            "rpc_seconds_bucket{method=\"Get\",le=\"+Inf\"} 5\n"
            "rpc_seconds_sum{method=\"Get\"} 5.15\n"
            "rpc_seconds_count{method=\"Get\"} 5\n");
}

TEST(RegistryTest, HistogramWithoutLabelsPutsOnlyLeInBraces) {
  Registry registry;
  registry.GetHistogram("h_seconds", "h", {1})->Observe(2);
  std::string text = registry.Render();
  EXPECT_NE(text.find("h_seconds_bucket{le=\"1\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_bucket{le=\"+Inf\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_sum 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_seconds_count 1\n"), std::string::npos) << text;
}

TEST(RegistryTest, FamiliesRenderSortedByNameEachWithOneHeader) {
  Registry registry;
  registry.GetGauge("b_gauge", "second")->Set(1);
  registry.GetCounter("a_total", "first", {{"x", "1"}})->Increment();
  registry.GetCounter("a_total", "first", {{"x", "2"}})->Increment();
  std::string text = registry.Render();
  EXPECT_LT(text.find("# HELP a_total"), text.find("# HELP b_gauge"));
  EXPECT_EQ(text.find("# TYPE a_total"), text.rfind("# TYPE a_total"));
}

TEST(RegistryTest, CallbacksAndCollectorsAreReadAtEachRender) {
  Registry registry;
  double depth = 4;
  registry.SetCallback(MetricType::kGauge, "queue_depth", "jobs", {{"state", "pending"}},
                       [&depth] { return depth; });
  int collected = 0;
  registry.AddCollector([&] { registry.GetGauge("collected", "h")->Set(++collected); });
  EXPECT_NE(registry.Render().find("queue_depth{state=\"pending\"} 4\n"), std::string::npos);
  depth = 9;
  std::string text = registry.Render();
  EXPECT_NE(text.find("queue_depth{state=\"pending\"} 9\n"), std::string::npos);
  EXPECT_NE(text.find("collected 2\n"), std::string::npos);
}

TEST(RegistryTest, ConcurrentIncrementsAreAllCounted) {
  Registry registry;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&registry] {
      for (int i = 0; i < 10000; ++i) {
        registry.GetCounter("c_total", "h", {{"code", "OK"}})->Increment();
        registry.GetHistogram("l_seconds", "h", {1})->Observe(0.5);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::string text = registry.Render();
  EXPECT_NE(text.find("c_total{code=\"OK\"} 40000\n"), std::string::npos);
  EXPECT_NE(text.find("l_seconds_count 40000\n"), std::string::npos);
  EXPECT_NE(text.find("l_seconds_sum 20000\n"), std::string::npos);
}

TEST(RegistryDeathTest, ReRegisteringANameWithAnotherTypeAborts) {
  Registry registry;
  registry.GetCounter("x_total", "h");
  EXPECT_DEATH(registry.GetGauge("x_total", "h"), "another type");
}

TEST(RegistryDeathTest, InvalidNamesAndHistogramLeLabelAbort) {
  Registry registry;
  EXPECT_DEATH(registry.GetCounter("bad-name", "h"), "bad metric name");
  EXPECT_DEATH(registry.GetCounter("ok", "h", {{"0bad", "v"}}), "bad label name");
  EXPECT_DEATH(registry.GetHistogram("h", "h", {1}, {{"le", "1"}}), "le");
}

}  // namespace
}  // namespace fazhi::metrics
