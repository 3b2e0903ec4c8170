#include "common/text/code_points.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace fazhi::text {
namespace {

TEST(CodePointsTest, DecodesMixedWidthTextIntoOneUnitPerCharacter) {
  const std::u32string text = DecodeUtf8("共95次，１０％");
  ASSERT_EQ(text.size(), 8u);
  EXPECT_EQ(text[0], U'共');
  EXPECT_EQ(text[1], U'9');
  EXPECT_EQ(text[5], U'１');
}

TEST(CodePointsTest, FindCodePointFindsEachOccurrenceFromWhereItIsAsked) {
  const std::u32string text = U"第一行\n第二行𠀀\n\n末";
  EXPECT_EQ(FindCodePoint(text, U'\n'), 3u);
  EXPECT_EQ(FindCodePoint(text, U'\n', 4), 8u);
  EXPECT_EQ(FindCodePoint(text, U'\n', 9), 9u);
  EXPECT_EQ(FindCodePoint(text, U'𠀀'), 7u);
  EXPECT_EQ(FindCodePoint(text, U'末', 11), std::u32string_view::npos);
  EXPECT_EQ(FindCodePoint(text, U'无'), std::u32string_view::npos);
  EXPECT_EQ(FindCodePoint(U"", U'\n'), std::u32string_view::npos);
}

TEST(CodePointsTest, EncodeInvertsDecode) {
  const std::string utf8 = "《民法典》 ⠂ 𠀀 abc";
  EXPECT_EQ(EncodeUtf8(DecodeUtf8(utf8)), utf8);
}

TEST(CodePointsTest, InvalidByteBecomesOneReplacementCharacter) {
  const std::u32string text = DecodeUtf8(std::string("a\xFF") + "b");
  EXPECT_EQ(text, U"a\uFFFDb");
}

TEST(CodePointsTest, StrayContinuationBytesEachBecomeAReplacementCharacter) {
  // More code points than bytes that start a character: the decoder's buffer must grow.
  const std::u32string text = DecodeUtf8(std::string("\x80\x80共\xBF"));
  EXPECT_EQ(text, U"\uFFFD\uFFFD共\uFFFD");
}

TEST(CodePointsTest, OverlongAndSurrogateFormsAreInvalidAsInCodepointIndex) {
  // "\xC0\xAF" is an overlong '/', "\xED\xA0\x80" the surrogate U+D800: one U+FFFD per byte.
  EXPECT_EQ(DecodeUtf8(std::string("a\xC0\xAF")), U"a\uFFFD\uFFFD");
  EXPECT_EQ(DecodeUtf8(std::string("\xED\xA0\x80")), U"\uFFFD\uFFFD\uFFFD");
}

TEST(CodePointsTest, CharFilterHoldsWhatWasAdded) {
  CharFilter filter;
  EXPECT_FALSE(filter.MayContain(U'今'));
  filter.Add(U'今');
  EXPECT_TRUE(filter.MayContain(U'今'));
  filter.AddAll();
  EXPECT_TRUE(filter.MayContain(U'的'));
}

TEST(CodePointsTest, FullWidthDigitsAreDigits) {
  EXPECT_TRUE(IsDigit(U'７'));
  EXPECT_EQ(DigitValue(U'７'), 7);
  EXPECT_FALSE(IsDigit(U'七'));
  EXPECT_TRUE(IsHan(U'七'));
}

// ScanFrom reads exactly where stepping through every position would: at each position that may
// start and is not inside what the read before consumed, across block ends and at the last one.
TEST(CodePointsTest, ScanFromReadsWhereAStepwiseScanWould) {
  std::mt19937 random(7);
  std::u32string text;
  for (int i = 0; i < 3000; ++i) text += random() % 5 == 0 ? U'1' : U'的';
  text += U'1';
  const auto may_start = [](char32_t c) { return c == U'1'; };
  // A read consumes a varying stretch (1 to 40 characters), often across a block's end.
  const auto consumed = [](size_t pos) { return pos + 1 + (pos * 7919) % 40; };
  std::vector<size_t> stepwise;
  for (size_t pos = 0; pos < text.size();) {
    if (!may_start(text[pos])) {
      ++pos;
      continue;
    }
    stepwise.push_back(pos);
    pos = consumed(pos);
  }
  std::vector<size_t> scanned;
  ScanFrom(
      text.size(), [&](size_t pos) { return may_start(text[pos]); },
      [&](size_t pos) {
        scanned.push_back(pos);
        return consumed(pos);
      });
  EXPECT_EQ(scanned, stepwise);
  EXPECT_GT(scanned.size(), 50u);
  EXPECT_TRUE(std::any_of(stepwise.begin(), stepwise.end(), [&](size_t pos) {
    return pos / 256 != consumed(pos) / 256;
  })) << "no read consumed past a block's end";
}

}  // namespace
}  // namespace fazhi::text
