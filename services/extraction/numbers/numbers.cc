#include "services/extraction/numbers/numbers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "common/text/code_points.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::DigitValue;
using text::IsDigit;
using text::IsSpace;

// Words that begin with a numeral character but are not numbers.
constexpr std::array<std::u32string_view, 16> kNumeralWords = {
    U"一切", U"壹切", U"一看", U"四川", U"一直", U"一些", U"一样", U"一般",
    U"一致", U"一律", U"一旦", U"一起", U"一定", U"一贯", U"万一", U"十足"};
static_assert(std::all_of(kNumeralWords.begin(), kNumeralWords.end(),
                          [](std::u32string_view word) { return word.size() == 2; }),
              "IsLoneWord compares two characters");

// Their second characters: after nearly every lone numeral, one filter test rules them all out.
constexpr text::CharFilter kNumeralWordSeconds = [] {
  text::CharFilter filter;
  for (std::u32string_view word : kNumeralWords) filter.Add(word[1]);
  return filter;
}();

// Words in which 成 or 折 after a figure is no rate: 第一成为, E3000成功, 一成不变, 1折合.
constexpr auto kTenthsLookalikes = std::to_array<std::u32string_view>(
    {U"成为", U"成立", U"成员", U"成果", U"成效", U"成本", U"成交", U"成熟",   U"成长",   U"成功",
     U"成就", U"成绩", U"成分", U"成品", U"成都", U"成型", U"成片", U"成套",   U"成规",   U"成批",
     U"成群", U"成倍", U"成网", U"成链", U"成势", U"成风", U"成林", U"成线",   U"成环",   U"成才",
     U"成像", U"成真", U"成灾", U"成因", U"成事", U"成家", U"成器", U"成药",   U"成衣",   U"成色",
     U"成份", U"成材", U"成败", U"成全", U"成形", U"成语", U"成龙", U"成不变", U"成体系", U"成建制",
     U"折合", U"折算", U"折旧", U"折射", U"折叠", U"折腾", U"折服", U"折返",   U"折线",   U"折中",
     U"折损", U"折断", U"折磨", U"折桂", U"折子"});

// Financial digits that, standing alone, are ordinary words (登陆, 队伍, 收拾, 放肆).
constexpr std::u32string_view kLoneFinancialDigits = U"陆陸伍拾肆";

constexpr int ChineseDigitOf(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
    case U'壹':
      return 1;
    case U'二':
    case U'贰':
    case U'貳':
    case U'两':
    case U'兩':
    case U'倆':
    case U'俩':
      return 2;
    case U'三':
    case U'叁':
    case U'參':
      return 3;
    case U'四':
    case U'肆':
      return 4;
    case U'五':
    case U'伍':
      return 5;
    case U'六':
    case U'陆':
    case U'陸':
      return 6;
    case U'七':
    case U'柒':
      return 7;
    case U'八':
    case U'捌':
      return 8;
    case U'九':
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

bool IsZero(char32_t c) { return c == U'零' || c == U'〇'; }
bool IsTwo(char32_t c) { return c == U'两' || c == U'兩' || c == U'倆' || c == U'俩'; }
bool IsPoint(char32_t c) { return c == U'点' || c == U'點'; }
bool IsVague(char32_t c) { return c == U'余' || c == U'多' || c == U'几' || c == U'幾'; }

constexpr double SmallUnit(char32_t c) {
  switch (c) {
    case U'十':
    case U'拾':
      return 10;
    case U'百':
    case U'佰':
      return 100;
    case U'千':
    case U'仟':
      return 1000;
    default:
      return 0;
  }
}

constexpr double BigUnit(char32_t c) {
  switch (c) {
    case U'万':
    case U'萬':
      return 1e4;
    case U'亿':
    case U'億':
      return 1e8;
    case U'兆':
      return 1e12;
    default:
      return 0;
  }
}

constexpr bool IsUnit(char32_t c) { return SmallUnit(c) > 0 || BigUnit(c) > 0; }

// The table behind IsChineseNumeral (numbers.h).
constexpr std::array<uint64_t, 0x10000 / 64> MakeNumeralBits() {
  std::array<uint64_t, 0x10000 / 64> bits{};
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (ChineseDigitOf(c) >= 0 || IsUnit(c) || c == U'半') bits[c / 64] |= uint64_t{1} << (c % 64);
  }
  return bits;
}

bool InNumeralTable(char32_t c) { return IsChineseNumeral(c); }

int ChineseDigit(char32_t c) { return InNumeralTable(c) ? ChineseDigitOf(c) : -1; }

size_t SkipSpaces(std::u32string_view text, size_t i) {
  while (i < text.size() && IsSpace(text[i])) ++i;
  return i;
}

// "1,234.5", "４，５６５", ".5": Arabic digits with thousands separators and a decimal part.
struct Arabic {
  double value = 0;
  size_t end = 0;
  int integer_digits = 0;
  int decimal_digits = 0;
  bool decimal_point = false;
};

// A thousands separator after the digit `before`: ',' always; the full-width '，' only among
// full-width digits ("９，９９９"), since after ASCII digits it is Chinese punctuation
// ("$20，300美圆").
bool IsThousandsComma(char32_t c, char32_t before) {
  return c == U',' || (c == U'，' && before >= U'０');
}
bool IsDot(char32_t c) { return c == U'.' || c == U'．'; }

bool ThreeDigitGroupAt(std::u32string_view text, size_t i) {
  if (i + 3 > text.size()) return false;
  for (size_t k = i; k < i + 3; ++k) {
    if (!IsDigit(text[k])) return false;
  }
  return i + 3 == text.size() || !IsDigit(text[i + 3]);
}

// Whether the decimal point at `dot` (after Arabic digits from `start`) is one of the dots of a
// run such as "1.2.3" or "2222.2222.22222", which is read group by group.
bool InDottedRun(std::u32string_view text, size_t start, size_t dot) {
  if (start >= 2 && IsDot(text[start - 1]) && IsDigit(text[start - 2])) return true;
  size_t i = dot + 1;
  while (i < text.size() && IsDigit(text[i])) ++i;
  return i + 1 < text.size() && IsDot(text[i]) && IsDigit(text[i + 1]);
}

Arabic ReadArabic(std::u32string_view text, size_t i) {
  const size_t start = i;
  Arabic a;
  while (i < text.size() && IsDigit(text[i])) {
    a.value = a.value * 10 + DigitValue(text[i]);
    ++a.integer_digits;
    ++i;
  }
  if (a.integer_digits > 0 && a.integer_digits <= 3) {
    while (i < text.size() && IsThousandsComma(text[i], text[i - 1]) &&
           ThreeDigitGroupAt(text, i + 1)) {
      for (size_t k = i + 1; k < i + 4; ++k) a.value = a.value * 10 + DigitValue(text[k]);
      a.integer_digits += 3;
      i += 4;
    }
  }
  if (i + 1 < text.size() && IsDot(text[i]) && IsDigit(text[i + 1]) &&
      !InDottedRun(text, start, i)) {
    a.decimal_point = true;
    // The decimals as one whole number over a power of ten: 1.16 is 1 + 16/100, not 1 + 0.1 + 0.06.
    double decimals = 0;
    double scale = 1;
    for (++i; i < text.size() && IsDigit(text[i]); ++i) {
      if (scale < 1e15) {
        decimals = decimals * 10 + DigitValue(text[i]);
        scale *= 10;
        ++a.decimal_digits;
      }
    }
    // One division of two exact integers is correctly rounded (1.64 = 164 / 100); a sum of the
    // parts is not (1 + 0.64 = 1.6400000000000001).
    constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
    if (a.value * scale + decimals < kExactIntegers) {
      a.value = (a.value * scale + decimals) / scale;
    } else {
      a.value += decimals / scale;
    }
  }
  a.end = i;
  return a;
}

// Reads the digits after 点: Chinese (not 两, which is a separate number) or Arabic.
bool ReadFraction(std::u32string_view text, size_t& i, double& fraction) {
  size_t j = SkipSpaces(text, i);
  double scale = 0.1;
  size_t k = j;
  for (; k < text.size(); ++k) {
    const char32_t c = text[k];
    int d = IsDigit(c) ? DigitValue(c) : IsTwo(c) ? -1 : ChineseDigit(c);
    if (d < 0) break;
    fraction += scale * d;
    scale /= 10;
  }
  if (k == j) return false;
  i = k;
  return true;
}

// An unsigned number without percent or fraction forms: "三千五百万", "1.5万", "两百", "半".
class PlainReader final {
 public:
  explicit PlainReader(std::u32string_view text) : text_(text) {}

  std::optional<NumberMatch> Read(size_t pos) {
    size_t i = pos;
    while (i < text_.size()) {
      const char32_t c = text_[i];
      bool more = false;
      if (IsDigit(c)) {
        more = TakeArabic(i);
      } else if (IsChineseNumeral(c)) {  // one load settles the four tests below for other text
        if (ChineseDigitOf(c) >= 0) {
          if (!TakeChineseDigits(i, more)) return std::nullopt;
        } else if (SmallUnit(c) > 0) {
          if (!any_ && !LeadingUnitAllowed(i)) return std::nullopt;
          more = TakeSmallUnit(i);
        } else if (BigUnit(c) > 0) {
          more = any_ && TakeBigUnit(i);
        } else if (c == U'半' && !any_) {
          pending_ = 0.5;
          match_.chinese = any_ = true;
          end_ = ++i;
          more = i < text_.size() && SmallUnit(text_[i]) > 0;
        }
      } else if (IsPoint(c)) {
        more = any_ && TakePoint(i);
      } else if (IsVague(c)) {
        const size_t j = SkipSpaces(text_, i + 1);
        more = any_ && j < text_.size() && IsUnit(text_[j]);
        if (more) {
          match_.approximate = true;
          i = j;
        }
      } else if (IsSpace(c)) {
        const size_t j = SkipSpaces(text_, i);
        more = any_ && j < text_.size() && ContinuesAfterSpace(j);
        i = j;
      }
      if (!more) break;
    }
    if (!any_) return std::nullopt;
    double tail = pending_.value_or(0);
    if (pending_ && pending_single_chinese_ && !zero_since_unit_ && last_unit_ >= 100)
      tail *= last_unit_ / 10;
    match_.value = total_ + section_ + tail + extra_fraction_;
    // 17.33亿: the product of a decimal and a magnitude, without the product's binary noise.
    if (match_.decimal_digits > 0 && match_.magnitude > 1) {
      match_.value = RoundToWrittenPrecision(match_.value, match_.decimal_digits, match_.magnitude);
    }
    match_.begin = static_cast<int64_t>(pos);
    match_.end = static_cast<int64_t>(end_);
    return match_;
  }

 private:
  // "一百 五 十 二", "1000  万", "7万 5千": spaces inside a number written out in parts.
  bool ContinuesAfterSpace(size_t j) const {
    const char32_t c = text_[j];
    if (IsDigit(c)) {
      if (pending_ || !has_units_) return false;
      const Arabic next = ReadArabic(text_, j);
      return next.end < text_.size() && IsUnit(text_[next.end]);
    }
    return (ChineseDigit(c) >= 0 && !pending_) || IsUnit(c) || IsPoint(c) || IsVague(c);
  }

  // A bare 十 reads as ten; a bare 百/千 only before a digit (百三 = 130), else it is a word
  // (百姓).
  bool LeadingUnitAllowed(size_t i) const {
    if (SmallUnit(text_[i]) == 10) return true;
    return i + 1 < text_.size() && ChineseDigit(text_[i + 1]) > 0;
  }

  bool TakeArabic(size_t& i) {
    if (pending_) return false;
    const Arabic a = ReadArabic(text_, i);
    pending_ = a.value;
    pending_single_chinese_ = false;
    match_.decimal_point = match_.decimal_point || a.decimal_point;
    match_.decimal_digits = std::max(match_.decimal_digits, a.decimal_digits);
    if (!any_) match_.integer_digits = a.integer_digits;
    any_ = true;
    i = end_ = a.end;
    return true;
  }

  // Returns false when the whole match must be rejected (两两, 二三十).
  bool TakeChineseDigits(size_t& i, bool& more) {
    size_t run_end = i;
    while (run_end < text_.size() && ChineseDigit(text_[run_end]) >= 0) ++run_end;
    size_t first = i;
    while (first < run_end && IsZero(text_[first])) ++first;
    match_.chinese = true;
    if (first == run_end) {  // only zeros: a value of its own at the start, a filler after a unit
      zero_since_unit_ = true;
      any_ = true;
      i = end_ = run_end;
      more = true;
      return true;
    }
    if (pending_) return any_;
    if (first > i) zero_since_unit_ = true;
    if (run_end - first == 1 || has_units_) {
      pending_ = ChineseDigit(text_[first]);
      pending_single_chinese_ = true;
      any_ = true;
      i = end_ = first + 1;
      more = true;
      return true;
    }
    // Two or more digits with no unit yet: a digit string (二〇二一), unless ambiguous.
    for (size_t k = i; k < run_end; ++k) {
      if (IsTwo(text_[k])) return any_;
    }
    const size_t after = SkipSpaces(text_, run_end);
    if (after < text_.size() && IsUnit(text_[after])) return any_;
    double value = 0;
    for (size_t k = i; k < run_end; ++k) value = value * 10 + ChineseDigit(text_[k]);
    pending_ = value;
    pending_single_chinese_ = false;
    match_.digit_string = any_ = true;
    i = end_ = run_end;
    more = false;
    return true;
  }

  bool TakeSmallUnit(size_t& i) {
    const double unit = SmallUnit(text_[i]);
    if (unit >= last_small_unit_) return false;  // 五十千: units must fall within a section
    section_ += pending_.value_or(1) * unit;
    pending_.reset();
    last_small_unit_ = last_unit_ = unit;
    zero_since_unit_ = false;
    has_units_ = match_.chinese = any_ = true;
    i = end_ = i + 1;
    return true;
  }

  bool TakeBigUnit(size_t& i) {
    const double unit = BigUnit(text_[i]);
    const double section = section_ + pending_.value_or(0);
    if (section == 0 || unit > largest_big_unit_) {
      total_ = (total_ + section) * unit;  // 四万亿, 万万: the unit scales everything before it
    } else {
      total_ += section * unit;
    }
    largest_big_unit_ = std::max(largest_big_unit_, unit);
    match_.magnitude = unit;
    section_ = 0;
    pending_.reset();
    last_small_unit_ = std::numeric_limits<double>::infinity();
    last_unit_ = unit;
    zero_since_unit_ = false;
    has_units_ = true;
    i = end_ = i + 1;
    return true;
  }

  bool TakePoint(size_t& i) {
    size_t j = i + 1;
    double fraction = 0;
    if (!ReadFraction(text_, j, fraction)) return false;
    match_.decimal_point = match_.chinese = true;
    i = end_ = j;
    if (!has_units_) {  // 三点五 can still take a magnitude: 三点五万
      pending_ = pending_.value_or(0) + fraction;
      pending_single_chinese_ = false;
      return true;
    }
    extra_fraction_ = fraction;  // 两千万点五: the decimals end the number
    return false;
  }

  std::u32string_view text_;
  NumberMatch match_;
  double total_ = 0;
  double section_ = 0;
  std::optional<double> pending_;
  bool pending_single_chinese_ = false;
  bool zero_since_unit_ = false;
  bool has_units_ = false;
  bool any_ = false;
  double last_small_unit_ = std::numeric_limits<double>::infinity();
  double last_unit_ = 0;
  double largest_big_unit_ = 0;
  double extra_fraction_ = 0;
  size_t end_ = 0;
};

// Position after "分之" (spaces allowed around 分), or npos.
size_t MatchFenZhi(std::u32string_view text, size_t i) {
  i = SkipSpaces(text, i);
  if (i >= text.size() || text[i] != U'分') return std::u32string_view::npos;
  i = SkipSpaces(text, i + 1);
  if (i >= text.size() || text[i] != U'之') return std::u32string_view::npos;
  return SkipSpaces(text, i + 1);
}

// 百分之X, 千分之X, 百万分之X: a bare unit run as denominator gives a percentage.
std::optional<NumberMatch> MatchPercentPrefix(std::u32string_view text, size_t i) {
  // A unit is a numeral: one load settles most figures (Arabic digits).
  if (i >= text.size() || !IsChineseNumeral(text[i])) return std::nullopt;
  double denominator = 1;
  size_t j = i;
  while (j < text.size() && (IsUnit(text[j]) || (IsSpace(text[j]) && j > i))) {
    if (!IsSpace(text[j]))
      denominator *= SmallUnit(text[j]) > 0 ? SmallUnit(text[j]) : BigUnit(text[j]);
    ++j;
  }
  if (j == i || denominator < 100) return std::nullopt;
  const size_t after = MatchFenZhi(text, j);
  if (after == std::u32string_view::npos) return std::nullopt;
  auto numerator = PlainReader(text).Read(after);
  if (!numerator && after < text.size() && SmallUnit(text[after]) == 100) {  // 百分之百
    numerator = NumberMatch{.value = 100, .end = static_cast<int64_t>(after + 1)};
  }
  if (!numerator) return std::nullopt;
  numerator->value = numerator->value * 100 / denominator;
  numerator->percent = numerator->chinese = true;
  numerator->begin = static_cast<int64_t>(i);
  return numerator;
}

// After a number: "分之Y" (a fraction of it) or "又Y分之Z" (a mixed number).
void ExtendWithFraction(std::u32string_view text, NumberMatch& match) {
  const auto end = static_cast<size_t>(match.end);
  const size_t after = MatchFenZhi(text, end);
  if (after != std::u32string_view::npos && match.value != 0) {
    if (auto numerator = PlainReader(text).Read(after)) {
      match.value = numerator->value / match.value;
      match.end = numerator->end;
      match.chinese = true;
    }
    return;
  }
  const size_t mixed = SkipSpaces(text, end);
  if (mixed < text.size() && text[mixed] == U'又') {
    auto denominator = PlainReader(text).Read(SkipSpaces(text, mixed + 1));
    if (!denominator || denominator->value == 0) return;
    const size_t fen = MatchFenZhi(text, static_cast<size_t>(denominator->end));
    if (fen == std::u32string_view::npos) return;
    if (auto numerator = PlainReader(text).Read(fen)) {
      match.value += numerator->value / denominator->value;
      match.end = numerator->end;
    }
  }
}

// 成 or 折 after a number: a percentage in tenths. 八成 = 80%, 七成五 = 75%, 三成半 = 35%,
// 半成 = 5%; 八折 = 80%, 七五折 = 75% (two digits: tenths then hundredths), 75折 = 75%,
// 半折 = 50% (half price). 十折 and 11成 are nothing.
void ReadTenths(std::u32string_view text, NumberMatch& match) {
  const size_t at = SkipSpaces(text, static_cast<size_t>(match.end));
  if (at >= text.size() || (text[at] != U'成' && text[at] != U'折')) return;
  const bool cheng = text[at] == U'成';
  const std::u32string_view rest = text.substr(at);
  for (std::u32string_view word : kTenthsLookalikes) {
    if (rest.starts_with(word)) return;
  }
  const bool lone_half =
      match.end - match.begin == 1 && text[static_cast<size_t>(match.begin)] == U'半';
  double percent = 0;
  if (match.digit_string) {
    if (cheng || match.end - match.begin != 2) return;
    percent = match.value;
  } else if (!cheng && !match.chinese && !match.decimal_point && match.integer_digits == 2 &&
             match.value > 10) {
    percent = match.value;
  } else if (match.value > 0 && (match.value < 10 || (cheng && match.value == 10))) {
    percent = !cheng && lone_half ? 50 : match.value * 10;
  } else {
    return;
  }
  size_t end = at + 1;
  // 七成五, 三成半: a whole number of tenths and one more digit (or half a tenth).
  if (cheng && std::fmod(percent, 10) == 0 && percent < 100) {
    const size_t next = SkipSpaces(text, end);
    if (next < text.size() && text[next] == U'半') {
      percent += 5;
      end = next + 1;
    } else if (next < text.size() && ChineseDigit(text[next]) > 0 &&
               !(next + 1 < text.size() && IsChineseNumeral(text[next + 1]))) {
      percent += ChineseDigit(text[next]);
      end = next + 1;
    }
  }
  match.value = percent;
  match.percent = match.tenths = true;
  match.end = static_cast<int64_t>(end);
}

bool IsSlash(char32_t c) { return c == U'/' || c == U'／'; }

// Whole Arabic digits only, at most this many on either side of a slash fraction: 1/4, 16/5.
constexpr int kMaxFractionDigits = 3;

// "1/4" after a whole number: the share it states. Not a date or a period (2021/12/01, 12/31/2021,
// 2020/2021): more than three digits on a side or a second slash leave the number as it is.
void ReadSlashFraction(std::u32string_view text, NumberMatch& match) {
  const auto begin = static_cast<size_t>(match.begin);
  const auto end = static_cast<size_t>(match.end);
  if (end + 1 >= text.size() || !IsSlash(text[end]) || !IsDigit(text[end + 1])) return;
  if (match.chinese || match.decimal_point || match.integer_digits > kMaxFractionDigits) return;
  if (begin > 0 && IsSlash(text[begin - 1])) return;
  const Arabic denominator = ReadArabic(text, end + 1);
  if (denominator.decimal_point || denominator.integer_digits > kMaxFractionDigits) return;
  if (denominator.value == 0) return;
  const size_t after = denominator.end;
  if (after < text.size() && (IsSlash(text[after]) || IsDot(text[after]))) return;
  match.value /= denominator.value;
  match.end = static_cast<int64_t>(denominator.end);
  match.decimal_point = true;
}

// The characters that begin what may extend a plain figure, besides spaces (分之, 又, 成 and 折 may
// follow one): a fraction, a slash fraction, a percent sign, tenths.
constexpr text::CharFilter kExtensionStarts = [] {
  text::CharFilter filter;
  for (char32_t c : std::u32string_view(U"分又/／%％成折")) filter.Add(c);
  return filter;
}();

// A fraction (三分之一, 一又二分之一), a slash fraction, a percent sign or tenths after a plain
// figure.
void ReadExtensions(std::u32string_view text, NumberMatch& match) {
  const auto after = static_cast<size_t>(match.end);
  // Most figures are followed by none of these: one test settles it.
  if (after >= text.size() || (!IsSpace(text[after]) && !kExtensionStarts.MayContain(text[after])))
    return;
  ExtendWithFraction(text, match);
  ReadSlashFraction(text, match);
  const auto end = static_cast<size_t>(match.end);
  if (end < text.size() && (text[end] == U'%' || text[end] == U'％')) {
    match.percent = true;
    match.end = static_cast<int64_t>(end + 1);
  } else {
    ReadTenths(text, match);
  }
}

// A '-' right after a digit or letter is a hyphen or a range dash, not a sign.
bool FollowsWordOrDigit(std::u32string_view text, size_t pos) {
  if (pos == 0) return false;
  const char32_t c = text[pos - 1];
  return IsDigit(c) || (c < 0x80 && std::isalnum(static_cast<int>(c)));
}

bool IsLoneWord(std::u32string_view text, const NumberMatch& match) {
  if (match.end - match.begin != 1) return false;
  const auto begin = static_cast<size_t>(match.begin);
  const char32_t c = text[begin];
  if (kLoneFinancialDigits.find(c) != std::u32string_view::npos) return true;
  // Nearly every lone numeral is 一: the words are compared a character pair at a time, without
  // a string comparison each.
  if (begin + 1 >= text.size()) return false;
  const char32_t next = text[begin + 1];
  if (!kNumeralWordSeconds.MayContain(next)) return false;
  return std::any_of(kNumeralWords.begin(), kNumeralWords.end(),
                     [&](std::u32string_view word) { return word[0] == c && word[1] == next; });
}

}  // namespace

namespace numbers_internal {
constexpr std::array<uint64_t, 0x10000 / 64> kNumeralBits = MakeNumeralBits();
}  // namespace numbers_internal

BmpCharSet BmpCharSet::DigitsAndNumerals() {
  BmpCharSet set;
  set.bits_ = numbers_internal::kNumeralBits;
  for (char32_t c = U'0'; c <= U'9'; ++c) set.Add(c);
  for (char32_t c = U'０'; c <= U'９'; ++c) set.Add(c);
  return set;
}

std::optional<NumberMatch> MatchNumberAt(std::u32string_view text, size_t pos,
                                         const MatchOptions& options) {
  if (pos >= text.size()) return std::nullopt;
  size_t i = pos;
  bool negative = false;
  const char32_t first = text[i];
  // 打对折: half price.
  if ((first == U'对' || first == U'對') && pos > 0 && text[pos - 1] == U'打' &&
      pos + 1 < text.size() && text[pos + 1] == U'折') {
    return NumberMatch{.value = 50,
                       .begin = static_cast<int64_t>(pos),
                       .end = static_cast<int64_t>(pos + 2),
                       .percent = true,
                       .chinese = true,
                       .tenths = true};
  }
  if (first == U'负' || first == U'負') {
    negative = true;
    ++i;
  } else if (options.allow_sign && (first == U'-' || first == U'－') &&
             !FollowsWordOrDigit(text, pos)) {
    negative = true;
    ++i;
  }
  std::optional<NumberMatch> match = MatchPercentPrefix(text, i);
  if (!match) {
    size_t start = i;
    // ".5": a leading decimal point, when it is not the tail of another number.
    if (IsDot(text[i]) && i + 1 < text.size() && IsDigit(text[i + 1]) &&
        (i == 0 || (!IsDigit(text[i - 1]) && !IsDot(text[i - 1])))) {
      start = i + 1;
    }
    match = PlainReader(text).Read(start);
    if (!match) return std::nullopt;
    if (start != i) {
      match->value /= std::pow(10.0, static_cast<double>(match->end - match->begin));
      match->decimal_point = true;
      match->integer_digits = 0;
    }
    match->begin = static_cast<int64_t>(i);
    ReadExtensions(text, *match);
  }
  if (negative) {
    match->value = -match->value;
    match->begin = static_cast<int64_t>(pos);
  }
  // Hundreds of digits overflow a double: no figure a report can state, so not a number at all.
  if (!std::isfinite(match->value)) return std::nullopt;
  if (IsLoneWord(text, *match)) return std::nullopt;
  return match;
}

size_t UrlEnd(std::u32string_view text, size_t pos) {
  const std::u32string_view rest = text.substr(std::min(pos, text.size()));
  if (!rest.starts_with(U"http://") && !rest.starts_with(U"https://") && !rest.starts_with(U"www."))
    return pos;
  size_t end = pos;
  while (end < text.size() && text[end] > U' ' && text[end] < 0x7F) ++end;
  return end;
}

std::vector<NumberMatch> ScanNumbers(std::u32string_view text, const MatchOptions& options) {
  std::vector<NumberMatch> found;
  size_t pos = 0;
  while (pos < text.size()) {
    if (const size_t url_end = UrlEnd(text, pos); url_end > pos) {
      pos = url_end;
      continue;
    }
    if (auto match = MatchNumberAt(text, pos, options)) {
      found.push_back(*match);
      pos = static_cast<size_t>(std::max<int64_t>(match->end, static_cast<int64_t>(pos) + 1));
      continue;
    }
    // Skip the rest of a rejected run of numerals so that its tail is not read on its own.
    const bool numeral = IsChineseNumeral(text[pos]);
    ++pos;
    while (numeral && pos < text.size() && ChineseDigit(text[pos - 1]) >= 0 &&
           IsChineseNumeral(text[pos]))
      ++pos;
  }
  return found;
}

std::optional<NumberMatch> ParseNumber(std::string_view text) {
  const std::u32string code_points = DecodeUtf8(text);
  const size_t begin = SkipSpaces(code_points, 0);
  auto match = MatchNumberAt(code_points, begin, MatchOptions{.allow_sign = true});
  if (!match || SkipSpaces(code_points, static_cast<size_t>(match->end)) != code_points.size())
    return std::nullopt;
  return match;
}

std::optional<double> ParseChineseNumber(std::string_view text) {
  auto match = ParseNumber(text);
  if (!match) return std::nullopt;
  return match->value;
}

double RoundToWrittenPrecision(double value, int decimal_digits, double scale) {
  static constexpr std::array<double, 16> kPowers = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  int exponent = -1;
  for (size_t k = 0; k < kPowers.size(); ++k) {
    if (scale == kPowers[k]) exponent = static_cast<int>(k);
  }
  if (exponent < 0 || !std::isfinite(value)) return value;  // not a power of ten: left alone
  const int kept = decimal_digits - exponent;
  if (kept <= 0) return std::round(value);
  if (kept >= static_cast<int>(kPowers.size())) return value;
  return std::round(value * kPowers[kept]) / kPowers[kept];
}

}  // namespace fazhi::extraction
