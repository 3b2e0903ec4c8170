#include "common/text/csv.h"

#include <gtest/gtest.h>

namespace fazhi::text {
namespace {

TEST(CsvLineTest, PlainFieldsAreJoinedByCommas) {
  EXPECT_EQ(CsvLine({"reports/3fb70724bc004662", "2021", "炉霍县"}), "reports/3fb70724bc004662,2021,炉霍县\r\n");
}

TEST(CsvLineTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(CsvLine({"a,b", "say \"x\"", "two\nlines", ""}), "\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\r\n");
}

}  // namespace
}  // namespace fazhi::text
