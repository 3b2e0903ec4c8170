// Rule data for resolving a report's jurisdiction: how much each place a name appears in counts,
// the self-references that tell the reporter's level (我县, 全镇), and the phrases in which a
// report names itself (法治盂县, 平安盂县). Add a row here to teach the resolver a new cue.
#ifndef FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_CUES_H_
#define FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_CUES_H_

#include <array>
#include <string_view>

namespace fazhi::extraction::jurisdiction_cues {

// Where a name appears. The title and the issuer lines name the reporter; the body mostly does,
// but also names superiors, neighbours and places cited.
inline constexpr double kTitleWeight = 10;
inline constexpr double kIssuerWeight = 8;
// The body counts with diminishing returns: kBodyScale * sqrt(sum of mention weights).
inline constexpr double kBodyScale = 2;
// A bare short name (隆阳, 三河) is weaker evidence than a full one.
inline constexpr double kBareShortNameWeight = 0.6;
// Extra weight for a name right after one of kSelfPhrasePrefixes (法治盂县).
inline constexpr double kSelfPhraseBonus = 2;
// Each ancestor (province, prefecture, county) named in the text multiplies a candidate's score
// by (1 + kAncestorBoost); one named right before it (海原县三河镇) counts kAdjacentAncestorSupport.
inline constexpr double kAncestorBoost = 0.25;
inline constexpr double kAdjacentAncestorSupport = 2;
// A candidate whose type matches the self-references (我县 -> 县) gains up to this factor.
inline constexpr double kSelfReferenceBoost = 2;
// Below this score nothing is resolved.
inline constexpr double kMinimumScore = 2;

// 我县, 全县, 本县 ... : the reporter speaking of itself. The type word is compared with the last
// character of a candidate's official name (or 街道).
inline constexpr std::array<std::u32string_view, 3> kSelfReferencePrefixes = {{U"我", U"全", U"本"}};
inline constexpr std::array<std::u32string_view, 10> kSelfReferenceTypes = {{
    U"街道", U"县", U"区", U"市", U"镇", U"乡", U"州", U"省", U"旗", U"盟",
}};

// Slogans that name the reporter's own place: 平安盂县、法治盂县, 建设美丽通道.
inline constexpr std::array<std::u32string_view, 7> kSelfPhrasePrefixes = {{
    U"法治", U"平安", U"美丽", U"幸福", U"数字", U"智慧", U"诚信",
}};

}  // namespace fazhi::extraction::jurisdiction_cues

#endif  // FAZHI_SERVICES_EXTRACTION_JURISDICTION_JURISDICTION_CUES_H_
