// The completion script, run in a real bash as its completion would be.
#include "cli/completion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace fazhi::cli {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

// What bash offers for the last of `words` (the word being completed, maybe empty).
std::vector<std::string> Complete(const std::vector<std::string>& words) {
  // One file per process: ctest runs these tests side by side, and a shared path would be
  // truncated by one while another sources it.
  const std::string script_path =
      absl::StrCat(::testing::TempDir(), "/fazhi-completion-", getpid(), ".bash");
  std::ofstream(script_path) << *CompletionScript("bash");
  std::string command = absl::StrCat(
      "bash -c 'source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _fazhi; "
      "printf \"%s\\n\" \"${COMPREPLY[@]}\"' _ '",
      script_path, "'");
  for (const std::string& word : words) absl::StrAppend(&command, " '", word, "'");
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  pclose(pipe);
  return absl::StrSplit(out, '\n', absl::SkipEmpty());
}

TEST(CompletionTest, CompletesCommands) {
  EXPECT_THAT(Complete({"fazhi", "se"}), ElementsAre("search"));
  EXPECT_THAT(Complete({"fazhi", "--query-addr", "h:1", "wa"}),
              ElementsAre("wait-ready", "wait-extracted"));
  EXPECT_THAT(Complete({"fazhi", "--query-addr", "=", "h:1", "he"}), ElementsAre("health", "help"));
}

TEST(CompletionTest, CompletesGlobalFlagsFromTheSettings) {
  EXPECT_THAT(Complete({"fazhi", "--query-a"}), ElementsAre("--query-addr"));
  EXPECT_THAT(Complete({"fazhi", "--ver"}), ElementsAre("--version"));
}

TEST(CompletionTest, CompletesACommandsOptionsAfterItsArguments) {
  EXPECT_THAT(Complete({"fazhi", "search", "调解", "--f"}), ElementsAre("--filter", "--format"));
  EXPECT_THAT(Complete({"fazhi", "list", "--he"}), ElementsAre("--help"));
  EXPECT_THAT(Complete({"fazhi", "list", "--"}), Not(Contains("--snippets")));
}

TEST(CompletionTest, CompletesChoicesAfterSpaceOrEquals) {
  EXPECT_THAT(Complete({"fazhi", "list", "--format", ""}), ElementsAre("table", "json", "csv"));
  EXPECT_THAT(Complete({"fazhi", "list", "--format", "=", "j"}), ElementsAre("json"));
  EXPECT_THAT(Complete({"fazhi", "export", "--format", ""}), ElementsAre("csv", "jsonl"));
}

TEST(CompletionTest, LeavesFreeValuesToTheShellsFileCompletion) {
  EXPECT_THAT(Complete({"fazhi", "export", "--out", ""}), IsEmpty());
}

TEST(CompletionTest, CompletesVerbsAndHelpTopics) {
  EXPECT_THAT(Complete({"fazhi", "indicators", ""}), ElementsAre("list", "series", "compare"));
  EXPECT_THAT(Complete({"fazhi", "help", "se"}), ElementsAre("search", "settings"));
  EXPECT_THAT(Complete({"fazhi", "completion", ""}), ElementsAre("bash", "zsh"));
}

TEST(CompletionTest, OnlyBashAndZsh) {
  EXPECT_TRUE(CompletionScript("zsh").ok());
  EXPECT_EQ(CompletionScript("fish").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace fazhi::cli
