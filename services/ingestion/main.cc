// fazhi-ingestion: the ingestion service. `--migrate-only` applies the archive's migrations
// and exits (the one-shot migration step of ./dev up and docker-compose).
#include <grpcpp/grpcpp.h>

#include "common/db/connection_pool.h"
#include "common/db/database_login.h"
#include "common/db/migrations.h"
#include "common/logging/logging.h"
#include "common/metrics/pool_metrics.h"
#include "common/security/credentials.h"
#include "common/server/service_main.h"
#include "services/ingestion/ingestion_service.h"

namespace fazhi::ingestion {
namespace {

// Applies the SQL migrations, then gives each service's role its login when the deployment
// provides the passwords.
int Migrate(ServiceStart& start) {
  const std::string service_passwords_dir = start.settings.Get(kServicePasswordsDir);
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(start.database_url, 1);
  if (!pool.ok()) return StartupFailed(pool.status());
  absl::StatusOr<int> applied = 0;
  absl::Status status = (*pool)->WithConnection([&](pqxx::connection& connection) {
    applied = db::ApplyMigrations(connection);
    if (!applied.ok() || service_passwords_dir.empty()) return applied.status();
    return db::GiveServiceLogins(connection, service_passwords_dir);
  });
  if (!status.ok()) return StartupFailed(status);
  LogEvent(spdlog::level::info, "migrated",
           {{"applied", std::to_string(*applied)},
            {"service_logins", service_passwords_dir.empty() ? "unchanged" : "given"}});
  return 0;
}

struct IngestionParts final : ServiceParts {
  std::unique_ptr<db::ConnectionPool> pool;
  std::unique_ptr<DocumentStore> store;
  std::unique_ptr<IngestionServiceImpl> service;
};

absl::StatusOr<std::unique_ptr<ServiceParts>> Build(ServiceStart& start) {
  int64_t pool_size = 0, max_bytes = 0, deadline_ms = 0, decode_bytes = 0;
  if (absl::Status read = start.settings.GetInts({{kDbPoolSize, &pool_size},
                                                  {kMaxDocumentBytes, &max_bytes},
                                                  {kExtractionDeadlineMs, &deadline_ms},
                                                  {kIngestionDecodeBytes, &decode_bytes}});
      !read.ok()) {
    return read;
  }
  absl::StatusOr<security::ChannelSecurity> extraction_security =
      security::ChannelSecurityFromSettings(start.settings, kServiceToken);
  if (!extraction_security.ok()) return extraction_security.status();
  auto parts = std::make_unique<IngestionParts>();
  absl::StatusOr<std::unique_ptr<db::ConnectionPool>> pool =
      db::ConnectionPool::Create(start.database_url, static_cast<int>(pool_size));
  if (!pool.ok()) return pool.status();
  parts->pool = *std::move(pool);
  parts->store = std::make_unique<DocumentStore>(parts->pool.get());
  auto channel = security::MakeChannel(start.settings.Get(kExtractionAddr), *extraction_security);
  parts->service = std::make_unique<IngestionServiceImpl>(
      parts->store.get(), v1::ExtractionService::NewStub(channel),
      IngestionOptions{.max_document_bytes = static_cast<size_t>(max_bytes),
                       .extraction_deadline = absl::Milliseconds(deadline_ms),
                       .decode_bytes = decode_bytes});
  start.runner->options().max_message_bytes = static_cast<int>(max_bytes) + 1024 * 1024;
  metrics::ExportPoolMetrics(parts->pool.get(), &metrics::Registry::Default());
  start.runner->AddService(parts->service.get());
  start.runner->OnDrain([service = parts->service.get()] { service->BeginDrain(); });
  return parts;
}

}  // namespace
}  // namespace fazhi::ingestion

int main(int argc, char** argv) {
  using namespace fazhi;
  return ServiceMain(argc, argv,
                     {.name = "ingestion",
                      .description = "archives documents and has them extracted.",
                      .listen_address = kIngestionAddr,
                      .metrics_address = kIngestionMetricsAddr,
                      .build = ingestion::Build,
                      .one_shot_flag = "--migrate-only",
                      .one_shot_help = "--migrate-only: applies the archive's migrations (once the "
                                       "database answers) and exits.",
                      .one_shot = ingestion::Migrate});
}
