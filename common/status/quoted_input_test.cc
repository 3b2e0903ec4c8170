#include "common/status/quoted_input.h"

#include <gtest/gtest.h>

namespace fazhi {
namespace {

TEST(QuotedInputTest, ShortInputIsQuotedWhole) {
  EXPECT_EQ(QuotedInput("reports/abc"), "reports/abc");
}

TEST(QuotedInputTest, LongInputIsCutOnACharacterBoundary) {
  EXPECT_EQ(QuotedInput(std::string(1 << 20, 'x')), std::string(kQuotedInputBytes, 'x') + "…");
  // 3-byte characters: 80 is not a boundary, 78 is.
  std::string han;
  for (int i = 0; i < 100; ++i) han += "法";
  EXPECT_EQ(QuotedInput(han), han.substr(0, 78) + "…");
}

}  // namespace
}  // namespace fazhi
