// fazhi-extraction: the extraction service and its job-queue workers.
#include <cstdio>
#include <iostream>

#include "common/config/settings.h"
#include "common/db/connection_pool.h"
#include "common/db/database_login.h"
#include "common/logging/logging.h"
#include "common/metrics/pool_metrics.h"
#include "common/security/credentials.h"
#include "common/server/service_runner.h"
#include "services/extraction/service/extraction_service.h"
#include "services/extraction/service/job_workers.h"
#include "services/extraction/service/queue_metrics.h"

namespace fazhi::extraction {
namespace {

int Fail(const absl::Status& status) {
  LogEvent(spdlog::level::critical, "startup_failed", {{"error", std::string(status.message())}});
  return 1;
}

int Main(int argc, char** argv) {
  BlockShutdownSignals();
  Settings settings = Settings::FromEnvironment();
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help") {
      std::cout << "fazhi-extraction: extracts structured records from archived reports.\n\n"
                << Settings::HelpText();
      return 0;
    }
  }
  if (absl::Status parsed = settings.ApplyCommandLine(argc, argv); !parsed.ok()) {
    std::cerr << parsed.message() << "\n";
    return 2;
  }
  InitLogging("extraction", settings.Get(kLogLevel));

  absl::StatusOr<Extractor> extractor = Extractor::Load(ExtractorOptionsFromSettings(settings));
  if (!extractor.ok()) return Fail(extractor.status());

  absl::StatusOr<int64_t> pool_size = settings.GetInt(kDbPoolSize);
  absl::StatusOr<int64_t> workers = settings.GetInt(kExtractionWorkers);
  absl::StatusOr<int64_t> lease = settings.GetInt(kJobLeaseSeconds);
  absl::StatusOr<int64_t> attempts = settings.GetInt(kJobMaxAttempts);
  absl::StatusOr<int64_t> poll_ms = settings.GetInt(kJobPollMs);
  absl::StatusOr<int64_t> max_bytes = settings.GetInt(kMaxDocumentBytes);
  for (const auto* value : {&pool_size, &workers, &lease, &attempts, &poll_ms, &max_bytes}) {
    if (!value->ok()) return Fail(value->status());
  }
  absl::StatusOr<ServiceRunnerOptions> runner_options =
      RunnerOptionsFromSettings(settings, "extraction", kExtractionAddr, kExtractionMetricsAddr);
  if (!runner_options.ok()) return Fail(runner_options.status());
  if (absl::Status login = db::UseDatabaseLogin(settings, "fazhi-extraction"); !login.ok()) return Fail(login);
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(settings.Get(kDatabaseUrl), static_cast<int>(*pool_size + *workers));
  if (!pool.ok()) return Fail(pool.status());

  JobQueue queue(pool->get(), {.lease = absl::Seconds(*lease), .max_attempts = static_cast<int>(*attempts)});
  JobProcessor processor(&*extractor, &queue);
  ExtractionServiceImpl service(&*extractor, &queue, static_cast<size_t>(*max_bytes));
  JobWorkers job_workers(&queue, &processor, absl::Milliseconds(*poll_ms));
  job_workers.Start(static_cast<int>(*workers));

  ServiceRunner runner(*std::move(runner_options));
  metrics::ExportPoolMetrics(pool->get(), &metrics::Registry::Default());
  ExportQueueMetrics(pool->get(), &metrics::Registry::Default());
  runner.AddService(&service);
  runner.OnShutdown([&job_workers] { job_workers.Stop(); });
  absl::Status run = runner.RunUntilSignalled();
  if (!run.ok()) return Fail(run);
  return 0;
}

}  // namespace
}  // namespace fazhi::extraction

int main(int argc, char** argv) { return fazhi::extraction::Main(argc, argv); }
