#include "services/extraction/dates/dates.h"

#include <gtest/gtest.h>

namespace fazhi::extraction {
namespace {

DateMention Only(std::string_view text, std::optional<int> report_year = std::nullopt) {
  const std::vector<DateMention> found = RecognizeDates(text, report_year);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? DateMention{} : found.front();
}

TEST(RecognizeDatesTest, ChineseFullDateMonthAndYear) {
  const DateMention full = Only("2021年12月22日");
  EXPECT_EQ(full.value, "2021-12-22");
  EXPECT_EQ(full.span.begin, 0);
  EXPECT_EQ(full.span.end, 11);
  EXPECT_EQ(Only("于2021年3月召开").value, "2021-03");
  EXPECT_EQ(Only("2021年").value, "2021");
  EXPECT_EQ(Only("2019年度报告").value, "2019");
}

TEST(RecognizeDatesTest, NumericDatesWithAnySeparator) {
  EXPECT_EQ(Only("2021-12-22").value, "2021-12-22");
  EXPECT_EQ(Only("2021.12.22").value, "2021-12-22");
  EXPECT_EQ(Only("2021/12/22").value, "2021-12-22");
}

TEST(RecognizeDatesTest, TimeAfterDateBelongsToTheMention) {
  const DateMention date = Only("发布时间:2017-06-27 11:00 浏览次数");
  EXPECT_EQ(date.text, "2017-06-27 11:00");
  EXPECT_EQ(date.value, "2017-06-27");
  EXPECT_EQ(Only("2021年12月22日 04时21分").text, "2021年12月22日 04时21分");
}

TEST(RecognizeDatesTest, ClosedYearRanges) {
  const DateMention dash = Only("实施纲要(2015-2020年)");
  EXPECT_EQ(dash.value, "2015");
  EXPECT_EQ(dash.end_value, "2020");
  EXPECT_EQ(dash.text, "2015-2020年");
  EXPECT_EQ(Only("(2021—2025年)").end_value, "2025");
  EXPECT_EQ(Only("(2022-2025 年)").end_value, "2025");
  const DateMention zhi = Only("我县从2008年至2016年");
  EXPECT_EQ(zhi.value, "2008");
  EXPECT_EQ(zhi.end_value, "2016");
}

TEST(RecognizeDatesTest, EndOfYear) {
  EXPECT_EQ(Only("截至2021年底").value, "2021-12-31");
}

TEST(RecognizeDatesTest, ChineseNumeralDates) {
  EXPECT_EQ(Only("二〇二一年十二月").value, "2021-12");
  EXPECT_EQ(Only("二〇二一年十二月二十二日").value, "2021-12-22");
}

TEST(RecognizeDatesTest, DigitsRunTogetherAreRepaired) {
  const DateMention day = Only("截止20161130日,今年");
  EXPECT_EQ(day.value, "2016-11-30");
  EXPECT_TRUE(day.repaired);
  EXPECT_EQ(day.text, "20161130日");
  EXPECT_EQ(Only("县林业局201691日修定了").value, "2016-09-01");
  const DateMention range = Only("实施纲要(20152020年)");
  EXPECT_EQ(range.value, "2015");
  EXPECT_EQ(range.end_value, "2020");
  EXPECT_TRUE(range.repaired);
  EXPECT_EQ(Only("平台于201410月开通").value, "2014-10");
  EXPECT_EQ(Only("20162月机构改革").value, "2016-02");
  const DateMention months = Only("20156-9月");
  EXPECT_EQ(months.value, "2015-06");
  EXPECT_EQ(months.end_value, "2015-09");
}

TEST(RecognizeDatesTest, RelativeYearsNeedTheReportYear) {
  const std::vector<DateMention> found = RecognizeDates("今年,去年同期,明年,本年度,截至目前", 2016);
  ASSERT_EQ(found.size(), 5u);
  EXPECT_EQ(found[0].value, "2016");
  EXPECT_TRUE(found[0].relative);
  EXPECT_EQ(found[1].value, "2015");
  EXPECT_EQ(found[2].value, "2017");
  EXPECT_EQ(found[3].text, "本年度");
  EXPECT_EQ(found[4].value, "2016");
  EXPECT_TRUE(RecognizeDates("今年,去年", std::nullopt).empty());
}

TEST(RecognizeDatesTest, MonthDayWithoutYear) {
  EXPECT_EQ(Only("并于6月4日通过").value, "--06-04");
}

TEST(RecognizeDatesTest, ImpossibleDatesAreRejected) {
  EXPECT_TRUE(RecognizeDates("2021年13月5日", std::nullopt).size() == 1);  // only the year
  EXPECT_EQ(Only("2021年13月5日").value, "2021");
  EXPECT_TRUE(RecognizeDates("2021-02-30 2021.13.01", std::nullopt).empty());
  EXPECT_EQ(Only("2020年2月29日").value, "2020-02-29");
  EXPECT_EQ(Only("2021年2月29日").value, "2021-02");
}

TEST(RecognizeDatesTest, SerialsAndIndexNumbersAreNotDates) {
  EXPECT_TRUE(RecognizeDates("甘办法〔2021〕27号 01525685-0/20221219-00001 共计办件134310件", std::nullopt).empty());
}

}  // namespace
}  // namespace fazhi::extraction
