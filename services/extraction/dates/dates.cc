#include "services/extraction/dates/dates.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "common/text/code_points.h"
#include "services/extraction/numbers/numbers.h"

namespace fazhi::extraction {
namespace {

using text::CharFilter;
using text::DecodeUtf8;
using text::DigitValue;
using text::EncodeUtf8;
using text::IsDigit;
using text::IsSpace;
using text::ScanFrom;

constexpr int kFirstYear =
    1900;  // a year on its own (2021年): earlier ones are durations (1700年的历史)
constexpr int kFirstDatedYear = 1000;  // a year with a month (1357年6月10日, 1789-01-29)
constexpr int kLastYear = 2100;
// Reports mention a date about every 250 characters (many more often): the reserve.
constexpr size_t kCharactersPerDate = 128;

// Where a reading's year comes from.
enum class YearFrom {
  kText,      // written in the mention (2021年3月)
  kSpeaking,  // the speaking year plus an offset (今年, 去年, 明年)
  kSettled,  // the year the text settles at that point plus an offset (3月14日, 上半年; 上年: -1)
  kEveryYear,  // no one year: 每年9月, 每年年底
};

// Words for a year relative to another, longest first where they share a first character.
struct RelativeWord {
  std::u32string_view surface;
  YearFrom from;
  int offset;
};
constexpr std::array kRelativeWords = std::to_array<RelativeWord>({
    {U"本年度", YearFrom::kSpeaking, 0},
    {U"本年", YearFrom::kSpeaking, 0},
    {U"今年度", YearFrom::kSpeaking, 0},
    {U"今年", YearFrom::kSpeaking, 0},
    {U"截至目前", YearFrom::kSpeaking, 0},
    {U"截止目前", YearFrom::kSpeaking, 0},
    {U"去年", YearFrom::kSpeaking, -1},
    {U"前年", YearFrom::kSpeaking, -2},
    {U"明年", YearFrom::kSpeaking, 1},
    {U"来年", YearFrom::kSpeaking, 1},
    {U"下一年", YearFrom::kSpeaking, 1},
    {U"下年度", YearFrom::kSpeaking, 1},
    // 上年 points back from the year its sentence is about ("全年...比上年增长").
    {U"上一年度", YearFrom::kSettled, -1},
    {U"上年度", YearFrom::kSettled, -1},
    {U"上一年", YearFrom::kSettled, -1},
    {U"上年", YearFrom::kSettled, -1},
});

// Parts of a year, after a year (2019年上半年, 今年年底) or on their own (上半年, 年底).
struct PeriodWord {
  std::u32string_view surface;
  int first_month, first_day, last_month;  // last_month 0: a point, not a range
};
constexpr std::array kPeriodWords = std::to_array<PeriodWord>({
    {U"上半年", 1, 0, 6},
    {U"下半年", 7, 0, 12},
    {U"年底", 12, 31, 0},
    {U"年末", 12, 31, 0},
    {U"年初", 1, 1, 0},
});

// Words that begin with the 初/底/末 of 年初/年底/月末 but are words of their own: "三年初见成效",
// "2019年初步建成", "守住底线" after a year.
constexpr std::array kNotPeriodWords = std::to_array<std::u32string_view>({
    U"初见", U"初步", U"初具", U"初心", U"初级", U"初中", U"初次", U"初始",
    U"初衷", U"初创", U"初期", U"初稿", U"初审", U"底线", U"底数", U"底子",
    U"底部", U"底层", U"底色", U"底气", U"末端", U"末位",
});

// The first characters of the relative and period words: asked at every position, this one test
// settles nearly all of them before the words are compared; the second characters settle most of
// the rest (上级, 下一步, 年度).
constexpr CharFilter kWordFirstChars = [] {
  CharFilter first;
  for (const RelativeWord& word : kRelativeWords) first.Add(word.surface.front());
  for (const PeriodWord& word : kPeriodWords) first.Add(word.surface.front());
  return first;
}();
constexpr CharFilter kWordSecondChars = [] {
  CharFilter second;
  for (const RelativeWord& word : kRelativeWords) second.Add(word.surface[1]);
  for (const PeriodWord& word : kPeriodWords) second.Add(word.surface[1]);
  return second;
}();

// What may join the two ends of a range: 2015-2020年, 2015年至2020年, 3月14日—20日.
constexpr std::u32string_view kRangeSeparators = U"-－~～至到—–";
// Separators of numeric dates: 2021-12-22, 2021.12.22, 2021/12/22.
constexpr std::u32string_view kDateSeparators = U"-./";
// Where a sentence ends: a yearless date takes its year from earlier in its sentence.
constexpr std::u32string_view kSentenceEnds = U"。!?！？\n";
// Settling a year scans back for the sentence's start: this filter passes over most characters
// before kSentenceEnds is searched.
constexpr CharFilter kSentenceEndChars = [] {
  CharFilter ends;
  for (char32_t c : kSentenceEnds) ends.Add(c);
  return ends;
}();
// Before a date, what makes it the baseline of a comparison (比上年, 较2018年): it settles no year.
constexpr std::u32string_view kComparisons = U"比较";
// Around a year range without 年, what makes it one: "(2021-2025)", "从2016到2018".
constexpr std::u32string_view kOpenings = U"(（《【[";
constexpr std::u32string_view kClosings = U")）》】]";
constexpr std::u32string_view kRangeOpeners = U"从自";
constexpr std::u32string_view kWeekdays = U"一二三四五六日天";

bool Contains(std::u32string_view set, char32_t c) {
  return set.find(c) != std::u32string_view::npos;
}

constexpr CharFilter kRangeSeparatorChars = [] {
  CharFilter separators;
  for (char32_t c : kRangeSeparators) separators.Add(c);
  return separators;
}();

// Asked after nearly every month and year read: the filter settles most characters first.
bool IsRangeSeparator(char32_t c) {
  return kRangeSeparatorChars.MayContain(c) && Contains(kRangeSeparators, c);
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool ValidYear(int year) { return year >= kFirstYear && year <= kLastYear; }
bool ValidDatedYear(int year) { return year >= kFirstDatedYear && year <= kLastYear; }
bool ValidMonth(int month) { return month >= 1 && month <= 12; }
int DaysIn(int year, int month) {  // year 0: not known (February has 28 days)
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && year > 0 && IsLeap(year) ? 29 : kDays[month - 1];
}
// Year 0 or less: any year (29 February is possible).
bool ValidDay(int year, int month, int day) {
  if (!ValidMonth(month) || day < 1) return false;
  return day <= (month == 2 && year <= 0 ? 29 : DaysIn(year, month));
}

int DigitsValue(std::u32string_view digits) {
  int value = 0;
  for (char32_t c : digits) value = value * 10 + DigitValue(c);
  return value;
}

// A calendar point as written: 0 where the text leaves a part out.
struct Point {
  int year = 0;
  int month = 0;  // 0: a year
  int day = 0;    // 0: a month
};

bool Before(const Point& a, const Point& b) {
  if (a.year != 0 && b.year != 0 && a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// Writes `value` with at least `width` (at most 4) digits, zero-padded as printf's "%0*d" pads
// it, at `out`, which has room for 16 characters; returns the end. Dates are formatted by the
// thousand: a digit loop into a buffer, not a format string parsed each time nor a string grown a
// character at a time.
char* WritePadded(int value, int width, char* out) {
  if (value < 0)  // not a calendar part: printf keeps its meaning
    return out + std::snprintf(out, 16, "%0*d", width, value);
  char digits[16];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int pad = count; pad < width; ++pad) *out++ = '0';
  while (count > 0) *out++ = digits[--count];
  return out;
}

// ISO 8601: "2021-12-22", "2021-12", "2021"; without a year (partial) "--12-22" and "--12".
std::string Format(const Point& p) {
  char buffer[64];  // three parts of at most 11 characters, each written with room for 16
  char* out = buffer;
  if (p.year == 0) {
    *out++ = '-';
    *out++ = '-';
  } else {
    out = WritePadded(p.year, 4, out);
    if (p.month > 0 || p.day > 0) *out++ = '-';
  }
  if (p.month > 0 || p.day > 0 || p.year == 0) out = WritePadded(p.month, 2, out);
  if (p.day > 0) {
    *out++ = '-';
    out = WritePadded(p.day, 2, out);
  }
  return std::string(buffer, out);
}

// What the text states of one date or range, before its year is settled.
struct Reading {
  size_t begin = 0;
  size_t end = 0;
  Point first;
  std::optional<Point> last;  // closed ranges; a year of 0 is first's
  YearFrom year_from = YearFrom::kText;
  int offset = 0;
  bool repaired = false;
  bool frames = false;  // settles the year of yearless dates after it in its sentence
  bool day_number =
      false;  // first's day is written as a number (3月14日), not implied (年底, 3月初)
};

// A number written for a date part: Arabic digits, or Chinese numerals (二〇二一, 十二).
struct Part {
  int value = 0;
  size_t end = 0;
  size_t digits = 0;  // Arabic digits read (0 for Chinese numerals)
  bool spelled = false;  // Chinese numerals with units (两千零四), not digit by digit (二〇〇四)
};

class DateReader final {
 public:
  DateReader(std::u32string_view text, const DateAnchors& anchors)
      : text_(text),
        report_year_(anchors.report_year),
        speaking_year_(anchors.speaking_year ? anchors.speaking_year : anchors.report_year),
        plans_(anchors.plans),
        parts_begin_(anchors.parts_begin) {
    std::sort(plans_.begin(), plans_.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
  }

  std::vector<DateMention> ReadAll(const Prescan* prescan) {
    std::vector<DateMention> dates;
    // Room for most reports' dates at once: growing by doubling moves every mention read so far.
    dates.reserve(text_.size() / kCharactersPerDate);
    const BmpCharSet& starts = DateStarts();
    ScanMarked(
        prescan, kDateStart, text_.size(), [&](size_t pos) { return starts.Contains(text_[pos]); },
        [&](size_t pos) {
          std::optional<Reading> reading = At(pos);
          if (!reading) return SkipToken(pos);
          Resolve(*reading, dates);
          return reading->end;
        });
    return dates;
  }

  static void MarkStarts(PrescanTable& table) {
    const BmpCharSet& starts = DateStarts();  // asked of every character of the BMP
    table.Mark(kDateStart, [&starts](char32_t c) { return starts.Contains(c); });
  }

 private:
  // The characters `At` may find a date starting with: digits, Chinese numerals and the first
  // characters of the relative and period words. Asked of every character; exact, so that `At` is
  // called only where it may succeed.
  static const BmpCharSet& DateStarts() {
    static const BmpCharSet starts = [] {
      BmpCharSet set = BmpCharSet::DigitsAndNumerals();
      for (const RelativeWord& word : kRelativeWords) set.Add(word.surface.front());
      for (const PeriodWord& word : kPeriodWords) set.Add(word.surface.front());
      return set;
    }();
    return starts;
  }

  // Moves past the whole digit run at `pos` so that its tail is not read as a date.
  size_t SkipToken(size_t pos) const {
    if (!IsDigit(text_[pos])) return pos + 1;
    while (pos < text_.size() && IsDigit(text_[pos])) ++pos;
    return pos;
  }

  char32_t CharAt(size_t pos) const { return pos < text_.size() ? text_[pos] : U'\0'; }
  char32_t CharBefore(size_t pos) const { return pos > 0 ? text_[pos - 1] : U'\0'; }
  bool StartsWith(size_t pos, std::u32string_view word) const {
    // The first character settles nearly every call before the whole word is compared.
    if (!word.empty() && CharAt(pos) != word.front()) return false;
    return pos <= text_.size() && text_.substr(pos).starts_with(word);
  }

  size_t SkipSpaces(size_t pos) const {
    while (pos < text_.size() && IsSpace(text_[pos])) ++pos;
    return pos;
  }
  char32_t CharBeforeSpaces(size_t pos) const {
    while (pos > 0 && IsSpace(text_[pos - 1])) --pos;
    return CharBefore(pos);
  }

  // A word of its own starting at `pos` with the 初/底/末 of a period ("初见成效").
  bool NotPeriodWord(size_t pos) const {
    for (std::u32string_view word : kNotPeriodWords) {
      if (StartsWith(pos, word)) return true;
    }
    return false;
  }

  std::optional<Reading> At(size_t pos) const {
    const char32_t c = text_[pos];
    if (kWordFirstChars.MayContain(c) && kWordSecondChars.MayContain(CharAt(pos + 1))) {
      if (auto word = Word(pos)) return word;
    }
    // Every other date starts with a digit or a Chinese numeral: most positions stop here.
    if (!IsDigit(c) && !(IsChineseNumeral(c) && NumeralBeforeDateWord(pos))) return std::nullopt;
    const char32_t before = CharBefore(pos);
    if (IsDigit(before) || IsChineseNumeral(before)) return std::nullopt;
    if (before == U'每') return std::nullopt;  // 每一月: every month
    std::optional<Part> first = ReadPart(pos);
    if (!first) return std::nullopt;
    std::optional<Reading> reading;
    if (first->digits > 4) {
      reading = RunTogether(pos, *first);
    } else if (first->digits == 4 || (first->digits == 0 && first->value >= kFirstDatedYear)) {
      reading = Numeric(pos, *first);
      if (!reading) reading = Chinese(pos, *first, /*ranges=*/true);
      if (!reading) reading = YearRange(pos, *first);
    } else {
      reading = Yearless(pos, *first);
    }
    if (reading) {
      ExtendRange(*reading);
      ExtendWeekday(*reading);
    }
    return reading;
  }

  // Whether the Chinese numeral at `pos` may begin a date: numerals, then 年, 月 or 季 (二〇二一年,
  // 十二月, 一季度). Most (一批, 进一步, 三大) stop here, before the number is read.
  bool NumeralBeforeDateWord(size_t pos) const {
    const size_t limit = std::min(text_.size(), pos + 8);
    size_t end = pos + 1;
    while (end < limit && IsChineseNumeral(text_[end])) ++end;
    const char32_t next = CharAt(SkipSpaces(end));
    return next == U'年' || next == U'月' || next == U'季';
  }

  // Arabic digits, or a Chinese numeral (a 4-digit string for years, 十二 for months).
  std::optional<Part> ReadPart(size_t pos) const {
    if (pos >= text_.size()) return std::nullopt;
    if (IsDigit(text_[pos])) {
      constexpr size_t kMaxDigits = 8;  // a longer run is no date, not even one run together
      size_t end = pos;
      int value = 0;
      for (; end < text_.size() && IsDigit(text_[end]); ++end) {
        if (end - pos < kMaxDigits) value = value * 10 + DigitValue(text_[end]);  // one pass
      }
      if (end - pos > kMaxDigits) return std::nullopt;
      return Part{value, end, end - pos};
    }
    if (!IsChineseNumeral(text_[pos])) return std::nullopt;
    auto number = MatchNumberAt(text_, pos);
    if (!number || number->decimal_point || number->percent || number->approximate ||
        number->value < 0) {
      return std::nullopt;
    }
    if (number->digit_string && number->end - number->begin != 4) return std::nullopt;
    return Part{static_cast<int>(number->value), static_cast<size_t>(number->end), 0,
                !number->digit_string};
  }

  // 今年, 去年12月, 明年上半年, 上年; 上半年, 年底 on their own.
  std::optional<Reading> Word(size_t pos) const {
    const char32_t first = text_[pos];
    // 上, 下, 本, 前 and 来 are common: only the words that start with this one are compared.
    for (const RelativeWord& word : kRelativeWords) {
      if (word.surface.front() != first || !StartsWith(pos, word.surface)) continue;
      Reading reading;
      reading.begin = pos;
      reading.end = pos + word.surface.size();
      reading.year_from = word.from;
      reading.offset = word.offset;
      reading.frames =
          word.from == YearFrom::kSpeaking && !Contains(kComparisons, CharBeforeSpaces(pos));
      if (word.surface.back() == U'年') reading = AfterYear(reading);
      if (reading.first.month > 0) {
        ExtendRange(reading);
        ExtendWeekday(reading);
      }
      return reading;
    }
    for (const PeriodWord& word : kPeriodWords) {
      if (word.surface.front() != first || !StartsWith(pos, word.surface)) continue;
      if (NotPeriodWord(pos + word.surface.size() - 1)) return std::nullopt;
      Reading reading;
      reading.begin = pos;
      reading.end = pos + word.surface.size();
      reading.year_from = EveryYearBefore(pos) ? YearFrom::kEveryYear : YearFrom::kSettled;
      reading.first = {0, word.first_month, word.first_day};
      if (word.last_month > 0) reading.last = Point{0, word.last_month, 0};
      return reading;
    }
    return std::nullopt;
  }

  // After a year word ending in 年 (2019年, 今年): 底/末/初, 年底, 上半年, 一季度, 3月, 3月14日.
  // `year` holds the year read so far, whose `end` is right after the 年.
  Reading AfterYear(Reading year) const {
    const size_t pos = year.end;
    const char32_t next = CharAt(pos);
    if ((next == U'底' || next == U'末' || next == U'初') && !NotPeriodWord(pos)) {
      year.first.month = next == U'初' ? 1 : 12;
      year.first.day = next == U'初' ? 1 : 31;
      year.end = pos + 1;
      return year;
    }
    for (const PeriodWord& word : kPeriodWords) {
      if (StartsWith(pos, word.surface) && !NotPeriodWord(pos + word.surface.size() - 1)) {
        year.first.month = word.first_month;
        year.first.day = word.first_day;
        if (word.last_month > 0) year.last = Point{year.first.year, word.last_month, 0};
        year.end = pos + word.surface.size();
        return year;
      }
    }
    if (auto quarter = QuarterAt(pos)) {
      year.first.month = quarter->first.month;
      year.last = Point{year.first.year, quarter->last->month, 0};
      year.end = quarter->end;
      return year;
    }
    if (auto month = MonthAt(pos, year.first.year, /*year_written=*/true)) {
      year.first.month = month->first.month;
      year.first.day = month->first.day;
      if (month->last) year.last = Point{year.first.year, month->last->month, month->last->day};
      year.day_number = month->day_number;
      year.end = month->end;
    }
    return year;
  }

  // (第)一季度 .. 四季度, 前三季度, 1季度 at `pos` (the 第 or 前, or the numeral).
  std::optional<Reading> QuarterAt(size_t pos) const {
    const char32_t lead = CharAt(pos);
    const bool ordinal = lead == U'第';
    const bool cumulative = lead == U'前';
    const size_t numeral = ordinal || cumulative ? pos + 1 : pos;
    // Asked of every short number: the 季度 after the numeral settles nearly all first.
    if (!StartsWith(numeral + 1, U"季度")) return std::nullopt;
    int n = 0;
    const char32_t c = CharAt(numeral);
    if (c >= U'1' && c <= U'4') {
      n = static_cast<int>(c - U'0');
    } else if (const size_t at = std::u32string_view(U"一二三四").find(c);
               at != std::u32string_view::npos) {
      n = static_cast<int>(at) + 1;
    } else if (c == U'两' && cumulative) {
      n = 2;
    }
    if (n == 0) return std::nullopt;
    if (CharAt(numeral + 3) == U'一') return std::nullopt;  // 一季度一通报: one per quarter
    if (cumulative && n == 1) return std::nullopt;
    Reading reading;
    reading.begin = pos;
    reading.end = numeral + 3;
    reading.first = {0, cumulative ? 1 : 3 * (n - 1) + 1, 0};
    reading.last = Point{0, 3 * n, 0};
    return reading;
  }

  // At `pos`: 12月, 3月份, 12月22日, 6-9月, 3月底, 3月初; the year left to the caller, who gives
  // `year` (0 if not known) to check the day against. A Chinese-numeral month with no year
  // written needs a day: 三月三 and 创意十二月 are names, 一月一协商 a rhythm.
  // `read`: the number at `pos`, where the caller has read it.
  std::optional<Reading> MonthAt(size_t pos, int year, bool year_written,
                                 const Part* read = nullptr) const {
    std::optional<Part> month =
        read != nullptr ? std::optional<Part>(*read) : ReadPart(SkipSpaces(pos));
    if (!month || month->digits > 2 || !ValidMonth(month->value)) return std::nullopt;
    const bool chinese = month->digits == 0;
    const size_t yue = SkipSpaces(month->end);
    Reading reading;
    reading.begin = pos;
    reading.first = {0, month->value, 0};
    if (IsRangeSeparator(CharAt(yue))) {  // 6-9月
      auto last = ReadPart(SkipSpaces(yue + 1));
      const size_t last_yue = last ? SkipSpaces(last->end) : 0;
      if (!last || last->digits > 2 || !ValidMonth(last->value) || last->value <= month->value ||
          CharAt(last_yue) != U'月' || (chinese && !year_written)) {
        return std::nullopt;
      }
      reading.last = Point{0, last->value, 0};
      reading.end = last_yue + 1 + (CharAt(last_yue + 1) == U'份' ? 1 : 0);
      return reading;
    }
    if (CharAt(yue) != U'月' || CharAt(yue + 1) == U'龄') return std::nullopt;  // 6月龄: an age
    auto day = ReadPart(SkipSpaces(yue + 1));
    if (day && day->digits <= 2) {
      const size_t ri = SkipSpaces(day->end);
      if ((CharAt(ri) == U'日' || CharAt(ri) == U'号') &&
          ValidDay(year, month->value, day->value)) {
        reading.first.day = day->value;
        reading.day_number = true;
        reading.end = TimeAfter(ri + 1);
        return reading;
      }
    }
    const char32_t after = CharAt(yue + 1);
    if ((after == U'底' || after == U'末' || after == U'初') && !NotPeriodWord(yue + 1)) {
      reading.end = yue + 2;  // 3月底: the month (a deadline within it, not a day)
      return reading;
    }
    if (chinese && !year_written) return std::nullopt;
    reading.end = yue + 1 + (after == U'份' ? 1 : 0);
    return reading;
  }

  // A quarter, month or month-day with no year: 一季度, 前三季度, 12月, 3月14日, 1-11月.
  // A day followed by 电 is a news dateline ("新华社北京3月12日电"), written on the day of
  // speaking.
  std::optional<Reading> Yearless(size_t pos, const Part& first) const {
    const char32_t before = CharBefore(pos);
    if (before == U'.' && pos > 1 && IsDigit(text_[pos - 2]))
      return std::nullopt;  // the decimals of 2.3
    // A quarter's numeral is one character (3季度, 一季度): after two digits no 季度 can follow.
    std::optional<Reading> reading;
    if (first.digits < 2) reading = QuarterAt(before == U'第' || before == U'前' ? pos - 1 : pos);
    if (!reading && first.digits <= 2) reading = MonthAt(pos, 0, /*year_written=*/false, &first);
    if (!reading) return std::nullopt;
    reading->year_from = YearFrom::kSettled;
    if (reading->first.day > 0 && CharAt(reading->end) == U'电')
      reading->year_from = YearFrom::kSpeaking;
    if (EveryYearBefore(reading->begin)) reading->year_from = YearFrom::kEveryYear;
    return reading;
  }

  bool EveryYearBefore(size_t pos) const { return pos >= 2 && text_.substr(pos - 2, 2) == U"每年"; }

  // 2021-12-22, 2021.12.22, 2021/12/22, optionally followed by a time "11:00".
  std::optional<Reading> Numeric(size_t begin, const Part& year) const {
    if (year.digits != 4 || !Contains(kDateSeparators, CharAt(year.end))) return std::nullopt;
    const char32_t separator = text_[year.end];
    auto month = ReadPart(year.end + 1);
    if (!month || month->digits == 0 || month->digits > 2 || CharAt(month->end) != separator)
      return std::nullopt;
    auto day = ReadPart(month->end + 1);
    if (!day || day->digits == 0 || day->digits > 2) return std::nullopt;
    if (!ValidDatedYear(year.value) || !ValidDay(year.value, month->value, day->value))
      return std::nullopt;
    Reading reading;
    reading.begin = begin;
    reading.end = TimeAfter(day->end);
    reading.first = {year.value, month->value, day->value};
    reading.day_number = true;
    reading.frames = !Contains(kComparisons, CharBeforeSpaces(begin));
    return reading;
  }

  // " 11:00", " 07:00:45" or " 04时21分" after a date: part of the mention, not of its value.
  size_t TimeAfter(size_t end) const {
    const size_t start = SkipSpaces(end);
    auto hour = ReadPart(start);
    if (!hour || hour->digits == 0 || hour->digits > 2 || hour->value > 24) return end;
    const char32_t mark = CharAt(hour->end);
    if (mark != U':' && mark != U'：' && mark != U'时') return end;
    auto minute = ReadPart(hour->end + 1);
    if (!minute || minute->digits != 2 || minute->value > 59) return end;
    if (mark == U'时') return CharAt(minute->end) == U'分' ? minute->end + 1 : end;
    if (CharAt(minute->end) == mark) {
      auto second = ReadPart(minute->end + 1);
      if (second && second->digits == 2 && second->value <= 59) return second->end;
    }
    return minute->end;
  }

  // 2021年, 2021年12月, 2021年12月22日, 2015年6-9月, 2021年底, 2019年上半年, 2015年至2020年,
  // 二〇二一年十二月. `ranges`: whether 2015年至2020年 may be read (not inside another range).
  std::optional<Reading> Chinese(size_t begin, const Part& year, bool ranges) const {
    const size_t nian = SkipSpaces(year.end);
    if (CharAt(nian) != U'年' || !ValidDatedYear(year.value)) return std::nullopt;
    Reading reading;
    reading.begin = begin;
    reading.end = nian + 1;
    reading.first = {year.value, 0, 0};
    reading.frames = !Contains(kComparisons, CharBeforeSpaces(begin));
    if (ranges) {
      if (auto range = YearRangeAfter(reading, nian + 1, /*nian_needed=*/true)) return range;
    }
    reading = AfterYear(reading);
    // Before 1900, or spelled with units, a year needs a month: 1700年的历史 and 两千年的历史 are
    // durations.
    if ((!ValidYear(year.value) || year.spelled) && reading.first.month == 0) return std::nullopt;
    return reading;
  }

  // After "2015年" or "2015": "至2020年", "-2020年", " 到 2010 年"; "-2020" alone where
  // `nian_needed` is false.
  std::optional<Reading> YearRangeAfter(const Reading& first, size_t pos, bool nian_needed) const {
    size_t next = SkipSpaces(pos);
    if (!IsRangeSeparator(CharAt(next))) return std::nullopt;
    while (IsRangeSeparator(CharAt(next))) ++next;
    auto second = ReadPart(SkipSpaces(next));
    if (!second || (second->digits != 4 && second->digits != 0) ||
        second->value < first.first.year || !ValidYear(second->value) ||
        !ValidYear(first.first.year)) {
      return std::nullopt;
    }
    Reading range = first;
    range.last = Point{second->value, 0, 0};
    range.frames = false;
    const size_t nian = SkipSpaces(second->end);
    if (CharAt(nian) == U'年') {
      range.end = nian + 1;
      return range;
    }
    if (nian_needed || IsDigit(CharAt(second->end))) return std::nullopt;
    range.end = second->end;
    return range;
  }

  // 2015-2020年; without 年 only where the text makes it a range of years: "(2021-2025)",
  // "从2016到2018" (elsewhere 1900-2000 is a range of figures).
  std::optional<Reading> YearRange(size_t begin, const Part& year) const {
    if (year.digits != 4 || !ValidYear(year.value)) return std::nullopt;
    Reading first;
    first.begin = begin;
    first.end = year.end;
    first.first = {year.value, 0, 0};
    const char32_t before = CharBeforeSpaces(begin);
    std::optional<Reading> range = YearRangeAfter(first, year.end, /*nian_needed=*/false);
    if (!range || CharAt(range->end - 1) == U'年') return range;
    const bool enclosed =
        Contains(kOpenings, before) && Contains(kClosings, CharAt(SkipSpaces(range->end)));
    if (enclosed || Contains(kRangeOpeners, before)) return range;
    return std::nullopt;
  }

  // Digits whose 年/月 were lost by scraping: 20161130日, 201691日, 201410月, 20156-9月,
  // 20152020年.
  std::optional<Reading> RunTogether(size_t begin, const Part& run) const {
    const std::u32string_view digits = text_.substr(begin, run.digits);
    const int year = DigitsValue(digits.substr(0, 4));
    if (!ValidYear(year)) return std::nullopt;
    const std::u32string_view rest = digits.substr(4);
    const char32_t next = CharAt(run.end);
    std::optional<Reading> reading;
    if (next == U'年' && rest.size() == 4) {
      const int last = DigitsValue(rest);
      if (ValidYear(last) && last >= year) {
        reading = Reading{
            .begin = begin, .end = run.end + 1, .first = {year, 0, 0}, .last = Point{last, 0, 0}};
      }
    } else if (next == U'日' || next == U'号') {
      reading = SplitMonthDay(begin, run.end + 1, year, rest);
    } else if (rest.size() <= 2) {
      reading = MonthAt(begin + 4, year, /*year_written=*/true);
      if (reading) {
        reading->begin = begin;
        reading->first.year = year;
        if (reading->last) reading->last->year = year;
      }
    }
    if (reading) {
      reading->repaired = true;
      reading->frames = !Contains(kComparisons, CharBeforeSpaces(begin));
    }
    return reading;
  }

  // "1130" -> 11-30 (zero-padded), "91" -> 9-1, "112" -> 11-2 (two-digit month first) or 1-12.
  std::optional<Reading> SplitMonthDay(size_t begin, size_t end, int year,
                                       std::u32string_view rest) const {
    const bool padded = rest.size() == 4;
    for (size_t month_digits : {size_t{2}, size_t{1}}) {
      if (rest.size() <= month_digits || rest.size() - month_digits > 2) continue;
      if (padded && month_digits != 2) continue;
      if (!padded && (rest[0] == U'0' || rest[month_digits] == U'0')) continue;
      const int month = DigitsValue(rest.substr(0, month_digits));
      const int day = DigitsValue(rest.substr(month_digits));
      if (ValidDay(year, month, day)) {
        Reading reading{.begin = begin, .end = end, .first = {year, month, day}, .last = {}};
        reading.day_number = true;
        return reading;
      }
    }
    return std::nullopt;
  }

  // The end of a range after a month or a day: 3月14日至20日, 5月29日至6月13日, 2018年10月1日到
  // 2019年2月3日, 2018/1/10-2018/7/10, 1月至6月. The end has the precision of the start, and
  // follows it.
  void ExtendRange(Reading& reading) const {
    if (reading.last || reading.first.month == 0) return;
    size_t pos = SkipSpaces(reading.end);
    if (!IsRangeSeparator(CharAt(pos))) return;
    while (IsRangeSeparator(CharAt(pos))) ++pos;
    pos = SkipSpaces(pos);
    const bool days = reading.first.day > 0;
    std::optional<Reading> end;
    auto part = ReadPart(pos);
    if (!part) return;
    if (part->digits == 4 || (part->digits == 0 && part->value >= kFirstDatedYear)) {
      if (reading.first.year == 0) return;  // a yearless start and a written end: not one range
      end = Numeric(pos, *part);
      if (!end) end = Chinese(pos, *part, /*ranges=*/false);
    } else if (part->digits <= 2) {
      end = MonthAt(pos, reading.first.year, reading.first.year != 0);
      if (!end && days) {  // 20日: the start's month
        const size_t ri = SkipSpaces(part->end);
        if ((CharAt(ri) == U'日' || CharAt(ri) == U'号') &&
            ValidDay(reading.first.year, reading.first.month, part->value)) {
          end = Reading{.begin = pos,
                        .end = TimeAfter(ri + 1),
                        .first = {0, reading.first.month, part->value},
                        .last = {}};
        }
      }
    }
    if (!end || end->last || (end->first.day > 0) != days || end->first.month == 0) {
      return;
    }
    Point last = end->first;
    if (!Before(reading.first, last)) return;
    reading.last = last;
    reading.end = end->end;
    reading.frames = reading.frames && (last.year == 0 || last.year == reading.first.year);
  }

  // A weekday after a day: "10月12号,星期一", "2019年1月5日(星期六)".
  void ExtendWeekday(Reading& reading) const {
    if (reading.last || reading.first.day == 0) return;
    size_t pos = reading.end;
    const char32_t open = CharAt(pos);
    const bool paren = open == U'(' || open == U'（';
    if (paren || open == U',' || open == U'，') ++pos;
    pos = SkipSpaces(pos);
    for (std::u32string_view week :
         {std::u32string_view(U"星期"), std::u32string_view(U"礼拜"), std::u32string_view(U"周")}) {
      if (!StartsWith(pos, week) || !Contains(kWeekdays, CharAt(pos + week.size()))) continue;
      size_t end = pos + week.size() + 1;
      if (paren) {
        if (CharAt(end) != U')' && CharAt(end) != U'）') return;
        ++end;
      }
      reading.end = end;
      return;
    }
  }

  // The year the text settles for a reading that does not write its own: a year written earlier
  // in its sentence, else 今年/去年/明年 earlier in it, else (for a day) the year of the same day
  // written in full earlier ("——2026年2月3日在…会议上" then "2月3日，…开幕"), else the part's.
  std::optional<int> Settle(const Reading& reading) {
    const size_t pos = reading.begin;
    const size_t start = SentenceStart(pos);
    if (written_frame_.end > start && written_frame_.year != 0) return written_frame_.year;
    if (speaking_frame_.end > start && speaking_frame_.year != 0) return speaking_frame_.year;
    if (reading.day_number && !reading.last) {
      if (const int year = written_days_[DayIndex(reading.first)]; year != 0) return year;
    }
    if (InPlans(pos)) {
      if (report_year_) return *report_year_ + 1;
      return std::nullopt;
    }
    if (parts_begin_ && static_cast<int64_t>(pos) < *parts_begin_ && speaking_year_)
      return speaking_year_;
    return report_year_;
  }

  // Positions only grow: each call scans back no further than the previous one.
  size_t SentenceStart(size_t pos) {
    for (size_t i = pos; i > scanned_; --i) {
      if (kSentenceEndChars.MayContain(text_[i - 1]) && Contains(kSentenceEnds, text_[i - 1])) {
        sentence_start_ = i;
        break;
      }
    }
    scanned_ = std::max(scanned_, pos);
    return sentence_start_;
  }

  bool InPlans(size_t pos) {
    while (plan_ < plans_.size() && static_cast<size_t>(plans_[plan_].end) <= pos) ++plan_;
    return plan_ < plans_.size() && static_cast<size_t>(plans_[plan_].begin) <= pos;
  }

  // Appends the mention `reading` resolves to, if it resolves to one, to `dates` (built in place:
  // a mention moved there would copy its short strings).
  void Resolve(const Reading& reading, std::vector<DateMention>& dates) {
    std::optional<int> year;
    const bool written = reading.year_from == YearFrom::kText;
    switch (reading.year_from) {
      case YearFrom::kText:
        year = reading.first.year;
        break;
      case YearFrom::kSpeaking:
        if (speaking_year_) year = *speaking_year_ + reading.offset;
        break;
      case YearFrom::kSettled:
        if (auto settled = Settle(reading)) year = *settled + reading.offset;
        break;
      case YearFrom::kEveryYear:
        break;
    }
    if (year && *year < 1) year.reset();  // anchors that make no year
    Point first = reading.first;
    first.year = year.value_or(0);
    std::optional<Point> last = reading.last;
    if (last && (last->year == 0 || reading.year_from != YearFrom::kText)) last->year = first.year;
    // A day the settled year makes impossible (2月29日 in 2019) leaves the date without a year.
    auto fits = [](const Point& p) { return p.day == 0 || ValidDay(p.year, p.month, p.day); };
    if (year && !written && (!fits(first) || (last && !fits(*last)))) {
      year.reset();
      first.year = 0;
      if (last) last->year = 0;
    }
    if (!year && first.month == 0) return;  // a relative year with nothing to anchor it
    if (reading.frames && year && (!last || last->year == first.year)) {
      Frame& frame = written ? written_frame_ : speaking_frame_;
      frame = {*year, reading.end};
    }
    if (written && reading.day_number) written_days_[DayIndex(first)] = first.year;
    DateMention& date = dates.emplace_back();
    date.text = EncodeUtf8(text_.substr(reading.begin, reading.end - reading.begin));
    date.value = Format(first);
    if (last) date.end_value = Format(*last);
    date.repaired = reading.repaired;
    date.relative = !written;
    date.partial = !year;
    date.span = {static_cast<int64_t>(reading.begin), static_cast<int64_t>(reading.end)};
  }

  static size_t DayIndex(const Point& p) {
    return static_cast<size_t>((p.month - 1) * 31 + p.day - 1);
  }

  struct Frame {
    int year = 0;
    size_t end = 0;  // where the mention that set it ends
  };

  std::u32string_view text_;
  std::optional<int> report_year_;
  std::optional<int> speaking_year_;
  std::vector<Span> plans_;
  std::optional<int64_t> parts_begin_;
  size_t plan_ = 0;
  size_t scanned_ = 0;
  size_t sentence_start_ = 0;
  Frame written_frame_;   // the last year written in the text that may settle others
  Frame speaking_frame_;  // the last 今年/去年/明年
  std::array<int, 12 * 31>
      written_days_{};  // by month and day, the year of the last full date written
};

}  // namespace

std::vector<DateMention> RecognizeDates(std::string_view normalized_text,
                                        const DateAnchors& anchors) {
  return RecognizeDates(std::u32string_view(DecodeUtf8(normalized_text)), anchors);
}

std::vector<DateMention> RecognizeDates(std::u32string_view code_points, const DateAnchors& anchors,
                                        const Prescan* prescan) {
  return DateReader(code_points, anchors).ReadAll(prescan);
}

void MarkDateStarts(PrescanTable& table) { DateReader::MarkStarts(table); }

std::vector<DateMention> RecognizeDates(std::string_view normalized_text,
                                        std::optional<int> report_year) {
  return RecognizeDates(normalized_text, DateAnchors{.report_year = report_year,
                                                     .speaking_year = report_year,
                                                     .plans = {},
                                                     .parts_begin = std::nullopt});
}

std::vector<DateMention> RecognizeDates(std::u32string_view code_points,
                                        std::optional<int> report_year) {
  return RecognizeDates(code_points, DateAnchors{.report_year = report_year,
                                                 .speaking_year = report_year,
                                                 .plans = {},
                                                 .parts_begin = std::nullopt});
}

}  // namespace fazhi::extraction
