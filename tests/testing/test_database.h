// A throwaway PostgreSQL database for one test binary, on the real server that `./dev test`
// starts (FAZHI_TEST_ADMIN_URL points at it). Each TestDatabase creates a fresh database with a
// unique name and drops it when destroyed.
//
//   TestDatabase db;                 // fails the test if no server is configured
//   pqxx::connection c(db.url());
#ifndef FAZHI_TESTS_TESTING_TEST_DATABASE_H_
#define FAZHI_TESTS_TESTING_TEST_DATABASE_H_

#include <string>

namespace fazhi::testing {

class TestDatabase final {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Connection string of the fresh database.
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

// The admin connection string from FAZHI_TEST_ADMIN_URL; empty when unset.
std::string TestAdminUrl();

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_TEST_DATABASE_H_
