// Runs fazhi-query-benchmark end to end on 200 reports against a throwaway database.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "tests/testing/test_database.h"

namespace fazhi::query_benchmark {
namespace {

TEST(QueryBenchmarkSmokeTest, LoadsMeasuresAndPrintsTheTableWithAgreeingHitCounts) {
  testing::TestDatabase database;
  ASSERT_FALSE(database.url().empty());
  std::string command = std::string(FAZHI_QUERY_BENCHMARK_BIN) + " --db='" + database.url() +
                        "' --reports=200 --repeat=1 --query-bin=" + FAZHI_QUERY_BIN_DIR + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("load: 200 reports"), std::string::npos) << output;
  EXPECT_NE(output.find("p50 ms"), std::string::npos) << output;
  for (const char* row : {"search 1 char ", "search 2 chars", "search 4 chars", "list filtered",
                          "facets filtered", "compare indicator", "strpos scan", "pg_trgm"}) {
    EXPECT_NE(output.find(row), std::string::npos) << row << "\n" << output;
  }
  EXPECT_EQ(output.find("MISMATCH"), std::string::npos) << output;
  // The service's own account of its searches, read from its metrics endpoint.
  for (const char* stage :
       {"search stage", "wait_for_index", "index", "rank", "read_rows", "snippets"}) {
    EXPECT_NE(output.find(stage), std::string::npos) << stage << "\n" << output;
  }
}

}  // namespace
}  // namespace fazhi::query_benchmark
