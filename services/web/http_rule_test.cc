#include "services/web/http_rule.h"

#include <gtest/gtest.h>

namespace fazhi::web {
namespace {

PathTemplate Parsed(std::string_view text) {
  absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return *parsed;
}

TEST(PathTemplateTest, VariablesBindTheSegmentsTheyMatch) {
  PathTemplate report = Parsed("/v1/{name=reports/*}");
  EXPECT_EQ(report.Match("/v1/reports/0a1b2c3d4e5f6a7b"),
            (PathBindings{{"name", "reports/0a1b2c3d4e5f6a7b"}}));
  PathTemplate series = Parsed("/v1/indicators/{indicator_id}:series");
  EXPECT_EQ(series.Match("/v1/indicators/litigation.cases:series"),
            (PathBindings{{"indicator_id", "litigation.cases"}}));
}

TEST(PathTemplateTest, VerbsTellMethodsOnOneCollectionApart) {
  PathTemplate list = Parsed("/v1/reports");
  PathTemplate search = Parsed("/v1/reports:search");
  PathTemplate get = Parsed("/v1/{name=reports/*}");
  PathTemplate original = Parsed("/v1/{name=reports/*}:original");
  EXPECT_TRUE(list.Match("/v1/reports"));
  EXPECT_FALSE(list.Match("/v1/reports:search"));
  EXPECT_TRUE(search.Match("/v1/reports:search"));
  EXPECT_FALSE(search.Match("/v1/reports"));
  EXPECT_FALSE(get.Match("/v1/reports:search"));
  EXPECT_FALSE(get.Match("/v1/reports/abc:original")) << "the verb belongs to GetReportOriginal";
  EXPECT_EQ(original.Match("/v1/reports/abc:original"), (PathBindings{{"name", "reports/abc"}}));
}

TEST(PathTemplateTest, PathsOfAnotherShapeDoNotMatch) {
  PathTemplate get = Parsed("/v1/{name=reports/*}");
  EXPECT_FALSE(get.Match("/v1/reports/a/b"));
  EXPECT_FALSE(get.Match("/v1/reports/"));
  EXPECT_FALSE(get.Match("/v2/reports/a"));
  EXPECT_FALSE(get.Match("v1/reports/a"));
  EXPECT_FALSE(get.Match("/v1//a"));
}

TEST(PathTemplateTest, DoubleWildcardTakesTheRest) {
  PathTemplate files = Parsed("/v1/{path=files/**}");
  EXPECT_EQ(files.Match("/v1/files/a/b/c"), (PathBindings{{"path", "files/a/b/c"}}));
  EXPECT_FALSE(files.Match("/v1/other/a"));
}

TEST(PathTemplateTest, MalformedTemplatesAreRefusedWithTheReason) {
  for (std::string_view text :
       {"v1/reports", "/v1/{name=reports/*", "/v1//reports", "/v1/reports/", "/v1/**/tail"}) {
    absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(text);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
  }
}

}  // namespace
}  // namespace fazhi::web
