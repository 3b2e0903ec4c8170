// The words around a figure that change what it means: modifiers (approximate, lower or upper
// bound), signs, magnitudes after an approximation marker, and the words that look like a unit
// or a modifier but are not. Units themselves are data: data/units/units.tsv (unit_table.h).
// This header is the one place to add such a word.
//
//   "超过1000亿美元"  超过 = lower bound (and approximate)     "3%以内"  以内 = upper bound
//   "签约30个项目"    约 inside 签约: no modifier               "减负120亿元"  负 inside 减负: no
//   sign
#ifndef FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITY_WORDS_H_
#define FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITY_WORDS_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::quantity_words {

enum class Bound { kNone, kLower, kUpper };

// A modifier makes its figure approximate; a bound also says which side the true value lies on.
// `not_after` lists characters that, right before the word, make it part of another word: the
// 约 of 签约/节约/制约/集约 is no "about", the 近 of 最近/附近 no "nearly".
struct Modifier {
  std::u32string_view word;
  Bound bound;
  std::u32string_view not_after = U"";
};

// Before a figure. Longer words first where one ends another (不超过 before 超过).
inline constexpr auto kPrefixModifiers = std::to_array<Modifier>({
    {U"不超过", Bound::kUpper},
    {U"不高于", Bound::kUpper},
    {U"不多于", Bound::kUpper},
    {U"不到", Bound::kUpper},
    {U"不足", Bound::kUpper},
    {U"不超", Bound::kUpper},
    {U"不少于", Bound::kLower},
    {U"不低于", Bound::kLower},
    {U"至少", Bound::kLower},
    {U"超过", Bound::kLower},
    {U"突破", Bound::kLower},
    {U"逾", Bound::kLower},
    {U"超", Bound::kLower, U"赶高"},
    {U"大约", Bound::kNone},
    {U"将近", Bound::kNone},
    {U"接近", Bound::kNone},
    {U"约", Bound::kNone, U"签节制集预合契违履邀特公条缔解毁失守践赴租誓爽婚相盟应隐简俭要续立和"},
    {U"近", Bound::kNone, U"最附邻靠就临"},
});

// Before a figure written without digits, from a magnitude word: 上万人, 数百家, 过亿元, 破万件,
// 几十万. Such a figure is the least the words can mean, so a lower bound.
inline constexpr auto kDigitlessPrefixes = std::to_array<Modifier>({
    {U"上", Bound::kLower, U"以之线网马晚早加路海世楼面会身手台街山天地场向往至本实体北千掌"},
    {U"过", Bound::kLower, U"通经超不度错越穿难改罪记功胜太为看做说渡路"},
    {U"破", Bound::kLower, U"打攻冲识爆点看击"},
    {U"数", Bound::kLower, U"指参人总次分函系倍无半整基点岁天件户票多少个位约"},
    {U"几", Bound::kLower, U"无"},
});

// After the figure and its unit.
inline constexpr auto kSuffixModifiers = std::to_array<Modifier>({
    {U"及以上", Bound::kLower},
    {U"以上", Bound::kLower},
    {U"以内", Bound::kUpper},
    {U"之内", Bound::kUpper},
    {U"以下", Bound::kUpper},
    {U"左右", Bound::kNone},
    {U"上下", Bound::kNone},
    {U"有余", Bound::kNone},
    {U"余", Bound::kNone},
    {U"多", Bound::kNone},
});

// Words that begin like a suffix modifier but are something else: 3个上下游企业.
inline constexpr auto kSuffixLookalikes = std::to_array<std::u32string_view>(
    {U"上下游", U"上下联", U"上下级", U"上下班", U"上下功夫", U"上下一", U"上下贯",
     U"上下齐", U"上下同", U"上下协", U"上下车", U"以下简称", U"多元",   U"多样",
     U"多彩",   U"多层",   U"多方",   U"多种",   U"多部门",   U"多渠道", U"多措",
     U"多元化", U"多跨",   U"多规",   U"多式"});

// Between the figure and its unit: "1000余斤", "30多个", "二十几万".
inline constexpr auto kApproximateInfixes =
    std::to_array<std::u32string_view>({U"余", U"多", U"几"});

// A magnitude left over after an approximation marker: "4000余万元", "300多亿千瓦时". Longest
// first.
struct Magnitude {
  std::u32string_view surface;
  double multiplier;
};
inline constexpr auto kMagnitudes = std::to_array<Magnitude>(
    {{U"万亿", 1e12}, {U"千万", 1e7}, {U"百万", 1e6}, {U"十万", 1e5}, {U"亿", 1e8}, {U"万", 1e4}});

// Characters a figure with no digits is made of (超千亿元, 近万人, 千余家): one of 十百千 and
// then 万, 亿 or 万亿, the value being their product.
inline constexpr std::u32string_view kSmallMagnitudes = U"十百千";
inline constexpr std::u32string_view kLargeMagnitudes = U"万亿";
// Magnitude characters that may end a figure (1300万千 ends in two): where a unit such as 千瓦 can
// start inside it.
inline constexpr std::u32string_view kMagnitudeChars = U"十拾百佰千仟万萬亿億兆";

// 负 is a sign only as a sign: at the start of a figure (负3.2%, "增长:负0.5%") or after one of
// these characters (增长负0.5%, 增速为负3%). After any other Han character it ends a word
// (减负120亿元, 税负3.8亿元, 担负, 不负) and the figure after it is positive.
inline constexpr std::u32string_view kSignBeforeFu = U"为是至到达长速率值比于了即约近";
// Before a figure, makes it negative: 零下5℃.
inline constexpr std::u32string_view kBelowZero = U"零下";

// 一 after one of these ends a word (统一部署, 唯一, 同一批, 新一轮, 每一个): no count of one.
inline constexpr std::u32string_view kYiWordStarts = U"统唯同单专合归逐万之其新上下每任均不如";

// "3-5件", "3至5件": what may join the two ends of a range.
inline constexpr std::u32string_view kRangeSeparators = U"-－~～至到—–";

// Before a figure, these make it an ordinal or a rank, not a quantity: 第三十二条, 十一届十次全会.
inline constexpr std::u32string_view kOrdinalPrefixes = U"第届";

// Words that begin with a unit but are not one after a figure ("十二五期间", "十部门", "一部分").
// A lookalike only wins over a shorter unit: 人民 does not stop 人民币.
inline constexpr auto kUnitLookalikes = std::to_array<std::u32string_view>({
    U"期间", U"期待", U"期望", U"期限", U"人民",   U"条例", U"条件", U"条款", U"项目", U"家庭",
    U"名单", U"名词", U"名称", U"名义", U"次全会", U"所有", U"所属", U"所在", U"所得", U"部门",
    U"部委", U"部分", U"部署", U"部长", U"部队",   U"部位", U"部件", U"部际", U"部省", U"部属",
    U"方面", U"方式", U"方案", U"方向", U"方法",   U"方针", U"方位", U"方略", U"方阵", U"方舱",
    U"方便", U"方能", U"方可", U"方言", U"方圆",   U"升级", U"升格", U"升值", U"升温", U"升华",
    U"升学", U"升旗", U"升降", U"升至", U"升为",   U"列入", U"列为", U"列出", U"列车", U"轮换",
    U"轮岗", U"轮值", U"轮胎", U"轮船", U"轮廓",   U"度过", U"度假", U"头部", U"头条", U"头号",
    U"头等", U"栋梁", U"级别", U"台湾", U"台阶",   U"台账", U"支持", U"支付", U"支出", U"支撑",
    U"支部", U"支援", U"支柱", U"处理", U"处置",   U"处罚", U"处于", U"处室", U"批准", U"批复",
    U"批示", U"场所", U"场景", U"场地", U"户外",   U"户籍", U"户口", U"户型", U"只有", U"只要",
    U"只能", U"只是", U"只需", U"起步", U"起点",   U"起草", U"起来", U"位于", U"位置", U"周边",
    U"周期", U"周末", U"轮车", U"部曲", U"片区",   U"剂量", U"尾声", U"尾款", U"尾矿", U"尾气",
});

// Words before a rate that make more than 100% plausible (增长135%); without one it is suspect.
inline constexpr auto kGrowthWords = std::to_array<std::u32string_view>(
    {U"增长", U"增加", U"提高", U"上升", U"提升", U"增幅", U"增速", U"超额"});

// After a figure with a magnitude, names a class, not an amount: 百亿级企业, 十亿级项目,
// 500亿级产业.
inline constexpr char32_t kClassMarker = U'级';

// Characters that end the noun after a bare magnitude figure ("3.3万农民" takes 农民).
inline constexpr std::u32string_view kNounStops = U"的是在和与及等了以为左右余多之";

// What joins a unit to its denominator in a compound unit: 42万元/人, 35吨/日.
inline constexpr char32_t kPerSeparator = U'/';

}  // namespace fazhi::extraction::quantity_words

#endif  // FAZHI_SERVICES_EXTRACTION_QUANTITIES_QUANTITY_WORDS_H_
