#include "services/extraction/metadata/word_search.h"

#include <gtest/gtest.h>

#include <array>
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

TEST(WordSearchTest, FindsAnEmptyWordAtTheStart) { ExpectAsFind("abc", ""); }

TEST(WordSearchTest, ContainsAnyOfAListOrAnArray) {
  EXPECT_TRUE(ContainsAny("工作报告。", {"。", ";"}));
  EXPECT_FALSE(ContainsAny("工作报告", {"。", ";"}));
  constexpr std::array<std::string_view, 2> kWords = {"回顾", "总结"};
  EXPECT_TRUE(ContainsAny("一、2025年工作回顾", kWords));
}

}  // namespace
}  // namespace fazhi::extraction::metadata_search
