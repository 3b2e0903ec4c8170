#include "services/extraction/citations/citations.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/text/code_points.h"
#include "services/extraction/citations/citation_words.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::EncodeUtf8;
using text::IsSpace;

namespace words = citation_words;

// A title longer than this, or one broken by a line end, is a stray bracket, not a citation.
constexpr size_t kMaxTitleLength = 200;

bool IsTrimmable(char32_t c) { return IsSpace(c) || c == U'\n' || c == U'\r'; }

// Position of the 》 closing the 《 at `open`, counting nested 《》; npos when unmatched.
size_t ClosingBracket(std::u32string_view text, size_t open) {
  int depth = 0;
  for (size_t i = open; i < text.size() && i - open <= kMaxTitleLength; ++i) {
    if (text[i] == U'\n') return std::u32string_view::npos;
    if (text[i] == U'《') ++depth;
    if (text[i] == U'》' && --depth == 0) return i;
  }
  return std::u32string_view::npos;
}

// "隆阳区法治政府建设实施纲要(2021—2025年)" -> "隆阳区法治政府建设实施纲要": drops trailing
// parentheticals ("(试行)", years) that say nothing about the kind.
std::u32string_view WithoutTrailingParentheses(std::u32string_view title) {
  while (!title.empty() && (title.back() == U')' || title.back() == U'）')) {
    const size_t open = title.find_last_of(U"(（");
    if (open == std::u32string_view::npos || open == 0) break;
    title = title.substr(0, open);
  }
  return title;
}

static_assert(std::all_of(words::kKindEndings.begin(), words::kKindEndings.end(),
                          [](const words::KindEnding& e) { return !e.ending.empty(); }),
              "KindOf compares an ending's last character first");

std::string_view KindOf(std::u32string_view title, bool decree_number_follows) {
  const std::u32string_view core = WithoutTrailingParentheses(title);
  for (const words::KindEnding& ending : words::kKindEndings) {
    // The last characters differ for nearly every ending: compared before the whole ending.
    if (!core.empty() && core.back() != ending.ending.back()) continue;
    if (!core.ends_with(ending.ending)) continue;
    if (ending.kind == "rule" && !decree_number_follows &&
        core.find(words::kAboutWord) != core.npos) {
      return "normative_document";
    }
    return ending.kind;
  }
  return decree_number_follows ? "rule" : "other";
}

// "(省政府令第188-1号)" right after the title marks a rule issued by decree.
bool DecreeNumberFollows(std::u32string_view text, size_t close) {
  const size_t after = close + 1;
  if (after >= text.size() || (text[after] != U'(' && text[after] != U'（')) return false;
  const size_t end = text.find_first_of(U")）", after);
  if (end == std::u32string_view::npos || end - after > 20) return false;
  return text.substr(after, end - after).find(words::kDecreeMark) != std::u32string_view::npos;
}

// Below this many citations a new title is compared with each kept one: most reports cite a
// dozen titles, where hashing and copying each cost more than the comparisons.
constexpr size_t kHashedFrom = 32;

// Whether `title` is none of the kept citations' titles. From kHashedFrom citations on they are
// also kept in `seen` (a long document repeats its titles), which then takes `title` too.
bool IsNewTitle(const std::string& title, const std::vector<Citation>& citations,
                absl::flat_hash_set<std::string>& seen) {
  if (citations.size() < kHashedFrom) {
    return std::none_of(citations.begin(), citations.end(),
                        [&](const Citation& c) { return c.title == title; });
  }
  if (seen.empty()) {
    for (const Citation& c : citations) seen.insert(c.title);
  }
  return seen.insert(title).second;
}

}  // namespace

std::string_view CitationKind(std::string_view title, bool decree_number_follows) {
  return KindOf(DecodeUtf8(title), decree_number_follows);
}

std::vector<Citation> RecognizeCitations(std::string_view normalized_text) {
  return RecognizeCitations(std::u32string_view(DecodeUtf8(normalized_text)));
}

std::vector<Citation> RecognizeCitations(std::u32string_view text) {
  std::vector<Citation> citations;
  absl::flat_hash_set<std::string> seen;  // see IsNewTitle
  size_t pos = 0;
  while ((pos = text::FindCodePoint(text, U'《', pos)) != std::u32string::npos) {
    const size_t close = ClosingBracket(text, pos);
    if (close == std::u32string::npos) {
      ++pos;
      continue;
    }
    size_t begin = pos + 1;
    size_t end = close;
    while (begin < end && IsTrimmable(text[begin])) ++begin;
    while (end > begin && IsTrimmable(text[end - 1])) --end;
    const std::u32string_view title(text.data() + begin, end - begin);
    std::string utf8 = EncodeUtf8(title);
    if (!title.empty() && IsNewTitle(utf8, citations, seen)) {
      citations.push_back({std::move(utf8),
                           std::string(KindOf(title, DecreeNumberFollows(text, close))),
                           {static_cast<int64_t>(begin), static_cast<int64_t>(end)}});
    }
    pos = close + 1;
  }
  return citations;
}

}  // namespace fazhi::extraction
