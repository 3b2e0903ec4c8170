// Resolves the jurisdiction a report speaks for (the county, township, prefecture or province
// whose government reports) to an entry of the official division list.
//
//   JurisdictionHints hints{.title = "海原县三河镇2023年度法治建设情况报告",
//                           .issuers = {"中共海原县三河镇委员会", "海原县三河镇人民政府"}};
//   std::optional<Jurisdiction> j = ResolveJurisdiction(text, hints, index);
//   // j->name == "三河镇", j->code == "640522104", j->county == "海原县"
//
// Every division name in the title, the issuer lines and the body is a candidate. A candidate's
// score adds its mentions, weighted by where they are (title and issuers first; the body with
// diminishing returns; slogans such as 法治盂县 count extra), and is multiplied by the support of
// its ancestors named in the text (宁夏 ... 海原县三河镇) and by the reporter's self-references
// (我县, 全镇). A name right before its own descendant (海原县 in 海原县三河镇) only qualifies it.
// Among several places of the same name, the one whose ancestors are named wins. Bare short
// names (隆阳, 通道) only count for a place also named in full somewhere. Weights and cue words
// are in jurisdiction_cues.h.
#ifndef FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_H_
#define FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/divisions/division_index.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

// What the metadata extractor already knows about the document.
struct JurisdictionHints {
  std::string title;                 // the report's own title
  std::vector<std::string> issuers;  // issuer / signature lines ("海原县三河镇人民政府")
  std::string source_line;           // "来源:通道县人民政府", if any
};

// The resolved jurisdiction, or nullopt when no division is named convincingly. The text as
// code points (the extractor decodes it once for every recognizer), or as UTF-8.
std::optional<Jurisdiction> ResolveJurisdiction(std::u32string_view code_points,
                                                const JurisdictionHints& hints,
                                                const DivisionIndex& index);
std::optional<Jurisdiction> ResolveJurisdiction(std::string_view normalized_text,
                                                const JurisdictionHints& hints,
                                                const DivisionIndex& index);

// The output form of a division: official names of the division, its province, its prefecture
// (the province-level city for its districts) and, for townships, its county.
Jurisdiction ToJurisdiction(const Division& division, const DivisionIndex& index);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_H_
