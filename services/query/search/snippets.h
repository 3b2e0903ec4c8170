// Finds every occurrence of a phrase in a report's normalized text and cuts highlighted snippets
// around the first ones. Offsets are code points, as everywhere in the API, so a client can
// highlight the exact characters whatever its string encoding.
//
//   PhraseMatches matches = FindPhrase(text, "调解", {.max_snippets = 3, .context = 30});
//   // matches.count: occurrences; matches.snippets[0].highlights: [{begin, end}] in the snippet
#ifndef FAZHI_SERVICES_QUERY_SEARCH_SNIPPETS_H_
#define FAZHI_SERVICES_QUERY_SEARCH_SNIPPETS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi::query {

struct SnippetOptions {
  int max_snippets = 3;
  int context = 30;  // code points on each side of a match
};

struct TextRange {
  int64_t begin = 0;
  int64_t end = 0;
};

struct TextSnippet {
  std::string text;
  int64_t offset = 0;                 // start of the snippet in the whole text
  std::vector<TextRange> highlights;  // relative to the snippet's start
};

struct PhraseMatches {
  int64_t count = 0;  // non-overlapping occurrences
  std::vector<TextSnippet> snippets;
};

PhraseMatches FindPhrase(std::string_view text, std::string_view phrase, const SnippetOptions& options);

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SEARCH_SNIPPETS_H_
