// Date recognition: the dates a report mentions, as ISO 8601 at the precision stated.
//
//   RecognizeDates("截止20161130日,2015-2020年,去年", 2016)
//     -> {"20161130日", "2016-11-30", repaired}, {"2015-2020年", "2015" .. "2020"},
//        {"去年", "2015", relative}
//
// Full dates (2021年12月22日, 2021-12-22, 2021.12.22, 2021/12/22, "2017-06-27 11:00"), months
// (2021年3月), years (2021年), month-days without a year ("6月4日" -> "--06-04"), closed ranges
// (2015-2020年, 2015年至2020年, 2015年6-9月), 年底 (-> 12-31), Chinese numerals (二〇二一年十二月),
// digits run together by scraping (20161130日, 201691日, 20152020年: repaired) and words relative
// to the report year (今年, 去年, 明年, 截至目前: relative). Impossible dates are rejected.
#ifndef FAZHI_SERVICES_EXTRACTION_DATES_DATES_H_
#define FAZHI_SERVICES_EXTRACTION_DATES_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/record/record.h"

namespace fazhi::extraction {

std::vector<DateMention> RecognizeDates(std::string_view normalized_text, std::optional<int> report_year);
// The same over the text already decoded (the extractor decodes a report once for every
// recognizer); spans index `code_points`.
std::vector<DateMention> RecognizeDates(std::u32string_view code_points, std::optional<int> report_year);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_DATES_DATES_H_
