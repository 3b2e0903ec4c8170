#include "services/query/search/snippets.h"

#include <gtest/gtest.h>

#include <random>

#include "common/text/utf8.h"

namespace fazhi::query {
namespace {

TEST(SnippetsTest, CountsEveryOccurrenceAndHighlightsInCodePoints) {
  std::string text = "全年调解纠纷705件,调解成功704件。";
  PhraseMatches matches = FindPhrase(text, "调解", {.max_snippets = 5, .context = 2});
  EXPECT_EQ(matches.count, 2);
  ASSERT_EQ(matches.snippets.size(), 2u);
  EXPECT_EQ(matches.snippets[0].offset, 0);
  EXPECT_EQ(matches.snippets[0].text, "全年调解纠纷");
  EXPECT_EQ(matches.snippets[0].highlights[0].begin, 2);
  EXPECT_EQ(matches.snippets[0].highlights[0].end, 4);
  EXPECT_EQ(matches.snippets[1].offset, 9);
  EXPECT_EQ(matches.snippets[1].text, "件,调解成功");
}

TEST(SnippetsTest, NearbyMatchesShareOneSnippet) {
  PhraseMatches matches = FindPhrase("法治法治法治", "法治", {.max_snippets = 3, .context = 4});
  EXPECT_EQ(matches.count, 3);
  ASSERT_EQ(matches.snippets.size(), 1u);
  EXPECT_EQ(matches.snippets[0].highlights.size(), 3u);
}

TEST(SnippetsTest, SingleCharacterPhraseAndSnippetLimit) {
  PhraseMatches matches = FindPhrase("法a法b法c法", "法", {.max_snippets = 2, .context = 0});
  EXPECT_EQ(matches.count, 4);
  EXPECT_EQ(matches.snippets.size(), 2u);
  EXPECT_EQ(matches.snippets[1].offset, 2);
  EXPECT_EQ(matches.snippets[1].text, "法");
}

TEST(SnippetsTest, NoMatchNoSnippet) {
  PhraseMatches matches = FindPhrase("行政复议", "诉讼", {});
  EXPECT_EQ(matches.count, 0);
  EXPECT_TRUE(matches.snippets.empty());
}

std::u32string Decode(std::string_view utf8) {
  std::u32string out;
  for (size_t at = 0; at < utf8.size();) {
    text::DecodedCodepoint decoded = text::DecodeCodepoint(utf8, at);
    out.push_back(decoded.codepoint);
    at += decoded.length;
  }
  return out;
}

std::string Encode(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) text::AppendUtf8(out, c);
  return out;
}

// Cuts snippets as the query service does: windows of `text` read around the occurrences (the
// reader's SQL: strpos from search_from(), substr of window_length() characters; a window shorter
// than asked for reaches the end).
std::vector<TextSnippet> CutFromWindows(const std::u32string& text, const std::string& phrase,
                                        const SnippetOptions& options, int* windows_read) {
  SnippetCutter cutter(phrase, options);
  std::u32string wanted = Decode(phrase);
  *windows_read = 0;
  while (!cutter.done()) {
    size_t match = text.find(wanted, cutter.search_from());
    if (match == std::u32string::npos) {
      cutter.NoMoreMatches();
      break;
    }
    size_t start = match > static_cast<size_t>(options.context) ? match - options.context : 0;
    std::u32string part = text.substr(start, cutter.window_length());
    std::string utf8 = Encode(part);
    cutter.AddWindow({.text = utf8,
                      .offset = static_cast<int64_t>(start),
                      .at_end = part.size() < static_cast<size_t>(cutter.window_length())});
    ++*windows_read;
  }
  return std::move(cutter.snippets());
}

void ExpectSameSnippets(const std::vector<TextSnippet>& got, const std::vector<TextSnippet>& want,
                        const std::string& about) {
  ASSERT_EQ(got.size(), want.size()) << about;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].text, want[i].text) << about << " snippet " << i;
    EXPECT_EQ(got[i].offset, want[i].offset) << about << " snippet " << i;
    ASSERT_EQ(got[i].highlights.size(), want[i].highlights.size()) << about << " snippet " << i;
    for (size_t h = 0; h < got[i].highlights.size(); ++h) {
      EXPECT_EQ(got[i].highlights[h].begin, want[i].highlights[h].begin) << about;
      EXPECT_EQ(got[i].highlights[h].end, want[i].highlights[h].end) << about;
    }
  }
}

TEST(SnippetCutterTest, WindowsAroundMatchesGiveTheWholeTextsSnippets) {
  std::mt19937 random(7);
  const std::u32string alphabet = U"法治a依b";
  const std::vector<std::string> phrases = {"法", "法治", "法法", "a法a", "依法治"};
  for (int round = 0; round < 3000; ++round) {
    std::u32string text(random() % 400, U' ');
    // Dense stretches and long gaps, so both one window and several rounds are exercised.
    const size_t letters = 1 + random() % alphabet.size();
    for (char32_t& c : text) c = random() % 8 == 0 ? alphabet[random() % letters] : U'x';
    const std::string& phrase = phrases[random() % phrases.size()];
    SnippetOptions options{.max_snippets = static_cast<int>(random() % 5),
                           .context = static_cast<int>(random() % 12)};
    int windows = 0;
    std::string utf8 = Encode(text);
    ExpectSameSnippets(CutFromWindows(text, phrase, options, &windows),
                       FindPhrase(utf8, phrase, options).snippets,
                       phrase + " in " + utf8 + " max " + std::to_string(options.max_snippets) +
                           " context " + std::to_string(options.context));
    EXPECT_LE(windows, 2 * options.max_snippets + 1);
    if (HasFailure()) return;
  }
}

TEST(SnippetCutterTest, DenseMatchesNeedOneBoundedWindow) {
  std::u32string text(100000, U'法');
  int windows = 0;
  SnippetOptions options{.max_snippets = 3, .context = 30};
  std::vector<TextSnippet> snippets = CutFromWindows(text, "法", options, &windows);
  EXPECT_EQ(windows, 1);
  ASSERT_EQ(snippets.size(), 3u);
  EXPECT_EQ(snippets[0].highlights.size(), 31u);  // every match within the context shares it
  EXPECT_EQ(snippets[2].offset, 32);
  EXPECT_EQ(SnippetCutter::MaxWindowLength(1, options), 3 * 61 + 1);
}

std::vector<std::string> Marked(const TextSnippet& snippet) {
  std::vector<std::string> marked;
  for (const TextRange& range : snippet.highlights) {
    marked.push_back(text::SubstrByCodepoints(snippet.text, range.begin, range.end));
  }
  return marked;
}

TEST(FindPhrasesTest, MarksEveryPhraseOfTheQueryWhereverItIsInASnippet) {
  std::vector<TextSnippet> snippets = FindPhrases(
      "行政复议和行政诉讼案件，复议纠错", {"复议", "诉讼"}, {.max_snippets = 1, .context = 10});
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(Marked(snippets[0]), (std::vector<std::string>{"复议", "诉讼", "复议"}));
}

TEST(FindPhrasesTest, PrefersAStretchHoldingSeveralPhrases) {
  // 复议 alone first; 复议 and 诉讼 together only far later.
  const std::string text =
      "复议" + std::string(200, 'x') + "诉讼" + std::string(200, 'y') + "复议诉讼";
  std::vector<TextSnippet> snippets =
      FindPhrases(text, {"复议", "诉讼"}, {.max_snippets = 1, .context = 3});
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_EQ(snippets[0].text, "yyy复议诉讼");
  EXPECT_EQ(Marked(snippets[0]), (std::vector<std::string>{"复议", "诉讼"}));
  EXPECT_EQ(snippets[0].offset, 2 + 200 + 2 + 200 - 3);
}

TEST(FindPhrasesTest, LeavesOutASnippetThatShowsNothingNew) {
  // 诉讼's snippet is the one 复议's already shows: the second snippet is the next 复议.
  const std::string text = "复议诉讼" + std::string(100, 'x') + "复议";
  std::vector<TextSnippet> snippets =
      FindPhrases(text, {"复议", "诉讼"}, {.max_snippets = 2, .context = 2});
  ASSERT_EQ(snippets.size(), 2u);
  EXPECT_EQ(snippets[0].text, "复议诉讼");
  EXPECT_EQ(snippets[1].text, "xx复议");
}

TEST(FindPhrasesTest, OverlappingPhrasesShareOneHighlight) {
  TextSnippet snippet{.text = "推进行政复议工作"};
  EXPECT_EQ(HighlightPhrases({"行政复议", "复议工作", "诉讼"}, &snippet), 2);
  EXPECT_EQ(Marked(snippet), (std::vector<std::string>{"行政复议工作"}));
}

}  // namespace
}  // namespace fazhi::query
