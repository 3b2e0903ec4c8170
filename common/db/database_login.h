// How a service logs in to PostgreSQL: under its own name (pg_stat_activity's application_name)
// and, where the deployment mounts one, with the password in a file (FAZHI_DATABASE_PASSWORD_FILE)
// rather than in the URL or the environment. Called once at start-up, before the first connection:
// libpq reads both from the process environment.
//
//   absl::Status login = db::UseDatabaseLogin(settings, "fazhi-query");
//   if (!login.ok()) return Fail(login);          // the file named is missing or empty
//   auto pool = db::ConnectionPool::Create(settings.Get(kDatabaseUrl), 4);
//
// And the deployment side (`fazhi-ingestion --migrate-only` with FAZHI_SERVICE_PASSWORDS_DIR):
// each service's group role (deploy/migrations/0004_roles.sql) is given LOGIN and the password of
// its file, so every service connects as its own least-privilege role.
//
//   absl::Status given = db::GiveServiceLogins(connection, "/run/secrets");
#ifndef FAZHI_COMMON_DB_DATABASE_LOGIN_H_
#define FAZHI_COMMON_DB_DATABASE_LOGIN_H_

#include <array>
#include <pqxx/pqxx>
#include <string_view>

#include "absl/status/status.h"
#include "common/config/settings.h"

namespace fazhi::db {

// The roles the services log in as, one per service; also the file names in a passwords folder.
inline constexpr std::array<std::string_view, 3> kServiceRoles = {
    "fazhi_ingestion", "fazhi_extraction", "fazhi_query"};

// Sets PGAPPNAME (unless the environment has one) and, with FAZHI_DATABASE_PASSWORD_FILE,
// PGPASSWORD from the file's first line. INVALID_ARGUMENT names a file that cannot be read or holds
// no password.
absl::Status UseDatabaseLogin(const Settings& settings, std::string_view application_name);

// Gives each of kServiceRoles LOGIN with the password in `passwords_dir`/<role>. INVALID_ARGUMENT
// names a missing or empty file; FAILED_PRECONDITION a role that does not exist (the migrating user
// lacked CREATEROLE: see 0004_roles.sql); errors of the database as StatusFromException.
absl::Status GiveServiceLogins(pqxx::connection& connection, std::string_view passwords_dir);

}  // namespace fazhi::db

#endif  // FAZHI_COMMON_DB_DATABASE_LOGIN_H_
