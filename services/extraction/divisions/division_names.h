// Rule data for naming divisions: the suffixes a short name drops, the ethnic names inside
// autonomous units' names, and the placeholder prefectures of the official list.
//
//   ShortNames("甘孜藏族自治州") -> {"甘孜州", "甘孜"};  ShortNames("盂县") -> {} (2 characters
//   stay)
//
// Every table here is data: to teach the loader a new suffix, add a row.
#ifndef FAZHI_SERVICES_EXTRACTION_DIVISIONS_DIVISION_NAMES_H_
#define FAZHI_SERVICES_EXTRACTION_DIVISIONS_DIVISION_NAMES_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace fazhi::extraction {

// A type suffix of an official name. `generic` is the one-character form people use once the
// ethnic names are dropped (自治州 -> 州: 甘孜藏族自治州 -> 甘孜州), empty when there is none.
struct DivisionSuffix {
  std::string_view suffix;
  std::string_view generic;
};

// Longest first: the first suffix that ends a name is the one stripped.
inline constexpr std::array<DivisionSuffix, 22> kDivisionSuffixes = {{
    {"特别行政区", ""}, {"街道办事处", ""}, {"民族苏木", "苏木"}, {"自治区", ""},
    {"自治州", "州"},   {"自治县", "县"},   {"自治旗", "旗"},     {"民族乡", "乡"},
    {"民族镇", "镇"},   {"街道", ""},       {"地区", ""},         {"苏木", ""},
    {"林区", ""},       {"特区", ""},       {"省", ""},           {"市", ""},
    {"盟", ""},         {"县", ""},         {"区", ""},           {"旗", ""},
    {"镇", ""},         {"乡", ""},
}};

// The 55 ethnic minorities (and 各, as in 龙胜各族自治县), as they appear before 族 in the names
// of autonomous units. Longer names first so 土家 is tried before 土.
inline constexpr std::array<std::string_view, 56> kEthnicNames = {{
    "柯尔克孜", "乌孜别克", "维吾尔", "哈萨克", "达斡尔", "鄂伦春", "鄂温克", "俄罗斯",
    "塔吉克",   "塔塔尔",   "蒙古",   "布依",   "朝鲜",   "土家",   "哈尼",   "傈僳",
    "高山",     "拉祜",     "东乡",   "纳西",   "景颇",   "仫佬",   "布朗",   "撒拉",
    "毛南",     "仡佬",     "锡伯",   "阿昌",   "普米",   "德昂",   "保安",   "裕固",
    "独龙",     "赫哲",     "门巴",   "珞巴",   "基诺",   "回",     "藏",     "苗",
    "彝",       "壮",       "满",     "侗",     "瑶",     "白",     "傣",     "黎",
    "佤",       "畲",       "水",     "土",     "羌",     "怒",     "京",     "各",
}};

// Placeholder prefectures of the official list: they group county-level units but are not
// places anyone names (北京市 -> 市辖区 -> 海淀区).
inline constexpr std::array<std::string_view, 4> kPlaceholderPrefectures = {{
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
}};

// The short names of an official name, without the name itself; none when the name is two
// characters long or stripping would leave fewer than two characters.
std::vector<std::string> ShortNames(std::string_view official_name);

// The type suffix the name ends with ("县", "自治州", "街道"), or empty.
std::string_view DivisionSuffixOf(std::string_view official_name);

// The type word a short name keeps: the suffix's generic form (县 for 自治县), or a one-character
// suffix itself (区 for 管城回族区); empty when there is none (街道, 地区: 西乡, never 西乡街).
std::string_view TypeWordOf(std::string_view official_name);

// Whether a name ends with a type suffix or its generic form: true for 通道县 and 甘孜州, false
// for the bare 通道 and 甘孜.
bool HasTypeSuffix(std::string_view name);

bool IsPlaceholderPrefecture(std::string_view name);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_DIVISIONS_DIVISION_NAMES_H_
