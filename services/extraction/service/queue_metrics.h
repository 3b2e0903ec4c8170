// The extraction job queue as Prometheus gauges, read from extraction_jobs at each scrape: jobs
// by state, and how long the oldest pending job has waited (the backlog alarm).
//
//   ExportQueueMetrics(pool, &metrics::Registry::Default());
//   // fazhi_extraction_jobs{state="pending"} 12
//   // fazhi_extraction_oldest_pending_job_age_seconds 3.5
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_QUEUE_METRICS_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_QUEUE_METRICS_H_

#include "common/db/connection_pool.h"
#include "common/metrics/registry.h"

namespace fazhi::extraction {

// `pool` must outlive every later scrape of `registry`. A failed query leaves the last values
// and counts a scrape error (fazhi_extraction_queue_scrape_errors_total).
void ExportQueueMetrics(db::ConnectionPool* pool, metrics::Registry* registry);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_QUEUE_METRICS_H_
