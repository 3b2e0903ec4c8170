#include "common/text/shortest_decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>

namespace fazhi::text {
namespace {

TEST(ShortestDecimalTest, WritesTheDecimalAPersonTypedWithoutBinaryNoise) {
  EXPECT_EQ(ShortestDecimal(27.42), "27.42");
  EXPECT_EQ(ShortestDecimal(99.9), "99.9");
  EXPECT_EQ(ShortestDecimal(0.875), "0.875");
  EXPECT_EQ(ShortestDecimal(-3.5), "-3.5");
}

TEST(ShortestDecimalTest, WritesLargeCountsWholeNotInSixDigitScientific) {
  EXPECT_EQ(ShortestDecimal(1234567), "1234567");
  EXPECT_EQ(ShortestDecimal(35000000000), "35000000000");
  EXPECT_EQ(ShortestDecimal(12), "12");
}

TEST(ShortestDecimalTest, KeepsTheDigitsThatTellADifferentDoubleApart) {
  EXPECT_EQ(ShortestDecimal(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(ShortestDecimal(27.419999999999998), "27.419999999999998");
}

TEST(ShortestDecimalTest, UsesScientificNotationOnlyForExtremes) {
  EXPECT_EQ(ShortestDecimal(1e25), "1e+25");
  EXPECT_EQ(ShortestDecimal(1.5e-7), "1.5e-07");
  EXPECT_EQ(ShortestDecimal(0.0001), "0.0001");
}

TEST(ShortestDecimalTest, NamesZeroAndNonFiniteValuesAsPostgresqlReadsThem) {
  EXPECT_EQ(ShortestDecimal(0.0), "0");
  EXPECT_EQ(ShortestDecimal(-0.0), "0");
  EXPECT_EQ(ShortestDecimal(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(ShortestDecimal(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(ShortestDecimal(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(ShortestDecimalTest, ReadsBackAsTheSameDouble) {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    const double value = mantissa(random) * std::pow(10.0, exponent(random));
    const std::string text = ShortestDecimal(value);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value == 0 ? 0.0 : value) << text;
  }
}

}  // namespace
}  // namespace fazhi::text
