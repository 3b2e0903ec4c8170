// The archive's schema, as versioned SQL migrations (deploy/migrations/NNNN_name.sql, embedded at
// build time) and a runner that applies the missing ones. Safe to run twice and from several
// processes at once: each migration runs in its own transaction under an advisory lock and is
// recorded in schema_migrations.
//
//   absl::StatusOr<int> applied = db::ApplyMigrations(connection);
#ifndef FAZHI_COMMON_DB_MIGRATIONS_H_
#define FAZHI_COMMON_DB_MIGRATIONS_H_

#include <pqxx/pqxx>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& EmbeddedMigrations();

// Applies every migration not yet recorded; returns how many were applied.
absl::StatusOr<int> ApplyMigrations(
    pqxx::connection& connection, const std::vector<Migration>& migrations = EmbeddedMigrations());

}  // namespace fazhi::db

#endif  // FAZHI_COMMON_DB_MIGRATIONS_H_
