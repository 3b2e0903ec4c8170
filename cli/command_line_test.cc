#include "cli/command_line.h"

#include <gtest/gtest.h>

#include "cli/output.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi::cli {
namespace {

TEST(CommandLineTest, SeparatesPositionalArgumentsFromOptions) {
  auto line = CommandLine::Parse({"调解", "--filter", "level = \"county\"", "--format=json", "--all"},
                                 {"filter", "format"}, {"all"});
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(line->positional(), std::vector<std::string>{"调解"});
  EXPECT_EQ(line->Option("filter"), "level = \"county\"");
  EXPECT_EQ(line->Option("format"), "json");
  EXPECT_TRUE(line->Has("all"));
}

TEST(CommandLineTest, UnknownOptionAndMissingValueAreErrors) {
  EXPECT_FALSE(CommandLine::Parse({"--nope"}, {"format"}).ok());
  EXPECT_FALSE(CommandLine::Parse({"--format"}, {"format"}).ok());
  EXPECT_FALSE(CommandLine::Parse({"--all=yes"}, {}, {"all"}).ok());
}

TEST(CommandLineTest, AnOptionGivenTwiceIsAnErrorNotTheLastOneWinning) {
  auto line = CommandLine::Parse({"--filter", "level = \"county\"", "--filter", "report_year = 2021"},
                                 {"filter"});
  ASSERT_EQ(line.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(line.status().message().find("--filter is given twice; join conditions with AND"),
            std::string::npos)
      << line.status();
  EXPECT_FALSE(CommandLine::Parse({"--all", "--all"}, {}, {"all"}).ok());
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
  auto line = CommandLine::Parse({"--page-size", "ten"}, {"page-size"});
  ASSERT_TRUE(line.ok());
  EXPECT_FALSE(line->IntOption("page-size", 1).ok());
  EXPECT_EQ(*line->IntOption("other", 7), 7);
}

}  // namespace
}  // namespace fazhi::cli
