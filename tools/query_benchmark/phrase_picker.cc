#include "tools/query_benchmark/phrase_picker.h"

#include <cstdlib>
#include <functional>
#include <limits>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "common/text/utf8.h"

namespace fazhi::query_benchmark {
namespace {

bool IsIdeograph(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

// Distinct ideograph-only substrings of `length` code points.
absl::flat_hash_set<std::string> IdeographGrams(const std::string& text, int length) {
  std::vector<std::pair<char32_t, size_t>> chars;  // code point, byte offset
  for (size_t offset = 0; offset < text.size();) {
    text::DecodedCodepoint decoded = text::DecodeCodepoint(text, offset);
    chars.emplace_back(decoded.codepoint, offset);
    offset += std::max(decoded.length, 1);
  }
  absl::flat_hash_set<std::string> grams;
  int run = 0;  // ideographs ending at i
  for (size_t i = 0; i < chars.size(); ++i) {
    run = IsIdeograph(chars[i].first) ? run + 1 : 0;
    if (run < length) continue;
    size_t begin = chars[i + 1 - length].second;
    size_t end = i + 1 < chars.size() ? chars[i + 1].second : text.size();
    grams.insert(text.substr(begin, end - begin));
  }
  return grams;
}

// A stable tie-break that does not favour the start of the code chart.
size_t Scramble(const std::string& s) {
  size_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

std::vector<Phrase> PickPhrases(const std::vector<std::string>& sample_texts, int length) {
  absl::flat_hash_map<std::string, int> reports_with;
  for (const std::string& text : sample_texts) {
    for (const std::string& gram : IdeographGrams(text, length)) ++reports_with[gram];
  }
  const int n = static_cast<int>(sample_texts.size());
  std::vector<std::pair<std::string, double>> targets = {
      {"top", n}, {"half", n / 2.0}, {"tenth", n / 10.0}, {"rare", 1}, {"rare", 1}};
  std::vector<Phrase> phrases;
  std::set<std::string> taken;
  for (const auto& [kind, target] : targets) {
    const std::string* best = nullptr;
    std::pair<double, size_t> best_key = {std::numeric_limits<double>::max(), 0};
    for (const auto& [gram, count] : reports_with) {
      if (taken.count(gram)) continue;
      std::pair<double, size_t> key = {std::abs(count - target), Scramble(gram)};
      if (kind == "top") key.first = n - count;  // the most common, whatever its share
      if (key < best_key) best_key = key, best = &gram;
    }
    if (best == nullptr) break;
    taken.insert(*best);
    phrases.push_back({*best, kind, reports_with[*best]});
  }
  return phrases;
}

}  // namespace fazhi::query_benchmark
