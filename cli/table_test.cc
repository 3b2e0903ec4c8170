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

// 全年共受理行政复议案件128件，同比增长: "128" is code points 11 to 14.
constexpr char kEvidence[] = "全年共受理行政复议案件128件，同比增长";

TEST(WindowAroundTest, CentresTheWindowOnTheFigureWithEllipsesOnBothSides) {
  EXPECT_EQ(WindowAround(kEvidence, 11, 14, 16), "…议案件128件，…");
}

TEST(WindowAroundTest, AFigureNearTheStartKeepsTheStartUncut) {
  EXPECT_EQ(WindowAround(kEvidence, 1, 2, 12), "全年共受理…");
}

TEST(WindowAroundTest, AFigureAtTheEndShowsTheEnd) {
  EXPECT_EQ(WindowAround(kEvidence, 18, 20, 12), "…，同比增长");
}

TEST(WindowAroundTest, ShortTextIsWholeAndAWideFocusKeepsItsStart) {
  EXPECT_EQ(WindowAround("受理128件", 2, 5, 20), "受理128件");
  EXPECT_EQ(WindowAround(kEvidence, 5, 15, 8), "…行政复…");
}

}  // namespace
}  // namespace fazhi::cli
