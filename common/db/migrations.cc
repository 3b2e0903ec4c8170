#include "common/db/migrations.h"

#include "absl/strings/str_cat.h"
#include "common/db/connection_pool.h"

namespace fazhi::db {
namespace {

// Any constant works; it only has to be the same in every process that migrates.
constexpr int64_t kMigrationLockKey = 0x66617a6869;  // "fazhi"

}  // namespace

absl::StatusOr<int> ApplyMigrations(pqxx::connection& connection,
                                    const std::vector<Migration>& migrations) {
  try {
    {
      pqxx::work work(connection);
      work.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
      work.exec0(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version integer PRIMARY KEY, name text NOT NULL,"
          " applied_time timestamptz NOT NULL DEFAULT now())");
      work.commit();
    }
    int applied = 0;
    for (const Migration& migration : migrations) {
      pqxx::work work(connection);
      work.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
      if (!work.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", migration.version)
               .empty()) {
        continue;
      }
      work.exec0(std::string(migration.sql));
      work.exec_params0("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                        migration.version, std::string(migration.name));
      work.commit();
      ++applied;
    }
    return applied;
  } catch (const std::exception& error) {
    return StatusFromException(error, "applying migrations");
  }
}

}  // namespace fazhi::db
