// The units a figure can carry: measures, money and classifiers, from data/units/units.tsv
// (compiled in when CMake configures, so `fazhi extract` needs no data directory for them).
//
//   const UnitWord* u = LongestUnitAt(U"1300万千瓦时", 5, FollowsFigure);
//   u->surface == U"千瓦时", u->unit == "千瓦时", u->kind == UnitKind::kEnergy
//   LongestUnitAt(U"16.36万元", 5, FollowsFigure)->unit == "元"   (factor 1e4 for "万元")
//
// Longest surface wins. The number reader has already applied magnitude words (万, 亿, 千万...)
// to the figure, so `unit` is the unit as written without them and `factor` is only for rows
// that fuse a magnitude into money (万元 = 元 x 1e4). See data/units/README.md for the columns.
#ifndef FAZHI_SERVICES_EXTRACTION_QUANTITIES_UNIT_TABLE_H_
#define FAZHI_SERVICES_EXTRACTION_QUANTITIES_UNIT_TABLE_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fazhi::extraction {

enum class UnitKind : uint8_t {
  kMoney,
  kRate,
  kCount,
  kTime,
  kLength,
  kArea,
  kVolume,
  kMass,
  kConcentration,
  kPower,
  kEnergy,
  kVoltage,
  kTemperature,
  kFrequency,
  kData,
};

// Where the unit stands relative to its figure.
enum class UnitPlace : uint8_t {
  kAfter,  // after any figure: 1300万千瓦, 三件
  kArabic,  // after a figure with Arabic digits only: 2.8亿度 (一度 is "once"), 2000多亿方 (四方
            // are parties)
  kModified,  // after a figure with a modifier, below 1000: 近5年, 3年以上, 不足1年 (2021年 is a
              // date)
  kBefore,  // a symbol before the figure: ￥300, $20
  kPer,     // only as the denominator of a compound unit: 元/月, 吨/日 (3月 is a date)
};

struct UnitWord {
  std::u32string_view surface;
  std::string_view unit;  // reported in Quantity::unit
  double factor;          // applied to the value: 万元 -> 元 x 1e4
  UnitKind kind;
  UnitPlace place;
  std::string_view peer;  // Recognizers-Text's name for the unit (peer tests); empty when none
};

inline constexpr auto kUnitTable = std::to_array<UnitWord>({
#include "services/extraction/quantities/unit_table.inc"
});

namespace unit_table_internal {
// Row numbers ordered by first character, longer surfaces first: a character's rows side by side.
inline constexpr auto kOrder = [] {
  std::array<uint16_t, kUnitTable.size()> order{};
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint16_t>(i);
  std::sort(order.begin(), order.end(), [](uint16_t a, uint16_t b) {
    const std::u32string_view x = kUnitTable[a].surface, y = kUnitTable[b].surface;
    return x[0] != y[0] ? x[0] < y[0] : x.size() > y.size();
  });
  return order;
}();

// The first character of each row in kOrder's order, for kFirstCharIndex.
inline constexpr auto kFirstChars = [] {
  std::array<char32_t, kUnitTable.size()> first{};
  for (size_t i = 0; i < first.size(); ++i) first[i] = kUnitTable[kOrder[i]].surface[0];
  return first;
}();

// Where each character starts in a sorted array of characters, found by hashing it: units and
// their lookalikes are looked up after nearly every figure, where a binary search over the whole
// array takes a dozen steps.
//   constexpr FirstCharIndex<4> index({U'个', U'个', U'人', U'件'});   index.Find(U'人') == 2
template <size_t N>
class FirstCharIndex final {
 public:
  constexpr explicit FirstCharIndex(const std::array<char32_t, N>& sorted) {
    static_assert(N < kAbsent, "row numbers are 16 bits");
    begins_.fill(kAbsent);
    for (size_t i = 0; i < N; ++i) {
      if (i > 0 && sorted[i] == sorted[i - 1]) continue;
      size_t slot = Slot(sorted[i]);
      while (begins_[slot] != kAbsent) slot = (slot + 1) % kSlots;
      chars_[slot] = sorted[i];
      begins_[slot] = static_cast<uint16_t>(i);
    }
  }

  // The first index holding `c`, or N when none does.
  size_t Find(char32_t c) const {
    size_t slot = Slot(c);
    while (chars_[slot] != c && begins_[slot] != kAbsent) slot = (slot + 1) % kSlots;
    return begins_[slot] == kAbsent ? N : begins_[slot];
  }

 private:
  static constexpr uint16_t kAbsent = UINT16_MAX;
  static constexpr int kSlotBits = std::bit_width(N) + 1;  // at most half the slots used
  static constexpr size_t kSlots = size_t{1} << kSlotBits;
  static constexpr size_t Slot(char32_t c) {
    return (static_cast<uint32_t>(c) * 0x9E3779B1u) >> (32 - kSlotBits);
  }

  std::array<char32_t, kSlots> chars_{};
  std::array<uint16_t, kSlots> begins_{};
};

inline constexpr FirstCharIndex<kFirstChars.size()> kFirstCharIndex(kFirstChars);

inline bool IsAsciiAlnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
}  // namespace unit_table_internal

// Whether the row is a unit that follows its figure (LongestUnitAt's usual `accept`).
inline bool FollowsFigure(const UnitWord& u) {
  return u.place == UnitPlace::kAfter || u.place == UnitPlace::kArabic;
}

// The longest row at `pos` that `accept` takes, or nullptr. A surface ending in a Latin letter
// ("m", "kW") must not run on into another letter or digit ("5min" has no "m").
template <typename Accept>
const UnitWord* LongestUnitAt(std::u32string_view text, size_t pos, Accept accept) {
  namespace internal = unit_table_internal;
  if (pos >= text.size()) return nullptr;
  const char32_t first = text[pos];
  for (size_t i = internal::kFirstCharIndex.Find(first);
       i < internal::kFirstChars.size() && internal::kFirstChars[i] == first; ++i) {
    const UnitWord& u = kUnitTable[internal::kOrder[i]];
    if (!text.substr(pos).starts_with(u.surface) || !accept(u)) continue;
    const size_t end = pos + u.surface.size();
    if (u.surface.back() < 0x80 && internal::IsAsciiAlnum(u.surface.back()) && end < text.size() &&
        internal::IsAsciiAlnum(text[end])) {
      continue;
    }
    return &u;
  }
  return nullptr;
}

// "money", "rate", "count", ... as the data file spells them.
std::string_view UnitKindName(UnitKind kind);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_QUANTITIES_UNIT_TABLE_H_
