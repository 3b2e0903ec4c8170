#include "services/extraction/quantities/quantities.h"

#include <algorithm>
#include <optional>
#include <string>

#include "services/extraction/numbers/code_points.h"
#include "services/extraction/numbers/numbers.h"
#include "services/extraction/quantities/quantity_words.h"

namespace fazhi::extraction {
namespace {

namespace words = quantity_words;

// How far around a Chinese numeral we look for the quotes of a slogan (“四个全面”).
constexpr size_t kSloganQuoteReach = 8;
// How far before a rate we look for a growth word.
constexpr size_t kGrowthReach = 12;
// A noun taken after a bare magnitude figure has at most this many characters.
constexpr size_t kNounLength = 2;

bool Contains(std::u32string_view set, char32_t c) { return set.find(c) != std::u32string_view::npos; }

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

std::optional<std::u32string_view> WordAt(std::u32string_view text, size_t pos,
                                          const auto& list) {
  return LongestAt(text, pos, list, [](std::u32string_view w) { return w; });
}

class QuantityReader final {
 public:
  explicit QuantityReader(std::u32string_view text) : text_(text) {}

  std::optional<Quantity> Read(const NumberMatch& number) {
    if (number.digit_string || IsOrdinal(number)) return std::nullopt;
    Quantity q;
    q.value = number.value;
    q.approximate = number.approximate;
    size_t begin = static_cast<size_t>(number.begin);
    size_t end = static_cast<size_t>(number.end);
    double magnitude = number.magnitude;
    bool percent = number.percent;
    if (auto upper = RangeEnd(end)) {
      percent = percent || upper->percent;
      if (number.magnitude == 1 && upper->magnitude > 1) q.value *= upper->magnitude;
      q.value_max = upper->value;
      q.approximate = q.approximate || upper->approximate;
      end = static_cast<size_t>(upper->end);
      magnitude = upper->magnitude;
    }
    if (auto infix = WordAt(text_, end, words::kApproximateInfixes); infix && !percent) {
      q.approximate = true;
      end += infix->size();
    }
    double multiplier = 1;
    if (auto m = LongestAt(text_, end, words::kMagnitudes, [](const auto& w) { return w.surface; })) {
      if (UnitAt(end + m->surface.size())) {
        multiplier = m->multiplier;
        end += m->surface.size();
      }
    }
    if (percent) {
      q.unit = "%";
    } else if (auto unit = UnitAt(end)) {
      q.unit = std::string(unit->unit);
      multiplier *= unit->multiplier;
      end += unit->surface.size();
    } else if (magnitude > 1) {
      end = TakeNoun(end, q.unit);
    } else {
      return std::nullopt;
    }
    q.value *= multiplier;
    if (q.value_max) *q.value_max *= multiplier;
    if (auto suffix = WordAt(text_, end, words::kApproximateSuffixes)) {
      q.approximate = true;
      end += suffix->size();
    }
    if (auto prefix = PrefixBefore(begin)) {
      q.approximate = true;
      begin -= prefix->size();
    }
    if (number.chinese && IsSlogan(number, end)) return std::nullopt;
    FlagSuspect(number, q);
    q.span = {static_cast<int64_t>(begin), static_cast<int64_t>(end)};
    q.text = EncodeUtf8(text_.substr(begin, end - begin));
    return q;
  }

 private:
  std::optional<words::UnitWord> UnitAt(size_t pos) const {
    if (WordAt(text_, pos, words::kUnitLookalikes)) return std::nullopt;
    return LongestAt(text_, pos, words::kUnits, [](const auto& w) { return w.surface; });
  }

  bool IsOrdinal(const NumberMatch& number) const {
    return number.begin > 0 && Contains(words::kOrdinalPrefixes, text_[static_cast<size_t>(number.begin) - 1]);
  }

  // "3-5件": the upper end of a range starting right after the first number.
  std::optional<NumberMatch> RangeEnd(size_t end) const {
    if (end >= text_.size() || !Contains(words::kRangeSeparators, text_[end])) return std::nullopt;
    size_t next = end + 1;
    while (next < text_.size() && Contains(words::kRangeSeparators, text_[next])) ++next;  // "——"
    auto upper = MatchNumberAt(text_, next);
    if (!upper || upper->digit_string) return std::nullopt;
    const auto upper_end = static_cast<size_t>(upper->end);
    if (!upper->percent && !UnitAt(upper_end) && !WordAt(text_, upper_end, words::kApproximateInfixes)) {
      return std::nullopt;
    }
    return upper;
  }

  std::optional<std::u32string_view> PrefixBefore(size_t begin) const {
    for (std::u32string_view prefix : words::kApproximatePrefixes) {
      if (begin >= prefix.size() && At(text_, begin - prefix.size(), prefix)) return prefix;
    }
    return std::nullopt;
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

  // A Chinese numeral inside a short quotation (“四个全面”, “一件事”) or glued into a fixed
  // term with another numeral after its classifier (五位一体, 一案一策) names a slogan.
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
    if (number.end - number.begin != 1) return false;
    for (size_t i = end; i < std::min(end + 2, text_.size()); ++i) {
      if (IsChineseNumeral(text_[i])) return true;
    }
    return false;
  }

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
    const bool growth = std::any_of(words::kGrowthWords.begin(), words::kGrowthWords.end(),
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
  return !(IsChineseNumeral(before) && IsChineseNumeral(c));
}

}  // namespace

std::vector<Quantity> RecognizeQuantities(std::string_view normalized_text) {
  return RecognizeQuantities(std::u32string_view(DecodeUtf8(normalized_text)));
}

std::vector<Quantity> RecognizeQuantities(std::u32string_view text) {
  QuantityReader reader(text);
  std::vector<Quantity> quantities;
  size_t pos = 0;
  while (pos < text.size()) {
    std::optional<NumberMatch> number;
    if (CanStartNumber(text, pos)) number = MatchNumberAt(text, pos);
    if (!number) {
      ++pos;
      continue;
    }
    if (auto quantity = reader.Read(*number)) {
      pos = static_cast<size_t>(quantity->span.end);
      quantities.push_back(std::move(*quantity));
    } else {
      pos = static_cast<size_t>(number->end);
    }
  }
  return quantities;
}

}  // namespace fazhi::extraction
