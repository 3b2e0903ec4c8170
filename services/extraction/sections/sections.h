// Segments a report into its headings and the canonical parts they belong to: achievements
// (主要举措和成效), problems (存在的问题), plans (下一步工作打算) and leaders' duties
// (党政主要负责人 履行推进法治建设第一责任人职责).
//
//   SectionTree tree =
//   SegmentSections("一、主要举措和成效\n(一)强化法治引领\n...\n二、存在的问题\n...");
//   tree.sections[0].level == 1, .marker == "一、", .part == "achievements"
//   tree.summary.problems == true
//
// Heading levels: 0 a part heading alone on a line ("2014年工作安排", "存在的问题"), 1 一、
// 2 (一)  3 1. or 1、  4 (1)  5 一是 (at the start of a line). Damaged
// markers are read as their siblings: an Arabic (6) among (一)...(七) is level 2, and a line that
// starts with 是 before a line starting with 二是 lost its 一. Parentheses may be half- or
// full-width. Sub-headings inherit their top-level heading's part; unclassified top-level
// headings before the problems and plans are achievements (a report narrates its work first).
// A part may also open with a paragraph ("下一步,我县将..." / "...,但也存在一些困难和问题。"):
// it is then recorded as a level-0 section whose heading is that sentence. Notes and attachments
// after the report (名词解释, 附件) are a level-0 section of part "appendix". Cue words are in
// section_cues.h.
#ifndef FAZHI_SERVICES_EXTRACTION_SECTIONS_SECTIONS_H_
#define FAZHI_SERVICES_EXTRACTION_SECTIONS_SECTIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/record/record.h"

namespace fazhi::extraction {

struct SectionTree {
  std::vector<Section> sections;  // in document order
  SectionSummary summary;
};

// `report_year`, when known, makes a top-level heading that names a later year part of the plans.
SectionTree SegmentSections(std::string_view normalized_text,
                            std::optional<int> report_year = std::nullopt);
// The same with the text's code points (DecodeUtf8 of it) at hand, as the extractor has them:
// spans are then found without a pass over the whole text.
SectionTree SegmentSections(std::string_view normalized_text, std::u32string_view code_points,
                            std::optional<int> report_year = std::nullopt);

// The stretches of text a part covers, in code points: from each top-level (or level-0) heading
// of that part to the next top-level heading of another named part, or to `text_end`.
//
//   PartSpans(tree.sections, "plans", code_points.size())  -> {[5120, 7300)}
std::vector<Span> PartSpans(const std::vector<Section>& sections, std::string_view part,
                            int64_t text_end);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SECTIONS_SECTIONS_H_
