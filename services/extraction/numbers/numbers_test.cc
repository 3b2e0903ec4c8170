#include "services/extraction/numbers/numbers.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/text/code_points.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

double Parse(std::string_view text) {
  auto value = ParseChineseNumber(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(-1);
}

TEST(ParseChineseNumberTest, ReadsUnitsAndDigits) {
  EXPECT_EQ(Parse("一百二十三"), 123);
  EXPECT_EQ(Parse("两百"), 200);
  EXPECT_EQ(Parse("三千五百万"), 35000000);
  EXPECT_EQ(Parse("一万二千"), 12000);
  EXPECT_EQ(Parse("四亿五千六百四十二万零一十五"), 456420015);
}

TEST(ParseChineseNumberTest, ZeroFillsGapsWithoutElision) {
  EXPECT_EQ(Parse("两千零五"), 2005);
  EXPECT_EQ(Parse("一千零一"), 1001);
  EXPECT_EQ(Parse("五亿零六"), 500000006);
  EXPECT_EQ(Parse("零"), 0);
  EXPECT_EQ(Parse("〇"), 0);
}

TEST(ParseChineseNumberTest, LeadingTenNeedsNoOne) {
  EXPECT_EQ(Parse("十五"), 15);
  EXPECT_EQ(Parse("十"), 10);
}

TEST(ParseChineseNumberTest, TrailingDigitTakesTheElidedUnit) {
  EXPECT_EQ(Parse("两千四百五"), 2450);
  EXPECT_EQ(Parse("一万三"), 13000);
  EXPECT_EQ(Parse("九十二万四"), 924000);
}

TEST(ParseChineseNumberTest, ArabicDigitsWithMagnitudes) {
  EXPECT_EQ(Parse("1.5万"), 15000);
  EXPECT_EQ(Parse("3.6万"), 36000);
  EXPECT_EQ(Parse("12亿"), 1200000000);
  EXPECT_EQ(Parse("3万4000"), 34000);
  EXPECT_EQ(Parse("4.78万亿"), 4780000000000);
}

TEST(ParseChineseNumberTest, FullWidthDigitsAndThousandsSeparators) {
  EXPECT_EQ(Parse("1,234"), 1234);
  EXPECT_EQ(Parse("４，５６５"), 4565);
  EXPECT_DOUBLE_EQ(Parse("２．２"), 2.2);
  EXPECT_EQ(Parse("1,050,000,000"), 1050000000);
}

TEST(ParseChineseNumberTest, PointDecimalsAndHalf) {
  EXPECT_DOUBLE_EQ(Parse("三点五"), 3.5);
  EXPECT_DOUBLE_EQ(Parse("零点五"), 0.5);
  EXPECT_DOUBLE_EQ(Parse("两千万点五五四四"), 20000000.5544);
  EXPECT_DOUBLE_EQ(Parse("三点五万"), 35000);
  EXPECT_DOUBLE_EQ(Parse("半"), 0.5);
  EXPECT_EQ(Parse("半百"), 50);
}

TEST(ParseChineseNumberTest, PercentPrefixGivesPercentValueWithFlag) {
  auto match = ParseNumber("百分之八十五");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->value, 85);
  EXPECT_TRUE(match->percent);
  EXPECT_DOUBLE_EQ(Parse("千分之一"), 0.1);
  auto sign = ParseNumber("92.16%");
  ASSERT_TRUE(sign);
  EXPECT_TRUE(sign->percent);
  EXPECT_DOUBLE_EQ(sign->value, 92.16);
}

TEST(ParseChineseNumberTest, FractionsAndMixedNumbers) {
  EXPECT_NEAR(Parse("三分之一"), 1.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(Parse("一又二分之一"), 1.5);
  EXPECT_DOUBLE_EQ(Parse("一千分之一"), 0.001);
}

TEST(ParseChineseNumberTest, VagueMarkerBeforeMagnitudeIsApproximate) {
  auto match = ParseNumber("90多万");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->value, 900000);
  EXPECT_TRUE(match->approximate);
}

TEST(ParseChineseNumberTest, NegativeNumbers) {
  EXPECT_EQ(Parse("负三十二"), -32);
  EXPECT_EQ(Parse("-10000"), -10000);
}

TEST(ParseChineseNumberTest, RejectsWordsAndBareMagnitudes) {
  EXPECT_FALSE(ParseChineseNumber("万"));
  EXPECT_FALSE(ParseChineseNumber("百姓"));
  EXPECT_FALSE(ParseChineseNumber("两两"));
  EXPECT_FALSE(ParseChineseNumber("一切"));
  EXPECT_FALSE(ParseChineseNumber("123abc"));
}

TEST(ParseChineseNumberTest, ChineseDigitStringReadsDigitByDigit) {
  auto match = ParseNumber("二〇二一");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->value, 2021);
  EXPECT_TRUE(match->digit_string);
}

TEST(ScanNumbersTest, FindsSpansInCodePoints) {
  const std::u32string text = DecodeUtf8("共受理19件,办结率100%");
  auto found = ScanNumbers(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 19);
  EXPECT_EQ(found[0].begin, 3);
  EXPECT_EQ(found[0].end, 5);
  EXPECT_EQ(found[1].value, 100);
  EXPECT_TRUE(found[1].percent);
  EXPECT_EQ(found[1].begin, 10);
  EXPECT_EQ(found[1].end, 14);
}

TEST(ScanNumbersTest, SloganDigitsSplitWhereNoUnitJoinsThem) {
  auto found = ScanNumbers(DecodeUtf8("“十四五”规划"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 14);
  EXPECT_EQ(found[1].value, 5);
}

TEST(ScanNumbersTest, DecimalPointWithoutDigitEndsNumber) {
  auto found = ScanNumbers(DecodeUtf8("两百点两"));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].value, 200);
  EXPECT_EQ(found[1].value, 2);
}

TEST(ScanNumbersTest, CommaFollowedBySpaceIsNotAThousandsSeparator) {
  auto found = ScanNumbers(DecodeUtf8("1, 234, 567"));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[2].value, 567);
}

// Found by tests/integration/bad_input_test.cc: thousands of digits parsed to infinity, which
// was stored as a figure and an indicator value.
TEST(ParseChineseNumberTest, FiguresTooLongForADoubleAreNotNumbers) {
  EXPECT_FALSE(ParseChineseNumber(std::string(5000, '9')).has_value());
  std::string many_wan;
  for (int i = 0; i < 2000; ++i) many_wan += "亿";
  EXPECT_FALSE(ParseChineseNumber("一" + many_wan).has_value());
  std::u32string text = U"受理" + std::u32string(400, U'9') + U"件,办结12件";
  for (const NumberMatch& match : ScanNumbers(text)) EXPECT_TRUE(std::isfinite(match.value));
  std::optional<double> large = ParseChineseNumber("1" + std::string(300, '0'));
  ASSERT_TRUE(large.has_value());
  EXPECT_NEAR(*large / 1e300, 1.0, 1e-9);
}

TEST(ParseNumberTest, TenthsArePercentages) {
  auto rate = ParseNumber("八成");
  ASSERT_TRUE(rate.has_value());
  EXPECT_TRUE(rate->percent);
  EXPECT_TRUE(rate->tenths);
  EXPECT_EQ(rate->value, 80);
  EXPECT_EQ(Parse("七成五"), 75);
  EXPECT_EQ(Parse("三成半"), 35);
  EXPECT_EQ(Parse("半成"), 5);
  EXPECT_EQ(Parse("九折"), 90);
  EXPECT_EQ(Parse("七五折"), 75);
  EXPECT_EQ(Parse("75折"), 75);
  EXPECT_EQ(Parse("半折"), 50);
  EXPECT_DOUBLE_EQ(Parse("9.5成"), 95);
}

TEST(ScanNumbersTest, ChengAndZheInWordsAreNoRates) {
  const std::vector<NumberMatch> found = ScanNumbers(U"E3000成功首飞,第一成为,一成不变,1折合");
  for (const NumberMatch& match : found) EXPECT_FALSE(match.percent) << match.value;
  EXPECT_FALSE(ParseNumber("十折").value_or(NumberMatch{}).percent);
}

TEST(ScanNumbersTest, SlashFractionsOfSmallWholeNumbers) {
  const std::vector<NumberMatch> found = ScanNumbers(U"约占全国的1/4;缩短2/3");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_DOUBLE_EQ(found[0].value, 0.25);
  EXPECT_NEAR(found[1].value, 2.0 / 3, 1e-12);
  // Dates and periods are no fractions.
  for (const NumberMatch& match : ScanNumbers(U"2021/12/01 2020/2021学年"))
    EXPECT_GE(match.value, 1);
}

TEST(ScanNumbersTest, DottedRunsAreReadGroupByGroup) {
  const std::vector<NumberMatch> found = ScanNumbers(U"2222.2222.22222.222");
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].value, 2222);
  EXPECT_EQ(found[3].value, 222);
  EXPECT_DOUBLE_EQ(ScanNumbers(U"增长1.16岁").at(0).value, 1.16);
}

TEST(ScanNumbersTest, FullWidthCommaAfterAsciiDigitsSeparatesFigures) {
  EXPECT_EQ(ScanNumbers(U"$20，300美圆").size(), 2u);
  EXPECT_EQ(ScanNumbers(U"百分之９，９９９").at(0).value, 9999);
  EXPECT_EQ(ScanNumbers(U"1,234件").at(0).value, 1234);
}

TEST(ScanNumbersTest, UrlsAreSkipped) {
  EXPECT_TRUE(ScanNumbers(U"https://www.test.com/search?q=30%25%2020%").empty());
  EXPECT_EQ(ScanNumbers(U"见www.gov.cn/2021 共3件").size(), 1u);
}

TEST(NumbersTest, DecimalsAreCorrectlyRounded) {
  EXPECT_EQ(ParseChineseNumber("1.64"), 1.64);
  EXPECT_EQ(ParseChineseNumber("2.28"), 2.28);
  EXPECT_EQ(ParseChineseNumber("17.33亿"), 1733000000.0);
}

TEST(NumbersTest, RoundToWrittenPrecisionDropsTheScalingNoise) {
  EXPECT_EQ(RoundToWrittenPrecision(17.33 * 1e8, 2, 1e8), 1733000000.0);
  EXPECT_EQ(RoundToWrittenPrecision(5.69 * 1e4, 2, 1e4), 56900.0);
  EXPECT_EQ(RoundToWrittenPrecision(1.234 * 1e2, 3, 1e2), 123.4);
  EXPECT_EQ(RoundToWrittenPrecision(0.1 + 0.2, 1, 1), 0.3);
  // A scale that is no power of ten leaves the value alone.
  EXPECT_EQ(RoundToWrittenPrecision(1.0 / 3, 2, 3), 1.0 / 3);
}

// The scanners test every character against this set instead of IsDigit and IsChineseNumeral:
// it must hold exactly the characters they accept, or a figure would be skipped or a scan slowed.
TEST(BmpCharSetTest, DigitsAndNumeralsAreExactlyTheFigureStarts) {
  const BmpCharSet starts = BmpCharSet::DigitsAndNumerals();
  for (char32_t c = 0; c < 0x10000; ++c) {
    ASSERT_EQ(starts.Contains(c), text::IsDigit(c) || IsChineseNumeral(c))
        << "U+" << std::hex << uint32_t{c};
  }
  EXPECT_TRUE(starts.Contains(U'３'));
  EXPECT_TRUE(starts.Contains(U'两'));
  EXPECT_FALSE(starts.Contains(U'年'));
  EXPECT_FALSE(starts.Contains(U'\U00020000'));  // beyond the BMP: never a member
}

TEST(BmpCharSetTest, AddedCharactersAreMembersAndOthersAreNot) {
  BmpCharSet set;
  set.Add(U'今');
  set.Add(U'\U00020000');  // beyond the BMP: ignored
  EXPECT_TRUE(set.Contains(U'今'));
  EXPECT_FALSE(set.Contains(U'令'));
  EXPECT_FALSE(set.Contains(U'1'));
  EXPECT_FALSE(set.Contains(U'\U00020000'));
}

}  // namespace
}  // namespace fazhi::extraction
