#include "common/search_index/gram_signature.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text/utf8.h"

namespace fazhi::search_index {
namespace {

// Code point blocks with exact codes, laid out one after another from code 0. Everything else
// lands in the hashed range after them. Order and sizes are part of kGramSignatureVersion.
struct Block {
  char32_t first;
  char32_t last;
};

constexpr Block kAlphabet[] = {
    {0x4E00, 0x9FFF},  // CJK unified ideographs
    {0x000A, 0x000A},  // line break (kept by the normalizer)
    {0x0020, 0x007E},  // printable ASCII (full-width forms are folded to it by the normalizer)
    {0x00A0, 0x00FF},  // Latin-1 symbols: · × ° §
    {0x2000, 0x206F},  // general punctuation: “ ” ‘ ’ — …
    {0x2150, 0x218F},  // number forms: Ⅰ Ⅱ
    {0x2460, 0x24FF},  // enclosed numbers: ① ⑴
    {0x25A0, 0x25FF},  // geometric shapes: ■ ○
    {0x3000, 0x303F},  // CJK punctuation: 。 、 《 》 〔 〕
    {0x3200, 0x32FF},  // enclosed CJK: ㈠
    {0x3400, 0x4DBF},  // CJK extension A
    {0xFF00, 0xFFEF},  // full-width and half-width forms left after normalization
};

constexpr int32_t kAlphabetSize = 1 << 15;

constexpr int32_t ExactCodeCount() {
  int32_t count = 0;
  for (const Block& block : kAlphabet) count += static_cast<int32_t>(block.last - block.first + 1);
  return count;
}

constexpr int32_t kHashedFirst = ExactCodeCount();
static_assert(kHashedFirst < kAlphabetSize - 1024, "the alphabet must leave a hashed range");

}  // namespace

CharCode EncodeChar(char32_t codepoint) {
  int32_t base = 0;
  for (const Block& block : kAlphabet) {
    if (codepoint >= block.first && codepoint <= block.last) {
      return {base + static_cast<int32_t>(codepoint - block.first), true};
    }
    base += static_cast<int32_t>(block.last - block.first + 1);
  }
  // Knuth's multiplicative hash spreads neighbouring code points over the bucket range.
  uint32_t mixed = static_cast<uint32_t>(codepoint) * 2654435761u;
  return {kHashedFirst + static_cast<int32_t>(mixed % (kAlphabetSize - kHashedFirst)), false};
}

int32_t UnigramToken(int32_t a) { return a; }

int32_t BigramToken(int32_t a, int32_t b) { return (1 << 30) | (a << 15) | b; }

namespace {

std::vector<CharCode> Encode(std::string_view utf8) {
  std::vector<CharCode> codes;
  codes.reserve(utf8.size() / 2);
  for (size_t offset = 0; offset < utf8.size();) {
    text::DecodedCodepoint decoded = text::DecodeCodepoint(utf8, offset);
    codes.push_back(EncodeChar(decoded.codepoint));
    offset += std::max(decoded.length, 1);
  }
  return codes;
}

void SortUnique(std::vector<int32_t>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

std::vector<int32_t> TextGrams(std::string_view utf8) {
  std::vector<CharCode> codes = Encode(utf8);
  std::vector<int32_t> grams;
  grams.reserve(codes.size() * 2);
  for (size_t i = 0; i < codes.size(); ++i) {
    grams.push_back(UnigramToken(codes[i].code));
    if (i + 1 < codes.size()) grams.push_back(BigramToken(codes[i].code, codes[i + 1].code));
  }
  SortUnique(grams);
  return grams;
}

PhraseGrams GramsOfPhrase(std::string_view utf8) {
  std::vector<CharCode> codes = Encode(utf8);
  PhraseGrams result;
  if (codes.empty()) return result;
  if (codes.size() == 1) {
    result.grams.push_back(UnigramToken(codes[0].code));
  } else {
    for (size_t i = 0; i + 1 < codes.size(); ++i) {
      result.grams.push_back(BigramToken(codes[i].code, codes[i + 1].code));
    }
  }
  SortUnique(result.grams);
  result.exact = codes.size() <= 2 &&
                 std::all_of(codes.begin(), codes.end(), [](const CharCode& c) { return c.exact; });
  return result;
}

int CountLevel(int64_t count) {
  int level = -1;
  while (level + 1 < kLevelCount && count >= kLevelFloors[level + 1]) ++level;
  return level;
}

int32_t RankToken(int32_t gram, int level) {
  uint64_t mixed = (static_cast<uint64_t>(gram) << 8 | static_cast<uint64_t>(level)) * 0x9E3779B97F4A7C15ull;
  return -1 - static_cast<int32_t>(mixed >> 34);  // 30 bits: -1 .. -2^30
}

std::vector<int32_t> TextSignature(std::string_view utf8) {
  std::vector<CharCode> codes = Encode(utf8);
  std::vector<int32_t> occurrences;
  occurrences.reserve(codes.size() * 2);
  bool last_pair_counted = false;  // a run "aaa" holds the bigram "aa" once, not twice
  for (size_t i = 0; i < codes.size(); ++i) {
    occurrences.push_back(UnigramToken(codes[i].code));
    if (i + 1 >= codes.size()) break;
    bool doubled = codes[i].code == codes[i + 1].code;
    if (doubled && last_pair_counted) {
      last_pair_counted = false;
      continue;
    }
    occurrences.push_back(BigramToken(codes[i].code, codes[i + 1].code));
    last_pair_counted = doubled;
  }
  std::sort(occurrences.begin(), occurrences.end());
  std::vector<int32_t> signature;
  for (size_t i = 0; i < occurrences.size();) {
    size_t run = i;
    while (run < occurrences.size() && occurrences[run] == occurrences[i]) ++run;
    signature.push_back(occurrences[i]);
    if (int level = CountLevel(static_cast<int64_t>(run - i)); level >= 0) {
      signature.push_back(RankToken(occurrences[i], level));
    }
    i = run;
  }
  SortUnique(signature);
  return signature;
}

std::string AtLeastLevelQuery(int32_t gram, int min_level) {
  std::vector<std::string> levels;
  for (int level = std::max(min_level, 0); level < kLevelCount; ++level) {
    levels.push_back(absl::StrCat(RankToken(gram, level)));
  }
  return absl::StrCat(gram, "&(", absl::StrJoin(levels, "|"), ")");
}

std::string IntArrayLiteral(const std::vector<int32_t>& values) {
  return absl::StrCat("{", absl::StrJoin(values, ","), "}");
}

}  // namespace fazhi::search_index
