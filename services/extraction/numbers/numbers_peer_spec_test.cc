// Measures the number normalizer against Recognizers-Text's Chinese number and percentage cases
// (testdata/recognizers-text, MIT): the share of cases whose multiset of resolved values agrees,
// with every disagreement listed under a reason. It asserts only floors we reach, so it fails
// when a change makes the normalizer worse.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/extraction/numbers/code_points.h"
#include "services/extraction/numbers/numbers.h"

namespace fazhi::extraction {
namespace {

nlohmann::json LoadCases(const std::string& name) {
  const std::string path =
      std::string(FAZHI_SOURCE_DIR) + "/services/extraction/numbers/testdata/recognizers-text/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return nlohmann::json::parse(in);
}

bool SameValues(std::vector<double> expected, std::vector<double> actual) {
  if (expected.size() != actual.size()) return false;
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  for (size_t i = 0; i < expected.size(); ++i) {
    const double tolerance = 1e-9 * std::max(1.0, std::fabs(expected[i]));
    if (std::fabs(expected[i] - actual[i]) > tolerance) return false;
  }
  return true;
}

// Why a case disagrees, from what its input contains: the forms this normalizer leaves out on
// purpose come first.
std::string Reason(const std::string& input) {
  static const std::vector<std::pair<std::string, std::string>> kReasons = {
      {"折", "discount form (折/成): out of scope"},
      {"成", "discount form (折/成): out of scope"},
      {"/", "slash fraction: out of scope (clashes with dates)"},
      {"／", "slash fraction: out of scope (clashes with dates)"},
      {"E", "exponent: out of scope"},
      {"^", "exponent: out of scope"},
      {"e", "exponent: out of scope"},
      {"k", "k/M suffix: out of scope"},
      {"K", "k/M suffix: out of scope"},
      {"Ｋ", "k/M suffix: out of scope"},
      {"M", "k/M suffix: out of scope"},
      {"打", "dozen (打): out of scope"},
      {"美", "currency belongs to another model"},
      {"负３", "negative denominator and numerator"},
      {"負３", "negative denominator and numerator"},
      {"－－", "repeated sign"},
      {"分之", "fraction or percent prefix"},
      {"又", "fraction or percent prefix"},
      {"百分点", "percentage points"},
      {"。", "number inside a sentence"},
      {",", "list or separator"},
      {"，", "list or separator"},
  };
  for (const auto& [needle, reason] : kReasons) {
    if (input.find(needle) != std::string::npos) return reason;
  }
  return "other";
}

std::string Join(const std::vector<double>& values) {
  std::string out;
  for (double v : values) {
    if (!out.empty()) out += ", ";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.12g", v);
    out += buffer;
  }
  return "[" + out + "]";
}

// "六个百分点": a number followed by 个百分点 is a percentage in the peer's percent model.
bool FollowedByPercentagePoints(const std::u32string& text, const NumberMatch& match) {
  std::u32string rest;
  for (size_t i = static_cast<size_t>(match.end); i < text.size() && rest.size() < 4; ++i) {
    if (!IsSpace(text[i])) rest.push_back(text[i]);
  }
  return rest.starts_with(U"个百分点") || rest.starts_with(U"個百分點") || rest.starts_with(U"百分点");
}

bool OutOfScope(const std::string& reason) { return reason.find("out of scope") != std::string::npos; }

struct Score {
  int agreed = 0;
  int total = 0;
  int in_scope_agreed = 0;
  int in_scope_total = 0;
  double Share() const { return total == 0 ? 0 : static_cast<double>(agreed) / total; }
  double InScopeShare() const { return in_scope_total == 0 ? 0 : static_cast<double>(in_scope_agreed) / in_scope_total; }
};

Score Measure(const std::string& file, bool percentages) {
  Score score;
  std::map<std::string, int> reasons;
  for (const auto& test_case : LoadCases(file)) {
    const std::string input = test_case["Input"];
    std::vector<double> expected;
    for (const auto& result : test_case["Results"]) {
      std::string value = result["Resolution"]["value"];
      if (!value.empty() && value.back() == '%') value.pop_back();
      expected.push_back(std::stod(value));
    }
    const std::u32string text = DecodeUtf8(input);
    std::vector<double> actual;
    for (const NumberMatch& match : ScanNumbers(text, MatchOptions{.allow_sign = true})) {
      if (!percentages || match.percent || FollowedByPercentagePoints(text, match)) actual.push_back(match.value);
    }
    const std::string reason = Reason(input);
    const bool agreed = SameValues(expected, actual);
    ++score.total;
    score.agreed += agreed;
    if (!OutOfScope(reason)) {
      ++score.in_scope_total;
      score.in_scope_agreed += agreed;
    }
    if (agreed) continue;
    ++reasons[reason];
    std::cout << "  disagree [" << reason << "] " << input << "  expected " << Join(expected) << " got "
              << Join(actual) << "\n";
  }
  std::cout << file << ": " << score.agreed << "/" << score.total << " agree (" << score.Share() * 100
            << "%); excluding out-of-scope forms " << score.in_scope_agreed << "/" << score.in_scope_total << " ("
            << score.InScopeShare() * 100 << "%)\n";
  for (const auto& [reason, count] : reasons) std::cout << "  " << count << " x " << reason << "\n";
  return score;
}

TEST(NumbersPeerSpecTest, NumberModelAgreementStaysAboveFloor) {
  const Score score = Measure("NumberModel.json", /*percentages=*/false);
  EXPECT_GE(score.Share(), 0.88);
  EXPECT_GE(score.InScopeShare(), 0.95);
}

TEST(NumbersPeerSpecTest, PercentModelAgreementStaysAboveFloor) {
  const Score score = Measure("PercentModel.json", /*percentages=*/true);
  EXPECT_GE(score.Share(), 0.65);
  EXPECT_GE(score.InScopeShare(), 0.95);
}

}  // namespace
}  // namespace fazhi::extraction
