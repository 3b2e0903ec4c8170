#include "services/query/search/snippets.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace fazhi::query
