#include "cli/command_line.h"

#include <gtest/gtest.h>

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

TEST(CommandLineTest, IntOptionRejectsText) {
  auto line = CommandLine::Parse({"--page-size", "ten"}, {"page-size"});
  ASSERT_TRUE(line.ok());
  EXPECT_FALSE(line->IntOption("page-size", 1).ok());
  EXPECT_EQ(*line->IntOption("other", 7), 7);
}

}  // namespace
}  // namespace fazhi::cli
