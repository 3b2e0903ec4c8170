// fazhi-extraction: the extraction service and its job-queue workers.
#include "common/db/connection_pool.h"
#include "common/metrics/pool_metrics.h"
#include "common/server/service_main.h"
#include "services/extraction/service/extraction_service.h"
#include "services/extraction/service/job_workers.h"
#include "services/extraction/service/queue_metrics.h"

namespace fazhi::extraction {
namespace {

struct ExtractionParts final : ServiceParts {
  std::unique_ptr<Extractor> extractor;
  std::unique_ptr<db::ConnectionPool> pool;
  std::unique_ptr<JobQueue> queue;
  std::unique_ptr<JobProcessor> processor;
  std::unique_ptr<ExtractionServiceImpl> service;
  std::unique_ptr<JobWorkers> workers;
};

absl::StatusOr<std::unique_ptr<ServiceParts>> Build(ServiceStart& start) {
  int64_t pool_size = 0, workers = 0, lease = 0, attempts = 0, poll_ms = 0, max_bytes = 0;
  if (absl::Status read = start.settings.GetInts({{kDbPoolSize, &pool_size},
                                                  {kExtractionWorkers, &workers},
                                                  {kJobLeaseSeconds, &lease},
                                                  {kJobMaxAttempts, &attempts},
                                                  {kJobPollMs, &poll_ms},
                                                  {kMaxDocumentBytes, &max_bytes}});
      !read.ok()) {
    return read;
  }
  absl::StatusOr<Extractor> extractor =
      Extractor::Load(ExtractorOptionsFromSettings(start.settings));
  if (!extractor.ok()) return extractor.status();
  auto parts = std::make_unique<ExtractionParts>();
  parts->extractor = std::make_unique<Extractor>(*std::move(extractor));
  // The workers hold a connection each besides the calls' pool.
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(start.database_url, static_cast<int>(pool_size + workers));
  if (!pool.ok()) return pool.status();
  parts->pool = *std::move(pool);
  parts->queue = std::make_unique<JobQueue>(
      parts->pool.get(),
      JobQueueOptions{.lease = absl::Seconds(lease), .max_attempts = static_cast<int>(attempts)});
  parts->processor = std::make_unique<JobProcessor>(parts->extractor.get(), parts->queue.get());
  parts->service = std::make_unique<ExtractionServiceImpl>(
      parts->extractor.get(), parts->queue.get(), static_cast<size_t>(max_bytes));
  parts->workers = std::make_unique<JobWorkers>(parts->queue.get(), parts->processor.get(),
                                                absl::Milliseconds(poll_ms));
  parts->workers->Start(static_cast<int>(workers));
  metrics::ExportPoolMetrics(parts->pool.get(), &metrics::Registry::Default());
  ExportQueueMetrics(parts->pool.get(), &metrics::Registry::Default());
  start.runner->AddService(parts->service.get());
  start.runner->OnShutdown([workers = parts->workers.get()] { workers->Stop(); });
  return parts;
}

}  // namespace
}  // namespace fazhi::extraction

int main(int argc, char** argv) {
  using namespace fazhi;
  return ServiceMain(argc, argv,
                     {.name = "extraction",
                      .description = "extracts structured records from archived reports.",
                      .listen_address = kExtractionAddr,
                      .metrics_address = kExtractionMetricsAddr,
                      .build = extraction::Build});
}
