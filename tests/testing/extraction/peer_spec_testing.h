// Test support: measures a recognizer against Recognizers-Text's Chinese cases
// (testdata/recognizers-text, MIT). For one file it counts the cases whose resolved values agree,
// over the cases in scope, and prints every disagreement with its reason.
//
//   PeerAgreement agreement("NumberModel.json", NumberScope());
//   for (const PeerCase& c : LoadPeerCases("NumberModel.json")) agreement.Add(c,
//   ValuesFound(c.input)); agreement.Print(); EXPECT_GE(agreement.InScopeShare(), 0.98);
//
// A case is out of scope only for a form government reports never use; its rule says why.
#ifndef FAZHI_TESTS_TESTING_EXTRACTION_PEER_SPEC_TESTING_H_
#define FAZHI_TESTS_TESTING_EXTRACTION_PEER_SPEC_TESTING_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fazhi::extraction::peer_spec {

// One resolved value. `unit` is the peer's name on the expected side ("Kilowatt", "Chinese yuan")
// and the project's on the found side ("千瓦", "元"); empty for numbers and percentages (in
// percent).
struct PeerValue {
  double value = std::numeric_limits<double>::quiet_NaN();  // NaN: the peer resolves no value
  std::string unit;
};

struct PeerCase {
  std::string input;
  std::vector<PeerValue> expected;
};

// What a case's disagreement (or, out of scope, the case itself) is put down to.
struct ScopeRule {
  std::function<bool(const PeerCase&)> applies;
  bool in_scope;
  std::string reason;
};

// Whether the input contains any of `needles`: the usual rule test.
inline std::function<bool(const PeerCase&)> InputHas(std::vector<std::string> needles) {
  return [needles = std::move(needles)](const PeerCase& c) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](const std::string& n) { return c.input.find(n) != std::string::npos; });
  };
}

inline std::vector<PeerCase> LoadPeerCases(const std::string& file) {
  const std::string path = std::string(FAZHI_SOURCE_DIR) +
                           "/services/extraction/numbers/testdata/recognizers-text/" + file;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<PeerCase> cases;
  if (!in.good()) return cases;
  for (const auto& test_case : nlohmann::json::parse(in)) {
    PeerCase c;
    c.input = test_case["Input"];
    for (const auto& result : test_case["Results"]) {
      const auto& resolution = result["Resolution"];
      PeerValue v;
      if (resolution.contains("value") && resolution["value"].is_string()) {
        std::string value = resolution["value"];
        if (!value.empty() && value.back() == '%') value.pop_back();
        v.value = std::stod(value);
      }
      if (resolution.contains("unit") && resolution["unit"].is_string())
        v.unit = resolution["unit"];
      c.expected.push_back(v);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

inline std::string Show(const std::vector<PeerValue>& values) {
  std::string out;
  for (const PeerValue& v : values) {
    if (!out.empty()) out += ", ";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.12g", v.value);
    out += buffer;
    if (!v.unit.empty()) out += " " + v.unit;
  }
  return "[" + out + "]";
}

class PeerAgreement final {
 public:
  // `same_unit(peer_unit, our_unit)`: whether the project's unit stands for the peer's.
  using SameUnit = std::function<bool(const std::string&, const std::string&)>;

  PeerAgreement(std::string file, std::vector<ScopeRule> rules, SameUnit same_unit = nullptr)
      : file_(std::move(file)), rules_(std::move(rules)), same_unit_(std::move(same_unit)) {}

  void Add(const PeerCase& c, const std::vector<PeerValue>& found) {
    const ScopeRule* rule = nullptr;
    for (const ScopeRule& r : rules_) {
      if (r.applies(c)) {
        rule = &r;
        break;
      }
    }
    const bool in_scope = rule == nullptr || rule->in_scope;
    const bool agreed = Agree(c.expected, found);
    ++total_;
    agreed_ += agreed;
    if (in_scope) {
      ++in_scope_total_;
      in_scope_agreed_ += agreed;
    }
    if (agreed) return;
    const std::string reason = rule == nullptr ? "no rule explains it" : rule->reason;
    ++reasons_[(in_scope ? "in scope: " : "out of scope: ") + reason];
    lines_.push_back("  disagree [" + std::string(in_scope ? "in scope" : "out of scope") + ": " +
                     reason + "] " + c.input + "  expected " + Show(c.expected) + " got " +
                     Show(found));
  }

  double InScopeShare() const {
    return in_scope_total_ == 0 ? 0 : static_cast<double>(in_scope_agreed_) / in_scope_total_;
  }

  void Print() const {
    for (const std::string& line : lines_) std::cout << line << "\n";
    std::cout << file_ << ": " << in_scope_agreed_ << "/" << in_scope_total_
              << " cases in scope agree (" << InScopeShare() * 100 << "%); "
              << total_ - in_scope_total_ << " out of scope (forms reports never use); all cases "
              << agreed_ << "/" << total_ << "\n";
    for (const auto& [reason, count] : reasons_)
      std::cout << "  " << count << " x " << reason << "\n";
  }

 private:
  bool Agree(const std::vector<PeerValue>& expected, const std::vector<PeerValue>& found) const {
    if (expected.size() != found.size()) return false;
    std::vector<bool> used(found.size(), false);
    for (const PeerValue& e : expected) {
      bool matched = false;
      for (size_t i = 0; i < found.size() && !matched; ++i) {
        if (used[i] || !SameValue(e.value, found[i].value)) continue;
        if (same_unit_ && !same_unit_(e.unit, found[i].unit)) continue;
        used[i] = matched = true;
      }
      if (!matched) return false;
    }
    return true;
  }

  static bool SameValue(double expected, double found) {
    return std::fabs(expected - found) <= 1e-9 * std::max(1.0, std::fabs(expected));
  }

  std::string file_;
  std::vector<ScopeRule> rules_;
  SameUnit same_unit_;
  int total_ = 0;
  int agreed_ = 0;
  int in_scope_total_ = 0;
  int in_scope_agreed_ = 0;
  std::map<std::string, int> reasons_;
  std::vector<std::string> lines_;
};

}  // namespace fazhi::extraction::peer_spec

#endif  // FAZHI_TESTS_TESTING_EXTRACTION_PEER_SPEC_TESTING_H_
