// `fazhi extract`, `eval`, `indicators list`, help and completion work with no server running.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"
#include "tests/integration/sample_reports.h"
#include "tests/testing/service_process.h"

namespace fazhi::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
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
    for (const char* key : {"metadata", "sections", "indicators", "quantities", "dates",
                            "citations", "document_numbers"}) {
      EXPECT_TRUE(prediction.contains(key)) << key;
    }
    EXPECT_EQ(prediction["metadata"]["jurisdiction"]["code"],
              sample.gold["metadata"]["jurisdiction"]["code"]);
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
  CommandResult unknown = RunBinary("fazhi", {"extract", "--bogus", "x.txt"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err,
              HasSubstr("unknown option --bogus; the options are --format table|eval-json"));
  EXPECT_THAT(unknown.err, HasSubstr("Try 'fazhi extract --help'"));
  CommandResult stray = RunBinary("fazhi", {"wait-ready", "30"});  // meant --timeout 30
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_THAT(stray.err, HasSubstr("takes no arguments, got '30'"));
}

// Issue 19: help as git and ripgrep users expect it.
TEST(OfflineCliTest, ShortGlobalHelpCommandHelpAndVersion) {
  CommandResult bare = RunBinary("fazhi", {});
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_THAT(bare.err, HasSubstr("commands:"));
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"-h"}, {"--help"}, {"help"}}) {
    CommandResult help = RunBinary("fazhi", args);
    EXPECT_EQ(help.exit_code, 0) << args[0];
    EXPECT_EQ(help.out, bare.err) << args[0];
  }
  EXPECT_THAT(bare.err, HasSubstr("Exit status: 0 ok, 1 the operation failed, 2 usage error"));
  EXPECT_THAT(bare.err, Not(HasSubstr("FAZHI_JOB_LEASE_SECONDS")));
  EXPECT_THAT(RunBinary("fazhi", {"help", "settings"}).out, HasSubstr("FAZHI_JOB_LEASE_SECONDS"));
  for (const char* command : {"ingest", "extract", "eval", "get", "list", "search", "facets",
                              "indicators", "export", "reextract", "jobs", "requeue", "health",
                              "wait-ready", "wait-extracted", "help", "completion"}) {
    CommandResult own = RunBinary("fazhi", {command, "--help"});
    EXPECT_EQ(own.exit_code, 0) << command;
    EXPECT_THAT(own.out, StartsWith(std::string("usage: fazhi ") + command)) << command;
    EXPECT_THAT(own.out, HasSubstr("\nexamples:\n  ")) << command;
    EXPECT_EQ(RunBinary("fazhi", {command, "-h"}).out, own.out) << command;
    EXPECT_EQ(RunBinary("fazhi", {"help", command}).out, own.out) << command;
  }
  CommandResult version = RunBinary("fazhi", {"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, ::testing::MatchesRegex("fazhi [0-9]+\\.[0-9]+\\.[0-9]+\n"));
  EXPECT_EQ(RunBinary("fazhi", {"help", "no-such-command"}).exit_code, 2);
}

// Issue 19: `fazhi extract DIR` failed with "document is empty" on the folder's .gitkeep.
TEST(OfflineCliTest, ExtractWalksAFolderSkippingHiddenFilesWithOptionsAnywhere) {
  std::string folder = "/tmp/fazhi-offline-folder-" + std::to_string(getpid());
  std::filesystem::create_directories(folder + "/nested");
  std::vector<SampleReport> samples = LoadSampleReports();
  std::ofstream(folder + "/nested/" + samples[0].file_name) << samples[0].bytes;
  std::ofstream(folder + "/.gitkeep");
  CommandResult result = RunBinary("fazhi", {"extract", folder, "--format=eval-json"});
  CommandResult after_dashes =
      RunBinary("fazhi", {"extract", "--format", "eval-json", "--", folder});
  std::filesystem::remove_all(folder);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = absl::StrSplit(result.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 1u) << result.out;
  EXPECT_EQ(nlohmann::json::parse(lines[0])["document"], samples[0].file_name);
  EXPECT_EQ(after_dashes.out, result.out) << after_dashes.err;
}

TEST(OfflineCliTest, IndicatorsListNeedsNoServer) {
  CommandResult json = RunBinary("fazhi", {"indicators", "list", "--format", "json"},
                                 {{"FAZHI_QUERY_ADDR", "127.0.0.1:1"}});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json listed = nlohmann::json::parse(json.out);
  std::ifstream file(SourceDir() + "/data/indicators/indicators.json");
  nlohmann::json canonical = nlohmann::json::parse(file);
  ASSERT_EQ(listed["indicators"].size(), canonical["indicators"].size());
  EXPECT_EQ(listed["indicator_set_version"], canonical["version"]);
  for (size_t i = 0; i < canonical["indicators"].size(); ++i) {
    EXPECT_EQ(listed["indicators"][i]["id"], canonical["indicators"][i]["id"]);
    EXPECT_EQ(listed["indicators"][i]["unit"], canonical["indicators"][i]["unit"]);
  }
  CommandResult table =
      RunBinary("fazhi", {"indicators", "list"}, {{"FAZHI_QUERY_ADDR", "127.0.0.1:1"}});
  EXPECT_THAT(table.out, HasSubstr("litigation.cases"));
}

TEST(OfflineCliTest, CompletionScriptsForBashAndZsh) {
  CommandResult bash = RunBinary("fazhi", {"completion", "bash"});
  ASSERT_EQ(bash.exit_code, 0) << bash.err;
  EXPECT_THAT(bash.out, HasSubstr("complete -o default -F _fazhi fazhi"));
  CommandResult zsh = RunBinary("fazhi", {"completion", "zsh"});
  EXPECT_THAT(zsh.out, HasSubstr("bashcompinit"));
  EXPECT_EQ(RunBinary("fazhi", {"completion", "fish"}).exit_code, 2);
}

}  // namespace
}  // namespace fazhi::testing
