#include "services/query/search/snippets.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

// Non-overlapping occurrences, counted left to right.
int64_t CountOccurrences(std::string_view text, std::string_view phrase) {
  int64_t count = 0;
  if (phrase.empty()) return count;
  for (size_t at = text.find(phrase); at != std::string_view::npos;
       at = text.find(phrase, at + phrase.size())) {
    ++count;
  }
  return count;
}

}  // namespace

PhraseMatches FindPhrase(std::string_view text, std::string_view phrase,
                         const SnippetOptions& options) {
  PhraseMatches result;
  result.count = CountOccurrences(text, phrase);
  SnippetCutter cutter(std::string(phrase), options);
  cutter.AddWindow({.text = text, .offset = 0, .at_end = true});
  result.snippets = std::move(cutter.snippets());
  return result;
}

int HighlightPhrases(const std::vector<std::string>& phrases, TextSnippet* snippet) {
  const std::string_view text = snippet->text;
  text::CodepointIndex index(text);
  std::vector<TextRange> ranges;
  int present = 0;
  for (const std::string& phrase : phrases) {
    if (phrase.empty()) continue;
    size_t at = text.find(phrase);
    present += at != std::string_view::npos;
    for (; at != std::string_view::npos; at = text.find(phrase, at + phrase.size())) {
      ranges.push_back({index.ToCodepoint(at), index.ToCodepoint(at + phrase.size())});
    }
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const TextRange& a, const TextRange& b) { return a.begin < b.begin; });
  snippet->highlights.clear();
  for (const TextRange& range : ranges) {
    if (!snippet->highlights.empty() && range.begin < snippet->highlights.back().end) {
      snippet->highlights.back().end = std::max(snippet->highlights.back().end, range.end);
    } else {
      snippet->highlights.push_back(range);
    }
  }
  return present;
}

std::vector<TextSnippet> SelectSnippets(std::vector<TextSnippet> candidates,
                                        const std::vector<std::string>& phrases, int max_snippets) {
  std::vector<std::pair<int, size_t>> order;  // (phrases present, candidate index)
  for (size_t i = 0; i < candidates.size(); ++i) {
    order.push_back({HighlightPhrases(phrases, &candidates[i]), i});
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<TextSnippet> kept;
  std::set<std::pair<int64_t, int64_t>> shown;  // highlights kept, in the whole text's code points
  for (const auto& [present, i] : order) {
    if (static_cast<int>(kept.size()) >= max_snippets) break;
    TextSnippet& candidate = candidates[i];
    const bool adds = std::any_of(
        candidate.highlights.begin(), candidate.highlights.end(), [&](const TextRange& range) {
          return !shown.contains({candidate.offset + range.begin, candidate.offset + range.end});
        });
    if (!adds) continue;
    for (const TextRange& range : candidate.highlights) {
      shown.insert({candidate.offset + range.begin, candidate.offset + range.end});
    }
    kept.push_back(std::move(candidate));
  }
  return kept;
}

SnippetOptions CandidateOptions(const SnippetOptions& options, size_t phrases) {
  SnippetOptions candidates = options;
  if (phrases > 1) candidates.max_snippets *= 2;
  return candidates;
}

std::vector<TextSnippet> FindPhrases(std::string_view text, const std::vector<std::string>& phrases,
                                     const SnippetOptions& options) {
  std::vector<TextSnippet> candidates;
  const SnippetOptions candidate_options = CandidateOptions(options, phrases.size());
  for (const std::string& phrase : phrases) {
    for (TextSnippet& snippet : FindPhrase(text, phrase, candidate_options).snippets) {
      candidates.push_back(std::move(snippet));
    }
  }
  return SelectSnippets(std::move(candidates), phrases, options.max_snippets);
}

SnippetCutter::SnippetCutter(std::string phrase, SnippetOptions options)
    : phrase_(std::move(phrase)),
      phrase_length_(text::CountCodepoints(phrase_)),
      options_(options),
      done_(phrase_.empty() || options.max_snippets <= 0) {}

int64_t SnippetCutter::MaxWindowLength(int64_t phrase_codepoints, const SnippetOptions& options) {
  // Snippet k+1 ends at most context + phrase length after snippet k (its match starts before k's
  // end when the occurrences are close), so this covers them all; the last `+ phrase` lets an
  // occurrence straddling a snippet's end be seen whole.
  return std::max(options.max_snippets, 1) * (2 * options.context + phrase_codepoints) +
         phrase_codepoints;
}

int64_t SnippetCutter::window_length() const {
  SnippetOptions remaining = options_;
  remaining.max_snippets -= static_cast<int>(snippets_.size());
  return MaxWindowLength(phrase_length_, remaining);
}

void SnippetCutter::AddWindow(const TextWindow& window) {
  if (done_) return;
  text::CodepointIndex index(window.text);
  const int64_t window_end = window.offset + index.size();
  // The first occurrence at or after code point `from` inside the window, or -1.
  auto find = [&](int64_t from) -> int64_t {
    size_t at = window.text.find(phrase_, index.ToByte(from - window.offset));
    return at == std::string_view::npos ? -1 : window.offset + index.ToCodepoint(at);
  };
  const auto wanted = static_cast<size_t>(options_.max_snippets);
  int64_t next = find(std::max(search_from_, window.offset));
  while (next >= 0 && snippets_.size() < wanted) {
    const int64_t begin = std::max<int64_t>(0, next - options_.context);
    int64_t end = next + phrase_length_ + options_.context;
    if (end > window_end || begin < window.offset) {
      if (!window.at_end || begin < window.offset) {
        search_from_ = next;  // the snippet runs past this window: read one starting there
        return;
      }
      end = window_end;
    }
    TextSnippet snippet;
    snippet.offset = begin;
    // Occurrences close enough to share the window are highlighted in the same snippet.
    int64_t match = next;
    for (; match >= 0 && match + phrase_length_ <= end; match = find(search_from_)) {
      snippet.highlights.push_back({match - begin, match + phrase_length_ - begin});
      search_from_ = match + phrase_length_;
    }
    const size_t first_byte = index.ToByte(begin - window.offset);
    snippet.text =
        std::string(window.text.substr(first_byte, index.ToByte(end - window.offset) - first_byte));
    snippets_.push_back(std::move(snippet));
    next = match;
  }
  if (snippets_.size() >= wanted || window.at_end) {
    done_ = true;
    return;
  }
  // None left in the window: one may straddle its end.
  search_from_ = std::max(search_from_, window_end - phrase_length_ + 1);
}

}  // namespace fazhi::query
