// Reads a report's metadata from its normalized text: its own title (not the web page's), the
// year it covers, when it was published, who issued it, its URL, 文号 and 索引号, what kind of
// document it is, and (given the division list) the jurisdiction it speaks for.
//
//   Metadata m = ExtractMetadata("海原县三河镇2023年度法治建设情况报告\n2023年,三河镇...\n"
//                                "中共海原县三河镇委员会\n海原县三河镇人民政府\n2024年2月28日",
//                                &index);
//   // m.title == "海原县三河镇2023年度法治建设情况报告", m.report_year == 2023,
//   // m.published_on == "2024-02-28", m.issuers == {"中共海原县三河镇委员会",
//   "海原县三河镇人民政府"},
//   // m.jurisdiction->code == "640522104"
//
// The header (the lines before the first section heading) gives the title, labelled fields
// ("来源:", "发文机构", "日期 2022-12-19", "文号:") and a date-and-time line; the signature block
// at the end gives issuers and the date when the header has none. Label and cue words are in
// metadata_cues.h.
#ifndef FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_H_
#define FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_H_

#include <string>
#include <string_view>

#include "services/extraction/divisions/division_index.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

// `divisions` may be null: the jurisdiction is then left empty. `code_points` is the text decoded
// (DecodeUtf8), as the extractor has it for every recognizer; the first form decodes it.
// `prescan`: the extractor's of `code_points`, for the jurisdiction's scan of division names.
Metadata ExtractMetadata(std::string_view normalized_text, const DivisionIndex* divisions);
Metadata ExtractMetadata(std::string_view normalized_text, std::u32string_view code_points,
                         const DivisionIndex* divisions, const Prescan* prescan = nullptr);

// "2017-06-27 11:00", "2021年12月22日", "二〇二四年二月二十八日", "2022/1/5" -> ISO date; empty
// when the text does not start with a whole date.
std::string ParseLeadingDate(std::string_view text);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_H_
