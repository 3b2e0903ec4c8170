// A GoogleTest fixture for code that reads and writes the archive in process: a fresh database
// on the test server with every migration applied, and a small connection pool on it.
//
//   class JobQueuePgTest : public testing::MigratedArchiveTest {};
//   TEST_F(JobQueuePgTest, ...) { Exec("INSERT INTO ..."); JobQueue queue(pool_.get()); ... }
#ifndef FAZHI_TESTS_TESTING_MIGRATED_ARCHIVE_H_
#define FAZHI_TESTS_TESTING_MIGRATED_ARCHIVE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/db/connection_pool.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {

class MigratedArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Runs `sql` in a transaction of its own; a failure fails the test.
  void Exec(const std::string& sql);

  TestDatabase database_;
  std::unique_ptr<db::ConnectionPool> pool_;
};

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_MIGRATED_ARCHIVE_H_
