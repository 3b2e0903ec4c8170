// A paragraph borrowed from a sample report, compiled once into literal text and slots so that
// it can be re-rendered for another jurisdiction, year and set of figures at copying speed.
//
//   SourcePlace source = ...;  // 海原县三河镇, 2023, own word 镇, superior word 县
//   ParagraphTemplate p = ParagraphTemplate::Compile("2023年,三河镇全镇办结128件。", source,
//   index); std::string out; p.Render(target, rng, &out);  // "2018年,龙华镇全镇办结97件。" for
//   龙华镇 in 2018
//
// Slots: the source's own name and its ancestors' names (official, typed short 通道县, bare 通道),
// its self-references (我县, 全县, 县委, 依法治县: the level word), the superior's level word
// (在县委、县政府的领导下), years (shifted by the report-year difference, except inside 《》 and
// 〔〕) and figures (Arabic numbers that are not years, dates, ordinals, list markers or parts of
// 文号: scaled by a random factor and re-rounded to the same shape; percentages stay ≤ 100 but
// for a rare deliberate exception).
#ifndef FAZHI_TOOLS_CORPUS_GENERATOR_PARAGRAPH_TEMPLATE_H_
#define FAZHI_TOOLS_CORPUS_GENERATOR_PARAGRAPH_TEMPLATE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/divisions/division_index.h"

namespace fazhi::corpus {

// A small, portable random generator (splitmix64): the same seed gives the same corpus on every
// platform, which std:: distributions do not promise.
class Rng final {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  uint64_t state_;
};

// The names of one division as a report writes them.
struct PlaceNames {
  std::string official;     // 通道侗族自治县
  std::string typed_short;  // 通道县 (the official name when there is none)
  std::string bare;         // 通道 (the official name when there is none)
};
PlaceNames NamesOf(const extraction::Division& division);

// The word a jurisdiction calls itself by (我县, 全州): 县 for 通道侗族自治县, 街道 for 东华门街道.
std::string_view LevelWordOf(std::string_view official_name);

// The jurisdiction a sample report speaks for, as the compiler needs it.
struct SourcePlace {
  const extraction::Division* own = nullptr;
  std::vector<const extraction::Division*> ancestors;  // nearest first, no placeholders
  std::string own_word;                                // 县
  std::string superior_word;  // 州; empty when the same as own_word or there is no superior
  int year = 0;
};

// The jurisdiction and year a generated report speaks for.
struct TargetPlace {
  PlaceNames own;
  extraction::DivisionLevel level = extraction::DivisionLevel::kCounty;
  // Ancestors by level (province, prefecture, county); `present` false where there is none.
  std::array<PlaceNames, 4> ancestors;
  std::array<bool, 4> present = {false, false, false, false};
  std::string own_word;
  std::string superior_word;
  int year = 0;
};

class ParagraphTemplate final {
 public:
  static ParagraphTemplate Compile(std::string_view text, const SourcePlace& source,
                                   const extraction::DivisionIndex& index);

  // Appends the paragraph rewritten for `target` to `out`; draws figures from `rng`.
  void Render(const TargetPlace& target, Rng& rng, std::string* out) const;

  size_t size() const { return text_.size(); }

 private:
  enum class Kind : uint8_t { kLiteral, kPlace, kLevelWord, kYear, kNumber };
  enum class Form : uint8_t { kOfficial, kTypedShort, kBare };

  struct Slot {
    Kind kind = Kind::kLiteral;
    uint32_t begin = 0;  // bytes of text_ (the literal, or the original of a slot)
    uint32_t end = 0;
    // kPlace: the source chain member's level, whether it is the source itself, the form, and
    // whether another place name follows at once (海原县 in 海原县三河镇 only qualifies).
    int8_t level = 0;
    bool own = false;
    Form form = Form::kOfficial;
    bool qualifier = false;
    // kLevelWord: true for the superior's word.
    bool superior = false;
    // kYear: offset from the source's report year.
    int16_t year_offset = 0;
    // kNumber: the value, its decimals, trailing zeros of an integer, and whether a % follows.
    double value = 0;
    int8_t decimals = 0;
    int8_t trailing_zeros = 0;
    bool percent = false;
  };

  void AddLiteral(uint32_t begin, uint32_t end);
  // nullptr when the name is dropped (a qualifier the target has no counterpart for).
  const PlaceNames* PlaceFor(const Slot& slot, const TargetPlace& target) const;
  static void RenderNumber(const Slot& slot, Rng& rng, std::string* out);

  std::string text_;
  std::vector<Slot> slots_;
};

}  // namespace fazhi::corpus

#endif  // FAZHI_TOOLS_CORPUS_GENERATOR_PARAGRAPH_TEMPLATE_H_
