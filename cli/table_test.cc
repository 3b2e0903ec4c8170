#include "cli/table.h"

#include <gtest/gtest.h>

namespace fazhi::cli {
namespace {

TEST(TableTest, ChineseCharactersCountTwoColumns) {
  EXPECT_EQ(DisplayWidth("炉霍县"), 6);
  EXPECT_EQ(DisplayWidth("2021年"), 6);
}

TEST(TableTest, ColumnsAlignByDisplayWidth) {
  Table table({"NAME", "YEAR"});
  table.AddRow({"炉霍县", "2021"});
  table.AddRow({"abc", "2022"});
  EXPECT_EQ(table.Render(), "NAME    YEAR\n炉霍县  2021\nabc     2022\n");
}

TEST(TableTest, TruncatesWithAnEllipsis) {
  EXPECT_EQ(TruncateToWidth("法治政府建设", 7), "法治政…");
  EXPECT_EQ(TruncateToWidth("法治", 7), "法治");
}

}  // namespace
}  // namespace fazhi::cli
