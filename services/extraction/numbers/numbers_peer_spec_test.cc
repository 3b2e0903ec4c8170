// Measures the number normalizer (ScanNumbers) against Recognizers-Text's Chinese number and
// percentage cases (testdata/recognizers-text, MIT): prints, for each file, the cases in scope
// whose multiset of resolved values agrees and every disagreement with its reason, and asserts at
// least 98% in scope. Out of scope are only forms government reports never use.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/text/code_points.h"
#include "services/extraction/numbers/numbers.h"
#include "tests/testing/extraction/peer_spec_testing.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::IsDigit;
using text::IsSpace;

using peer_spec::InputHas;
using peer_spec::LoadPeerCases;
using peer_spec::PeerAgreement;
using peer_spec::PeerCase;
using peer_spec::PeerValue;
using peer_spec::ScopeRule;

constexpr double kFloor = 0.98;

// A digit, Arabic or Chinese (not a unit such as 十 or 万).
bool IsAnyDigit(char32_t c) {
  constexpr std::u32string_view kNotDigits = U"十百千万亿拾佰仟萬億兆半";
  return IsDigit(c) || (IsChineseNumeral(c) && kNotDigits.find(c) == std::u32string_view::npos);
}

// "1 3/5", "4 6/3": a whole number, a space, then a slash fraction.
bool MixedNumberWithSpace(const PeerCase& c) {
  const std::u32string text = DecodeUtf8(c.input);
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (!IsDigit(text[i]) || !IsSpace(text[i + 1])) continue;
    size_t j = i + 1;
    while (j < text.size() && IsSpace(text[j])) ++j;
    while (j < text.size() && IsDigit(text[j])) ++j;
    if (j < text.size() && (text[j] == U'/' || text[j] == U'／')) return true;
  }
  return false;
}

// "7 2 折", "九 九 折": the digits of one figure set apart by spaces.
bool DigitsSplitBySpaces(const PeerCase& c) {
  const std::u32string text = DecodeUtf8(c.input);
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (IsAnyDigit(text[i]) && IsSpace(text[i + 1]) && IsAnyDigit(text[i + 2])) return true;
  }
  return false;
}

// "40k", "百分之3.2k", "-2.5 M": a figure with a k/M multiplier.
bool KiloSuffix(const PeerCase& c) {
  const std::u32string text = DecodeUtf8(c.input);
  for (size_t i = 1; i < text.size(); ++i) {
    if (std::u32string_view(U"kKＫM").find(text[i]) == std::u32string_view::npos) continue;
    size_t j = i;
    while (j > 0 && IsSpace(text[j - 1])) --j;
    if (j > 0 && IsDigit(text[j - 1])) return true;
  }
  return false;
}

// Rules shared by both files: forms reports never write.
std::vector<ScopeRule> CommonRules() {
  return {
      {KiloSuffix, false, "k/M multiplier (40k, 15k%): reports write 万 and 亿"},
      {MixedNumberWithSpace, false,
       "mixed number written with a space (1 3/5): reports never write one"},
  };
}

std::vector<ScopeRule> NumberRules() {
  std::vector<ScopeRule> rules = CommonRules();
  rules.push_back(
      {InputHas({"^", "e", "E"}), false, "exponent (2e5, 2^-1): reports never write figures so"});
  rules.push_back({InputHas({"打"}), false, "dozen (一打 = 12): reports never count in dozens"});
  rules.push_back({InputHas({"分之负", "分之負", "之 负", "之 負"}), false,
                   "fraction with a negative numerator and denominator: reports never write one"});
  rules.push_back({InputHas({"－－"}), false, "repeated sign (－－9): reports never write one"});
  rules.push_back(
      {InputHas({"美元", "美刀"}), true,
       "the peer's number model leaves the figure of a dollar amount to its currency model "
       "(yet keeps that of 四十九兆…億元); we read the number"});
  rules.push_back(
      {InputHas({"九九"}), true,
       "a brand name of two digits: we read 九九 as the digit string 99, as 二〇二一 is read"});
  return rules;
}

std::vector<ScopeRule> PercentRules() {
  std::vector<ScopeRule> rules = CommonRules();
  rules.push_back(
      {DigitsSplitBySpaces, false,
       "digits of one figure set apart by spaces (7 2 折, 九 九 折): reports never write one so"});
  return rules;
}

// "六个百分点": a number followed by 个百分点 is a percentage in the peer's percent model.
bool FollowedByPercentagePoints(const std::u32string& text, const NumberMatch& match) {
  std::u32string rest;
  for (size_t i = static_cast<size_t>(match.end); i < text.size() && rest.size() < 4; ++i) {
    if (!IsSpace(text[i])) rest.push_back(text[i]);
  }
  return rest.starts_with(U"个百分点") || rest.starts_with(U"個百分點") ||
         rest.starts_with(U"百分点");
}

// A percentage written after its figure (2%, 八成, 九折): the peer's number model leaves these to
// its percent model, but reads the figure of 百分之X.
bool PercentAfterFigure(const std::u32string& text, const NumberMatch& match) {
  const char32_t last = text[static_cast<size_t>(match.end) - 1];
  return match.tenths || (match.percent && (last == U'%' || last == U'％'));
}

TEST(NumbersPeerSpecTest, NumberModelAgreesInScope) {
  PeerAgreement agreement("NumberModel.json", NumberRules());
  for (const PeerCase& c : LoadPeerCases("NumberModel.json")) {
    const std::u32string text = DecodeUtf8(c.input);
    std::vector<PeerValue> found;
    for (const NumberMatch& match : ScanNumbers(text, MatchOptions{.allow_sign = true})) {
      if (!PercentAfterFigure(text, match)) found.push_back({match.value, ""});
    }
    agreement.Add(c, found);
  }
  agreement.Print();
  EXPECT_GE(agreement.InScopeShare(), kFloor);
}

TEST(NumbersPeerSpecTest, PercentModelAgreesInScope) {
  PeerAgreement agreement("PercentModel.json", PercentRules());
  for (const PeerCase& c : LoadPeerCases("PercentModel.json")) {
    const std::u32string text = DecodeUtf8(c.input);
    std::vector<PeerValue> found;
    for (const NumberMatch& match : ScanNumbers(text, MatchOptions{.allow_sign = true})) {
      if (match.percent || FollowedByPercentagePoints(text, match))
        found.push_back({match.value, ""});
    }
    agreement.Add(c, found);
  }
  agreement.Print();
  EXPECT_GE(agreement.InScopeShare(), kFloor);
}

}  // namespace
}  // namespace fazhi::extraction
