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

TEST(CodePointsTest, FullWidthDigitsAreDigits) {
  EXPECT_TRUE(IsDigit(U'７'));
  EXPECT_EQ(DigitValue(U'７'), 7);
  EXPECT_FALSE(IsDigit(U'七'));
  EXPECT_TRUE(IsHan(U'七'));
}

}  // namespace
}  // namespace fazhi::extraction
