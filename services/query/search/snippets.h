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
//     cutter.AddWindow({.text = substr(text, max(0, match - context), cutter.window_length()),
//     ...});
//   }
//   cutter.snippets();
//
// A query of several phrases gets each phrase's snippets as candidates; SelectSnippets keeps the
// ones holding the most of the phrases and marks every phrase in each (FindPhrases does it all
// from a whole text):
//
//   std::vector<TextSnippet> snippets = FindPhrases(text, {"复议", "诉讼"}, options);
//   // snippets[0]: a stretch with both phrases when there is one, both highlighted
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

PhraseMatches FindPhrase(std::string_view text, std::string_view phrase,
                         const SnippetOptions& options);

// Replaces the snippet's highlights with every occurrence of every phrase in its text (each
// phrase's non-overlapping occurrences left to right; where two phrases overlap, one range
// covering both), in order. Returns how many of the phrases occur in it.
int HighlightPhrases(const std::vector<std::string>& phrases, TextSnippet* snippet);

// Up to `max_snippets` of `candidates` (each phrase's snippets in turn), every phrase highlighted
// in each: those holding more of the phrases first, else in the candidates' order. A candidate
// whose highlights all appear in a snippet already kept adds nothing and is left out.
std::vector<TextSnippet> SelectSnippets(std::vector<TextSnippet> candidates,
                                        const std::vector<std::string>& phrases, int max_snippets);

// The options each phrase's candidate snippets are cut with: with several phrases, twice the
// snippets wanted, so that a stretch holding several phrases has a chance to be among them
// (only the first occurrences of each phrase are looked at: a bounded read per report).
SnippetOptions CandidateOptions(const SnippetOptions& options, size_t phrases);

// The snippets of a query's phrases in a whole text: each phrase's candidates as FindPhrase cuts
// them (with CandidateOptions), then SelectSnippets.
std::vector<TextSnippet> FindPhrases(std::string_view text, const std::vector<std::string>& phrases,
                                     const SnippetOptions& options);

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
