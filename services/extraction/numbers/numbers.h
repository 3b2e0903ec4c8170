// Chinese and Arabic number normalization: the figures inside report text, as values.
//
//   ParseChineseNumber("一百二十三") == 123      ParseChineseNumber("两千零五") == 2005
//   ParseChineseNumber("1.5万") == 15000        ParseChineseNumber("三点五") == 3.5
//   ParseNumber("百分之八十五") -> {value 85, percent true}
//   ScanNumbers("共受理19件,办结率100%") -> 19 at [3,5), 100 (percent) at [10,14)
//
// Handles Chinese digits (零〇一二两三…九, financial 壹贰叁…, traditional 兩萬億), units
// 十百千万亿兆 with elided trailing units (一万三 = 13000), 点 decimals, 半, ASCII and full-width
// digits with thousands separators ("1,234"), 百分之/千分之/万分之 and "%", fractions (三分之一,
// 一又二分之一), 余/多/几 before a magnitude (十多万, approximate), 负, slash fractions of small
// whole numbers (占全国1/4 -> 0.25; not 2021/12/01 nor 2020/2021), and tenths as percentages: 八成
// = 80%, 七成五 = 75%, 三成半 = 35%, 半成 = 5%; 八折 = 80%, 七五折 = 75%, 75折 = 75%, 半折 = 打对折
// = 50% (not in words: 成为, 成果, 一成不变, 折合, 折旧). A dotted run such as "1.2.3" is read
// group by group, not as a decimal; ScanNumbers skips URLs (%2F is no percentage). Not handled:
// mixed numbers written with a space ("1 3/5"), exponents and k/M suffixes.
#ifndef FAZHI_SERVICES_EXTRACTION_NUMBERS_NUMBERS_H_
#define FAZHI_SERVICES_EXTRACTION_NUMBERS_NUMBERS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace fazhi::extraction {

// One number found in text. Offsets are code points into the scanned text.
struct NumberMatch {
  double value = 0;
  int64_t begin = 0;
  int64_t end = 0;
  bool percent = false;        // 85%, 百分之八十五, 千分之三 (value is in percent)
  bool approximate = false;    // 十多万, 五百余万, 二十几万
  bool chinese = false;        // uses Chinese numeral characters
  bool digit_string = false;   // Chinese digits read one by one (二〇二一 -> 2021)
  bool decimal_point = false;  // written with a decimal point
  int integer_digits = 0;      // Arabic digits before the decimal point
  int decimal_digits = 0;      // Arabic digits after it
  double magnitude = 1;        // the last 万/亿 applied ("1.5万" -> 1e4), to scale "3-5万"
  bool tenths = false;  // a percentage written in tenths: 八成, 七五折 (percent is set too)
};

struct MatchOptions {
  bool allow_sign = false;  // accept a leading '-' (负 is always accepted)
};

// The longest number starting exactly at `pos`, or nullopt.
std::optional<NumberMatch> MatchNumberAt(std::u32string_view text, size_t pos,
                                         const MatchOptions& options = {});

// The end of the URL starting at `pos` (http://, https://, www.), or `pos` when none starts
// there. Scanners skip it: its digits and %-escapes are no figures.
size_t UrlEnd(std::u32string_view text, size_t pos);

// All numbers in `text`, left to right, not overlapping; none inside a URL.
std::vector<NumberMatch> ScanNumbers(std::u32string_view text, const MatchOptions& options = {});

// The whole of `text` (surrounding spaces allowed) read as one number.
std::optional<NumberMatch> ParseNumber(std::string_view text);
// Its value (a percentage's value in percent: "百分之八十五" -> 85).
std::optional<double> ParseChineseNumber(std::string_view text);

// A figure written with `decimal_digits` decimals and then scaled by `scale` (a power of ten: a
// magnitude or a unit's factor) has at most decimal_digits - log10(scale) decimals: rounding
// there drops the binary noise of the scaling (17.33亿 -> 1733000000, not 1732999999.9999998).
// Other scales leave the value as it is.
double RoundToWrittenPrecision(double value, int decimal_digits, double scale);

namespace numbers_internal {
// One bit per BMP code point: whether it is a numeral character (digit, unit or 半).
extern const std::array<uint64_t, 0x10000 / 64> kNumeralBits;
}  // namespace numbers_internal

// Whether `c` can start or continue a Chinese numeral (digits, units, 零, 两, 半). Recognizers
// ask this of nearly every character of a report, so it is one inline load.
inline bool IsChineseNumeral(char32_t c) {
  return c < 0x10000 && ((numbers_internal::kNumeralBits[c / 64] >> (c % 64)) & 1) != 0;
}

// A set of characters of the Basic Multilingual Plane, a bit each (8 KB): the exact test a
// scanner asks of every character of a report in one load, where testing several classes and
// words one after the other costs a dozen instructions. Characters beyond the BMP are not members.
//   BmpCharSet starts = BmpCharSet::DigitsAndNumerals();
//   starts.Add(U'今');  starts.Contains(U'今') && starts.Contains(U'３') && starts.Contains(U'十')
class BmpCharSet final {
 public:
  void Add(char32_t c) {
    if (c < kSize) bits_[c / 64] |= uint64_t{1} << (c % 64);
  }
  bool Contains(char32_t c) const { return c < kSize && ((bits_[c / 64] >> (c % 64)) & 1) != 0; }

  // The characters a figure may start with: ASCII and full-width digits (text::IsDigit) and
  // Chinese numerals (IsChineseNumeral).
  static BmpCharSet DigitsAndNumerals();

 private:
  static constexpr char32_t kSize = 0x10000;
  std::array<uint64_t, kSize / 64> bits_{};
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_NUMBERS_NUMBERS_H_
