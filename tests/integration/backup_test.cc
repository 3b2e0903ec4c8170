// Backup and restore as docs/operations.md documents them: the test runs that page's backup
// commands verbatim (the fenced block after the `backup-commands` marker) against an archive filled
// by the real services, then serves the restored database and compares its answers with the
// original's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/testing/service_process.h"
#include "tests/testing/test_database.h"

namespace fazhi::testing {
namespace {

namespace fs = std::filesystem;

static constexpr std::string_view kMarker = "<!-- backup-commands:";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shell block that follows the marker in docs/operations.md; empty if there is none.
std::string DocumentedBackupCommands() {
  std::string page = ReadFile(fs::path(SourceDir()) / "docs/operations.md");
  size_t marker = page.find(kMarker);
  if (marker == std::string::npos) return "";
  size_t open = page.find("```sh\n", marker);
  if (open == std::string::npos) return "";
  open += 6;
  size_t close = page.find("```", open);
  return close == std::string::npos ? "" : page.substr(open, close - open);
}

// Runs `commands` with bash -eu in a fresh folder where `build/bin` is the binaries under test,
// as an operator would from the repository root; returns the exit code and fills `output`.
int RunInScratchRoot(const std::string& commands, const Environment& environment,
                     std::string* output) {
  fs::path root = fs::temp_directory_path() / absl::StrCat("fazhi-backup-", getpid());
  fs::remove_all(root);
  fs::create_directories(root / "build");
  fs::create_directory_symlink(BinaryDir(), root / "build/bin");
  std::ofstream script(root / "commands.sh");
  for (const auto& [name, value] : environment)
    script << "export " << name << "='" << value << "'\n";
  script << commands;
  script.close();
  std::string line = absl::StrCat("cd '", root.string(), "' && bash -eu -o pipefail commands.sh > ",
                                  "output.log 2>&1");
  int status = std::system(line.c_str());
  *output = ReadFile(root / "output.log");
  fs::remove_all(root);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What a client sees of an archive: the list, every report in full, and searches.
std::vector<std::string> Answers(const ServiceSuite& suite) {
  std::vector<std::string> answers;
  CommandResult list = RunCli(suite, {"list", "--all", "--format", "json"});
  answers.push_back(list.out);
  for (const auto& report : nlohmann::json::parse(list.out)["reports"]) {
    answers.push_back(RunCli(suite, {"get", report["name"], "--format", "json"}).out);
  }
  for (const char* query : {"调解", "行政复议 -撤销", "法治"}) {
    answers.push_back(RunCli(suite, {"search", query, "--format", "json"}).out);
  }
  answers.push_back(RunCli(suite, {"facets", "--format", "json"}).out);
  return answers;
}

TEST(BackupTest, DocumentedCommandsRestoreAnArchiveThatAnswersTheSame) {
  std::string commands = DocumentedBackupCommands();
  ASSERT_NE(commands.find("pg_dump"), std::string::npos)
      << "docs/operations.md has no backup-commands block";
  ASSERT_NE(commands.find("pg_restore"), std::string::npos);

  TestDatabase original;
  std::vector<std::string> before;
  {
    ServiceSuite suite(original.url());
    ASSERT_TRUE(suite.StartAll().ok());
    CommandResult ingest = RunCli(suite, {"ingest", SourceDir() + "/tests/data/corpus"});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
    ASSERT_EQ(RunCli(suite, {"wait-extracted", "--timeout", "60"}).exit_code, 0);
    before = Answers(suite);
  }
  ASSERT_EQ(nlohmann::json::parse(before[0])["reports"].size(), 5u) << before[0];

  TestDatabase restored;
  std::string output;
  ASSERT_EQ(RunInScratchRoot(
                commands, {{"FAZHI_DATABASE_URL", original.url()}, {"RESTORE_URL", restored.url()}},
                &output),
            0)
      << output;

  ServiceSuite suite(restored.url());
  ASSERT_TRUE(suite.StartAll().ok());
  std::vector<std::string> after = Answers(suite);
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i], before[i]) << "answer " << i;
}

}  // namespace
}  // namespace fazhi::testing
