#include "services/query/search/query_language.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace fazhi::query {
namespace {

std::string Tree(const QueryNode& node) {
  switch (node.kind) {
    case QueryNode::Kind::kPhrase:
      return node.phrase;
    case QueryNode::Kind::kNot:
      return absl::StrCat("NOT(", Tree(*node.children[0]), ")");
    default: {
      std::string out = node.kind == QueryNode::Kind::kAnd ? "AND(" : "OR(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        absl::StrAppend(&out, i ? "," : "", Tree(*node.children[i]));
      }
      return out + ")";
    }
  }
}

std::string Parsed(std::string_view query) {
  absl::StatusOr<std::unique_ptr<QueryNode>> root = ParseSearchQuery(query);
  if (!root.ok()) return std::string(root.status().message());
  return Tree(**root);
}

TEST(ParseSearchQueryTest, AndBindsTighterThanOrAndAdjacentPhrasesAreAnded) {
  EXPECT_EQ(Parsed("行政复议 调解 OR 仲裁"), "OR(AND(行政复议,调解),仲裁)");
  EXPECT_EQ(Parsed("行政复议 AND (调解 OR 仲裁)"), "AND(行政复议,OR(调解,仲裁))");
  EXPECT_EQ(Parsed("法 NOT 治 -\"政 府\""), "AND(法,NOT(治),NOT(政 府))");
}

TEST(ParseSearchQueryTest, FoldsFullWidthFormsAsTheNormalizerDoes) {
  EXPECT_EQ(Parsed("（一）"), "(一)");
  EXPECT_EQ(Parsed("\"ＡＢ　1\""), "AB 1");
}

TEST(ParseSearchQueryTest, ErrorsNameTheColumn) {
  EXPECT_EQ(Parsed(""), "query: empty query at column 1");
  EXPECT_EQ(Parsed("法治 AND"), "query: unexpected end of query at column 7");
  EXPECT_EQ(Parsed("(法治"), "query: expected ')' at column 4");
  EXPECT_EQ(Parsed("法治)"), "query: unexpected ')' at column 3");
  EXPECT_EQ(Parsed("\"法治"), "query: unterminated string at column 1");
  EXPECT_EQ(Parsed("\"依法 \\\"行政\\\"\""), "依法 \"行政\"") << "escaped quotes, as in filters";
  EXPECT_EQ(Parsed(std::string(201, 'a')), "query: phrase longer than 200 characters at column 1");
}

TEST(ParseSearchQueryTest, LowercaseOperatorsAreRefusedNotSearchedAsPhrases) {
  for (std::string_view query : {"调解 or 仲裁", "调解 and 仲裁", "not 仲裁", "调解 Or 仲裁"}) {
    absl::StatusOr<std::unique_ptr<QueryNode>> parsed = ParseSearchQuery(query);
    ASSERT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << query;
    EXPECT_NE(parsed.status().message().find("is not an operator"), std::string::npos) << query;
  }
  EXPECT_TRUE(ParseSearchQuery("调解 \"or\"").ok()) << "quoted, the word is searched";
  EXPECT_TRUE(ParseSearchQuery("调解 OR 仲裁 order").ok()) << "only the whole word";
}

TEST(ParseSearchQueryTest, RefusesMoreThanTheMaximumNumberOfPhrases) {
  std::string query;
  for (int i = 0; i <= kMaxPhrases; ++i) absl::StrAppend(&query, i ? " " : "", "p", i);
  EXPECT_EQ(Parsed(query),
            absl::StrCat("query: more than 16 phrases at column ", query.size() - 2));
}

std::vector<std::string> Positive(std::string_view query) {
  absl::StatusOr<std::unique_ptr<QueryNode>> root = ParseSearchQuery(query);
  EXPECT_TRUE(root.ok()) << root.status();
  return root.ok() ? PositivePhrases(**root) : std::vector<std::string>{};
}

TEST(PositivePhrasesTest, KeepsQueryOrderAndDropsRepeatsAndNegatedPhrases) {
  EXPECT_EQ(Positive("法 OR 法治 -府 法"), (std::vector<std::string>{"法", "法治"}));
  EXPECT_EQ(Positive("NOT (调解 OR -仲裁) 复议"), (std::vector<std::string>{"仲裁", "复议"}));
  EXPECT_TRUE(Positive("NOT 依法行政").empty());
}

}  // namespace
}  // namespace fazhi::query
