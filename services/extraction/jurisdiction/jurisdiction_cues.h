// Rule data for resolving a report's jurisdiction: how much each place a name appears in counts,
// the self-references that tell the reporter's level (我县, 全镇, 我代表区人民政府), the phrases in
// which a report names itself (法治盂县, 平安盂县), and the contexts in which a division name is
// only part of a longer word (发展乡 in 发展乡村, 城区 in 中心城区). Add a row here to teach the
// resolver a new cue; each row of the word tables was checked on real reports (the comment says
// where).
#ifndef FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_CUES_H_
#define FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_CUES_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::jurisdiction_cues {

// Where a name appears. The title, the issuer lines, the government the speaker represents
// (我代表南山区人民政府) and the header (the short lines a text opens with: a title, a site's
// banner, ——在广东省第十四届人民代表大会…) name the reporter: its own evidence. The body names the
// reporter too, but also superiors, neighbours and places cited.
inline constexpr double kTitleWeight = 10;
inline constexpr double kSpeakerWeight = 10;
inline constexpr double kIssuerWeight = 8;
inline constexpr double kHeaderWeight = 5;
// The header: at most this many non-empty lines at the start, each at most this long (code
// points); the first longer line ends it.
inline constexpr int kHeaderMaxLines = 6;
inline constexpr int kHeaderMaxLineLength = 40;
// The body counts with diminishing returns: kBodyScale * sqrt(sum of mention weights).
inline constexpr double kBodyScale = 2;
// A bare short name (隆阳, 三河) is weaker evidence than a full one.
inline constexpr double kBareShortNameWeight = 0.6;
// Extra weight for a name right after one of kSelfPhrasePrefixes (法治盂县).
inline constexpr double kSelfPhraseBonus = 2;
// Each ancestor (province, prefecture, county) named in the text multiplies a candidate's score
// by (1 + kAncestorBoost); one named right before it (海原县三河镇) counts
// kAdjacentAncestorSupport.
inline constexpr double kAncestorBoost = 0.25;
inline constexpr double kAdjacentAncestorSupport = 2;
// A candidate whose type matches the self-references (我县 -> 县) gains up to this factor.
inline constexpr double kSelfReferenceBoost = 2;
// Below this score nothing is resolved.
inline constexpr double kMinimumScore = 2;
// Where no own evidence names the reporter or its type, the body's best place must take at least
// this share of the two best scores (龙岗区 0.69 over 深圳市 in a work report without a title or
// speaker line; a tie is 0.5).
inline constexpr double kMinimumBodyOnlyConfidence = 0.6;

// 我县, 全县, 本县 ... : the reporter speaking of itself. The type word is compared with the last
// character of a candidate's official name (or 街道).
inline constexpr std::array<std::u32string_view, 3> kSelfReferencePrefixes = {
    {U"我", U"全", U"本"}};
inline constexpr std::array<std::u32string_view, 10> kSelfReferenceTypes = {{
    U"街道",
    U"县",
    U"区",
    U"市",
    U"镇",
    U"乡",
    U"州",
    U"省",
    U"旗",
    U"盟",
}};
// 我国, 全国: the nation as the reporter's scope. Counted apart from the types above: every
// local report says 全国 too, so these only speak for the national level when nothing local does.
inline constexpr std::array<std::u32string_view, 2> kNationalSelfReferences = {{U"我国", U"全国"}};
// With no title, issuer, speaker or header naming anyone or any type, the body alone says
// national when it has at least kNationalMinimumReferences national self-references and
// kNationalDominance times as many as local ones. Work reports: the State Council's 6.7 to 36
// times (20-73 against 1-6), the 28 provinces' at most 6 (山东 42 against 7).
inline constexpr int kNationalMinimumReferences = 10;
inline constexpr double kNationalDominance = 8;

// 现在，我代表南山区人民政府向大会报告工作: the words before the government the speaker represents,
// what may end the government's name, and the words that make it a government (我代表团 is not).
inline constexpr std::u32string_view kSpeakerCue = U"我代表";
inline constexpr size_t kSpeakerMaxLength = 24;
inline constexpr std::u32string_view kSpeakerStops = U"，,、。；;：:向　 \n对";
inline constexpr std::array<std::u32string_view, 5> kGovernmentWords = {{
    U"政府",
    U"管委会",
    U"管理委员会",
    U"党工委",
    U"国务院",
}};

// A government named by its type alone (省人民政府, 区政府, 自治区人民政府): the type word it
// starts with (longest first) as an index into kSelfReferenceTypes, and the words after it.
struct OrganType {
  std::u32string_view word;
  size_t type;  // index into kSelfReferenceTypes
};
inline constexpr std::array<OrganType, 13> kOrganTypes = {{
    {U"自治区", 2},
    {U"自治州", 6},
    {U"自治县", 1},
    {U"自治旗", 8},
    {U"街道", 0},
    {U"县", 1},
    {U"区", 2},
    {U"市", 3},
    {U"镇", 4},
    {U"乡", 5},
    {U"州", 6},
    {U"省", 7},
    {U"旗", 8},
}};
inline constexpr std::array<std::u32string_view, 5> kOrganTypeTails = {{
    U"人民政府",
    U"政府",
    U"管理委员会",
    U"管委会",
    U"委员会",
}};

// Slogans that name the reporter's own place: 平安盂县、法治盂县, 建设美丽通道.
inline constexpr std::array<std::u32string_view, 7> kSelfPhrasePrefixes = {{
    U"法治",
    U"平安",
    U"美丽",
    U"幸福",
    U"数字",
    U"智慧",
    U"诚信",
}};

// --- Names inside longer words ---------------------------------------------------------------

// A name ending in a type character followed by a character that continues a word with it is
// that word, not the place: 发展乡 in 推动经济发展乡村振兴 (乡村), 大市 in 大市场 (市场). Pairs of
// the type character and the next one, each seen after a division name in the 165 work reports:
// 乡村 114 times (促进乡村, 发展乡村, 宜居乡村), 乡镇 4, 乡风 15 (文明乡风), 乡贤 1 (新乡贤), 镇化
// 273 (城镇化), 镇街 1 (中心镇街), 区块 10 (工业区块), 市场 197, 市民 72. Not 县城, 县域, 区位,
// 市域: 德钦县城, 盐田区位于 are the place itself.
inline constexpr std::array<std::u32string_view, 9> kWordContinuations = {{
    U"乡村",
    U"乡镇",
    U"乡风",
    U"乡贤",
    U"镇化",
    U"镇街",
    U"区块",
    U"市场",
    U"市民",
}};

// Two-character official names (城区, 范县, 盂县) and three-character ones ending in one of
// kGenericTails (高城镇 in 提高城镇化, 于城镇 in 对于城镇) read a character of the word before them
// as their own: they count only after a boundary: the start of a line, a character that is no
// ideograph, one of kBoundaryCharacters, a self-phrase prefix (法治盂县), or another division's
// name (汕尾市城区). Corpus: 城区 1980 times, nearly all in 中心城区, 老城区, 示范城区, 提升城区;
// 范县 45 times, all in 示范县; 和县 in 城乡和县域.
inline constexpr std::array<std::u32string_view, 6> kGenericTails = {{
    U"城镇",
    U"城区",
    U"新区",
    U"乡镇",
    U"市区",
    U"郊区",
}};
inline constexpr std::u32string_view kBoundaryCharacters =
    U"在于至到赴与和及同对向从由为是将把让给经据";

// Official names that are also common nouns (城区 "urban area", 中心镇 "central town", 开发区,
// 农场): a place only where the text says which one, with an ancestor right before it
// (阳泉市城区), or in the title, issuer or speaker. Corpus: 城区 1980 times, 工业园区 112,
// 开发区 66, 农场 37, 林场 28, 小城镇 24, 中心镇 21, 苗圃 16; the real districts among them (the
// three 城区, 新城区 of 西安 and 呼和浩特) are named with their city or in their own title.
inline constexpr std::array<std::u32string_view, 20> kGenericNames = {{
    U"城区",
    U"郊区",
    U"矿区",
    U"新城区",
    U"街道",
    U"中心镇",
    U"小城镇",
    U"开发区",
    U"经济开发区",
    U"高新区",
    U"高新技术产业开发区",
    U"工业园区",
    U"保税区",
    U"综合保税区",
    U"旅游度假区",
    U"现代农业产业园",
    U"特色产业园区",
    U"农场",
    U"林场",
    U"苗圃",
}};

}  // namespace fazhi::extraction::jurisdiction_cues

#endif  // FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_CUES_H_
