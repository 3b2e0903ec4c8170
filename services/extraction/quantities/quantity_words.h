// The words that make a figure a quantity: units and classifiers, magnitudes, approximation
// markers and the words that make a rate over 100% plausible. This is the one table to extend.
//
//   "4000余万元" = 4000 + 余 (approximate) + 万 (magnitude) + 元 (unit) -> 40000000 元, approximate
#ifndef FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITY_WORDS_H_
#define FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITY_WORDS_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::quantity_words {

struct UnitWord {
  std::u32string_view surface;
  std::string_view unit;  // normalized unit reported in Quantity::unit
  double multiplier;      // applied to the value ("万元" -> 元 x 10000)
};

// Longest surface wins, so "人次" beats "人" and "个百分点" beats "个".
inline constexpr std::array kUnits = std::to_array<UnitWord>({
    {U"亿元", "元", 1e8}, {U"万元", "元", 1e4}, {U"千元", "元", 1e3}, {U"元", "元", 1},
    {U"个百分点", "百分点", 1}, {U"百分点", "百分点", 1},
    {U"%", "%", 1}, {U"％", "%", 1},
    {U"人次", "人次", 1}, {U"家次", "家次", 1}, {U"户次", "户次", 1}, {U"场次", "场次", 1},
    {U"件次", "件次", 1}, {U"批次", "批次", 1}, {U"车次", "车次", 1},
    {U"学时", "学时", 1}, {U"课时", "课时", 1}, {U"小时", "小时", 1}, {U"个月", "个月", 1},
    {U"个工作日", "个工作日", 1}, {U"工作日", "工作日", 1},
    {U"平方米", "平方米", 1}, {U"公里", "公里", 1}, {U"公斤", "公斤", 1}, {U"公顷", "公顷", 1},
    {U"件", "件", 1}, {U"名", "名", 1}, {U"人", "人", 1}, {U"个", "个", 1}, {U"次", "次", 1},
    {U"份", "份", 1}, {U"条", "条", 1}, {U"家", "家", 1}, {U"户", "户", 1}, {U"项", "项", 1},
    {U"场", "场", 1}, {U"米", "米", 1}, {U"斤", "斤", 1}, {U"吨", "吨", 1}, {U"亩", "亩", 1},
    {U"本", "本", 1}, {U"册", "册", 1}, {U"倍", "倍", 1}, {U"宗", "宗", 1}, {U"起", "起", 1},
    {U"所", "所", 1}, {U"套", "套", 1}, {U"期", "期", 1}, {U"篇", "篇", 1}, {U"张", "张", 1},
    {U"瓶", "瓶", 1}, {U"支", "支", 1}, {U"位", "位", 1}, {U"例", "例", 1}, {U"批", "批", 1},
    {U"座", "座", 1}, {U"台", "台", 1}, {U"辆", "辆", 1}, {U"块", "块", 1}, {U"天", "天", 1},
    {U"周年", "周年", 1}, {U"周", "周", 1}, {U"种", "种", 1}, {U"类", "类", 1}, {U"处", "处", 1}, {U"间", "间", 1},
});

// A magnitude left over after an approximation marker: "4000余万元".
struct Magnitude {
  std::u32string_view surface;
  double multiplier;
};
inline constexpr std::array kMagnitudes = std::to_array<Magnitude>({{U"亿", 1e8}, {U"万", 1e4}});

// Markers of an approximate figure, by where they stand.
inline constexpr std::array kApproximatePrefixes = std::to_array<std::u32string_view>(
    {U"将近", U"大约", U"超过", U"近", U"约", U"逾", U"超"});
inline constexpr std::array kApproximateInfixes = std::to_array<std::u32string_view>({U"余", U"多", U"几"});
inline constexpr std::array kApproximateSuffixes = std::to_array<std::u32string_view>(
    {U"以上", U"左右", U"有余", U"余", U"多"});

// "3-5件", "3至5件": what may join the two ends of a range.
inline constexpr std::u32string_view kRangeSeparators = U"-－~～至到—–";

// Before a figure, these make it an ordinal or a rank, not a quantity: 第三十二条, 十一届十次全会.
inline constexpr std::u32string_view kOrdinalPrefixes = U"第届";

// Words that begin with a unit character but are not a unit after a figure ("十二五期间").
inline constexpr std::array kUnitLookalikes = std::to_array<std::u32string_view>(
    {U"期间", U"人民", U"条例", U"项目", U"家庭", U"名单", U"次全会", U"所有"});

// Words before a rate that make more than 100% plausible (增长135%); without one it is suspect.
inline constexpr std::array kGrowthWords = std::to_array<std::u32string_view>(
    {U"增长", U"增加", U"提高", U"上升", U"提升", U"增幅", U"增速", U"超额"});

// Characters that end the noun after a bare magnitude figure ("3.3万农民" takes 农民).
inline constexpr std::u32string_view kNounStops = U"的是在和与及等了以为左右余多之";

}  // namespace fazhi::extraction::quantity_words

#endif  // FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITY_WORDS_H_
