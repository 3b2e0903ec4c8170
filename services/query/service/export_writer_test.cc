#include "services/query/service/export_writer.h"

#include <gtest/gtest.h>

namespace fazhi::query {
namespace {

TEST(CsvLineTest, PlainFieldsAreJoinedWithCommas) {
  EXPECT_EQ(CsvLine({"reports/1", "炉霍县", "2021"}), "reports/1,炉霍县,2021\r\n");
}

TEST(CsvLineTest, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(CsvLine({"a,b", "say \"hi\"", "two\nlines", ""}),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
}

}  // namespace
}  // namespace fazhi::query
