// Date recognition: the dates a report mentions, as ISO 8601 at the precision stated, with the
// year settled where the text leaves it out.
//
//   DateAnchors anchors{.report_year = 2018, .speaking_year = 2019, .plans = {{5000, 9000}}};
//   RecognizeDates(U"2018年...去年...3月14日...", anchors)
//     -> {"2018年", "2018"}, {"去年", "2018", relative}, {"3月14日", "2018-03-14", relative}
//
// Forms: full dates (2021年12月22日, 2021-12-22, 2021.12.22, 2021/12/22, "2017-06-27 11:00",
// 2019年1月5日(星期六)), months (2021年3月, 3月份, 3月底), years (2021年), month-days (6月4日),
// Chinese numerals (二〇二一年十二月), closed ranges
// (2015-2020年, 2015年至2020年, (2021-2025) in a title, 2015年6-9月, 1-11月, 2016年1月至6月,
// 3月14日至20日, 2016年5月29日至6月13日, 2018/1/10-2018/7/10), periods of a year (below), digits
// run together by scraping (20161130日, 201691日, 20152020年: repaired), and words relative to a
// year. Impossible dates are rejected ("2021年2月29日" is the month 2021-02).
//
// The year convention (issue 15). `report_year` is the year whose work the report reviews;
// `speaking_year` the year the text speaks from (a work report delivered in January 2019 that
// reviews 2018 has 2018 and 2019; an annual rule-of-law summary has its report year for both).
//   - 今年, 本年(度), 今年度, 截至目前 -> speaking_year; 去年 -1; 前年 -2; 明年, 来年, 下一年,
//   下年度 +1
//     (speaking_year falls back to report_year).
//   - 上年, 上一年, 上(一)年度 point back from the year the sentence is about, not from the day of
//     speaking: "(2018年)全年...比上年增长" is 2017 and "今年拟安排...比上年增加" is speaking_year
//     - 1. They take the settled year (below) minus one.
//   - A relative word takes what follows it: 今年3月14日, 去年12月, 明年上半年, 今年底.
//   - A month, month-day or period with no year (3月14日, 12月, 上半年, 年底) takes the year the
//   text
//     settles: a year written earlier in the same sentence (2018年……3月14日), else 今年/去年/明年
//     earlier in the sentence, else, for a day, the year of the same day written in full earlier
//     in the text ("——2026年2月3日在…会议上" then the caption "2月3日，…开幕"), else the part it
//     stands in (in `plans`: report_year + 1; before `parts_begin`, the preamble: speaking_year;
//     elsewhere report_year). A year or 今年/去年 after
//     比/较 is a baseline and settles nothing. A news dateline (新华社北京3月12日电) is dated in
//     the speaking year. Where nothing is known, and after 每年 (每年9月: every year), the mention
//     stays partial: "--03-14", "--12", partial = true. A day the settled year makes impossible
//     (2月29日 in 2019) stays partial too. A sentence ends at 。!? or a line break.
//   `relative` is set on every mention whose year is not written in it.
//
// Periods of a year, resolved as closed ranges of months (the peer Recognizers-Text resolves 今年
// 第一季度 to [2017-01-01, 2017-04-01), the same months):
//   上半年 Y-01..Y-06, 下半年 Y-07..Y-12, (第)一季度 Y-01..Y-03 ... 四季度 Y-10..Y-12,
//   前三季度 Y-01..Y-09 (前两季度 ..06);
// 年底 and 年末 as Y-12-31, the day year-end figures are counted at (截至2021年底), and 年初 as
// Y-01-01; 3月底, 3月末 and 3月初 keep the month's precision (Y-03): they set deadlines within it.
// 年中 is not read (2020年中国..., 今年中央预算...), nor 年初 in a word of its own (三年初见成效).
//
// Not dates: durations (5年, 1年来, 近三年, 24小时, 3个月, 6月龄), years before 1900 or spelled
// with units without a month (1700年的历史, 两千多年), bare four-digit figures (2018家), days
// without a month (12号 is a document or line number), Chinese-numeral months without a year and a
// day (三月三, 创意十二月, 一月一协商).
#ifndef FAZHI_SERVICES_EXTRACTION_DATES_DATES_H_
#define FAZHI_SERVICES_EXTRACTION_DATES_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/prescan/prescan.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

// The years a report's relative and yearless dates resolve against (see above).
struct DateAnchors {
  std::optional<int> report_year;    // the year whose work the report reviews
  std::optional<int> speaking_year;  // the year the text speaks from (今年); report_year if unset
  std::vector<Span> plans;           // code-point ranges of the plans part (next year's work)
  // Where the report's first part begins (its first part heading); the preamble before it (a
  // speech's opening, a photo caption of the session) speaks in the speaking year.
  std::optional<int64_t> parts_begin;
};

std::vector<DateMention> RecognizeDates(std::string_view normalized_text,
                                        const DateAnchors& anchors);
// The same over the text already decoded (the extractor decodes a report once for every
// recognizer); spans index `code_points`. With the extractor's `prescan` of them, only the
// positions it marked kDateStart are read.
std::vector<DateMention> RecognizeDates(std::u32string_view code_points, const DateAnchors& anchors,
                                        const Prescan* prescan = nullptr);

// Marks kDateStart where RecognizeDates may find a date starting.
void MarkDateStarts(PrescanTable& table);

// The report year as both anchors, no plans part.
std::vector<DateMention> RecognizeDates(std::string_view normalized_text,
                                        std::optional<int> report_year);
std::vector<DateMention> RecognizeDates(std::u32string_view code_points,
                                        std::optional<int> report_year);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_DATES_DATES_H_
