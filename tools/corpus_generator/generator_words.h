// Rule data of the corpus generator: the words it recognizes in the sample reports (heading cues,
// self-references such as 我县 / 县委) and the words it writes (title patterns, site chrome).
// Every table is data: to vary the output or teach the splitter a cue, add a row.
//
//   kTitlePatterns[0] = "{place}{year}年法治政府建设情况报告"
//   // -> "通道侗族自治县2019年法治政府建设情况报告"
#ifndef FAZHI_TOOLS_CORPUS_GENERATOR_GENERATOR_WORDS_H_
#define FAZHI_TOOLS_CORPUS_GENERATOR_GENERATOR_WORDS_H_

#include <array>
#include <string_view>

namespace fazhi::corpus {

// The part of a report a level-1 section belongs to, by cue words in its heading; the first
// matching row wins, a heading matching none is an achievements section.
enum class PartKind { kAchievements = 0, kDuties = 1, kProblems = 2, kPlans = 3 };

struct HeadingCue {
  std::string_view cue;
  PartKind kind;
};

inline constexpr std::array<HeadingCue, 14> kHeadingCues = {{
    {"第一责任人", PartKind::kDuties},
    {"主要负责人", PartKind::kDuties},
    {"问题", PartKind::kProblems},
    {"不足", PartKind::kProblems},
    {"短板", PartKind::kProblems},
    {"差距", PartKind::kProblems},
    {"薄弱", PartKind::kProblems},
    {"困难", PartKind::kProblems},
    {"下一步", PartKind::kPlans},
    {"打算", PartKind::kPlans},
    {"计划", PartKind::kPlans},
    {"思路", PartKind::kPlans},
    {"工作安排", PartKind::kPlans},
    {"展望", PartKind::kPlans},
}};

// Self-references: a level word (县, 区, 镇 ...) is the reporter's own when a prefix stands before
// it (我县, 全区, 依法治县) or a follower after it (县委, 区政府, 镇党委). Longer rows first.
inline constexpr std::array<std::string_view, 4> kSelfPrefixes = {{"依法治", "我", "全", "本"}};
inline constexpr std::array<std::string_view, 17> kSelfFollowers = {{
    "人民政府",
    "人民法院",
    "检察院",
    "司法局",
    "政府",
    "党委",
    "纪委",
    "人大",
    "政协",
    "财政",
    "法院",
    "委",
    "级",
    "直",
    "长",
    "域",
    "属",
}};
// The superior's words (在县委、县政府的领导下 in a township's report) only take these.
inline constexpr std::array<std::string_view, 5> kSuperiorFollowers = {{
    "人民政府",
    "政府",
    "人大",
    "政协",
    "委",
}};
// A character before the level word that makes it part of another word (社区委, 城市级, 乡镇政府).
inline constexpr std::array<std::string_view, 16> kLevelWordGuards = {{
    "社",
    "园",
    "城",
    "景",
    "辖",
    "治",
    "片",
    "小",
    "街",
    "乡",
    "超",
    "都",
    "省",
    "州",
    "郊",
    "地",
}};
// A character before 全 that makes 全X another word (安全区, 健全县 ... 完全).
inline constexpr std::array<std::string_view, 5> kWholeGuards = {{"安", "健", "完", "齐", "周"}};

// Level words: the suffix of an official name -> the word the reporter calls itself by.
struct LevelWord {
  std::string_view suffix;
  std::string_view word;
};
inline constexpr std::array<LevelWord, 16> kLevelWords = {{
    {"自治区", "区"},
    {"自治州", "州"},
    {"自治县", "县"},
    {"自治旗", "旗"},
    {"街道", "街道"},
    {"地区", "地区"},
    {"苏木", "苏木"},
    {"省", "省"},
    {"市", "市"},
    {"州", "州"},
    {"盟", "盟"},
    {"县", "县"},
    {"区", "区"},
    {"旗", "旗"},
    {"镇", "镇"},
    {"乡", "乡"},
}};

// Division names the generator never picks: county-level zones without a government of their
// own, and list rows that are not townships.
inline constexpr std::array<std::string_view, 6> kSkippedNameParts = {{
    "开发区",
    "园区",
    "管理区",
    "示范区",
    "试验区",
    "管委会",
}};
inline constexpr std::array<std::string_view, 4> kTownshipSuffixes = {{"镇", "乡", "街道", "苏木"}};

// Titles. {place} is the jurisdiction as the title names it, {year} the report year. A third
// name no place, as many real ones do: only the issuer's signature or the page says whose it is.
inline constexpr std::array<std::string_view, 12> kTitlePatterns = {{
    "{place}{year}年法治政府建设情况报告",
    "{place}{year}年度法治政府建设情况的报告",
    "{place}人民政府关于{year}年度法治政府建设情况的报告",
    "关于{place}{year}年度法治政府建设工作情况的报告",
    "{place}{year}年法治政府建设年度报告",
    "{place}{year}年度法治建设情况报告",
    "{place}关于{year}年法治政府建设工作的报告",
    "{place}人民政府{year}年度法治政府建设工作报告",
    "关于{year}年度法治政府建设工作情况的报告",
    "{year}年度法治政府建设情况报告",
    "{year}年法治政府建设工作情况报告",
    "关于{year}年法治政府建设情况的报告",
}};

// Web page chrome for HTML output.
inline constexpr std::array<std::string_view, 6> kNavItems = {{
    "首页",
    "政务公开",
    "政务服务",
    "互动交流",
    "走进{short}",
    "专题专栏",
}};
inline constexpr std::array<std::string_view, 3> kBreadcrumbLeaves = {{
    "法治政府建设",
    "通知公告",
    "工作报告",
}};

// ICP record prefixes by province code (京ICP备...).
struct ProvinceAbbreviation {
  std::string_view code;
  std::string_view abbreviation;
};
inline constexpr std::array<ProvinceAbbreviation, 31> kProvinceAbbreviations = {{
    {"11", "京"}, {"12", "津"}, {"13", "冀"}, {"14", "晋"}, {"15", "蒙"}, {"21", "辽"},
    {"22", "吉"}, {"23", "黑"}, {"31", "沪"}, {"32", "苏"}, {"33", "浙"}, {"34", "皖"},
    {"35", "闽"}, {"36", "赣"}, {"37", "鲁"}, {"41", "豫"}, {"42", "鄂"}, {"43", "湘"},
    {"44", "粤"}, {"45", "桂"}, {"46", "琼"}, {"50", "渝"}, {"51", "蜀"}, {"52", "黔"},
    {"53", "滇"}, {"54", "藏"}, {"61", "陕"}, {"62", "陇"}, {"63", "青"}, {"64", "宁"},
    {"65", "新"},
}};

inline constexpr std::array<std::string_view, 11> kChineseDigits = {{
    "〇",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
}};

}  // namespace fazhi::corpus

#endif  // FAZHI_TOOLS_CORPUS_GENERATOR_GENERATOR_WORDS_H_
