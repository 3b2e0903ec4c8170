#include "services/extraction/dates/dates.h"

#include <gtest/gtest.h>

#include "common/text/code_points.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

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

TEST(RecognizeDatesTest, EndOfYear) { EXPECT_EQ(Only("截至2021年底").value, "2021-12-31"); }

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
  EXPECT_TRUE(
      RecognizeDates("甘办法〔2021〕27号 01525685-0/20221219-00001 共计办件134310件", std::nullopt)
          .empty());
}

// The anchors of a work report delivered in early 2019 that reviews 2018; `plans` covers the text
// from `plans_from` (a code-point offset) to the end.
DateAnchors WorkReport2019(std::string_view text = {}, std::string_view plans_from = {}) {
  DateAnchors anchors{.report_year = 2018, .speaking_year = 2019, .plans = {}};
  if (!plans_from.empty()) {
    const std::u32string decoded = DecodeUtf8(text);
    const size_t at = decoded.find(DecodeUtf8(plans_from));
    anchors.plans.push_back({static_cast<int64_t>(at), static_cast<int64_t>(decoded.size())});
  }
  return anchors;
}

const DateMention* Find(const std::vector<DateMention>& dates, std::string_view text) {
  for (const DateMention& date : dates) {
    if (date.text == text) return &date;
  }
  ADD_FAILURE() << "no date \"" << text << "\"";
  return nullptr;
}

std::string ValueOf(const std::vector<DateMention>& dates, std::string_view text) {
  const DateMention* date = Find(dates, text);
  if (date == nullptr) return "";
  return date->end_value.empty() ? date->value : date->value + ".." + date->end_value;
}

// 国务院政府工作报告 2019 (reviews 2018): 今年 is the year spoken from, 去年 the one before it.
TEST(DateAnchorsTest, ThisYearIsTheSpeakingYearLastYearTheOneBefore) {
  const std::string text = "今年赤字率拟按2.8%安排,比去年预算高0.2个百分点;财政赤字2.76万亿元。";
  const auto dates = RecognizeDates(text, WorkReport2019());
  EXPECT_EQ(ValueOf(dates, "今年"), "2019");
  EXPECT_EQ(ValueOf(dates, "去年"), "2018");
  EXPECT_TRUE(Find(dates, "去年")->relative);
  // Without a speaking year, the report year stands in for it.
  EXPECT_EQ(ValueOf(RecognizeDates(
                        text, DateAnchors{.report_year = 2018, .speaking_year = {}, .plans = {}}),
                    "今年"),
            "2018");
  // 明年 and 前年: 宝安区 2015 "在前年登记10.5万户的基础上,去年又新登记".
  const auto more =
      RecognizeDates("在前年登记10.5万户的基础上,去年又新登记;预计明年完成搬迁。",
                     DateAnchors{.report_year = 2014, .speaking_year = 2015, .plans = {}});
  EXPECT_EQ(ValueOf(more, "前年"), "2013");
  EXPECT_EQ(ValueOf(more, "去年"), "2014");
  EXPECT_EQ(ValueOf(more, "明年"), "2016");
}

// 上年 points back from the year its sentence is about (国务院 2014, reviewing 2013): in the
// review "比上年增长7.7%" compares 2013 with 2012; after 今年 it is the year before the speaking
// year.
TEST(DateAnchorsTest, ShangNianIsTheYearBeforeTheSentencesYear) {
  const std::string review = "国内生产总值达到56.9万亿元,比上年增长7.7%。";
  const std::string plans = "今年拟安排财政赤字13500亿元,比上年增加1500亿元。";
  const std::string text = review + "\n" + plans;
  const DateAnchors anchors{.report_year = 2013, .speaking_year = 2014, .plans = {}};
  const auto dates = RecognizeDates(text, anchors);
  ASSERT_EQ(dates.size(), 3u);
  EXPECT_EQ(dates[0].value, "2012");
  EXPECT_TRUE(dates[0].relative);
  EXPECT_EQ(dates[1].value, "2014");
  EXPECT_EQ(dates[2].value, "2013");
  // In the plans part with no 今年 before it: the plans' year (2014) minus one (国务院 2024).
  const std::string deficit = "赤字率拟按3%安排,赤字规模4.06万亿元,比上年年初预算增加1800亿元。";
  DateAnchors in_plans{.report_year = 2023, .speaking_year = 2024, .plans = {{0, 100}}};
  EXPECT_EQ(ValueOf(RecognizeDates(deficit, in_plans), "上年年初"), "2023-01-01");
  // After a written year: 龙华区 2024 "2023年,龙华稳居...较上一年上升3个位次".
  EXPECT_EQ(
      ValueOf(RecognizeDates("2023年,龙华稳居全国工业百强区第13位,较上一年上升3个位次。",
                             DateAnchors{.report_year = 2023, .speaking_year = 2024, .plans = {}}),
              "上一年"),
      "2022");
}

// A relative word takes what follows it (国务院 2020; 龙岗区 2022; 国务院 2024).
TEST(DateAnchorsTest, RelativeYearTakesTheMonthDayOrPeriodAfterIt) {
  const DateAnchors anchors{.report_year = 2019, .speaking_year = 2020, .plans = {}};
  const auto dates = RecognizeDates(
      "执行期限全部延长到今年年底。普惠型小微企业贷款延期还本付息政策再延长至明年3月底。去年12月28"
      "日,"
      "棚改项目顺利签约;去年一季度经济开局良好;去年底企业数量超过;特别是今年3月14日至20日,"
      "在疫情防控最吃劲的"
      "关键阶段;明年上半年完成。",
      anchors);
  EXPECT_EQ(ValueOf(dates, "今年年底"), "2020-12-31");
  EXPECT_EQ(ValueOf(dates, "明年3月底"), "2021-03");
  EXPECT_EQ(ValueOf(dates, "去年12月28日"), "2019-12-28");
  EXPECT_EQ(ValueOf(dates, "去年一季度"), "2019-01..2019-03");
  EXPECT_EQ(ValueOf(dates, "去年底"), "2019-12-31");
  EXPECT_EQ(ValueOf(dates, "今年3月14日至20日"), "2020-03-14..2020-03-20");
  EXPECT_EQ(ValueOf(dates, "明年上半年"), "2021-01..2021-06");
  for (const DateMention& date : dates) EXPECT_TRUE(date.relative) << date.text;
}

// A yearless month-day takes the part's year: the reviewed year in the review, the next one in
// the plans (广东省 2019 reviews 2018: "3月7日,习近平总书记亲自参加..." ; plans: "3月14日").
TEST(DateAnchorsTest, YearlessDateTakesThePartsYear) {
  const std::string text =
      "3月7日,习近平总书记亲自参加十三届全国人大一次会议广东代表团审议。\n"
      "二、2019年工作安排\n3月14日前完成全部项目招标;4月底前开工;上半年完成主体工程。";
  const auto dates = RecognizeDates(text, WorkReport2019(text, "二、2019年工作安排"));
  EXPECT_EQ(ValueOf(dates, "3月7日"), "2018-03-07");
  EXPECT_TRUE(Find(dates, "3月7日")->relative);
  EXPECT_FALSE(Find(dates, "3月7日")->partial);
  EXPECT_EQ(ValueOf(dates, "3月14日"), "2019-03-14");
  EXPECT_EQ(ValueOf(dates, "4月底"), "2019-04");
  EXPECT_EQ(ValueOf(dates, "上半年"), "2019-01..2019-06");
}

// Before the part: a year written earlier in the same sentence, else 今年/去年/明年 in it. (Made
// up: none of the 165 work reports writes a yearless day after a year in one sentence; 大鹏新区
// 2021's "3月,...;4月,...;5月,旅游业恢复到去年同期九成水平" has 去年 only after its months.)
TEST(DateAnchorsTest, YearlessDateTakesTheYearOfItsSentence) {
  const std::string text =
      "2016年,新区成立综合执法大队,并于3月14日挂牌。今年,我们将于6月完成验收。"
      "去年上半年出口大幅波动,11月起回升。3月14日召开大会。";
  const auto dates = RecognizeDates(text, WorkReport2019());
  ASSERT_EQ(dates.size(), 7u);
  EXPECT_EQ(dates[1].value, "2016-03-14");  // 2016年 earlier in the sentence
  EXPECT_EQ(dates[3].value, "2019-06");     // 今年
  EXPECT_EQ(dates[4].text, "去年上半年");
  EXPECT_EQ(dates[5].value, "2018-11");     // 去年
  EXPECT_EQ(dates[6].value, "2018-03-14");  // a new sentence: the review's year
}

// A year after 比/较 is the baseline of a comparison: it settles no date after it.
TEST(DateAnchorsTest, BaselineOfAComparisonSettlesNoYear) {
  const auto dates = RecognizeDates("总面积比2013年底翻了一番,9月起全面开放。", WorkReport2019());
  EXPECT_EQ(ValueOf(dates, "9月"), "2018-09");
}

// Where nothing settles the year, the date stays partial ("--03-14"), and a relative year with no
// anchor is no date at all.
TEST(DateAnchorsTest, UnsettledDatesStayPartial) {
  const auto dates =
      RecognizeDates("3月14日前完成;12月份开工;上半年完成;年底前建成;今年", DateAnchors{});
  ASSERT_EQ(dates.size(), 4u);
  EXPECT_EQ(dates[0].value, "--03-14");
  EXPECT_EQ(dates[1].value, "--12");
  EXPECT_EQ(dates[1].text, "12月份");
  EXPECT_EQ(dates[2].value, "--01");
  EXPECT_EQ(dates[2].end_value, "--06");
  EXPECT_EQ(dates[3].value, "--12-31");
  for (const DateMention& date : dates) EXPECT_TRUE(date.partial) << date.text;
  // In the plans part with no report year: still partial.
  EXPECT_TRUE(
      RecognizeDates("3月14日",
                     DateAnchors{.report_year = {}, .speaking_year = 2019, .plans = {{0, 5}}})
          .front()
          .partial);
  // 2月29日 in a year without one (a review of 2018).
  EXPECT_EQ(RecognizeDates("2月29日", WorkReport2019()).front().value, "--02-29");
  // 每年9月: every year, no one year (光明区 2021 "探索将每年9月定为光明科学月").
  const auto every = RecognizeDates("探索将每年9月定为光明科学月,每年年底考核", WorkReport2019());
  ASSERT_EQ(every.size(), 2u);
  EXPECT_EQ(every[0].value, "--09");
  EXPECT_EQ(every[1].value, "--12-31");
}

// The same day written in full earlier settles a later yearless one (湖南省 2026: subtitle, then
// the news caption), and a news dateline (新华社北京3月12日电) is written on the day of speaking.
TEST(DateAnchorsTest, RepeatedDayAndDatelineTakeTheirYear) {
  const DateAnchors anchors{.report_year = 2025, .speaking_year = 2026, .plans = {}};
  const auto dates = RecognizeDates(
      "——2026年2月3日在湖南省第十四届人民代表大会第四次会议上\n来源:湖南日报\n"
      "2月3日,湖南省第十四届人民代表大会第四次会议在省人民会堂开幕。\n新华社北京3月12日电\n"
      "3月7日,总书记亲临视察。",
      anchors);
  ASSERT_EQ(dates.size(), 4u);
  EXPECT_EQ(dates[1].value, "2026-02-03");
  EXPECT_EQ(dates[2].value, "2026-03-12");
  EXPECT_EQ(dates[3].value, "2025-03-07");
}

// Periods of a year (坪山区 2024, 龙华区 2025, 大鹏新区 2021, 广东省 2026).
TEST(DatePeriodsTest, HalvesQuartersAndYearEnds) {
  const DateAnchors anchors{.report_year = 2023, .speaking_year = 2024, .plans = {}};
  const auto dates = RecognizeDates(
      "1—11月固定资产投资总额增长。前三季度工业增加值占比。GDP增速一季度-9.9%,上半年-6.2%,"
      "三季度成功转正,"
      "四季度乘势发力。高标准承办第三季度全省重大项目集中开工。增速由年初的负增长转为正增长。年末城"
      "镇调查失业率。"
      "2023年1-11月,"
      "进出口总额。2024年上半年。2021年第四季度。2023年前三季度。2025年初。2016年底。6月底前完成。"
      "10月初启动。1-9月",
      anchors);
  EXPECT_EQ(ValueOf(dates, "1—11月"), "2023-01..2023-11");
  EXPECT_EQ(ValueOf(dates, "前三季度"), "2023-01..2023-09");
  EXPECT_EQ(ValueOf(dates, "一季度"), "2023-01..2023-03");
  EXPECT_EQ(ValueOf(dates, "上半年"), "2023-01..2023-06");
  EXPECT_EQ(ValueOf(dates, "三季度"), "2023-07..2023-09");
  EXPECT_EQ(ValueOf(dates, "四季度"), "2023-10..2023-12");
  EXPECT_EQ(ValueOf(dates, "第三季度"), "2023-07..2023-09");
  EXPECT_EQ(ValueOf(dates, "年初"), "2023-01-01");
  EXPECT_EQ(ValueOf(dates, "年末"), "2023-12-31");
  EXPECT_EQ(ValueOf(dates, "2023年1-11月"), "2023-01..2023-11");
  EXPECT_EQ(ValueOf(dates, "2024年上半年"), "2024-01..2024-06");
  EXPECT_EQ(ValueOf(dates, "2021年第四季度"), "2021-10..2021-12");
  EXPECT_EQ(ValueOf(dates, "2023年前三季度"), "2023-01..2023-09");
  EXPECT_EQ(ValueOf(dates, "2025年初"), "2025-01-01");
  EXPECT_EQ(ValueOf(dates, "2016年底"), "2016-12-31");
  EXPECT_EQ(ValueOf(dates, "6月底"), "2023-06");
  EXPECT_EQ(ValueOf(dates, "10月初"), "2023-10");
  EXPECT_EQ(ValueOf(dates, "1-9月"), "2023-01..2023-09");
}

// Ranges of days and months, with or without a year (广东省 2019, 大鹏新区 2017, 南山区 2022).
TEST(DateRangesTest, DaysAndMonthsRanges) {
  const auto dates = RecognizeDates(
      "10月22日至25日,习近平总书记亲临广东视察;2016年5月29日至6月13日在深圳大鹏新区龙岐湾举办;"
      "2016年4月16日至17日;2016年1月至6月;2018年10月1日到2019年2月3日;2018/1/10-2018/7/"
      "10;3月14日-20日",
      WorkReport2019());
  EXPECT_EQ(ValueOf(dates, "10月22日至25日"), "2018-10-22..2018-10-25");
  EXPECT_EQ(ValueOf(dates, "2016年5月29日至6月13日"), "2016-05-29..2016-06-13");
  EXPECT_EQ(ValueOf(dates, "2016年4月16日至17日"), "2016-04-16..2016-04-17");
  EXPECT_EQ(ValueOf(dates, "2016年1月至6月"), "2016-01..2016-06");
  EXPECT_EQ(ValueOf(dates, "2018年10月1日到2019年2月3日"), "2018-10-01..2019-02-03");
  EXPECT_EQ(ValueOf(dates, "2018/1/10-2018/7/10"), "2018-01-10..2018-07-10");
  EXPECT_EQ(ValueOf(dates, "3月14日-20日"), "2018-03-14..2018-03-20");
  // A range that runs backwards is two dates: 12月至2月.
  EXPECT_EQ(RecognizeDates("12月至2月", WorkReport2019()).size(), 2u);
}

// Year ranges without 年 only where the text makes them one: a plan's title, 从...到.
TEST(DateRangesTest, YearRangesWithout年InTitlesOnly) {
  const auto dates = RecognizeDates(
      "《龙岗区综合发展规划(2014-2030)》;“三年行动计划(2018—2020)”;从2016到2018;"
      "入选“2021-2023全国5类50项”;月收入(1900-2000元)",
      WorkReport2019());
  ASSERT_EQ(dates.size(), 3u);
  EXPECT_EQ(ValueOf(dates, "2014-2030"), "2014..2030");
  EXPECT_EQ(ValueOf(dates, "2018—2020"), "2018..2020");
  EXPECT_EQ(ValueOf(dates, "2016到2018"), "2016..2018");
}

TEST(RecognizeDatesTest, APreambleSpeaksInTheSpeakingYear) {
  // A photo caption before the first part heading of a report delivered in 2017 reviewing 2016.
  const std::u32string text =
      U"各位代表：\n3月5日，第十二届全国人民代表大会第五次会议开幕。\n一、2016年工作回顾\n6月4日，"
      U"召开会议。\n";
  DateAnchors anchors{.report_year = 2016,
                      .speaking_year = 2017,
                      .plans = {},
                      .parts_begin = static_cast<int64_t>(text.find(U"一、"))};
  std::vector<DateMention> dates = RecognizeDates(std::u32string_view(text), anchors);
  ASSERT_GE(dates.size(), 2u);
  EXPECT_EQ(dates.front().value, "2017-03-05");
  EXPECT_EQ(dates.back().value, "2016-06-04");
}

TEST(RecognizeDatesTest, WeekdayAndSecondsBelongToTheMention) {
  EXPECT_EQ(Only("会议定于2019年1月5日(星期六)召开").text, "2019年1月5日(星期六)");
  EXPECT_EQ(Only("来源:云南日报 2026-02-03 09:02:33 大 中 小").text, "2026-02-03 09:02:33");
}

TEST(RecognizeDatesTest, YearsBefore1900NeedAMonth) {
  EXPECT_EQ(Only("1357年6月10日").value, "1357-06-10");
  EXPECT_EQ(Only("1789-01-29").value, "1789-01-29");
  EXPECT_EQ(Only("创立于 1869年,是世界知名的科学期刊;2016年").value, "2016");  // 1869年 alone: no
  EXPECT_TRUE(RecognizeDates("通过1700年的历史积淀、两千多年的文化", 2020).empty());
}

// Words that look like dates in real reports and are not.
TEST(RecognizeDatesTest, FalseDatesOfTheGenre) {
  for (const char* text : {
           "聚焦“三年初见成效”",            // 年初 inside 三年 + 初见
           "为4200名6月龄婴儿接种",         // an age
           "一季度一张表、一季度一通报",    // one per quarter
           "形成“一月一协调、一周一调度”",  // one per month
           "“三月三”民族节日",              // a festival's name
           "深圳创意十二月系列活动",        // a brand
           "每一月都有活动",
           "增长2.3万户,连续3个月、24小时服务、12345热线、5年、1年来、十三五时期、60周岁",
           "2020年中国政府网站",  // only 2020年: 年中 is not read
       }) {
    for (const DateMention& date : RecognizeDates(text, WorkReport2019())) {
      EXPECT_TRUE(date.value.size() == 4 && date.text.find("年") != std::string::npos)
          << text << " -> " << date.text << " " << date.value;
    }
  }
  EXPECT_EQ(RecognizeDates("2019年初步建成", WorkReport2019()).front().text, "2019年");
  EXPECT_EQ(RecognizeDates("7月1日起施行", WorkReport2019()).front().value, "2018-07-01");
  EXPECT_EQ(RecognizeDates("3月份", WorkReport2019()).front().value, "2018-03");
}

}  // namespace
}  // namespace fazhi::extraction
