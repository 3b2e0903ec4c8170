#include "cli/command_line.h"

#include <gtest/gtest.h>

#include "cli/output.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi::cli {
namespace {

constexpr OptionSpec kOptions[] = {{"filter", "F", "a filter"},
                                   {"format", "FORMAT", "output", "table|json|csv"},
                                   {"page-size", "N", "per page"},
                                   {"all", "", "every page"}};

absl::StatusOr<CommandLine> Parse(const std::vector<std::string>& args) {
  return CommandLine::Parse(args, kOptions);
}

TEST(CommandLineTest, SeparatesPositionalArgumentsFromOptions) {
  auto line = Parse({"调解", "--filter", "level = \"county\"", "--format=json", "--all"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->positional(), std::vector<std::string>{"调解"});
  EXPECT_EQ(line->Option("filter"), "level = \"county\"");
  EXPECT_EQ(line->Option("format"), "json");
  EXPECT_TRUE(line->Has("all"));
  EXPECT_FALSE(line->help());
}

TEST(CommandLineTest, OptionsMayComeBeforeOrAfterPositionalArguments) {
  auto before = Parse({"--format", "json", "--all", "a", "b"});
  auto after = Parse({"a", "--format=json", "b", "--all"});
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->positional(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(after->positional(), before->positional());
  EXPECT_EQ(after->Option("format"), "json");
  EXPECT_TRUE(after->Has("all"));
}

TEST(CommandLineTest, DoubleDashEndsOptions) {
  auto line = Parse({"--all", "--", "--format", "-h", "--"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->positional(), (std::vector<std::string>{"--format", "-h", "--"}));
  EXPECT_FALSE(line->Has("format"));
  EXPECT_FALSE(line->help());
}

TEST(CommandLineTest, ADashWordIsAnArgumentSoASearchCanExcludeAPhrase) {
  auto line = Parse({"-撤销", "-"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->positional(), (std::vector<std::string>{"-撤销", "-"}));
}

TEST(CommandLineTest, ShortAndLongHelpAnywhereWinOverMistakes) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"-h"}, {"x", "--help"}, {"--nope", "-h"}, {"--format", "yaml", "--help"}}) {
    auto line = Parse(args);
    ASSERT_TRUE(line.ok()) << line.status();
    EXPECT_TRUE(line->help());
  }
}

TEST(CommandLineTest, AnUnknownOptionIsAnErrorNamingTheValidOnes) {
  auto line = Parse({"--nope"});
  ASSERT_EQ(line.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      line.status().message(),
      "unknown option --nope; the options are --filter F, --format table|json|csv, --page-size N, "
      "--all, -h/--help");
}

TEST(CommandLineTest, MissingOrUnexpectedValuesAreErrors) {
  EXPECT_EQ(Parse({"--filter"}).status().message(), "--filter needs a value (F)");
  EXPECT_EQ(Parse({"--all=yes"}).status().message(), "--all takes no value");
}

TEST(CommandLineTest, AValueOutsideTheChoicesIsAnError) {
  EXPECT_EQ(Parse({"--format", "yaml"}).status().message(),
            "--format must be one of table|json|csv; got 'yaml'");
  EXPECT_TRUE(Parse({"--format=csv"}).ok());
}

TEST(CommandLineTest, AValueMayStartWithDashes) {
  auto line = Parse({"--filter", "--all"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->Option("filter"), "--all");
  EXPECT_FALSE(line->Has("all"));
}

TEST(CommandLineTest, AnOptionGivenTwiceIsAnErrorNotTheLastOneWinning) {
  auto line = Parse({"--filter", "level = \"county\"", "--filter", "report_year = 2021"});
  ASSERT_EQ(line.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(line.status().message().find("--filter is given twice; join conditions with AND"),
            std::string::npos)
      << line.status();
  EXPECT_FALSE(Parse({"--all", "--all"}).ok());
}

TEST(CommandLineTest, JsonOutputPrintsZerosSoThatZeroAndAbsentDiffer) {
  v1::Indicator indicator;
  indicator.set_id("litigation.cases");
  indicator.set_value(0);
  const std::string json = ToJson(indicator, false);
  EXPECT_NE(json.find("\"value\":0"), std::string::npos) << json;
  EXPECT_NE(json.find("\"suspect\":false"), std::string::npos) << json;
}

TEST(CommandLineTest, IntOptionRejectsText) {
  auto line = Parse({"--page-size", "ten"});
  ASSERT_TRUE(line.ok());
  EXPECT_FALSE(line->IntOption("page-size", 1).ok());
  EXPECT_EQ(*line->IntOption("other", 7), 7);
}

// Issue 19: settings' flags after the command name, as before it.
TEST(SplitSettingsFlagsTest, TakesSettingsFlagsOutWhereverTheyAre) {
  SplitArguments split = SplitSettingsFlags({"调解", "--query-addr", "10.0.0.5:50053", "--all",
                                             "--token=t0k", "--insecure-token", "--format", "json"},
                                            kOptions);
  EXPECT_EQ(split.settings_flags, (std::vector<std::string>{"--query-addr=10.0.0.5:50053",
                                                            "--token=t0k", "--insecure-token=1"}));
  EXPECT_EQ(split.command_args, (std::vector<std::string>{"调解", "--all", "--format", "json"}));
}

TEST(SplitSettingsFlagsTest, LeavesTheCommandsOwnOptionsAndWhatFollowsDoubleDash) {
  constexpr OptionSpec kWithTimeout[] = {
      {"token", "T", "a command option that shadows the setting"}};
  SplitArguments split =
      SplitSettingsFlags({"--token", "x", "--", "--query-addr", "h:1"}, kWithTimeout);
  EXPECT_TRUE(split.settings_flags.empty());
  EXPECT_EQ(split.command_args,
            (std::vector<std::string>{"--token", "x", "--", "--query-addr", "h:1"}));
}

TEST(SplitSettingsFlagsTest, AFlagWithoutItsValueIsLeftForSettingsToReport) {
  SplitArguments split = SplitSettingsFlags({"--all", "--query-addr"}, kOptions);
  EXPECT_EQ(split.settings_flags, std::vector<std::string>{"--query-addr"});
  EXPECT_EQ(split.command_args, std::vector<std::string>{"--all"});
}

}  // namespace
}  // namespace fazhi::cli
