#include "common/text/quoted_string.h"

#include <gtest/gtest.h>

namespace fazhi::text {
namespace {

TEST(QuotedStringTest, ReadsToTheMatchingQuoteWithEscapes) {
  const std::string_view input = R"(x = "a\"b\\" AND 'it''s')";
  QuotedString first = ReadQuotedString(input, 4);
  EXPECT_EQ(first.error, "");
  EXPECT_EQ(first.value, R"(a"b\)");
  EXPECT_EQ(input.substr(first.end), " AND 'it''s'");
  QuotedString single = ReadQuotedString(input, 17);
  EXPECT_EQ(single.value, "it");  // a single-quoted string ends at the next single quote
}

TEST(QuotedStringTest, KeepsUtf8AndTheOtherQuoteKind) {
  QuotedString q = ReadQuotedString(R"("依法 '行政'")", 0);
  EXPECT_EQ(q.error, "");
  EXPECT_EQ(q.value, "依法 '行政'");
}

TEST(QuotedStringTest, RefusesWhatIsNotAString) {
  EXPECT_EQ(ReadQuotedString("\"法治", 0).error, "unterminated string");
  EXPECT_EQ(ReadQuotedString("\"ends with a backslash\\\"", 0).error, "unterminated string");
  EXPECT_EQ(ReadQuotedString("\"\xFF\xFE\"", 0).error, "invalid UTF-8");
  EXPECT_EQ(ReadQuotedString(std::string_view("\"a\0b\"", 5), 0).error,
            "NUL character in a string");
  EXPECT_EQ(ReadQuotedString("\"\"", 0).value, "");
}

}  // namespace
}  // namespace fazhi::text
