#include "tests/testing/migrated_archive.h"

#include <pqxx/pqxx>

#include "common/db/migrations.h"

namespace fazhi::testing {

void MigratedArchiveTest::SetUp() {
  pqxx::connection connection(database_.url());
  absl::StatusOr<int> migrated = db::ApplyMigrations(connection);
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  auto pool = db::ConnectionPool::Create(database_.url(), 2);
  ASSERT_TRUE(pool.ok()) << pool.status();
  pool_ = std::move(*pool);
}

void MigratedArchiveTest::Exec(const std::string& sql) {
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    work.exec0(sql);
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status << "\n" << sql;
}

}  // namespace fazhi::testing
