// fazhi-ingestion: the ingestion service. `--migrate-only` applies the archive's migrations
// and exits (the one-shot migration step of ./dev up and docker-compose).
#include <iostream>

#include <grpcpp/grpcpp.h>

#include "common/config/settings.h"
#include "common/db/connection_pool.h"
#include "common/db/database_login.h"
#include "common/db/migrations.h"
#include "common/logging/logging.h"
#include "common/metrics/pool_metrics.h"
#include "common/security/credentials.h"
#include "common/server/service_runner.h"
#include "services/ingestion/ingestion_service.h"

namespace fazhi::ingestion {
namespace {

int Fail(const absl::Status& status) {
  LogEvent(spdlog::level::critical, "startup_failed", {{"error", std::string(status.message())}});
  return 1;
}

// Applies the SQL migrations, then gives each service's role its login when the deployment
// provides the passwords.
int Migrate(db::ConnectionPool& pool, const std::string& service_passwords_dir) {
  absl::StatusOr<int> applied = 0;
  absl::Status status = pool.WithConnection([&](pqxx::connection& connection) {
    applied = db::ApplyMigrations(connection);
    if (!applied.ok() || service_passwords_dir.empty()) return applied.status();
    return db::GiveServiceLogins(connection, service_passwords_dir);
  });
  if (!status.ok()) return Fail(status);
  LogEvent(spdlog::level::info, "migrated",
           {{"applied", std::to_string(*applied)}, {"service_logins", service_passwords_dir.empty() ? "unchanged" : "given"}});
  return 0;
}

int Main(int argc, char** argv) {
  BlockShutdownSignals();
  Settings settings = Settings::FromEnvironment();
  std::vector<std::string> rest;
  if (absl::Status parsed = settings.ApplyCommandLine(argc, argv, &rest); !parsed.ok()) {
    std::cerr << parsed.message() << "\n";
    return 2;
  }
  bool migrate_only = false;
  for (size_t i = 1; i < rest.size(); ++i) {
    if (rest[i] == "--help") {
      std::cout << "fazhi-ingestion [--migrate-only]: archives documents and has them extracted.\n\n"
                << Settings::HelpText();
      return 0;
    }
    if (rest[i] != "--migrate-only") {
      std::cerr << "unknown argument '" << rest[i] << "'; see --help\n";
      return 2;
    }
    migrate_only = true;
  }
  InitLogging("ingestion", settings.Get(kLogLevel));

  absl::StatusOr<int64_t> pool_size = settings.GetInt(kDbPoolSize);
  absl::StatusOr<int64_t> max_bytes = settings.GetInt(kMaxDocumentBytes);
  absl::StatusOr<int64_t> deadline_ms = settings.GetInt(kExtractionDeadlineMs);
  absl::StatusOr<int64_t> decode_bytes = settings.GetInt(kIngestionDecodeBytes);
  for (const auto* value : {&pool_size, &max_bytes, &deadline_ms, &decode_bytes}) {
    if (!value->ok()) return Fail(value->status());
  }
  absl::StatusOr<ServiceRunnerOptions> runner_options = RunnerOptionsFromSettings(
      settings, "ingestion", kIngestionAddr, kIngestionMetricsAddr);
  if (!runner_options.ok()) return Fail(runner_options.status());
  runner_options->max_message_bytes = static_cast<int>(*max_bytes) + 1024 * 1024;
  absl::StatusOr<security::ChannelSecurity> extraction_security =
      security::ChannelSecurityFromSettings(settings, kServiceToken);
  if (!extraction_security.ok()) return Fail(extraction_security.status());
  if (absl::Status login = db::UseDatabaseLogin(settings, "fazhi-ingestion"); !login.ok()) return Fail(login);
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(settings.Get(kDatabaseUrl), static_cast<int>(*pool_size));
  if (!pool.ok()) return Fail(pool.status());
  if (migrate_only) return Migrate(**pool, settings.Get(kServicePasswordsDir));

  DocumentStore store(pool->get());
  auto channel = security::MakeChannel(settings.Get(kExtractionAddr), *extraction_security);
  IngestionServiceImpl service(&store, v1::ExtractionService::NewStub(channel),
                               {.max_document_bytes = static_cast<size_t>(*max_bytes),
                                .extraction_deadline = absl::Milliseconds(*deadline_ms),
                                .decode_bytes = *decode_bytes});
  ServiceRunner runner(*std::move(runner_options));
  metrics::ExportPoolMetrics(pool->get(), &metrics::Registry::Default());
  runner.AddService(&service);
  runner.OnDrain([&service] { service.BeginDrain(); });
  absl::Status run = runner.RunUntilSignalled();
  if (!run.ok()) return Fail(run);
  return 0;
}

}  // namespace
}  // namespace fazhi::ingestion

int main(int argc, char** argv) { return fazhi::ingestion::Main(argc, argv); }
