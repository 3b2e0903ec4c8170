#include "common/db/database_login.h"

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/db/connection_pool.h"

namespace fazhi::db {
namespace {

// The first line of a secret file, without its line end (editors and `echo` add one).
absl::StatusOr<std::string> ReadPassword(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read the password file ", path));
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty())
    return absl::InvalidArgumentError(absl::StrCat("the password file ", path, " is empty"));
  return password;
}

}  // namespace

absl::Status UseDatabaseLogin(const Settings& settings, std::string_view application_name) {
  setenv("PGAPPNAME", std::string(application_name).c_str(), /*overwrite=*/0);
  const std::string file = settings.Get(kDatabasePasswordFile);
  if (file.empty()) return absl::OkStatus();
  absl::StatusOr<std::string> password = ReadPassword(file);
  if (!password.ok()) return password.status();
  setenv("PGPASSWORD", password->c_str(), /*overwrite=*/1);
  return absl::OkStatus();
}

absl::Status GiveServiceLogins(pqxx::connection& connection, std::string_view passwords_dir) {
  for (std::string_view role_view : kServiceRoles) {
    const std::string role(role_view);  // Debian's Abseil takes no std::string_view
    absl::StatusOr<std::string> password = ReadPassword(std::string(passwords_dir) + "/" + role);
    if (!password.ok()) return password.status();
    try {
      pqxx::work work(connection);
      if (work.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", role).empty()) {
        return absl::FailedPreconditionError(absl::StrCat(
            "role ", role,
            " does not exist: the migrating role lacks CREATEROLE; a superuser runs "
            "deploy/migrations/0004_roles.sql (or gives it CREATEROLE) and migrates again"));
      }
      // format() quotes the name and the password on the server: neither is pasted into SQL here.
      const std::string statement =
          work.exec_params1("SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)",
                            role, *password)[0]
              .as<std::string>();
      work.exec0(statement);
      work.commit();
    } catch (const std::exception& error) {
      return StatusFromException(error, absl::StrCat("giving ", role, " its login"));
    }
  }
  return absl::OkStatus();
}

}  // namespace fazhi::db
