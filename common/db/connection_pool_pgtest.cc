#include "common/db/connection_pool.h"

#include <thread>

#include <gtest/gtest.h>

#include "absl/synchronization/notification.h"
#include "tests/testing/test_database.h"

namespace fazhi::db {
namespace {

std::unique_ptr<ConnectionPool> OnePool(const std::string& url) {
  absl::StatusOr<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Create(url, 1);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? std::move(*pool) : nullptr;
}

TEST(ConnectionPoolPgTest, StatementRunningPastTheDeadlineIsCancelledWithDeadlineExceeded) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());
  ASSERT_NE(pool, nullptr);
  absl::Time start = absl::Now();
  absl::Status status = pool->WithTransaction(
      [](pqxx::work& work) {
        work.exec0("SELECT pg_sleep(10)");
        return absl::OkStatus();
      },
      absl::Now() + absl::Milliseconds(300));
  EXPECT_TRUE(absl::IsDeadlineExceeded(status)) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(3)) << "the server stopped the statement";
}

TEST(ConnectionPoolPgTest, WorkCutOffByTheDeadlineIsRolledBack) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(pool->WithTransaction([](pqxx::work& work) {
                    work.exec0("CREATE TABLE t (n int)");
                    return absl::OkStatus();
                  }).ok());
  absl::Status status = pool->WithTransaction(
      [](pqxx::work& work) {
        work.exec0("INSERT INTO t VALUES (1)");
        work.exec0("SELECT pg_sleep(10)");
        return absl::OkStatus();
      },
      absl::Now() + absl::Milliseconds(300));
  EXPECT_TRUE(absl::IsDeadlineExceeded(status)) << status;
  int64_t rows = -1;
  ASSERT_TRUE(pool->WithTransaction([&](pqxx::work& work) {
                    rows = work.exec1("SELECT count(*) FROM t")[0].as<int64_t>();
                    return absl::OkStatus();
                  }).ok());
  EXPECT_EQ(rows, 0);
}

TEST(ConnectionPoolPgTest, DeadlineAlreadyPastFailsWithoutRunningTheBody) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());
  ASSERT_NE(pool, nullptr);
  bool ran = false;
  absl::Status status = pool->WithTransaction(
      [&](pqxx::work&) {
        ran = true;
        return absl::OkStatus();
      },
      absl::Now() - absl::Milliseconds(1));
  EXPECT_TRUE(absl::IsDeadlineExceeded(status)) << status;
  EXPECT_FALSE(ran);
}

TEST(ConnectionPoolPgTest, TimeoutIsLocalToTheTransactionThatHadADeadline) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());  // one connection, reused
  ASSERT_NE(pool, nullptr);
  std::string inside, after;
  ASSERT_TRUE(pool->WithTransaction(
                      [&](pqxx::work& work) {
                        inside = work.exec1("SHOW statement_timeout")[0].as<std::string>();
                        return absl::OkStatus();
                      },
                      absl::Now() + absl::Seconds(30))
                  .ok());
  ASSERT_TRUE(pool->WithTransaction([&](pqxx::work& work) {
                    after = work.exec1("SHOW statement_timeout")[0].as<std::string>();
                    return absl::OkStatus();
                  }).ok());
  EXPECT_NE(inside, "0") << "a limit near 30 s was set";
  EXPECT_EQ(after, "0") << "no limit leaks into the next transaction";
}

TEST(ConnectionPoolPgTest, ConnectionLostDuringCommitIsUnavailableSoIdempotentCallersRetry) {
  absl::Status status =
      StatusFromException(pqxx::in_doubt_error("Connection lost while committing"), "store");
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
}

TEST(ConnectionPoolPgTest, StatsCountAcquisitionsInUseAndWaits) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->Stats().size, 1);
  EXPECT_EQ(pool->Stats().in_use, 0);

  absl::Notification holding;
  absl::Notification release;
  std::thread holder([&] {
    absl::Status held = pool->WithConnection([&](pqxx::connection&) {
      holding.Notify();
      release.WaitForNotification();
      return absl::OkStatus();
    });
    EXPECT_TRUE(held.ok()) << held;
  });
  holding.WaitForNotification();
  EXPECT_EQ(pool->Stats().in_use, 1);
  std::thread waiter([&] {
    absl::Status waited = pool->WithConnection([](pqxx::connection&) { return absl::OkStatus(); });
    EXPECT_TRUE(waited.ok()) << waited;
  });
  absl::SleepFor(absl::Milliseconds(200));  // the waiter is blocked on the only connection
  release.Notify();
  holder.join();
  waiter.join();

  PoolStats stats = pool->Stats();
  EXPECT_EQ(stats.in_use, 0);
  EXPECT_EQ(stats.acquisitions, 2);
  EXPECT_EQ(stats.waited, 1);
  EXPECT_GE(stats.wait_seconds, 0.15);
  EXPECT_EQ(stats.timeouts, 0);
}

}  // namespace
}  // namespace fazhi::db
