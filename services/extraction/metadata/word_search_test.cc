#include "services/extraction/metadata/word_search.h"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <string_view>

namespace fazhi::extraction::metadata_search {
namespace {

// FindWord must answer as std::string_view::find does: the first occurrence, or npos.
void ExpectAsFind(std::string_view text, std::string_view word) {
  EXPECT_EQ(FindWord(text, word), text.find(word)) << text << " / " << word;
}

TEST(WordSearchTest, FindsTheFirstOccurrenceAsFindDoes) {
  ExpectAsFind("现在，我代表南山区人民政府", "我代表");
  ExpectAsFind("我代表甲，我代表乙", "我代表");
  ExpectAsFind("当前位置：首页 > 新闻", "首页");
  ExpectAsFind("http://example.cn", "://");
  ExpectAsFind("aaab", "aab");  // a candidate that fails, then one that holds
}

TEST(WordSearchTest, MissesWordsThatAreAbsentOrLongerThanTheText) {
  ExpectAsFind("法治政府建设情况", "您的位置");
  ExpectAsFind("首", "首页");
  ExpectAsFind("", ">");
  // The last byte alone is no match: 页 ends in B5 as many characters do.
  ExpectAsFind("x页", "首页");
}

// Matches and near-misses at every place: in the sixteen-byte blocks, across their edges, in the
// tail after the last block, and at the text's very end.
TEST(WordSearchTest, AnswersAsFindAtEveryPlaceAndLength) {
  const std::array<std::string_view, 5> kWords = {"我代表", "代表", "表", "ab", "一二〇一"};
  // Pieces that share first or last bytes with the words: 我 E6 88 91, 戒 E6 88 92, 表 E8 A1 A8.
  const std::array<std::string_view, 7> kPieces = {"我", "戒", "代", "表", "a", "b", "一二〇"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t pieces = random() % 24;
    for (size_t i = 0; i < pieces; ++i) text += kPieces[random() % kPieces.size()];
    for (std::string_view word : kWords) ExpectAsFind(text, word);
  }
  for (size_t filler = 0; filler < 40; ++filler) {
    const std::string before(filler, 'x');
    ExpectAsFind(before + "我代表", "我代表");
    ExpectAsFind(before + "我代表" + before, "我代表");
    ExpectAsFind(before + "我代戒", "我代表");
  }
}

TEST(WordSearchTest, FindsAnEmptyWordAtTheStart) { ExpectAsFind("abc", ""); }

TEST(WordSearchTest, ContainsAnyOfAListOrAnArray) {
  EXPECT_TRUE(ContainsAny("工作报告。", {"。", ";"}));
  EXPECT_FALSE(ContainsAny("工作报告", {"。", ";"}));
  constexpr std::array<std::string_view, 2> kWords = {"回顾", "总结"};
  EXPECT_TRUE(ContainsAny("一、2025年工作回顾", kWords));
}

}  // namespace
}  // namespace fazhi::extraction::metadata_search
