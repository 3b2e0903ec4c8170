// The words the citation recognizers decide by: title endings that give a citation's kind, and
// the words that end an issuing organ's name on its left (印发隆政办发〔2022〕26号 -> 隆政办发).
#ifndef FAZHI_SERVICES_EXTRACTION_CITATIONS_CITATION_WORDS_H_
#define FAZHI_SERVICES_EXTRACTION_CITATIONS_CITATION_WORDS_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::citation_words {

struct KindEnding {
  std::u32string_view ending;
  std::string_view kind;
};

// Checked in order against the title's end (after trailing "(试行)", "(2021—2025年)"): 办法
// must come before 法.
inline constexpr std::array kKindEndings = std::to_array<KindEnding>({
    {U"办法", "rule"},
    {U"规定", "rule"},
    {U"规则", "rule"},
    {U"细则", "rule"},
    {U"法典", "law"},
    {U"法", "law"},
    {U"条例", "regulation"},
    {U"规划", "plan"},
    {U"计划", "plan"},
    {U"纲要", "plan"},
    {U"意见", "normative_document"},
    {U"通知", "normative_document"},
    {U"方案", "normative_document"},
    {U"决定", "normative_document"},
    {U"批复", "normative_document"},
    {U"通报", "normative_document"},
    {U"措施", "normative_document"},
    {U"要点", "normative_document"},
    {U"指引", "normative_document"},
    {U"公告", "normative_document"},
    {U"通告", "normative_document"},
    {U"决议", "normative_document"},
    {U"清单", "normative_document"},
    {U"目录", "normative_document"},
    {U"举措", "normative_document"},
    {U"标准", "normative_document"},
    {U"制度", "normative_document"},
    {U"安排", "normative_document"},
    {U"函", "normative_document"},
    {U"指南", "normative_document"},
    {U"守则", "normative_document"},
    {U"基准", "normative_document"},
});

// A rule-like title that is "关于…的规定" is a normative document, unless a 令 number follows it;
// a title of no known kind followed by a 令 number is a rule.
inline constexpr std::u32string_view kAboutWord = U"关于";
inline constexpr std::u32string_view kDecreeMark = U"令";

// Words that end an issuing organ's name on its left; the organ is what follows the last one.
inline constexpr std::array kOrganStops = std::to_array<std::u32string_view>({
    U"印发", U"根据", U"按照", U"依据", U"转发", U"下发", U"执行", U"落实", U"文件",
    U"关于", U"通过", U"强调", U"要求", U"贯彻", U"学习", U"参照", U"结合", U"遵照",
    U"制定", U"出台", U"发布", U"再次", U"的",   U"和",   U"及",   U"与",   U"了",
    U"在",   U"将",   U"把",   U"对",   U"由",   U"是",   U"见",   U"以",   U"即",
    U"经",   U"按",   U"据",   U"从",   U"于",   U"向",   U"为",   U"或",   U"等",
});

// An organ name has at most this many characters (国务院办公厅 is 6; 隆政办发 is 4).
inline constexpr size_t kMaxOrganLength = 12;

// Brackets around the year of a 文号: 〔2021〕, [2021], 【2021】, (2021), （2021）, ［2021］.
inline constexpr std::u32string_view kYearOpeners = U"〔[【(（［";
inline constexpr std::u32string_view kYearClosers = U"〕]】)）］";

}  // namespace fazhi::extraction::citation_words

#endif  // FAZHI_SERVICES_EXTRACTION_CITATIONS_CITATION_WORDS_H_
