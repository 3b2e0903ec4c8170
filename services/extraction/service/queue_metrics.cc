#include "services/extraction/service/queue_metrics.h"

#include <string>

#include "absl/container/flat_hash_map.h"

namespace fazhi::extraction {
namespace {

constexpr std::string_view kJobStates[] = {"pending", "running", "done", "dead"};

// Age of the oldest pending job since it last became pending (queued, requeued or backed off).
constexpr char kQueueSql[] = R"sql(
  SELECT state, count(*),
         coalesce(extract(epoch FROM now() - min(updated_time)), 0)::float8
  FROM extraction_jobs GROUP BY state)sql";

}  // namespace

void ExportQueueMetrics(db::ConnectionPool* pool, metrics::Registry* registry) {
  registry->AddCollector([pool, registry] {
    double oldest_pending = 0;
    absl::flat_hash_map<std::string, double> counts;
    absl::Status status = pool->WithTransaction([&](pqxx::work& work) {
      for (const auto& row : work.exec(kQueueSql)) {
        std::string state = row[0].as<std::string>();
        counts[state] = row[1].as<double>();
        if (state == "pending") oldest_pending = row[2].as<double>();
      }
      return absl::OkStatus();
    });
    if (!status.ok()) {
      registry
          ->GetCounter("fazhi_extraction_queue_scrape_errors_total",
                       "Scrapes whose queue query failed (the queue gauges kept old values)")
          ->Increment();
      return;
    }
    for (std::string_view state : kJobStates) {
      registry
          ->GetGauge("fazhi_extraction_jobs", "Extraction jobs by state",
                     {{"state", std::string(state)}})
          ->Set(counts[std::string(state)]);
    }
    registry
        ->GetGauge("fazhi_extraction_oldest_pending_job_age_seconds",
                   "How long the oldest pending extraction job has waited")
        ->Set(oldest_pending);
  });
}

}  // namespace fazhi::extraction
