#include "services/extraction/dates/dates.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "services/extraction/numbers/code_points.h"
#include "services/extraction/numbers/numbers.h"

namespace fazhi::extraction {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;

// Words relative to the report year, with their offset in years; longest first where they nest.
struct RelativeWord {
  std::u32string_view surface;
  int offset;
};
constexpr std::array kRelativeWords = std::to_array<RelativeWord>({
    {U"本年度", 0}, {U"今年", 0}, {U"本年", 0}, {U"截至目前", 0}, {U"截止目前", 0},
    {U"上一年度", -1}, {U"上年度", -1}, {U"上一年", -1}, {U"去年", -1}, {U"上年", -1}, {U"前年", -2},
    {U"下年度", 1}, {U"下一年", 1}, {U"明年", 1}, {U"来年", 1},
});

// The relative words' first characters: asked at every position, this one test settles nearly
// all of them before the words are compared.
constexpr CharFilter kRelativeFirstChars = [] {
  CharFilter first;
  for (const RelativeWord& word : kRelativeWords) first.Add(word.surface.front());
  return first;
}();

// What may join the two ends of a range: 2015-2020年, 2015年至2020年.
constexpr std::u32string_view kRangeSeparators = U"-－~～至到—–";
// Separators of numeric dates: 2021-12-22, 2021.12.22, 2021/12/22.
constexpr std::u32string_view kDateSeparators = U"-./";
// After a year, the end of the year: 2021年底.
constexpr std::array kYearEnds = std::to_array<std::u32string_view>({U"年底", U"年末"});

bool Contains(std::u32string_view set, char32_t c) { return set.find(c) != std::u32string_view::npos; }

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool ValidYear(int year) { return year >= kFirstYear && year <= kLastYear; }
bool ValidMonth(int month) { return month >= 1 && month <= 12; }
bool ValidDay(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (!ValidMonth(month) || day < 1 || day > kDays[month - 1]) return false;
  return !(month == 2 && day == 29 && year > 0 && !IsLeap(year));
}

std::string Iso(int year, int month = 0, int day = 0) {
  char buffer[32];
  if (day > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  } else if (month > 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  }
  return buffer;
}

int DigitsValue(std::u32string_view digits) {
  int value = 0;
  for (char32_t c : digits) value = value * 10 + DigitValue(c);
  return value;
}

// A number written for a date part: Arabic digits, or Chinese numerals (二〇二一, 十二).
struct Part {
  int value = 0;
  size_t end = 0;
  size_t digits = 0;  // Arabic digits read (0 for Chinese numerals)
};

class DateReader final {
 public:
  DateReader(std::u32string_view text, std::optional<int> report_year) : text_(text), report_year_(report_year) {}

  std::vector<DateMention> ReadAll() {
    std::vector<DateMention> dates;
    ScanFrom(text_.size(), [this](size_t pos) { return MayBeginDate(text_[pos]); }, [&](size_t pos) {
      std::optional<DateMention> date = At(pos);
      if (!date) return SkipToken(pos);
      dates.push_back(std::move(*date));
      return static_cast<size_t>(dates.back().span.end);
    });
    return dates;
  }

 private:
  // Whether `At` may find a date starting with `c`: asked of every character, without a branch,
  // so that `At` is called only where it may succeed (one character in ten or twenty).
  bool MayBeginDate(char32_t c) const {
    return IsDigit(c) | IsChineseNumeral(c) | (report_year_.has_value() & kRelativeFirstChars.MayContain(c));
  }

  // Moves past the whole digit run at `pos` so that its tail is not read as a date.
  size_t SkipToken(size_t pos) const {
    if (!IsDigit(text_[pos])) return pos + 1;
    while (pos < text_.size() && IsDigit(text_[pos])) ++pos;
    return pos;
  }

  std::optional<DateMention> At(size_t pos) const {
    if (auto relative = Relative(pos)) return relative;
    // Every other date starts with a digit or a Chinese numeral: most positions stop here.
    if (!IsDigit(text_[pos]) && !IsChineseNumeral(text_[pos])) return std::nullopt;
    if (pos > 0 && (IsDigit(text_[pos - 1]) || IsChineseNumeral(text_[pos - 1]))) return std::nullopt;
    std::optional<Part> first = ReadPart(pos);
    if (!first) return std::nullopt;
    if (first->digits > 4) return RunTogether(pos, *first);
    if (first->digits == 4 || (first->digits == 0 && ValidYear(first->value))) {
      if (auto numeric = Numeric(pos, *first)) return numeric;
      if (auto chinese = Chinese(pos, *first)) return chinese;
      return YearRange(pos, *first);
    }
    return MonthDay(pos, *first);
  }

  // Arabic digits, or a Chinese numeral (a 4-digit string for years, 十二 for months).
  std::optional<Part> ReadPart(size_t pos) const {
    if (pos >= text_.size()) return std::nullopt;
    if (IsDigit(text_[pos])) {
      size_t end = pos;
      while (end < text_.size() && IsDigit(text_[end])) ++end;
      if (end - pos > 8) return std::nullopt;
      return Part{DigitsValue(text_.substr(pos, end - pos)), end, end - pos};
    }
    if (!IsChineseNumeral(text_[pos])) return std::nullopt;
    auto number = MatchNumberAt(text_, pos);
    if (!number || number->decimal_point || number->percent || number->value < 0) return std::nullopt;
    if (number->digit_string && number->end - number->begin != 4) return std::nullopt;
    return Part{static_cast<int>(number->value), static_cast<size_t>(number->end), 0};
  }

  char32_t CharAt(size_t pos) const { return pos < text_.size() ? text_[pos] : U'\0'; }

  size_t SkipSpaces(size_t pos) const {
    while (pos < text_.size() && IsSpace(text_[pos])) ++pos;
    return pos;
  }

  DateMention Make(size_t begin, size_t end, std::string value) const {
    DateMention date;
    date.text = EncodeUtf8(text_.substr(begin, end - begin));
    date.value = std::move(value);
    date.span = {static_cast<int64_t>(begin), static_cast<int64_t>(end)};
    return date;
  }

  std::optional<DateMention> Relative(size_t pos) const {
    if (!report_year_) return std::nullopt;
    const char32_t first = text_[pos];
    if (!kRelativeFirstChars.MayContain(first)) return std::nullopt;
    // 上, 下, 本, 前 and 来 are common: only the words that start with this one are compared.
    for (const RelativeWord& word : kRelativeWords) {
      if (word.surface.front() == first && text_.substr(pos).starts_with(word.surface)) {
        DateMention date = Make(pos, pos + word.surface.size(), Iso(*report_year_ + word.offset));
        date.relative = true;
        return date;
      }
    }
    return std::nullopt;
  }

  // 2021-12-22, 2021.12.22, 2021/12/22, optionally followed by a time "11:00".
  std::optional<DateMention> Numeric(size_t begin, const Part& year) const {
    if (year.digits != 4 || !Contains(kDateSeparators, CharAt(year.end))) return std::nullopt;
    const char32_t separator = text_[year.end];
    auto month = ReadPart(year.end + 1);
    if (!month || month->digits == 0 || month->digits > 2 || CharAt(month->end) != separator) return std::nullopt;
    auto day = ReadPart(month->end + 1);
    if (!day || day->digits == 0 || day->digits > 2) return std::nullopt;
    if (!ValidYear(year.value) || !ValidDay(year.value, month->value, day->value)) return std::nullopt;
    return Make(begin, TimeAfter(day->end), Iso(year.value, month->value, day->value));
  }

  // " 11:00" or " 04时21分" after a date: part of the mention, not of its value.
  size_t TimeAfter(size_t end) const {
    const size_t start = SkipSpaces(end);
    auto hour = ReadPart(start);
    if (!hour || hour->digits == 0 || hour->digits > 2 || hour->value > 24) return end;
    const char32_t mark = CharAt(hour->end);
    if (mark != U':' && mark != U'：' && mark != U'时') return end;
    auto minute = ReadPart(hour->end + 1);
    if (!minute || minute->digits != 2 || minute->value > 59) return end;
    if (mark == U'时') return CharAt(minute->end) == U'分' ? minute->end + 1 : end;
    return minute->end;
  }

  // 2021年, 2021年12月, 2021年12月22日, 2015年6-9月, 2021年底, 2015年至2020年, 二〇二一年十二月.
  std::optional<DateMention> Chinese(size_t begin, const Part& year) const {
    const size_t nian = SkipSpaces(year.end);
    if (CharAt(nian) != U'年' || !ValidYear(year.value)) return std::nullopt;
    for (std::u32string_view year_end : kYearEnds) {
      if (text_.substr(nian).starts_with(year_end)) return Make(begin, nian + year_end.size(), Iso(year.value, 12, 31));
    }
    const size_t after_year = nian + 1;
    if (auto range = YearRangeAfter(begin, year.value, after_year)) return range;
    if (auto month = MonthAfter(year.value, after_year)) {
      DateMention date = *month;
      date.text = EncodeUtf8(text_.substr(begin, static_cast<size_t>(date.span.end) - begin));
      date.span.begin = static_cast<int64_t>(begin);
      return date;
    }
    return Make(begin, after_year, Iso(year.value));
  }

  // After "2015年": "至2020年" or "-2020年".
  std::optional<DateMention> YearRangeAfter(size_t begin, int first_year, size_t pos) const {
    if (!Contains(kRangeSeparators, CharAt(pos))) return std::nullopt;
    size_t next = pos;
    while (Contains(kRangeSeparators, CharAt(next))) ++next;
    auto second = ReadPart(next);
    if (!second || (second->digits != 4 && second->digits != 0) || second->value < first_year ||
        !ValidYear(second->value)) {
      return std::nullopt;
    }
    const size_t nian = SkipSpaces(second->end);
    if (CharAt(nian) != U'年') return std::nullopt;
    DateMention date = Make(begin, nian + 1, Iso(first_year));
    date.end_value = Iso(second->value);
    return date;
  }

  // After a year: "12月", "12月22日", "6-9月" (a month range). Spans start at `pos`.
  std::optional<DateMention> MonthAfter(int year, size_t pos) const {
    auto month = ReadPart(SkipSpaces(pos));
    if (!month || month->digits > 2 || !ValidMonth(month->value)) return std::nullopt;
    size_t yue = SkipSpaces(month->end);
    if (Contains(kRangeSeparators, CharAt(yue))) {
      auto last = ReadPart(yue + 1);
      const size_t last_yue = last ? SkipSpaces(last->end) : 0;
      if (!last || last->digits > 2 || !ValidMonth(last->value) || last->value < month->value ||
          CharAt(last_yue) != U'月') {
        return std::nullopt;
      }
      DateMention date = Make(pos, last_yue + 1, Iso(year, month->value));
      date.end_value = Iso(year, last->value);
      return date;
    }
    if (CharAt(yue) != U'月') return std::nullopt;
    auto day = ReadPart(SkipSpaces(yue + 1));
    if (day && day->digits <= 2) {
      const size_t ri = SkipSpaces(day->end);
      if ((CharAt(ri) == U'日' || CharAt(ri) == U'号') && ValidDay(year, month->value, day->value)) {
        return Make(pos, TimeAfter(ri + 1), Iso(year, month->value, day->value));
      }
    }
    return Make(pos, yue + 1, Iso(year, month->value));
  }

  // 2015-2020年 (a 4-digit year, a dash, a 4-digit year, 年).
  std::optional<DateMention> YearRange(size_t begin, const Part& year) const {
    if (year.digits != 4 || !ValidYear(year.value)) return std::nullopt;
    return YearRangeAfter(begin, year.value, year.end);
  }

  // 6月4日 with no year: ISO 8601's "--06-04".
  std::optional<DateMention> MonthDay(size_t begin, const Part& month) const {
    if (month.digits > 2 || !ValidMonth(month.value)) return std::nullopt;
    const size_t yue = SkipSpaces(month.end);
    if (CharAt(yue) != U'月') return std::nullopt;
    auto day = ReadPart(SkipSpaces(yue + 1));
    if (!day || day->digits > 2) return std::nullopt;
    const size_t ri = SkipSpaces(day->end);
    if ((CharAt(ri) != U'日' && CharAt(ri) != U'号') || !ValidDay(0, month.value, day->value)) return std::nullopt;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "--%02d-%02d", month.value, day->value);
    return Make(begin, ri + 1, buffer);
  }

  // Digits whose 年/月 were lost by scraping: 20161130日, 201691日, 201410月, 20156-9月, 20152020年.
  std::optional<DateMention> RunTogether(size_t begin, const Part& run) const {
    const std::u32string_view digits = text_.substr(begin, run.digits);
    const int year = DigitsValue(digits.substr(0, 4));
    if (!ValidYear(year)) return std::nullopt;
    const std::u32string_view rest = digits.substr(4);
    const char32_t next = CharAt(run.end);
    std::optional<DateMention> date;
    if (next == U'年' && rest.size() == 4) {
      const int last = DigitsValue(rest);
      if (ValidYear(last) && last >= year) {
        date = Make(begin, run.end + 1, Iso(year));
        date->end_value = Iso(last);
      }
    } else if (next == U'日' || next == U'号') {
      date = SplitMonthDay(begin, run.end + 1, year, rest);
    } else if (rest.size() <= 2) {
      date = MonthAfter(year, begin + 4);
      if (date) {
        date->text = EncodeUtf8(text_.substr(begin, static_cast<size_t>(date->span.end) - begin));
        date->span.begin = static_cast<int64_t>(begin);
      }
    }
    if (date) date->repaired = true;
    return date;
  }

  // "1130" -> 11-30 (zero-padded), "91" -> 9-1, "112" -> 11-2 (two-digit month first) or 1-12.
  std::optional<DateMention> SplitMonthDay(size_t begin, size_t end, int year, std::u32string_view rest) const {
    const bool padded = rest.size() == 4;
    for (size_t month_digits : {size_t{2}, size_t{1}}) {
      if (rest.size() <= month_digits || rest.size() - month_digits > 2) continue;
      if (padded && month_digits != 2) continue;
      if (!padded && (rest[0] == U'0' || rest[month_digits] == U'0')) continue;
      const int month = DigitsValue(rest.substr(0, month_digits));
      const int day = DigitsValue(rest.substr(month_digits));
      if (ValidDay(year, month, day)) return Make(begin, end, Iso(year, month, day));
    }
    return std::nullopt;
  }

  std::u32string_view text_;
  std::optional<int> report_year_;
};

}  // namespace

std::vector<DateMention> RecognizeDates(std::string_view normalized_text, std::optional<int> report_year) {
  return RecognizeDates(std::u32string_view(DecodeUtf8(normalized_text)), report_year);
}

std::vector<DateMention> RecognizeDates(std::u32string_view code_points, std::optional<int> report_year) {
  return DateReader(code_points, report_year).ReadAll();
}

}  // namespace fazhi::extraction
