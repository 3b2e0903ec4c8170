// The command table and the help rendered from it.
#include "cli/commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "cli/help.h"

namespace fazhi::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CommandTableTest, EveryCommandHasAUniqueNameASummaryAndExamples) {
  std::set<std::string_view> names;
  for (const CommandSpec& command : AllCommands()) {
    EXPECT_TRUE(names.insert(command.name).second) << command.name;
    EXPECT_FALSE(command.summary.empty()) << command.name;
    EXPECT_FALSE(command.examples.empty()) << command.name;
    EXPECT_NE(command.run, nullptr) << command.name;
    for (std::string_view example : command.examples) {
      EXPECT_THAT(std::string(example), HasSubstr("fazhi " + std::string(command.name)))
          << command.name;
    }
  }
  EXPECT_EQ(FindCommand("list")->name, "list");
  EXPECT_EQ(FindCommand("nope"), nullptr);
}

TEST(CommandTableTest, EachCommandDeclaresAnOptionOnceAndNeverHelp) {
  for (const CommandSpec& command : AllCommands()) {
    std::set<std::string_view> options;
    for (const OptionSpec& option : command.options) {
      EXPECT_TRUE(options.insert(option.name).second) << command.name << " --" << option.name;
      EXPECT_NE(option.name, "help") << command.name << ": -h/--help is every command's";
      EXPECT_FALSE(option.help.empty()) << command.name << " --" << option.name;
      EXPECT_TRUE(option.choices.empty() || option.takes_value())
          << command.name << " --" << option.name;
    }
  }
}

TEST(CommandTableTest, ListingsOfferCsvAndEveryPage) {
  for (std::string_view name : {"list", "search"}) {
    const CommandSpec* command = FindCommand(name);
    auto line = CommandLine::Parse({"--all", "--format", "csv", "x"}, command->options);
    EXPECT_TRUE(line.ok()) << name << ": " << line.status();
  }
}

// Scripts read every result as JSON: each command that prints results takes --format with a
// JSON form (json; export's jsonl and extract's eval-json write their data as JSON lines).
TEST(CommandTableTest, EveryCommandThatPrintsResultsOffersJson) {
  // Help and shell scripts are text for people and shells, not results.
  const std::set<std::string_view> kNoResults = {"help", "completion"};
  for (const CommandSpec& command : AllCommands()) {
    if (kNoResults.contains(command.name)) continue;
    auto format = std::find_if(command.options.begin(), command.options.end(),
                               [](const OptionSpec& option) { return option.name == "format"; });
    ASSERT_NE(format, command.options.end()) << command.name << " has no --format";
    EXPECT_THAT(std::string(format->choices), HasSubstr("json")) << command.name;
    if (command.name == "export" || command.name == "extract") continue;
    auto line = CommandLine::Parse({"--format", "json"}, command.options);
    EXPECT_TRUE(line.ok()) << command.name << ": " << line.status();
  }
}

TEST(HelpTest, GlobalHelpListsEveryCommandOnOneLineAndTheExitCodes) {
  const std::string help = GlobalHelp();
  for (const CommandSpec& command : AllCommands()) {
    EXPECT_THAT(help, HasSubstr("\n  " + std::string(command.name) + " ")) << command.name;
  }
  EXPECT_THAT(help, HasSubstr("0 ok, 1 the operation failed, 2 usage error"));
  EXPECT_THAT(help, HasSubstr("fazhi help settings"));
  // The long list of settings is `fazhi help settings`, not the short help.
  EXPECT_THAT(help, Not(HasSubstr("FAZHI_JOB_LEASE_SECONDS")));
  EXPECT_THAT(SettingsHelp(), HasSubstr("FAZHI_JOB_LEASE_SECONDS"));
}

TEST(HelpTest, CommandHelpShowsItsUsageOptionsAndExamples) {
  const std::string help = CommandHelp(*FindCommand("search"));
  EXPECT_THAT(help, HasSubstr("usage: fazhi search PHRASE [options]"));
  EXPECT_THAT(help, HasSubstr("--filter F"));
  EXPECT_THAT(help, HasSubstr("--all"));
  EXPECT_THAT(help, HasSubstr("-h, --help"));
  EXPECT_THAT(help, HasSubstr("examples:\n  fazhi search 调解\n"));
}

TEST(HelpTest, VersionIsTheProjectVersion) {
  EXPECT_THAT(VersionLine(), ::testing::MatchesRegex("fazhi [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

}  // namespace
}  // namespace fazhi::cli
