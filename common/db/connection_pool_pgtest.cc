#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "common/db/connection_pool.h"
#include "tests/testing/test_database.h"

namespace fazhi::db {
namespace {

std::unique_ptr<ConnectionPool> OnePool(const std::string& url) {
  absl::StatusOr<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Create(url, 1);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? std::move(*pool) : nullptr;
}

// Runs `sql` in a transaction of its own; a failure fails the test.
void Exec(ConnectionPool& pool, const std::string& sql) {
  absl::Status status = pool.WithTransaction([&](pqxx::work& work) {
    work.exec0(sql);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status << "\n" << sql;
}

// The rows of the test table `t`.
int64_t CountRows(ConnectionPool& pool) {
  int64_t rows = -1;
  absl::Status status = pool.WithTransaction([&](pqxx::work& work) {
    rows = work.exec1("SELECT count(*) FROM t")[0].as<int64_t>();
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
  return rows;
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
  Exec(*pool, "CREATE TABLE t (n int)");
  absl::Status status = pool->WithTransaction(
      [](pqxx::work& work) {
        work.exec0("INSERT INTO t VALUES (1)");
        work.exec0("SELECT pg_sleep(10)");
        return absl::OkStatus();
      },
      absl::Now() + absl::Milliseconds(300));
  EXPECT_TRUE(absl::IsDeadlineExceeded(status)) << status;
  EXPECT_EQ(CountRows(*pool), 0);
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
                  })
                  .ok());
  EXPECT_NE(inside, "0") << "a limit near 30 s was set";
  EXPECT_EQ(after, "0") << "no limit leaks into the next transaction";
}

TEST(ConnectionPoolPgTest, ConnectionLostDuringCommitIsUnavailableSoIdempotentCallersRetry) {
  absl::Status status =
      StatusFromException(pqxx::in_doubt_error("Connection lost while committing"), "store");
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
}

// Ends every other session on the test database, as a restart of PostgreSQL would, and waits
// until they are gone.
void TerminateOtherBackends(const std::string& url) {
  pqxx::connection admin(url);
  pqxx::nontransaction work(admin);
  work.exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  for (int i = 0; i < 100; ++i) {
    if (work.exec1("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                   " AND pid <> pg_backend_pid()")[0]
            .as<int64_t>() == 0) {
      return;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  ADD_FAILURE() << "the pool's backends did not exit";
}

TEST(ConnectionPoolPgTest, ConnectionThatDiedWhileIdleIsReplacedWithoutAnError) {
  testing::TestDatabase database;
  absl::StatusOr<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Create(database.url(), 3);
  ASSERT_TRUE(pool.ok()) << pool.status();
  Exec(**pool, "CREATE TABLE t (n int); INSERT INTO t VALUES (1)");
  TerminateOtherBackends(database.url());

  // Every slot's connection is dead; each is found so at BEGIN and replaced, so three callers
  // holding all three slots at once all succeed.
  absl::Notification all_in;
  std::atomic<int> inside = 0;
  std::vector<std::thread> callers;
  for (int i = 0; i < 3; ++i) {
    callers.emplace_back([&] {
      absl::Status status = (*pool)->WithTransaction([&](pqxx::work& work) {
        if (++inside == 3) all_in.Notify();
        all_in.WaitForNotificationWithTimeout(absl::Seconds(10));
        work.exec1("SELECT count(*) FROM t");
        return absl::OkStatus();
      });
      EXPECT_TRUE(status.ok()) << status;
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ((*pool)->Stats().replaced, 3);
  EXPECT_EQ(CountRows(**pool), 1);
}

TEST(ConnectionPoolPgTest, ConnectionLostInsideTheBodyIsUnavailableAndReopenedForTheNextCall) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());
  ASSERT_NE(pool, nullptr);
  Exec(*pool, "CREATE TABLE t (n int)");
  // The body ran (and inserted) before the connection died: that is not retried behind the
  // caller's back, and the insert is rolled back with the session.
  absl::Status status = pool->WithTransaction([](pqxx::work& work) {
    work.exec0("INSERT INTO t VALUES (1)");
    work.exec("SELECT pg_terminate_backend(pg_backend_pid())");
    return absl::OkStatus();
  });
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_EQ(CountRows(*pool), 0);
  EXPECT_EQ(pool->Stats().replaced, 0) << "reopened at its next use, not found broken";
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

// The wait for a free connection ends at the caller's deadline (not after the pool's 30 s), and
// the connection held meanwhile serves the next caller.
TEST(ConnectionPoolPgTest, WaitForAConnectionEndsAtTheDeadline) {
  testing::TestDatabase database;
  std::unique_ptr<ConnectionPool> pool = OnePool(database.url());
  ASSERT_NE(pool, nullptr);
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
  absl::Status waited = pool->WithTransaction([](pqxx::work&) { return absl::OkStatus(); },
                                              absl::Now() + absl::Milliseconds(300));
  EXPECT_EQ(waited.code(), absl::StatusCode::kDeadlineExceeded) << waited;
  EXPECT_NE(waited.message().find("waiting for a database connection"), std::string::npos)
      << waited;
  release.Notify();
  holder.join();
  EXPECT_EQ(pool->Stats().timeouts, 1);
  absl::Status next = pool->WithTransaction(
      [](pqxx::work& work) {
        work.exec1("SELECT 1");
        return absl::OkStatus();
      },
      absl::Now() + absl::Seconds(10));
  EXPECT_TRUE(next.ok()) << next;
}

}  // namespace
}  // namespace fazhi::db
