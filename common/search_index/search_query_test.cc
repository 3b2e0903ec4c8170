#include "common/search_index/search_query.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "common/search_index/gram_signature.h"

namespace fazhi::search_index {
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
  EXPECT_EQ(Parsed("\"法治"), "query: unterminated quoted phrase at column 1");
  EXPECT_EQ(Parsed(std::string(201, 'a')), "query: phrase longer than 200 characters at column 1");
}

std::string Token(std::string_view phrase) {
  return absl::StrCat(GramsOfPhrase(phrase).grams[0]);
}

TEST(PlanSearchTest, ShortPhrasesAreAnsweredByTheIndexAlone) {
  absl::StatusOr<SearchPlan> plan = PlanSearch("法 OR 法治 -府", 3);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->needs_verification);
  EXPECT_EQ(plan->condition, "g.grams @@ $3::query_int");
  EXPECT_EQ(plan->params[0],
            absl::StrCat("((", Token("法"), ")|((", Token("法治"), ")&!(", Token("府"), ")))"));
  EXPECT_EQ(plan->phrases, (std::vector<std::string>{"法", "法治"}));
  EXPECT_EQ(plan->condition_params, 1u);
  EXPECT_EQ(plan->params.size(), 3u);  // the phrases, for occurrences_sql
}

TEST(PlanSearchTest, LongPhrasesAreVerifiedWithStrpos) {
  absl::StatusOr<SearchPlan> plan = PlanSearch("依法行政 法", 1);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->needs_verification);
  EXPECT_EQ(plan->condition,
            "g.grams @@ $1::query_int AND (strpos(r.normalized_text, $2) > 0 AND "
            "strpos(r.normalized_text, $3) > 0)");
  EXPECT_EQ(plan->params, (std::vector<std::string>{plan->params[0], "依法行政", "法"}));
  EXPECT_EQ(plan->occurrences_sql.find("$4"), std::string::npos);  // phrases reuse their params
}

TEST(PlanSearchTest, NegatedLongPhraseCannotBeExcludedByTheIndex) {
  absl::StatusOr<SearchPlan> plan = PlanSearch("NOT 依法行政");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->condition, "NOT (strpos(r.normalized_text, $1) > 0)");
  EXPECT_TRUE(plan->phrases.empty());
  EXPECT_EQ(plan->occurrences_sql, "0::bigint");
}

}  // namespace
}  // namespace fazhi::search_index
