#include "services/extraction/quantities/quantities.h"

#include <algorithm>
#include <optional>
#include <string>

#include "common/text/code_points.h"
#include "services/extraction/numbers/numbers.h"
#include "services/extraction/quantities/quantity_words.h"
#include "services/extraction/quantities/unit_table.h"

namespace fazhi::extraction {
namespace {

using text::CharFilter;
using text::DecodeUtf8;
using text::EncodeUtf8;
using text::IsDigit;
using text::IsHan;
using text::IsSpace;

namespace words = quantity_words;
using words::Bound;

// How far around a Chinese numeral we look for the quotes of a slogan (“四个全面”).
constexpr size_t kSloganQuoteReach = 8;
// How far before a rate we look for a growth word.
constexpr size_t kGrowthReach = 12;
// A noun taken after a bare magnitude figure has at most this many characters.
constexpr size_t kNounLength = 2;
// A figure without digits is at least this (十家 is read as a number; 百/千 alone need a modifier).
constexpr double kLeastDigitless = 100;
// A figure this large before a unit that needs a modifier (年) is a year, not a duration.
constexpr double kMaxModifiedFigure = 1000;
// Reports state a quantity about every 80 characters (half of them more often): the reserve.
constexpr size_t kCharactersPerFigure = 64;

bool Contains(std::u32string_view set, char32_t c) {
  return set.find(c) != std::u32string_view::npos;
}

bool At(std::u32string_view text, size_t pos, std::u32string_view word) {
  return pos <= text.size() && text.substr(pos).starts_with(word);
}

// The longest word of `list` (a range of string views, or of structs with `.surface`) at `pos`.
template <typename List, typename Surface>
auto LongestAt(std::u32string_view text, size_t pos, const List& list, Surface surface)
    -> std::optional<typename List::value_type> {
  std::optional<typename List::value_type> best;
  if (pos >= text.size()) return best;
  for (const auto& item : list) {
    const std::u32string_view word = surface(item);
    // The first character settles nearly every word: compared inline, before the full match.
    if (word.empty() || word[0] != text[pos]) continue;
    if (At(text, pos, word) && (!best || word.size() > surface(*best).size())) best = item;
  }
  return best;
}

std::optional<std::u32string_view> WordAt(std::u32string_view text, size_t pos, const auto& list) {
  return LongestAt(text, pos, list, [](std::u32string_view w) { return w; });
}

// The unit lookalikes ordered by first character, those characters, and where each starts: the
// list is long and a unit is looked up after nearly every figure.
constexpr auto kSortedLookalikes = [] {
  auto sorted = words::kUnitLookalikes;
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}();
constexpr auto kLookalikeFirstChars = [] {
  std::array<char32_t, kSortedLookalikes.size()> first{};
  for (size_t i = 0; i < first.size(); ++i) first[i] = kSortedLookalikes[i][0];
  return first;
}();

constexpr unit_table_internal::FirstCharIndex<kLookalikeFirstChars.size()> kLookalikeIndex(
    kLookalikeFirstChars);

constexpr char32_t FirstChar(std::u32string_view word) { return word[0]; }
constexpr char32_t Itself(char32_t c) { return c; }

constexpr CharFilter kLookalikeStarts = CharFilter::Of(words::kUnitLookalikes, FirstChar);

// The length of the longest unit lookalike at `pos`, or 0.
size_t LookalikeAt(std::u32string_view text, size_t pos) {
  if (pos >= text.size() || !kLookalikeStarts.MayContain(text[pos])) return 0;
  const char32_t first = text[pos];
  size_t longest = 0;
  for (size_t i = kLookalikeIndex.Find(first);
       i < kLookalikeFirstChars.size() && kLookalikeFirstChars[i] == first; ++i) {
    if (text.substr(pos).starts_with(kSortedLookalikes[i]))
      longest = std::max(longest, kSortedLookalikes[i].size());
  }
  return longest;
}

constexpr CharFilter kMagnitudeStarts =
    CharFilter::Of(words::kMagnitudes, [](const auto& m) { return m.surface[0]; });

constexpr CharFilter kRangeSeparatorFilter = CharFilter::Of(words::kRangeSeparators, Itself);

// Asked after every figure: the filter settles nearly every character first.
bool IsRangeSeparator(char32_t c) {
  return kRangeSeparatorFilter.MayContain(c) && Contains(words::kRangeSeparators, c);
}

constexpr CharFilter kInfixStarts = CharFilter::Of(words::kApproximateInfixes, FirstChar);

// Characters that may end a prefix modifier or begin a suffix one: most figures have neither, and
// one test of the character next to them settles it.
constexpr CharFilter kPrefixEnds = [] {
  CharFilter filter;
  for (const auto& m : words::kPrefixModifiers) filter.Add(m.word.back());
  for (const auto& m : words::kDigitlessPrefixes) filter.Add(m.word.back());
  return filter;
}();
constexpr CharFilter kSuffixStarts =
    CharFilter::Of(words::kSuffixModifiers, [](const auto& m) { return m.word[0]; });

// The last characters of the units written before a figure (￥, $), and the first characters of
// those written after one: a cheap test before the search, since most figures have neither.
constexpr CharFilter kSymbolEnds = [] {
  CharFilter filter;
  for (const UnitWord& u : kUnitTable) {
    if (u.place == UnitPlace::kBefore) filter.Add(u.surface.back());
  }
  return filter;
}();
constexpr CharFilter kUnitStarts = [] {
  CharFilter filter;
  for (const UnitWord& u : kUnitTable) {
    if (u.place != UnitPlace::kBefore && u.place != UnitPlace::kPer) filter.Add(u.surface[0]);
  }
  return filter;
}();

constexpr CharFilter kMagnitudeFilter = CharFilter::Of(words::kMagnitudeChars, Itself);

// 十百千万亿 and their variants: a numeral that is no digit (IsChineseNumeral and the filter are
// one bit test each, so they go first: most numerals asked about are digits).
bool IsMagnitudeChar(char32_t c) {
  return IsChineseNumeral(c) && kMagnitudeFilter.MayContain(c) &&
         Contains(words::kMagnitudeChars, c);
}

// First characters of the units a figure's last magnitude character may start (千瓦, 兆瓦, 百分点).
constexpr CharFilter kUnitsStartingWithMagnitude = [] {
  CharFilter filter;
  for (const UnitWord& u : kUnitTable) {
    if (u.factor == 1 && words::kMagnitudeChars.find(u.surface[0]) != std::u32string_view::npos) {
      filter.Add(u.surface[0]);
    }
  }
  return filter;
}();

bool IsMeasure(UnitKind kind) {
  return kind != UnitKind::kMoney && kind != UnitKind::kRate && kind != UnitKind::kCount &&
         kind != UnitKind::kTime;
}

const char* BoundName(Bound bound) {
  switch (bound) {
    case Bound::kLower:
      return "lower";
    case Bound::kUpper:
      return "upper";
    case Bound::kNone:
      break;
  }
  return "";
}

// What the words around a figure add to it.
struct Modifiers {
  bool approximate = false;
  Bound bound = Bound::kNone;

  void Add(Bound b) {
    approximate = true;
    if (b != Bound::kNone && bound == Bound::kNone) bound = b;
  }
};

class QuantityReader final {
 public:
  explicit QuantityReader(std::u32string_view text) : text_(text) {}

  // Fills `q`, a fresh Quantity, with the quantity `matched` starts; false when it starts none.
  bool Read(const NumberMatch& matched, Quantity& q) {
    if (matched.digit_string || IsOrdinal(matched) || IsWordWithYi(matched)) return false;
    const NumberMatch number = EndBeforeUnit(matched);
    q.value = number.value;
    Modifiers modifiers;
    if (number.approximate) modifiers.approximate = true;
    size_t begin = static_cast<size_t>(number.begin);
    size_t end = static_cast<size_t>(number.end);
    double magnitude = number.magnitude;
    bool percent = number.percent;
    bool arabic = number.integer_digits > 0;
    int decimal_digits = number.decimal_digits;
    if (auto upper = RangeEnd(end)) {
      decimal_digits = std::max(decimal_digits, upper->decimal_digits);
      // 3-7折: the lower end is in tenths too.
      if (upper->tenths && !number.percent && number.value < 10) q.value *= 10;
      percent = percent || upper->percent;
      if (number.magnitude == 1 && upper->magnitude > 1) q.value *= upper->magnitude;
      q.value_max = upper->value;
      if (upper->approximate) modifiers.approximate = true;
      end = static_cast<size_t>(upper->end);
      magnitude = upper->magnitude;
      arabic = arabic && upper->integer_digits > 0;
    }
    if (auto infix = InfixAt(end); infix && !percent) {
      modifiers.approximate = true;
      end += infix->size();
    }
    double multiplier = 1;
    if (auto m = MagnitudeAt(end)) {
      if (UnitAfter(end + m->surface.size(), arabic)) {
        multiplier = m->multiplier;
        end += m->surface.size();
        magnitude = m->multiplier;
      }
    }
    if (magnitude > 1 && end < text_.size() && text_[end] == words::kClassMarker) return false;
    const UnitWord* symbol = SymbolBefore(begin);
    const UnitWord* unit = nullptr;
    if (percent) {
      q.unit = "%";
    } else if (auto after = UnitAfter(end, arabic)) {
      unit = after->unit;
      end = after->end;
      if (auto split = SplitUnit(*after, q.value, modifiers)) {  // 3个多月, 一个半月
        unit = split->unit;
        end = split->end;
      }
    } else if (auto duration = ModifiedUnitAfter(number, begin, end, arabic, modifiers)) {
      unit = duration->unit;
      end = duration->end;
    } else if (symbol != nullptr) {
      unit = symbol;
    } else if (magnitude > 1) {
      end = TakeNoun(end, q.unit);
    } else {
      return false;
    }
    if (unit != nullptr) {
      q.unit.assign(unit->unit);
      multiplier *= unit->factor;
    }
    q.value *= multiplier;
    if (q.value_max) *q.value_max *= multiplier;
    if (decimal_digits > 0) {  // 17.33亿元: the scaling's binary noise off
      const double scale = number.magnitude * multiplier;
      q.value = RoundToWrittenPrecision(q.value, decimal_digits, scale);
      if (q.value_max) *q.value_max = RoundToWrittenPrecision(*q.value_max, decimal_digits, scale);
    }
    if (unit != nullptr) end = Complete(*unit, end, number.chinese && !arabic, q);
    if (symbol != nullptr) begin -= symbol->surface.size();
    ReadSuffix(end, modifiers);
    ReadPrefix(begin, modifiers, /*digitless=*/!arabic && IsMagnitudeChar(text_[number.begin]));
    if (begin >= words::kBelowZero.size() && text_[begin - 1] == words::kBelowZero.back() &&
        At(text_, begin - words::kBelowZero.size(), words::kBelowZero)) {
      begin -= words::kBelowZero.size();
      q.value = -q.value;
      if (q.value_max) *q.value_max = -*q.value_max;
    }
    if (number.chinese && (IsSlogan(number, end) || IsReduplicated(number, unit, end)))
      return false;
    FlagSuspect(number, q);
    Finish(q, modifiers, begin, end);
    return true;
  }

  // A figure written with magnitude words only: 超千亿元, 近万人, 上万人, 数百家, 千余家. It needs
  // a modifier (or 余/多 after it) and a unit, or stands at the end of a clause (突破百亿。), so
  // that 千方百计, 万家灯火 and 百姓 stay words. Fills `q` as Read does.
  bool ReadDigitless(size_t pos, Quantity& q) {
    size_t end = pos;
    double value = 1;
    if (end < text_.size() && Contains(words::kSmallMagnitudes, text_[end])) {
      value *= text_[end] == U'十' ? 10 : text_[end] == U'百' ? 100 : 1000;
      ++end;
    }
    if (At(text_, end, U"万亿")) {
      value *= 1e12;
      end += 2;
    } else if (end < text_.size() && Contains(words::kLargeMagnitudes, text_[end])) {
      value *= text_[end] == U'万' ? 1e4 : 1e8;
      ++end;
    }
    if (value < kLeastDigitless) return false;
    Modifiers modifiers;
    size_t begin = pos;
    ReadPrefix(begin, modifiers, /*digitless=*/true);
    if (auto infix = InfixAt(end)) {
      modifiers.approximate = true;
      end += infix->size();
    }
    if (!modifiers.approximate) return false;
    q.value = value;
    if (auto unit = UnitAfter(end, /*arabic=*/false, /*modified=*/true)) {
      q.unit.assign(unit->unit->unit);
      q.value *= unit->unit->factor;
      end = Complete(*unit->unit, unit->end, /*chinese=*/true, q);
    } else if (value < 1e4 || (end < text_.size() && IsHan(text_[end]) &&
                               !Contains(words::kNounStops, text_[end]))) {
      return false;  // 突破百亿大关, 超千亿企业: a class of thing, not a figure
    }
    ReadSuffix(end, modifiers);
    Finish(q, modifiers, begin, end);
    return true;
  }

 private:
  struct UnitMatch {
    const UnitWord* unit;
    size_t end;
  };

  // The approximation word (余, 多, 几) at `pos`: looked for after nearly every figure, and most
  // characters there start none, which one filter test settles.
  std::optional<std::u32string_view> InfixAt(size_t pos) const {
    if (pos >= text_.size() || !kInfixStarts.MayContain(text_[pos])) return std::nullopt;
    return WordAt(text_, pos, words::kApproximateInfixes);
  }

  // The magnitude left over after an approximation marker (4000余万元) at `pos`: most figures are
  // followed by none, which one filter test settles.
  std::optional<words::Magnitude> MagnitudeAt(size_t pos) const {
    if (pos >= text_.size() || !kMagnitudeStarts.MayContain(text_[pos])) return std::nullopt;
    return LongestAt(text_, pos, words::kMagnitudes, [](const auto& w) { return w.surface; });
  }

  void Finish(Quantity& q, const Modifiers& modifiers, size_t begin, size_t end) const {
    q.approximate = modifiers.approximate;
    if (modifiers.bound != Bound::kNone) q.bound = BoundName(modifiers.bound);
    q.span = {static_cast<int64_t>(begin), static_cast<int64_t>(end)};
    q.text = EncodeUtf8(text_.substr(begin, end - begin));
  }

  // The unit right after a figure (or after one space: scraped text has "75 亿元"). `arabic`: the
  // figure has Arabic digits, which units such as 度 and 方 need.
  std::optional<UnitMatch> UnitAfter(size_t pos, bool arabic, bool modified = false) const {
    if (auto unit = UnitAt(pos, arabic, modified))
      return UnitMatch{unit, pos + unit->surface.size()};
    if (pos + 1 < text_.size() && IsSpace(text_[pos]) && !IsSpace(text_[pos + 1])) {
      if (auto unit = UnitAt(pos + 1, arabic, modified)) {
        return UnitMatch{unit, pos + 1 + unit->surface.size()};
      }
    }
    return std::nullopt;
  }

  // A longer unit with 多, 余 or 半 inside after its first part: 3个多月 (个月, approximate),
  // 一个半月 (1.5 个月), 两个半小时.
  std::optional<UnitMatch> SplitUnit(const UnitMatch& first, double& value,
                                     Modifiers& modifiers) const {
    if (first.end + 1 >= text_.size()) return std::nullopt;
    const char32_t inside = text_[first.end];
    const bool half = inside == U'半';
    if (!half && !InfixAt(first.end)) return std::nullopt;
    const std::u32string_view head = first.unit->surface;
    const std::u32string_view rest = text_.substr(first.end + 1);
    for (const UnitWord& u : kUnitTable) {
      if (u.surface.size() <= head.size() || !u.surface.starts_with(head) || !FollowsFigure(u))
        continue;
      if (!rest.starts_with(u.surface.substr(head.size()))) continue;
      if (half) {
        if (value != static_cast<int64_t>(value)) return std::nullopt;
        value += 0.5;
      } else {
        modifiers.approximate = true;
      }
      return UnitMatch{&u, first.end + 1 + u.surface.size() - head.size()};
    }
    return std::nullopt;
  }

  // A unit that needs a modifier (近5年, 3年以上, 十多年), when the figure has one and is below
  // kMaxModifiedFigure: 2021年 stays a year.
  std::optional<UnitMatch> ModifiedUnitAfter(const NumberMatch& number, size_t begin, size_t end,
                                             bool arabic, const Modifiers& modifiers) const {
    if (number.value >= kMaxModifiedFigure) return std::nullopt;
    auto unit = UnitAfter(end, arabic, /*modified=*/true);
    if (!unit || unit->unit->place != UnitPlace::kModified) return std::nullopt;
    Modifiers around = modifiers;
    size_t before = begin;
    size_t after = unit->end;
    ReadPrefix(before, around, /*digitless=*/false);
    ReadSuffix(after, around);
    if (!around.approximate) return std::nullopt;
    return unit;
  }

  const UnitWord* UnitAt(size_t pos, bool arabic, bool modified) const {
    if (pos >= text_.size() || !kUnitStarts.MayContain(text_[pos])) return nullptr;
    const UnitWord* unit = LongestUnitAt(text_, pos, [arabic, modified](const UnitWord& u) {
      return u.place == UnitPlace::kAfter || (arabic && u.place == UnitPlace::kArabic) ||
             (modified && u.place == UnitPlace::kModified);
    });
    if (unit == nullptr) return nullptr;
    if (LookalikeAt(text_, pos) > unit->surface.size()) return nullptr;
    return unit;
  }

  // A currency symbol right before the figure: ￥300, $20, HK$5.
  const UnitWord* SymbolBefore(size_t begin) const {
    if (begin == 0 || !kSymbolEnds.MayContain(text_[begin - 1])) return nullptr;
    const UnitWord* best = nullptr;
    for (const UnitWord& u : kUnitTable) {
      if (u.place != UnitPlace::kBefore || u.surface.size() > begin) continue;
      if (At(text_, begin - u.surface.size(), u.surface) &&
          (!best || u.surface.size() > best->surface.size())) {
        best = &u;
      }
    }
    return best;
  }

  // What may follow a unit: 半 after a measure in Chinese numerals (一吨半, 两米半; not the 半 of
  // 500米半径) and a denominator (42万元/人, 35吨/日).
  size_t Complete(const UnitWord& unit, size_t end, bool chinese, Quantity& q) const {
    if (chinese && IsMeasure(unit.kind) && end < text_.size() && text_[end] == U'半' &&
        q.value == static_cast<int64_t>(q.value) &&
        (end + 1 == text_.size() || !IsHan(text_[end + 1]))) {
      q.value += 0.5;
      return end + 1;
    }
    if (unit.kind != UnitKind::kRate && end + 1 < text_.size() &&
        text_[end] == words::kPerSeparator) {
      const UnitWord* per = LongestUnitAt(
          text_, end + 1, [](const UnitWord& u) { return u.place != UnitPlace::kBefore; });
      if (per != nullptr) {
        q.unit += "/";
        q.unit += per->unit;
        return end + 1 + per->surface.size();
      }
    }
    return end;
  }

  // "1300万千瓦": the number reader takes 千 into the figure (1300万千), but 千瓦 is a unit. When a
  // unit without a magnitude of its own starts among the figure's last magnitude characters and
  // runs past the figure, the figure ends where the unit starts: no unit is split.
  NumberMatch EndBeforeUnit(const NumberMatch& number) const {
    if (number.percent) return number;
    const auto begin = static_cast<size_t>(number.begin);
    const auto end = static_cast<size_t>(number.end);
    size_t tail = end;
    while (tail > begin + 1 && IsMagnitudeChar(text_[tail - 1])) --tail;
    for (size_t cut = tail; cut < end; ++cut) {
      if (!kUnitsStartingWithMagnitude.MayContain(text_[cut])) continue;
      const UnitWord* unit = LongestUnitAt(text_, cut, FollowsFigure);
      if (unit == nullptr || unit->factor != 1 || cut + unit->surface.size() <= end) continue;
      auto shorter = MatchNumberAt(text_.substr(0, cut), begin);
      if (shorter && static_cast<size_t>(shorter->end) == cut) return *shorter;
    }
    return number;
  }

  void ReadSuffix(size_t& end, Modifiers& modifiers) const {
    if (end >= text_.size() || !kSuffixStarts.MayContain(text_[end])) return;
    if (WordAt(text_, end, words::kSuffixLookalikes)) return;
    if (auto suffix =
            LongestAt(text_, end, words::kSuffixModifiers, [](const auto& m) { return m.word; })) {
      modifiers.Add(suffix->bound);
      end += suffix->word.size();
    }
  }

  // The modifier ending right before `begin`, unless it is the tail of another word (签约, 最近).
  // `digitless`: the figure is written with magnitude words only, so 上万/数百/过亿 read too.
  void ReadPrefix(size_t& begin, Modifiers& modifiers, bool digitless) const {
    if (begin == 0 || !kPrefixEnds.MayContain(text_[begin - 1])) return;
    auto take = [&](const auto& list) {
      for (const words::Modifier& m : list) {
        const size_t size = m.word.size();
        // The last character settles nearly every word before the whole is compared.
        if (begin < size || text_[begin - 1] != m.word.back() || !At(text_, begin - size, m.word))
          continue;
        if (begin > size && Contains(m.not_after, text_[begin - size - 1])) continue;
        modifiers.Add(m.bound);
        begin -= size;
        return true;
      }
      return false;
    };
    if (!take(words::kPrefixModifiers) && digitless) take(words::kDigitlessPrefixes);
  }

  bool IsOrdinal(const NumberMatch& number) const {
    auto before = static_cast<size_t>(number.begin);
    if (before > 0 && IsSpace(text_[before - 1])) --before;
    return before > 0 && Contains(words::kOrdinalPrefixes, text_[before - 1]);
  }

  // 统一部署, 新一轮, 每一个: 一 ending a word is no count of one.
  bool IsWordWithYi(const NumberMatch& number) const {
    const auto begin = static_cast<size_t>(number.begin);
    return number.end - number.begin == 1 && text_[begin] == U'一' && begin > 0 &&
           Contains(words::kYiWordStarts, text_[begin - 1]);
  }

  // "3-5件": the upper end of a range starting right after the first number.
  std::optional<NumberMatch> RangeEnd(size_t end) const {
    if (end >= text_.size() || !IsRangeSeparator(text_[end])) return std::nullopt;
    size_t next = end + 1;
    while (next < text_.size() && IsRangeSeparator(text_[next])) ++next;  // "——"
    auto upper = MatchNumberAt(text_, next);
    if (!upper || upper->digit_string) return std::nullopt;
    upper = EndBeforeUnit(*upper);
    const auto upper_end = static_cast<size_t>(upper->end);
    if (!upper->percent && !UnitAfter(upper_end, upper->integer_digits > 0) &&
        !InfixAt(upper_end)) {
      return std::nullopt;
    }
    return upper;
  }

  // "3.3万农民": a figure with a magnitude and no unit takes the short noun after it.
  size_t TakeNoun(size_t end, std::string& unit) const {
    size_t noun_end = end;
    while (noun_end < text_.size() && noun_end - end < kNounLength && IsHan(text_[noun_end]) &&
           !Contains(words::kNounStops, text_[noun_end]) && !IsChineseNumeral(text_[noun_end])) {
      ++noun_end;
    }
    unit = EncodeUtf8(text_.substr(end, noun_end - end));
    return noun_end;
  }

  // A Chinese numeral inside a short quotation (“四个全面”, “一件事”) or set in a fixed term with
  // another numeral two characters away (五位一体, 一案一策, 一波三折, 三番五次) names a slogan.
  bool IsSlogan(const NumberMatch& number, size_t end) const {
    const auto begin = static_cast<size_t>(number.begin);
    bool opened = false;
    for (size_t i = begin, steps = 0; i > 0 && steps < kSloganQuoteReach; --i, ++steps) {
      const char32_t c = text_[i - 1];
      if (c == U'”' || c == U'。' || c == U'\n') break;
      if (c == U'“') {
        opened = true;
        break;
      }
    }
    if (opened) {
      for (size_t i = end, steps = 0; i < text_.size() && steps < kSloganQuoteReach; ++i, ++steps) {
        const char32_t c = text_[i];
        if (c == U'“' || c == U'。' || c == U'\n') break;
        if (c == U'”') return true;
      }
    }
    // One numeral character (and, for 三折, the 折 after it).
    if (number.end - number.begin - (number.tenths ? 1 : 0) != 1) return false;
    for (size_t i = end; i < std::min(end + 2, text_.size()) && IsHan(text_[i]); ++i) {
      if (IsChineseNumeral(text_[i])) return true;  // not across punctuation: 超过五成。四是
    }
    return begin >= 2 && IsHan(text_[begin - 1]) && !IsChineseNumeral(text_[begin - 1]) &&
           IsChineseDigit(text_[begin - 2]);
  }

  // A digit of everyday writing: financial forms standing alone (陆 of 大陆) are words.
  // 一栋栋高楼, 一个个项目: a classifier said twice after 一 means "one after another".
  bool IsReduplicated(const NumberMatch& number, const UnitWord* unit, size_t end) const {
    return unit != nullptr && unit->surface.size() == 1 && number.value == 1 &&
           end < text_.size() && text_[end] == unit->surface[0];
  }

  static bool IsChineseDigit(char32_t c) { return Contains(U"一二两三四五六七八九", c); }

  void FlagSuspect(const NumberMatch& number, Quantity& q) const {
    if (q.unit != "%" || q.value <= 100) return;
    if (!number.decimal_point && number.integer_digits >= 4) {
      q.suspect = true;
      q.suspect_reason = "digits run together: a rate of four or more digits with no decimal point";
      return;
    }
    const auto begin = static_cast<size_t>(number.begin);
    const size_t from = begin > kGrowthReach ? begin - kGrowthReach : 0;
    const std::u32string_view before = text_.substr(from, begin - from);
    const bool growth =
        std::any_of(words::kGrowthWords.begin(), words::kGrowthWords.end(),
                    [&](std::u32string_view w) { return before.find(w) != before.npos; });
    if (!growth) {
      q.suspect = true;
      q.suspect_reason = "rate over 100%";
    }
  }

  std::u32string_view text_;
};

bool CanStartNumber(std::u32string_view text, size_t pos) {
  const char32_t c = text[pos];
  if (!IsDigit(c) && !IsChineseNumeral(c) && c != U'负') return false;
  if (pos == 0) return true;
  // Not the tail of another figure: "20161130", "十三五" (五 after 十三 is part of a plan's name).
  const char32_t before = text[pos - 1];
  if (IsDigit(before) || before == U'.' || before == U'．') return false;
  if (c == U'负' && IsHan(before) && !Contains(quantity_words::kSignBeforeFu, before))
    return false;  // 减负, 税负
  return !(IsChineseNumeral(before) && IsChineseNumeral(c));
}

// What may follow a lone Chinese digit and still lengthen its figure or make it a quantity (besides
// spaces, digits and numerals): the characters the number reader reads on at (点, 余/多/几, 分之,
// 又, 成/折, %) and those the quantity
// reader looks for after a figure (a range, an approximation, a magnitude).
constexpr CharFilter kFigureGoesOn = [] {
  CharFilter filter;
  for (char32_t c : std::u32string_view(U"点點余多几幾分又成折%％")) filter.Add(c);
  for (char32_t c : words::kRangeSeparators) filter.Add(c);
  for (std::u32string_view w : words::kApproximateInfixes) filter.Add(w[0]);
  for (const auto& m : words::kMagnitudes) filter.Add(m.surface[0]);
  return filter;
}();

}  // namespace

namespace quantities_internal {

// Most digits a report holds are such: no quantity starts there, whatever the number reader makes
// of it, so it is not read at all.
bool IsLoneDigitBeforeWord(std::u32string_view text, size_t pos) {
  const char32_t c = text[pos];
  if (!IsChineseNumeral(c) || IsMagnitudeChar(c) || c == U'半' || pos + 1 >= text.size())
    return false;
  const char32_t next = text[pos + 1];
  if (IsSpace(next) || IsDigit(next) || IsChineseNumeral(next) || kFigureGoesOn.MayContain(next) ||
      kUnitStarts.MayContain(next))
    return false;
  return pos == 0 || !kSymbolEnds.MayContain(text[pos - 1]);
}

}  // namespace quantities_internal

namespace {

// Where RecognizeQuantities has anything to read: a figure may start (CanStartNumber), or a URL
// (h, w) whose digits are no figures. Most characters are neither: the scan passes them at one
// load each.
const BmpCharSet& QuantityStarts() {
  static const BmpCharSet starts = [] {
    BmpCharSet set = BmpCharSet::DigitsAndNumerals();
    for (char32_t c : {U'负', U'h', U'w'}) set.Add(c);
    return set;
  }();
  return starts;
}

// Reads a quantity straight into a new last element of `quantities` (a Quantity moved there
// afterwards would copy its short strings), dropped again when `read` finds none. Returns where
// the quantity ends.
template <typename Read>
std::optional<size_t> ReadInto(std::vector<Quantity>& quantities, Read read) {
  Quantity& q = quantities.emplace_back();
  if (read(q)) return static_cast<size_t>(q.span.end);
  quantities.pop_back();
  return std::nullopt;
}

}  // namespace

std::vector<Quantity> RecognizeQuantities(std::string_view normalized_text) {
  return RecognizeQuantities(std::u32string_view(DecodeUtf8(normalized_text)));
}

std::vector<Quantity> RecognizeQuantities(std::u32string_view text, const Prescan* prescan) {
  QuantityReader reader(text);
  std::vector<Quantity> quantities;
  // Room for most reports' figures at once: growing by doubling moves every figure read so far.
  quantities.reserve(text.size() / kCharactersPerFigure);
  const BmpCharSet& starts = QuantityStarts();
  // Positions are read in order, each returning where to go on: past a URL, a figure or the
  // quantity read, else the next character.
  ScanMarked(
      prescan, kQuantityStart, text.size(), [&](size_t pos) { return starts.Contains(text[pos]); },
      [&](size_t pos) -> size_t {
        if (!CanStartNumber(text, pos)) {
          const size_t url_end = text[pos] == U'h' || text[pos] == U'w' ? UrlEnd(text, pos) : pos;
          return std::max(url_end, pos + 1);
        }
        if (quantities_internal::IsLoneDigitBeforeWord(text, pos)) return pos + 1;
        if (auto number = MatchNumberAt(text, pos)) {
          if (auto end = ReadInto(quantities, [&](Quantity& q) { return reader.Read(*number, q); }))
            return std::max(*end, pos + 1);
          return std::max(static_cast<size_t>(number->end), pos + 1);
        }
        if (IsMagnitudeChar(text[pos])) {
          if (auto end =
                  ReadInto(quantities, [&](Quantity& q) { return reader.ReadDigitless(pos, q); }))
            return *end;
        }
        return pos + 1;
      });
  return quantities;
}

void MarkQuantityStarts(PrescanTable& table) {
  const BmpCharSet& starts = QuantityStarts();  // asked of every character of the BMP
  table.Mark(kQuantityStart, [&starts](char32_t c) { return starts.Contains(c); });
}

}  // namespace fazhi::extraction
