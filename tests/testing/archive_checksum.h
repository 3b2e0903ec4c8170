// A checksum of everything the archive stores (every row of reports, records, indicator_values
// and extraction_jobs), so a test can show that a rejected request changed nothing.
//
//   std::string before = ArchiveChecksum(database.url());
//   ... send requests that must be rejected ...
//   EXPECT_EQ(ArchiveChecksum(database.url()), before);
#ifndef FAZHI_TESTS_TESTING_ARCHIVE_CHECKSUM_H_
#define FAZHI_TESTS_TESTING_ARCHIVE_CHECKSUM_H_

#include <string>

namespace fazhi::testing {

// md5 over the text of every row of the archive's tables, in key order. Throws (failing the
// test) if a table is missing.
std::string ArchiveChecksum(const std::string& database_url);

// Waits until no extraction job is pending or running, so the archive is at rest. False on timeout.
bool WaitForIdleJobs(const std::string& database_url, int timeout_seconds = 120);

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_ARCHIVE_CHECKSUM_H_
