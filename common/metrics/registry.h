// A small Prometheus metrics registry: counters, gauges and fixed-bucket histograms with labels,
// rendered in the Prometheus text exposition format (version 0.0.4) for a `/metrics` endpoint.
//
//   metrics::Registry& registry = metrics::Registry::Default();
//   registry.GetCounter("fazhi_documents_total", "Documents ingested", {{"outcome", "new"}})
//       ->Increment();
//   registry.GetHistogram("fazhi_extraction_seconds", "Extraction time", metrics::LatencyBuckets())
//       ->Observe(0.042);
//   std::string text = registry.Render();
//   // # HELP fazhi_documents_total Documents ingested
//   // # TYPE fazhi_documents_total counter
//   // fazhi_documents_total{outcome="new"} 1
//
// Get* returns the same metric for the same name and labels, so hot paths may keep the pointer;
// pointers stay valid as long as the registry. Values read at scrape time (a queue's depth, a
// pool's counters) are callback metrics, or are set by a collector that runs before rendering.
// Registering a name with another type, a bad name or a histogram label `le` is a programming
// error and aborts.
#ifndef FAZHI_COMMON_METRICS_REGISTRY_H_
#define FAZHI_COMMON_METRICS_REGISTRY_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace fazhi::metrics {

// Label names and values, in the order given (rendered sorted by name).
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter final {
 public:
  // `by` must not be negative: a counter only goes up (resets only when the process restarts).
  void Increment(double by = 1) { value_.fetch_add(by < 0 ? 0 : by, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge final {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double by) { value_.fetch_add(by, std::memory_order_relaxed); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram final {
 public:
  // `bounds` are the buckets' inclusive upper bounds, ascending; +Inf is implicit.
  explicit Histogram(std::vector<double> bounds);

  void Observe(double value);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // per bound, then +Inf (== count)
    double sum = 0;
  };
  Snapshot Read() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket, not cumulative; last is +Inf
  std::atomic<double> sum_{0};
};

// 1 ms to 60 s, roughly x2.5 apart: RPC, query and extraction latencies.
std::vector<double> LatencyBuckets();

enum class MetricType { kCounter, kGauge, kHistogram };

class Registry final {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The process's registry: what a service's /metrics endpoint shows.
  static Registry& Default();

  Counter* GetCounter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge* GetGauge(std::string_view name, std::string_view help, const Labels& labels = {});
  // The first registration of `name` fixes the buckets of all its label sets.
  Histogram* GetHistogram(std::string_view name, std::string_view help, std::vector<double> bounds,
                          const Labels& labels = {});

  // A counter or gauge whose value `read` returns at each scrape (called without locks held by
  // the registry; it may take its own). Registering the same name and labels again replaces it.
  void SetCallback(MetricType type, std::string_view name, std::string_view help,
                   const Labels& labels, std::function<double()> read);

  // Runs before each Render (e.g. one database query that sets several gauges).
  void AddCollector(std::function<void()> collect);

  // Every metric in the text exposition format, families sorted by name.
  std::string Render() const;

 private:
  struct Series {
    Counter counter;
    Gauge gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> read;
  };
  struct Family {
    MetricType type;
    std::string help;
    std::vector<double> bounds;
    std::map<Labels, std::unique_ptr<Series>> series;  // by sorted labels
  };

  Series* GetSeries(MetricType type, std::string_view name, std::string_view help,
                    const Labels& labels, std::vector<double> bounds);

  mutable absl::Mutex mutex_;
  std::map<std::string, Family, std::less<>> families_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::function<void()>> collectors_ ABSL_GUARDED_BY(mutex_);
};

// The text format's pieces, exposed for tests and for callers that render by hand.
// A label value with `\`, `"` and newlines escaped.
std::string EscapeLabelValue(std::string_view value);
// HELP text with `\` and newlines escaped.
std::string EscapeHelp(std::string_view help);
// A sample value: integers without a fraction, +Inf, -Inf, NaN, else the shortest exact form.
std::string FormatValue(double value);

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_REGISTRY_H_
