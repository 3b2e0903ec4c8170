// Citations: the titles a report cites inside 《》, classified by what they are.
//
//   RecognizeCitations("严格执行《中华人民共和国行政处罚法》和《优化营商环境条例》")
//     -> {"中华人民共和国行政处罚法", "law"}, {"优化营商环境条例", "regulation"}
//
// Nested 〈〉 and 《》 stay in the title (《关于〈XX条例〉的决定》 -> normative_document). Kinds:
// "law" (…法), "regulation" (…条例), "rule" (规定/办法/规则/细则), "normative_document"
// (意见/通知/方案/决定…, and 关于…的规定 without a 令 number), "plan" (规划/计划/纲要), "other".
// Titles are trimmed and deduplicated in order of first mention; spans cover the title inside
// the brackets. The endings live in citation_words.h.
#ifndef FAZHI_SERVICES_EXTRACTION_CITATIONS_CITATIONS_H_
#define FAZHI_SERVICES_EXTRACTION_CITATIONS_CITATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/record/record.h"

namespace fazhi::extraction {

std::vector<Citation> RecognizeCitations(std::string_view normalized_text);
// The same over the text already decoded (the extractor decodes a report once for every
// recognizer); spans index `code_points`.
std::vector<Citation> RecognizeCitations(std::u32string_view code_points);

// The kind of a cited title (without brackets), as above.
std::string_view CitationKind(std::string_view title, bool decree_number_follows = false);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_CITATIONS_CITATIONS_H_
