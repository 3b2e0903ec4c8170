// Finds occurrences of a phrase in a report's normalized text and cuts highlighted snippets around
// the first ones. Offsets are code points, as everywhere in the API, so a client can highlight the
// exact characters whatever its string encoding.
//
//   PhraseMatches matches = FindPhrase(text, "调解", {.max_snippets = 3, .context = 30});
//   // matches.count: occurrences; matches.snippets[0].highlights: [{begin, end}] in the snippet
//
// A service need not hold the whole text: SnippetCutter takes windows of it, read around matches
// (the query service reads them with SQL substr), and cuts the same snippets FindPhrase would.
//
//   SnippetCutter cutter("调解", options);
//   while (!cutter.done()) {
//     // the first occurrence at or after cutter.search_from(), or none:
//     if (!found) { cutter.NoMoreMatches(); break; }
//     cutter.AddWindow({.text = substr(text, max(0, match - context), cutter.window_length()), ...});
//   }
//   cutter.snippets();
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

// A stretch of a text: `text` starts at code point `offset` of the whole; `at_end` when it reaches
// the whole text's end.
struct TextWindow {
  std::string_view text;
  int64_t offset = 0;
  bool at_end = false;
};

// Cuts a phrase's snippets from windows of a text, as FindPhrase does from the whole text.
// Occurrences are non-overlapping, found left to right: the search resumes after each match.
class SnippetCutter final {
 public:
  SnippetCutter(std::string phrase, SnippetOptions options);

  // Whether every snippet wanted is cut, or no occurrence is left.
  bool done() const { return done_; }
  // Code point where the next occurrence is to be looked for.
  int64_t search_from() const { return search_from_; }
  // Code points to read from `context` before the first occurrence at or after search_from():
  // enough for every snippet still wanted when the occurrences are close together.
  int64_t window_length() const;
  // The longest window_length() of this phrase and options (for budgeting).
  static int64_t MaxWindowLength(int64_t phrase_codepoints, const SnippetOptions& options);

  // A window starting at most `context` code points before the first occurrence at or after
  // search_from() (at 0 when that is nearer) and containing it. Cuts what snippets it can.
  void AddWindow(const TextWindow& window);
  // No occurrence at or after search_from().
  void NoMoreMatches() { done_ = true; }

  std::vector<TextSnippet>& snippets() { return snippets_; }

 private:
  std::string phrase_;
  int64_t phrase_length_ = 0;  // code points
  SnippetOptions options_;
  std::vector<TextSnippet> snippets_;
  int64_t search_from_ = 0;
  bool done_ = false;
};

}  // namespace fazhi::query

#endif  // FAZHI_SERVICES_QUERY_SEARCH_SNIPPETS_H_
