// Rule data for segmenting a report: the words that tie a heading or a paragraph to one of the
// canonical parts (achievements, problems, plans, leaders' duties). Add a row to teach a new cue.
#ifndef FAZHI_SERVICES_EXTRACTION_SECTIONS_SECTION_CUES_H_
#define FAZHI_SERVICES_EXTRACTION_SECTIONS_SECTION_CUES_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::section_cues {

inline constexpr std::string_view kAchievements = "achievements";
inline constexpr std::string_view kProblems = "problems";
inline constexpr std::string_view kPlans = "plans";
inline constexpr std::string_view kLeadersDuties = "leaders_duties";
// Notes and attachments after the report (名词解释, 附件1): no part of the plans before them.
inline constexpr std::string_view kAppendix = "appendix";

// A short line opening with one of these starts the appendix (the metadata reader uses them too).
inline constexpr std::array<std::string_view, 5> kAppendixOpenings = {{
    "有关名词解释",
    "名词解释",
    "附件",
    "注释",
    "附:",
}};
inline constexpr size_t kMaxAppendixHeadingLength = 12;

// A heading containing `cue` belongs to `part`. Rows are tried in order. `any_level`: the cue is
// specific enough for a sub-heading; otherwise only top-level headings are classified by it.
struct HeadingCue {
  std::string_view cue;
  std::string_view part;
  bool any_level;
};

inline constexpr std::array<HeadingCue, 41> kHeadingCues = {{
    {"第一责任人", kLeadersDuties, true},
    {"主要负责人履行", kLeadersDuties, true},
    {"工作回顾", kAchievements, true},
    {"存在的问题", kProblems, true},
    {"存在问题", kProblems, true},
    {"困难和问题", kProblems, true},
    {"问题和不足", kProblems, true},
    {"存在不足", kProblems, true},
    {"存在的不足", kProblems, true},
    {"困难和挑战", kProblems, true},
    {"问题和挑战", kProblems, true},
    {"短板", kProblems, false},
    {"不足", kProblems, false},
    {"差距", kProblems, false},
    {"问题", kProblems, false},
    {"下一步", kPlans, true},
    {"工作打算", kPlans, true},
    {"工作计划", kPlans, true},
    {"工作思路", kPlans, true},
    {"主要思路", kPlans, true},
    {"工作安排", kPlans, true},
    {"政府工作的建议", kPlans, true},
    {"下一阶段", kPlans, true},
    {"总体部署", kPlans, false},
    {"发展目标", kPlans, false},
    {"今后", kPlans, false},
    {"明年", kPlans, false},
    {"主要任务", kPlans, false},
    {"工作任务", kPlans, false},
    {"打算", kPlans, false},
    {"思路", kPlans, false},
    {"计划", kPlans, false},
    {"展望", kPlans, false},
    {"成效", kAchievements, false},
    {"成绩", kAchievements, false},
    {"主要做法", kAchievements, false},
    {"主要举措", kAchievements, false},
    {"工作开展情况", kAchievements, false},
    {"回顾", kAchievements, false},
    {"过去", kAchievements, false},
    {"情况", kAchievements, false},
}};

// A top-level heading naming a year after the report year ("三、2026年重点工作" in a report on
// 2025) opens the plans whatever its words; these words make a short unmarked line ("2014年工作
// 安排", "2013年工作回顾") a part heading, when it names a year.
inline constexpr std::array<std::string_view, 9> kDatedPartWords = {{
    "工作回顾",
    "工作安排",
    "主要工作",
    "重点工作",
    "主要任务",
    "工作任务",
    "工作打算",
    "工作计划",
    "工作总结",
}};
// An unmarked line is a heading only when it is this short and has no sentence punctuation.
inline constexpr size_t kMaxUnmarkedHeadingLength = 20;

// A paragraph opens a part when its first sentence starts with one of `starts`, or contains one
// of `marks` followed (within kCueWindow characters) by one of `objects`.
inline constexpr std::array<std::string_view, 5> kPlanParagraphStarts = {{
    "下一步",
    "今后",
    "新的一年",
    "明年",
    "来年",
}};
// "2021年,我县将..." : a year, then 将 within the first few characters, opens the plans.
inline constexpr std::string_view kFutureMarker = "将";
inline constexpr size_t kFutureWindow = 8;

// Anywhere in a paragraph, these open a passage on problems
// ("在肯定成绩的同时，我们也清醒看到面临的 困难和挑战";
// "同时，我们清醒认识到，前进道路上还有不少困难和问题").
inline constexpr std::array<std::string_view, 5> kProblemOpenings = {{
    "清醒认识到",
    "清醒地认识到",
    "清醒看到",
    "清醒地看到",
    "面临不少",
}};
// In a paragraph's first sentence, a mark followed by an object: "同时，我们也要看到…问题".
inline constexpr std::array<std::string_view, 7> kProblemMarks = {{
    "还存在",
    "仍存在",
    "也存在",
    "但存在",
    "仍然存在",
    "也要看到",
    "也应看到",
}};
inline constexpr std::array<std::string_view, 8> kProblemObjects = {{
    "问题",
    "不足",
    "短板",
    "差距",
    "困难",
    "薄弱",
    "挑战",
    "矛盾",
}};
inline constexpr size_t kCueWindow = 20;

}  // namespace fazhi::extraction::section_cues

#endif  // FAZHI_SERVICES_EXTRACTION_SECTIONS_SECTION_CUES_H_
