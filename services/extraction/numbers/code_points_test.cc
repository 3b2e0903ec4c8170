#include "services/extraction/numbers/code_points.h"

#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

TEST(CodePointsTest, DecodesMixedWidthTextIntoOneUnitPerCharacter) {
  const std::u32string text = DecodeUtf8("共95次，１０％");
  ASSERT_EQ(text.size(), 8u);
  EXPECT_EQ(text[0], U'共');
  EXPECT_EQ(text[1], U'9');
  EXPECT_EQ(text[5], U'１');
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

}  // namespace
}  // namespace fazhi::extraction
