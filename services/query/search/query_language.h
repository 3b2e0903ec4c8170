// The search query language of fazhi: AND / OR / NOT of phrases, parsed into a tree that the
// query service's in-memory phrase index (phrase_index.h, beside it) evaluates.
//
//   absl::StatusOr<std::unique_ptr<QueryNode>> root = ParseSearchQuery("行政复议 OR (调解 -仲裁)");
//   // OR(行政复议, AND(调解, NOT(仲裁))); PositivePhrases(**root) == {"行政复议", "调解"}
//
// Syntax: expr := term { OR term } ; term := factor { [AND] factor } ;
//         factor := NOT factor | "-" factor | "(" expr ")" | "quoted phrase" | bare phrase
// A bare phrase runs to the next space, parenthesis or quote; adjacent factors are ANDed.
// Phrases are matched as exact substrings of the normalized text, so they get the normalizer's
// character folding here (full-width ASCII to ASCII, ideographic space to space). Errors are
// INVALID_ARGUMENT and name the 1-based character column ("query: expected ')' at column 4").
//
// (It lived in common/search_index/ with a gram-signature index in PostgreSQL, table
// report_grams, which the phrase index replaced; migration 0005 drops the table.)
#ifndef FAZHI_SERVICES_QUERY_SEARCH_QUERY_LANGUAGE_H_
#define FAZHI_SERVICES_QUERY_SEARCH_QUERY_LANGUAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::query {

static constexpr int kMaxPhraseCodepoints = 200;  // per phrase
static constexpr int kMaxPhrases = 16;            // per query

struct QueryNode {
  enum class Kind { kPhrase, kAnd, kOr, kNot };
  Kind kind = Kind::kPhrase;
  std::string phrase;                                // kPhrase: folded UTF-8
  std::vector<std::unique_ptr<QueryNode>> children;  // kAnd, kOr: >= 2; kNot: 1
};

// INVALID_ARGUMENT naming the 1-based character column of the problem.
absl::StatusOr<std::unique_ptr<QueryNode>> ParseSearchQuery(std::string_view query);

// Phrases not under a NOT, distinct, in query order: what ranks and highlights count.
std::vector<std::string> PositivePhrases(const QueryNode& root);

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SEARCH_QUERY_LANGUAGE_H_
