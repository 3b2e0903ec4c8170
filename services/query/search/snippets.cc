#include "services/query/search/snippets.h"

#include <algorithm>

#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

// Matches in code points, all of them, non-overlapping.
std::vector<TextRange> Occurrences(std::string_view text, std::string_view phrase,
                                   const text::CodepointIndex& index) {
  std::vector<TextRange> ranges;
  if (phrase.empty()) return ranges;
  for (size_t at = text.find(phrase); at != std::string_view::npos;
       at = text.find(phrase, at + phrase.size())) {
    ranges.push_back({index.ToCodepoint(at), index.ToCodepoint(at + phrase.size())});
  }
  return ranges;
}

}  // namespace

PhraseMatches FindPhrase(std::string_view text, std::string_view phrase,
                         const SnippetOptions& options) {
  text::CodepointIndex index(text);
  std::vector<TextRange> matches = Occurrences(text, phrase, index);
  PhraseMatches result;
  result.count = static_cast<int64_t>(matches.size());
  const int64_t length = index.size();
  for (size_t i = 0; i < matches.size() && result.snippets.size() < static_cast<size_t>(options.max_snippets);) {
    int64_t begin = std::max<int64_t>(0, matches[i].begin - options.context);
    int64_t end = std::min(length, matches[i].end + options.context);
    TextSnippet snippet;
    snippet.offset = begin;
    // Matches close enough to share the window are highlighted in the same snippet.
    for (; i < matches.size() && matches[i].end <= end; ++i) {
      snippet.highlights.push_back({matches[i].begin - begin, matches[i].end - begin});
    }
    snippet.text = std::string(text.substr(index.ToByte(begin), index.ToByte(end) - index.ToByte(begin)));
    result.snippets.push_back(std::move(snippet));
  }
  return result;
}

}  // namespace fazhi::query
