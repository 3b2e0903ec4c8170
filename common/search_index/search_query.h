// Full-text search queries over reports: AND / OR / NOT of phrases, parsed and planned into SQL
// that uses the gram signature index (table report_grams, alias `g`, joined to reports `r`).
//
//   absl::StatusOr<SearchPlan> plan = PlanSearch("行政复议 OR (调解 AND NOT 仲裁)", 3);
//   // plan->condition: "g.grams @@ $3::query_int AND (strpos(r.normalized_text, $4) > 0 OR ...)"
//   // plan->params:    {"(...)|(...&!...)", "行政复议", ...}; plan->phrases: {"行政复议", "调解"}
//
// Syntax: expr := term { OR term } ; term := factor { [AND] factor } ;
//         factor := NOT factor | "-" factor | "(" expr ")" | "quoted phrase" | bare phrase
// A bare phrase runs to the next space, parenthesis or quote; adjacent factors are ANDed.
// Phrases are matched as exact substrings of the normalized text after the normalizer's
// character folding (full-width ASCII to ASCII, ideographic space to space).
//
// Exactness: one- and two-character phrases are decided by the index alone; for longer ones the
// index yields candidates and strpos verifies them, so the plan never misses a match.
#ifndef FAZHI_COMMON_SEARCH_INDEX_SEARCH_QUERY_H_
#define FAZHI_COMMON_SEARCH_INDEX_SEARCH_QUERY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::search_index {

static constexpr int kMaxPhraseCodepoints = 200;
static constexpr int kMaxPhrases = 16;

struct QueryNode {
  enum class Kind { kPhrase, kAnd, kOr, kNot };
  Kind kind = Kind::kPhrase;
  std::string phrase;                               // kPhrase: folded UTF-8
  std::vector<std::unique_ptr<QueryNode>> children;  // kAnd, kOr: >= 2; kNot: 1
};

// INVALID_ARGUMENT naming the 1-based character column of the problem.
absl::StatusOr<std::unique_ptr<QueryNode>> ParseSearchQuery(std::string_view query);

struct SearchPlan {
  // SQL over `r` (reports) and `g` (report_grams joined on g.report_id = r.id), with
  // placeholders $first_param, $first_param+1, ... holding `params` in order.
  std::string condition;
  std::vector<std::string> params;
  // `condition` uses only the first condition_params of `params`; `occurrences_sql` may use all.
  size_t condition_params = 0;
  // Non-overlapping occurrences of the positive phrases in r.normalized_text: the rank.
  std::string occurrences_sql;
  // Phrases not under a NOT, distinct, in query order: what snippets highlight.
  std::vector<std::string> phrases;
  bool needs_verification = false;  // false: the index predicate alone is exact
};

absl::StatusOr<SearchPlan> PlanSearch(std::string_view query, int first_param = 1);

// Phrases not under a NOT, distinct, in query order: what ranks and highlights count.
std::vector<std::string> PositivePhrases(const QueryNode& root);

// The plan of a parsed query (exposed for tests and for callers that inspect the tree).
SearchPlan PlanQuery(const QueryNode& root, int first_param = 1);

}  // namespace fazhi::search_index

#endif  // FAZHI_COMMON_SEARCH_INDEX_SEARCH_QUERY_H_
