// Resolves the jurisdiction a report speaks for (the county, township, prefecture or province
// whose government reports, or the nation for the State Council and its ministries) to an entry
// of the official division list.
//
//   JurisdictionHints hints{.title = "海原县三河镇2023年度法治建设情况报告",
//                           .issuers = {"中共海原县三河镇委员会", "海原县三河镇人民政府"}};
//   std::optional<Jurisdiction> j = ResolveJurisdiction(text, hints, index);
//   // j->name == "三河镇", j->code == "640522104", j->county == "海原县"
//
// Every division name in the title, the issuer lines and the text is a candidate, unless it is
// only part of a longer word (发展乡 in 发展乡村, 城区 in 中心城区, 范县 in 示范县). The reporter's
// own evidence (the title, the issuers, the government the speaker represents: 我代表南山区人民政
// 府, and the short header lines the text opens with) outranks the body: where it names places,
// the jurisdiction is one of them; where it gives only a type (我代表省人民政府), one of that type.
// Within that pool a candidate's score adds its mentions, weighted by where they are (the body
// with diminishing returns; slogans such as 法治盂县 count extra), and is multiplied by the
// support of its ancestors named in the text (宁夏 ... 海原县三河镇) and by the reporter's
// self-references (我县, 全镇). A name right before its own descendant (海原县 in 海原县三河镇)
// only qualifies it. Among several places of the same name, the one whose ancestors are named wins.
// Bare short names (隆阳, 通道) only count for a place also named in full somewhere; a township
// only where its county or prefecture is named or its own evidence names it.
//
// Former names (坪山新区) resolve to the division that holds the code now, the name as written
// kept; a functional area without a code of its own (大鹏新区) resolves to nothing, never to a
// division of a similar name; the State Council and its ministries (国务院, 司法部: in the issuer,
// the title or the speaker) to the national level, {name 中华人民共和国, level national, no code}.
// Without own evidence, the body's self-references (我国, 全国 far above 全省, 我市) can say
// national. Weights and cue words are in jurisdiction_cues.h; the lists of names in data/divisions.
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

inline constexpr std::string_view kNationalName = "中华人民共和国";
inline constexpr std::string_view kNationalLevel = "national";

// The resolved jurisdiction, or nullopt when no division is named convincingly or the report is a
// functional area's. The text as
// code points (the extractor decodes it once for every recognizer, and may pass its `prescan` of
// them, marked by DivisionIndex::MarkNameStarts and MarkSelfReferenceStarts), or as UTF-8.
std::optional<Jurisdiction> ResolveJurisdiction(std::u32string_view code_points,
                                                const JurisdictionHints& hints,
                                                const DivisionIndex& index,
                                                const Prescan* prescan = nullptr);
std::optional<Jurisdiction> ResolveJurisdiction(std::string_view normalized_text,
                                                const JurisdictionHints& hints,
                                                const DivisionIndex& index);

// Marks kSelfReference on the first characters of the self-references the resolver counts (我,
// 全, 本): with the extractor's prescan, it visits only those instead of searching for each.
void MarkSelfReferenceStarts(PrescanTable& table);

// The output form of a division: official names of the division, its province, its prefecture
// (the province-level city for its districts) and, for townships, its county.
Jurisdiction ToJurisdiction(const Division& division, const DivisionIndex& index);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_H_
