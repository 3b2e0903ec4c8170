#include "common/db/migrations.h"

#include <gtest/gtest.h>

#include "common/db/connection_pool.h"
#include "tests/testing/test_database.h"

namespace fazhi::db {
namespace {

TEST(MigrationsPgTest, AppliesEveryMigrationOnceAndIsSafeToRunTwice) {
  testing::TestDatabase database;
  pqxx::connection connection(database.url());
  absl::StatusOr<int> first = ApplyMigrations(connection);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, static_cast<int>(EmbeddedMigrations().size()));
  absl::StatusOr<int> second = ApplyMigrations(connection);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, 0);
  pqxx::work work(connection);
  EXPECT_EQ(work.exec1("SELECT count(*) FROM schema_migrations")[0].as<int>(),
            static_cast<int>(EmbeddedMigrations().size()));
  EXPECT_EQ(work.exec1("SELECT count(*) FROM reports")[0].as<int>(), 0);
}

TEST(MigrationsPgTest, FailedMigrationIsReportedAndNotRecorded) {
  testing::TestDatabase database;
  pqxx::connection connection(database.url());
  std::vector<Migration> broken = {{1, "0001_bad", "CREATE TABLE t (x no_such_type)"}};
  absl::StatusOr<int> applied = ApplyMigrations(connection, broken);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.status().message().find("no_such_type"), std::string::npos);
  pqxx::work work(connection);
  EXPECT_EQ(work.exec1("SELECT count(*) FROM schema_migrations")[0].as<int>(), 0);
}

TEST(ConnectionPoolPgTest, UnreachableDatabaseIsUnavailable) {
  auto pool = ConnectionPool::Create("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", 1);
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
}

TEST(ConnectionPoolPgTest, TransactionRollsBackWhenBodyFails) {
  testing::TestDatabase database;
  auto pool = ConnectionPool::Create(database.url(), 2);
  ASSERT_TRUE(pool.ok()) << pool.status();
  ASSERT_TRUE((*pool)->WithTransaction([](pqxx::work& work) {
    work.exec0("CREATE TABLE t (x int)");
    return absl::OkStatus();
  }).ok());
  absl::Status failed = (*pool)->WithTransaction([](pqxx::work& work) {
    work.exec0("INSERT INTO t VALUES (1)");
    return absl::InvalidArgumentError("stop");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kInvalidArgument);
  absl::Status counted = (*pool)->WithTransaction([](pqxx::work& work) {
    EXPECT_EQ(work.exec1("SELECT count(*) FROM t")[0].as<int>(), 0);
    return absl::OkStatus();
  });
  EXPECT_TRUE(counted.ok()) << counted;
}

}  // namespace
}  // namespace fazhi::db
