#include "tests/testing/archive_checksum.h"

#include <chrono>
#include <pqxx/pqxx>
#include <string_view>
#include <thread>

#include "absl/strings/str_cat.h"

namespace fazhi::testing {
namespace {

struct Table {
  const char* name;
  const char* order;  // its key
};

constexpr Table kArchiveTables[] = {
    {"reports", "id"},
    {"records", "report_id"},
    {"indicator_values", "report_id, indicator_id"},
    {"extraction_jobs", "report_id"},
};

}  // namespace

std::string ArchiveChecksum(const std::string& database_url) {
  std::string parts;
  for (const Table& table : kArchiveTables) {
    if (!parts.empty()) absl::StrAppend(&parts, " || ");
    absl::StrAppend(&parts, "(SELECT '", table.name,
                    ":' || COALESCE(md5(string_agg(t::text, ',' ORDER BY ", table.order,
                    ")), '') FROM ", table.name, " t)");
  }
  pqxx::connection connection(database_url);
  pqxx::work work(connection);
  return work.exec1(absl::StrCat("SELECT md5(", parts, ")"))[0].as<std::string>();
}

bool WaitForIdleJobs(const std::string& database_url, int timeout_seconds) {
  pqxx::connection connection(database_url);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    pqxx::nontransaction work(connection);
    if (work.exec1("SELECT count(*) FROM extraction_jobs WHERE state IN ('pending', 'running')")[0]
            .as<int64_t>() == 0) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace fazhi::testing
