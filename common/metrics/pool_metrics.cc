#include "common/metrics/pool_metrics.h"

#include <functional>

namespace fazhi::metrics {
namespace {

// One metric read from the pool's stats: its type, name, help, labels and field.
struct PoolMetric {
  MetricType type;
  std::string_view name;
  std::string_view help;
  Labels labels;
  std::function<double(const db::PoolStats&)> read;
};

std::vector<PoolMetric> PoolMetrics() {
  return {
      {MetricType::kGauge,
       "fazhi_db_pool_connections",
       "PostgreSQL connections by state",
       {{"state", "in_use"}},
       [](const db::PoolStats& s) { return s.in_use; }},
      {MetricType::kGauge,
       "fazhi_db_pool_connections",
       "PostgreSQL connections by state",
       {{"state", "idle"}},
       [](const db::PoolStats& s) { return s.size - s.in_use; }},
      {MetricType::kCounter,
       "fazhi_db_pool_acquisitions_total",
       "Connections handed out by the pool",
       {},
       [](const db::PoolStats& s) { return static_cast<double>(s.acquisitions); }},
      {MetricType::kCounter,
       "fazhi_db_pool_waits_total",
       "Acquisitions that found no connection free and waited",
       {},
       [](const db::PoolStats& s) { return static_cast<double>(s.waited); }},
      {MetricType::kCounter,
       "fazhi_db_pool_wait_seconds_total",
       "Time callers spent waiting for a connection",
       {},
       [](const db::PoolStats& s) { return s.wait_seconds; }},
      {MetricType::kCounter,
       "fazhi_db_pool_timeouts_total",
       "Callers that gave up waiting for a connection (RESOURCE_EXHAUSTED)",
       {},
       [](const db::PoolStats& s) { return static_cast<double>(s.timeouts); }},
  };
}

}  // namespace

void ExportPoolMetrics(const db::ConnectionPool* pool, Registry* registry) {
  for (PoolMetric& metric : PoolMetrics()) {
    registry->SetCallback(metric.type, metric.name, metric.help, metric.labels,
                          [pool, read = std::move(metric.read)] { return read(pool->Stats()); });
  }
}

}  // namespace fazhi::metrics
