// Rule data for reading a report's metadata: header labels, title words, issuer suffixes and the
// document kinds. Add a row to teach the extractor a new label or kind.
#ifndef FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_CUES_H_
#define FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_CUES_H_

#include <array>
#include <string_view>

#include "services/extraction/sections/section_cues.h"

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
    {"信息来源", Field::kSource},    {"来源", Field::kSource},     {"发文机构", Field::kIssuer},
    {"发布机构", Field::kIssuer},    {"发文单位", Field::kIssuer}, {"发布单位", Field::kIssuer},
    {"发布时间", Field::kDate},      {"发布日期", Field::kDate},   {"成文日期", Field::kDate},
    {"发文日期", Field::kDate},      {"日期", Field::kDate},       {"时间", Field::kDate},
    {"发文字号", Field::kDocNumber}, {"文号", Field::kDocNumber},  {"索引号", Field::kIndexNumber},
    {"浏览量", Field::kOther},       {"浏览次数", Field::kOther},  {"访问量", Field::kOther},
    {"公开目录", Field::kOther},     {"主题分类", Field::kOther},  {"公开方式", Field::kOther},
    {"作者", Field::kOther},
}};

// Words that make a short line the report's title.
inline constexpr std::array<std::string_view, 6> kTitleWords = {{
    "报告",
    "情况",
    "工作总结",
    "总结",
    "公示",
    "公告",
}};

// Endings of an issuing body's name (signature lines, 来源).
inline constexpr std::array<std::string_view, 16> kIssuerSuffixes = {{
    "人民政府办公室",
    "人民政府",
    "政府办公室",
    "办公室",
    "委员会",
    "政府",
    "党委",
    "办事处",
    "管委会",
    "领导小组",
    "司法局",
    "局",
    "委",
    "办",
    "厅",
    "中心",
}};

// Document kinds. A report's kind is read from its title (first match wins), else from whether it
// is a speech to a congress (speech.h), else from the kind the text names most often.
inline constexpr std::string_view kRuleOfLawKind = "rule_of_law_report";
inline constexpr std::string_view kWorkReportKind = "government_work_report";
inline constexpr std::string_view kDepartmentKind = "department_report";
inline constexpr std::string_view kDisclosureKind = "information_disclosure_report";
inline constexpr std::string_view kOtherKind = "other";
// `in_body`: also counted in the text when the title names no kind (the longer cues only: a
// short one inside a longer one would count twice).
struct DocumentKindCue {
  std::string_view cue;
  std::string_view kind;
  bool in_body;
};
inline constexpr std::array<DocumentKindCue, 10> kDocumentKinds = {{
    {"政府信息公开工作年度报告", kDisclosureKind, true},
    {"信息公开年度报告", kDisclosureKind, true},
    {"政府工作报告", kWorkReportKind, true},
    {"管委会工作报告", kWorkReportKind, false},
    {"管理委员会工作报告", kWorkReportKind, false},
    {"法治政府建设", kRuleOfLawKind, true},
    {"法治建设", kRuleOfLawKind, true},
    {"依法行政", kRuleOfLawKind, true},
    {"法治政府", kRuleOfLawKind, false},
    {"依法治", kRuleOfLawKind, false},
}};
// A rule-of-law report whose issuer (the title before 关于, else the first issuer) ends with a
// department's suffix, and not with a government's or a place's committee's (中共某县委员会,
// 某镇党委), is that department's own report.
inline constexpr std::array<std::string_view, 17> kGovernmentSuffixes = {{
    "人民政府",
    "政府办公室",
    "政府",
    "管委会",
    "管理委员会",
    "办事处",
    "党委",
    "党工委",
    "县委员会",
    "市委员会",
    "区委员会",
    "省委员会",
    "镇委员会",
    "乡委员会",
    "州委员会",
    "旗委员会",
    "常务委员会",
}};
inline constexpr std::array<std::string_view, 9> kDepartmentSuffixes = {{
    "局",
    "厅",
    "署",
    "办公室",
    "办",
    "委员会",
    "中心",
    "院",
    "所",
}};
// A 来源 naming one of these is a newspaper, broadcaster or site, never an issuer.
inline constexpr std::array<std::string_view, 12> kMediaWords = {{
    "日报",
    "晚报",
    "报社",
    "新闻",
    "融媒",
    "传媒",
    "电视",
    "广播",
    "网站",
    "客户端",
    "新华社",
    "杂志",
}};

// A speech's body year needs at least this weight (a mention counts 1, with a follower 2).
inline constexpr double kMinSpeechYearWeight = 3;

// Phrases after "20XX年" that mark the year a report covers ("2020年,我县..." "2020年以来").
inline constexpr std::array<std::string_view, 6> kReportYearFollowers = {{
    ",",
    ",",
    "以来",
    "度",
    "是",
    "全",
}};

// --- Reports delivered as speeches (speech.h) ---

// A speech to a congress opens with one of these.
inline constexpr std::array<std::string_view, 2> kSpeechOpenings = {{"各位代表", "各位委员"}};
// "现在，我代表上海市人民政府，向大会报告工作": the speaker's body follows kSpeakerCue and ends
// before one of kSpeakerEnds; it must end with one of kSpeakerBodies.
inline constexpr std::string_view kSpeakerCue = "我代表";
inline constexpr std::array<std::string_view, 4> kSpeakerEnds = {{"，", ",", "向", "作"}};
// Between bodies named together: "新区党工委、管委会".
inline constexpr std::string_view kBodySeparator = "、";
inline constexpr std::array<std::string_view, 5> kSpeakerBodies = {{
    "人民政府",
    "政府",
    "国务院",
    "管理委员会",
    "管委会",
}};
// The type words a speaker may name its own government by alone (我代表省人民政府, 我代表区政府);
// longest first.
inline constexpr std::array<std::string_view, 12> kBareGovernmentTypes = {{
    "自治区",
    "自治州",
    "自治县",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
    "镇",
    "乡",
}};
// The speech's opening and delivery lines are looked for among the first lines.
inline constexpr size_t kSpeechWindowLines = 25;
// "——2026年2月3日在上海市第十六届人民代表大会第四次会议上": a date line naming the session.
inline constexpr std::array<std::string_view, 2> kDeliveryMarks = {{"会议", "大会"}};
// A caption dating the session ("3月5日，…人民代表大会…会议在…开幕"): with a delivery mark and one
// of these.
inline constexpr std::array<std::string_view, 2> kCaptionWords = {{"开幕", "政府工作报告"}};
// A delivery line is short: no paragraph is read for one.
inline constexpr size_t kMaxDeliveryLineLength = 60;
// Characters that may come before the delivery date on its line.
inline constexpr std::array<std::string_view, 6> kDeliveryLeaders = {
    {"——", "—", "――", "―", "（", "("}};
// After the speech, notes on its terms (名词解释, 附件): what they date, the review mentions. The
// words are the sections component's (section_cues::kAppendixOpenings).
// A line ending with this is a photo credit ("本报记者 戴冰摄"): page furniture, not text.
inline constexpr std::string_view kPhotoCredit = "摄";
// A report delivered in the first half of a year reviews the year before; one delivered later
// (a new congress in the autumn) reviews the term up to then.
inline constexpr int kLastMonthReviewingPreviousYear = 6;

// Part headings that date the review: "一、2025年工作回顾" reviews 2025; "三、2026年主要任务"
// plans 2026, so the review is of 2025. A heading is a short line without a full stop.
inline constexpr size_t kMaxPartHeadingLength = 40;
inline constexpr std::array<std::string_view, 2> kReviewHeadingWords = {{"工作回顾", "回顾"}};
inline constexpr std::array<std::string_view, 13> kPlanHeadingWords = {{
    "工作安排",
    "主要任务",
    "重点工作",
    "主要工作",
    "工作任务",
    "政府工作",
    "发展目标",
    "总体要求",
    "工作部署",
    "工作打算",
    "工作计划",
    "工作思路",
    "目标要求",
}};
// A part heading with one of these (and no review word) opens the plans: the years a speech's
// body names after it are plans, not the review.
inline constexpr std::array<std::string_view, 10> kPlanOpeningWords = {{
    "工作安排",
    "主要任务",
    "重点工作",
    "工作任务",
    "政府工作的建议",
    "今后",
    "未来",
    "下一步",
    "明年",
    "目标要求",
}};

}  // namespace fazhi::extraction::metadata_cues

#endif  // FAZHI_SERVICES_EXTRACTION_METADATA_METADATA_CUES_H_
