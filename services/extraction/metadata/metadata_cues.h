// Rule data for reading a report's metadata: header labels, title words, issuer suffixes and the
// document kinds. Add a row to teach the extractor a new label or kind.
#ifndef FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_CUES_H_
#define FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_CUES_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::metadata_cues {

// kIssuer labels name the issuing body; kSource labels (来源) name the site's publishing office,
// which may be a department (来源:市司法局) of the issuer: the signature outranks it.
enum class Field { kIssuer, kSource, kDate, kDocNumber, kIndexNumber, kOther };

// A header label ("来源:炉霍县人民政府", or "发文机构" with the value on the next line).
struct HeaderLabel {
  std::string_view label;
  Field field;
};

// Longer labels first: 发布时间 must be tried before 时间. kOther labels are listed so that a
// label with an empty value (文号 followed by 浏览量) does not take the next label as its value.
inline constexpr std::array<HeaderLabel, 22> kHeaderLabels = {{
    {"信息来源", Field::kSource},   {"来源", Field::kSource},       {"发文机构", Field::kIssuer},
    {"发布机构", Field::kIssuer},   {"发文单位", Field::kIssuer},   {"发布单位", Field::kIssuer},
    {"发布时间", Field::kDate},     {"发布日期", Field::kDate},     {"成文日期", Field::kDate},
    {"发文日期", Field::kDate},     {"日期", Field::kDate},         {"时间", Field::kDate},
    {"发文字号", Field::kDocNumber}, {"文号", Field::kDocNumber},    {"索引号", Field::kIndexNumber},
    {"浏览量", Field::kOther},      {"浏览次数", Field::kOther},    {"访问量", Field::kOther},
    {"公开目录", Field::kOther},    {"主题分类", Field::kOther},    {"公开方式", Field::kOther},
    {"作者", Field::kOther},
}};

// Words that make a short line the report's title.
inline constexpr std::array<std::string_view, 6> kTitleWords = {{
    "报告", "情况", "工作总结", "总结", "公示", "公告",
}};

// Endings of an issuing body's name (signature lines, 来源).
inline constexpr std::array<std::string_view, 16> kIssuerSuffixes = {{
    "人民政府办公室", "人民政府", "政府办公室", "办公室", "委员会", "政府", "党委", "办事处", "管委会",
    "领导小组", "司法局", "局", "委", "办", "厅", "中心",
}};

// Document kinds, first match wins, read from the title (or the text when there is no title).
struct DocumentKindCue {
  std::string_view cue;
  std::string_view kind;
};
inline constexpr std::array<DocumentKindCue, 6> kDocumentKinds = {{
    {"政府信息公开工作年度报告", "information_disclosure_report"},
    {"信息公开年度报告", "information_disclosure_report"},
    {"政府工作报告", "government_work_report"},
    {"法治政府建设", "rule_of_law_report"},
    {"法治建设", "rule_of_law_report"},
    {"依法行政", "rule_of_law_report"},
}};
inline constexpr std::string_view kOtherKind = "other";

// Phrases after "20XX年" that mark the year a report covers ("2020年,我县..." "2020年以来").
inline constexpr std::array<std::string_view, 6> kReportYearFollowers = {{
    ",", ",", "以来", "度", "是", "全",
}};

}  // namespace fazhi::extraction::metadata_cues

#endif  // FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_CUES_H_
