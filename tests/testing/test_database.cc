#include "tests/testing/test_database.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <pqxx/pqxx>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace fazhi::testing {

std::string TestAdminUrl() {
  const char* url = std::getenv("FAZHI_TEST_ADMIN_URL");
  return url ? url : "";
}

namespace {

// postgresql://user@host:port/postgres -> .../name
std::string WithDatabase(const std::string& admin_url, const std::string& name) {
  size_t slash = admin_url.rfind('/');
  size_t query = admin_url.find('?', slash);
  std::string tail = query == std::string::npos ? "" : admin_url.substr(query);
  return absl::StrCat(admin_url.substr(0, slash + 1), name, tail);
}

}  // namespace

TestDatabase::TestDatabase() : admin_url_(TestAdminUrl()) {
  if (admin_url_.empty()) {
    ADD_FAILURE() << "FAZHI_TEST_ADMIN_URL is not set: run the tests with ./dev test, which "
                     "starts a throwaway PostgreSQL";
    return;
  }
  absl::BitGen random;
  name_ = absl::StrCat("fazhi_test_", absl::Uniform<uint64_t>(random));
  url_ = WithDatabase(admin_url_, name_);
  pqxx::connection admin(admin_url_);
  pqxx::nontransaction work(admin);
  work.exec0("CREATE DATABASE " + name_);
}

TestDatabase::~TestDatabase() {
  if (name_.empty()) return;
  try {
    pqxx::connection admin(admin_url_);
    pqxx::nontransaction work(admin);
    work.exec0("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception& error) {
    ADD_FAILURE() << "dropping " << name_ << ": " << error.what();
  }
}

}  // namespace fazhi::testing
