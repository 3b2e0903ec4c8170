// `fazhi extract` and `fazhi eval` work on files with no server running.
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/service_process.h"

namespace fazhi::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(OfflineCliTest, ExtractPrintsOneEvalJsonLinePerFileInOrder) {
  std::vector<std::string> args = {"extract", "--format", "eval-json"};
  std::vector<SampleReport> samples = LoadSampleReports();
  for (auto it = samples.rbegin(); it != samples.rend(); ++it) {
    args.push_back(SourceDir() + "/tests/data/corpus/" + it->file_name);
  }
  CommandResult result = RunBinary("fazhi", args, {{"FAZHI_INGESTION_ADDR", "127.0.0.1:1"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), samples.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    nlohmann::json prediction = nlohmann::json::parse(lines[i]);
    const SampleReport& sample = samples[samples.size() - 1 - i];
    EXPECT_EQ(prediction["document"], sample.file_name);
    for (const char* key : {"metadata", "sections", "indicators", "quantities", "dates", "citations",
                            "document_numbers"}) {
      EXPECT_TRUE(prediction.contains(key)) << key;
    }
    EXPECT_EQ(prediction["metadata"]["jurisdiction"]["code"], sample.gold["metadata"]["jurisdiction"]["code"]);
  }
}

TEST(OfflineCliTest, EvalEndsWithAOneLineSummary) {
  CommandResult result = RunBinary("fazhi", {"eval", "--docs", SourceDir() + "/tests/data/corpus",
                                             "--gold", SourceDir() + "/tests/data/gold"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines.back(), StartsWith("eval: docs=5 metadata="));
  EXPECT_THAT(lines.back(), HasSubstr("indicators_f1="));
}

TEST(OfflineCliTest, UnreadableOrUnsupportedFilesFailWithAReason) {
  std::string pdf = "/tmp/fazhi-offline-" + std::to_string(getpid()) + ".pdf";
  { std::ofstream(pdf) << "%PDF-1.7\n"; }
  CommandResult result = RunBinary("fazhi", {"extract", pdf, "/nonexistent/report.txt"});
  std::remove(pdf.c_str());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("PDF"));
  EXPECT_THAT(result.err, HasSubstr("/nonexistent/report.txt"));
}

TEST(OfflineCliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunBinary("fazhi", {"no-such-command"}).exit_code, 2);
  EXPECT_EQ(RunBinary("fazhi", {"eval", "--docs", "x"}).exit_code, 2);
  EXPECT_EQ(RunBinary("fazhi", {"list", "--format", "yaml"}).exit_code, 2);
}

}  // namespace
}  // namespace fazhi::testing
