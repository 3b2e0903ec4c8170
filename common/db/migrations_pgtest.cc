#include <gtest/gtest.h>

#include "common/db/connection_pool.h"
#include "common/db/migrations.h"
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

// The migrations up to and including `last_version`: an archive as an older release left it.
std::vector<Migration> MigrationsThrough(int last_version) {
  std::vector<Migration> older;
  for (const Migration& migration : EmbeddedMigrations()) {
    if (migration.version <= last_version) older.push_back(migration);
  }
  return older;
}

bool Exists(pqxx::work& work, const std::string& relation) {
  return !work.exec_params1("SELECT to_regclass($1) IS NULL", relation)[0].as<bool>();
}

TEST(MigrationsPgTest, ExistingArchiveLosesTheRetiredGramIndexButKeepsItsReports) {
  testing::TestDatabase database;
  pqxx::connection connection(database.url());
  ASSERT_TRUE(ApplyMigrations(connection, MigrationsThrough(4)).ok());
  {
    pqxx::work work(connection);
    work.exec0(
        "INSERT INTO reports (id, content_sha256, original, original_size_bytes,"
        " original_encoding, original_format, normalized_text, normalizer_version, text_length)"
        " VALUES ('00000000000000aa', 'aa', '\\x00', 1, 'utf-8', 'text', '法治', 'v', 2)");
    work.exec0("INSERT INTO report_grams VALUES ('00000000000000aa', 'grams-1', '{1,2}')");
    work.commit();
  }
  absl::StatusOr<int> applied = ApplyMigrations(connection);
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_GE(*applied, 1);
  pqxx::work work(connection);
  EXPECT_FALSE(Exists(work, "report_grams"));
  EXPECT_FALSE(Exists(work, "report_grams_grams"));
  EXPECT_FALSE(Exists(work, "search_backfill_pending"));
  EXPECT_EQ(work.exec1("SELECT count(*) FROM pg_extension WHERE extname = 'intarray'")[0].as<int>(),
            0);
  EXPECT_EQ(work.exec1("SELECT normalized_text FROM reports")[0].as<std::string>(), "法治");
}

TEST(MigrationsPgTest, RolesMigrationCanBeRerunByHandOnTheCurrentSchema) {
  testing::TestDatabase database;
  pqxx::connection connection(database.url());
  ASSERT_TRUE(ApplyMigrations(connection).ok());
  for (const Migration& migration : EmbeddedMigrations()) {
    if (migration.name != "0004_roles") continue;
    pqxx::work work(connection);
    EXPECT_NO_THROW(
        work.exec0(std::string(migration.sql)));  // docs/operations.md, Security, asks for it
    return;
  }
  FAIL() << "no migration 0004_roles";
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
  ASSERT_TRUE((*pool)
                  ->WithTransaction([](pqxx::work& work) {
                    work.exec0("CREATE TABLE t (x int)");
                    return absl::OkStatus();
                  })
                  .ok());
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
