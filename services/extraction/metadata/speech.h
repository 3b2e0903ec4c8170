// Reads what a report delivered as a speech says about itself. Government work reports
// (政府工作报告, 管委会工作报告) are read to a people's congress: they open with 各位代表, name the
// government the speaker represents, often print the day they were delivered, and review one year
// (or a term) before planning the next.
//
//   SpeechFacts facts = ReadSpeech({"2026年上海市政府工作报告",
//                                   "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
//                                   "各位代表：",
//                                   "现在，我代表上海市人民政府，向大会报告工作，请予审议。",
//                                   "一、2025年工作回顾", "...", "三、2026年主要任务"});
//   // facts.is_speech == true, facts.speaker == "上海市人民政府",
//   // facts.delivered_on == "2026-02-03", facts.reviewed_year == 2025
//
// The reviewed year comes first from a review heading (2025年工作回顾 -> 2025), then from the
// delivery date (a report delivered in the first half of a year reviews the year before; one
// delivered later, at a new congress, reviews the term up to then), then from the latest year a
// plan heading names (2026年主要任务 -> 2025). Cue words are in metadata_cues.h.
#ifndef FAZHI_SERVICES_EXTRACTION_METADATA_SPEECH_H_
#define FAZHI_SERVICES_EXTRACTION_METADATA_SPEECH_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fazhi::extraction {

struct SpeechFacts {
  bool is_speech = false;    // addressed to a congress (各位代表 ... 向大会报告工作)
  std::string speaker;       // the body the speaker represents, as written ("省人民政府")
  std::string delivered_on;  // ISO date the report was delivered, or empty
  std::optional<int> reviewed_year;  // the year whose work the report reviews
  size_t review_end_line = 0;        // the first line of the plans (a plan heading), or the end
  size_t appendix_line = 0;  // the first line of notes after the speech (名词解释), or the end
};

// `lines` are the document's non-empty lines, trimmed, in order.
SpeechFacts ReadSpeech(std::span<const std::string_view> lines);

// The speaker's body with its place filled in where the text leaves it out: ("省人民政府",
// "四川省")
// -> "四川省人民政府"; ("区政府", "盐田区") -> "盐田区人民政府"; a named body is kept as written.
std::string QualifiedSpeaker(std::string_view speaker, std::string_view jurisdiction_name);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_METADATA_SPEECH_H_
