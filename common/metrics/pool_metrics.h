// Exports a PostgreSQL ConnectionPool's counters as Prometheus metrics, read at each scrape:
// connections in use and idle, acquisitions, acquisitions that had to wait, total wait time and
// callers that gave up.
//
//   ExportPoolMetrics(pool.get(), &metrics::Registry::Default());
//   // fazhi_db_pool_connections{state="in_use"} 3
#ifndef FAZHI_COMMON_METRICS_POOL_METRICS_H_
#define FAZHI_COMMON_METRICS_POOL_METRICS_H_

#include "common/db/connection_pool.h"
#include "common/metrics/registry.h"

namespace fazhi::metrics {

// `pool` must outlive every later scrape of `registry`.
void ExportPoolMetrics(const db::ConnectionPool* pool, Registry* registry);

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_POOL_METRICS_H_
