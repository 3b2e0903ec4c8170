// Measures the date recognizer against Recognizers-Text's Chinese date cases
// (testdata/recognizers-text, MIT): for each file, agreement = agreeing cases / cases in scope,
// every disagreement with its reason, and every case out of scope with the reason.
//
// In scope: dates of a day, a month or a year (and ranges of them, quarters and halves) in the
// forms government reports write. Out of scope, each class with its reason: other granularities
// (weeks, seasons, decades, durations, days relative to the day of speaking), and forms the genre
// does not use (lunar dates, regnal eras, two-digit years, day-first numeric dates...).
//
// Extractor cases give spans only: a case agrees when the recognizer finds exactly the expected
// spans. Parser cases give the peer's Timex: the recognizer runs with the case's reference year as
// both the report year and the speaking year, and a case agrees when the multiset of resolved
// values (value and end_value) equals the peer's. A Timex that leaves the year open (XXXX-01-19)
// agrees with the peer's past or future reading of it, or with our partial "--01-19"; a peer
// resolution of 0001-01-01 (an impossible date) agrees when we resolve no day.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "common/text/code_points.h"
#include "common/text/normalize.h"
#include "services/extraction/dates/dates.h"
#include "services/extraction/numbers/numbers.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;
using text::IsDigit;

using nlohmann::json;

json LoadCases(const std::string& name) {
  const std::string path = std::string(FAZHI_SOURCE_DIR) +
                           "/services/extraction/dates/testdata/recognizers-text/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return json::parse(in);
}

bool Has(const std::string& text, std::initializer_list<const char*> needles) {
  for (const char* needle : needles) {
    if (text.find(needle) != std::string::npos) return true;
  }
  return false;
}

// A year written with two or three digits (07年, 零八年, 789年, 三六七年): the digits right before
// a 年.
bool ShortYear(const std::u32string& text) {
  static constexpr std::u32string_view kDigits = U"〇零一二三四五六七八九";
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != U'年') continue;
    size_t j = i;
    while (j > 0 && text[j - 1] == U' ') --j;
    size_t n = 0;
    while (j > 0 &&
           (IsDigit(text[j - 1]) || kDigits.find(text[j - 1]) != std::u32string_view::npos)) {
      --j;
      ++n;
    }
    if (n == 2 || n == 3) return true;
  }
  return false;
}

// A day number with 日/号 and no month in the text (29日, 12号).
bool DayAlone(const std::u32string& text) {
  if (text.find(U'月') != std::u32string::npos) return false;
  for (size_t i = 1; i < text.size(); ++i) {
    if ((text[i] == U'日' || text[i] == U'号') &&
        (IsDigit(text[i - 1]) || IsChineseNumeral(text[i - 1])))
      return true;
  }
  return false;
}

struct Scope {
  bool in = true;
  std::string reason;  // why not, for a case out of scope
};

constexpr const char* kOtherGranularity = "other granularity: ";
constexpr const char* kNotTheGenre = "not a date form reports use: ";

// Why a case is out of scope, from its input and the peer's spans; the classes are listed in the
// order they are tested.
Scope Classify(const std::string& input, const std::vector<std::string>& peer_texts) {
  const std::u32string text = DecodeUtf8(input);
  static const std::regex kWeek(
      "(周|週|星期|礼拜|禮拜)(一|二|三|四|五|六|日|天|末)|(上|下|这|本|前|后)(个|個)?(周|週|星期)|"
      "第(一|二|三|四|五|[0-9])(周|週)|[0-9](周|週)");
  static const std::regex kWeekdayAfterDay(
      "(日|号|號)(,|，|\\(|（)?(星期|礼拜|周)(一|二|三|四|五|六|日|天)");
  static const std::regex kDuration(
      "(近|过去|未来|前|后|上|下) *([0-9]{1,2}|一|两|二|三|四|五|六|七|八|九|十) *(个|個)? "
      "*(年|月|周|週|天|日)");
  static const std::regex kNotYearMonthDay(
      "(^|[^0-9./-])[0-9]{1,2}[-./][0-9]{1,2}([-./][0-9]{2,4})?($|[^0-9])");
  static const std::regex kSpaced("[0-9]{4} [0-9]{2} [0-9]{2}");
  static const std::regex kDayWithoutRi(
      "月(一|二|三|四|五|六|七|八|九|十)+(?!日|号|一|二|三|四|五|六|七|八|九|十)");
  const bool weekday_after_day = std::regex_search(input, kWeekdayAfterDay);
  if (!weekday_after_day && std::regex_search(input, kWeek)) {
    return {false, std::string(kOtherGranularity) + "a week or a weekday"};
  }
  if (std::regex_search(input, kDuration)) {
    return {false,
            std::string(kOtherGranularity) +
                "a duration counted from the day of speaking (近三年 = P3Y back from today); "
                "近三年 and 过去五年 in reports are durations, not dates"};
  }
  if (Has(input, {"世纪", "年代"})) return {false, std::string(kOtherGranularity) + "a decade"};
  if (Has(input, {"春天", "夏天", "秋天", "冬天"}))
    return {false, std::string(kOtherGranularity) + "a season"};
  if (Has(input, {"今天", "明天", "昨天", "昨日", "后天", "後天", "前天", "最近", "本月", "这个月",
                  "下个月", "上个月"})) {
    return {false,
            std::string(kOtherGranularity) +
                "a day or month relative to the day of speaking; the anchors are years (the year "
                "reviewed, the year spoken from)"};
  }
  if (Has(input, {"农历", "正月", "初一", "大年"}))
    return {false, std::string(kNotTheGenre) + "a lunar date (none in the 165 work reports)"};
  if (Has(input, {"神龙", "雍正", "康熙", "民国"}))
    return {false, std::string(kNotTheGenre) + "a regnal era year (none in the 165 work reports)"};
  if (std::regex_search(input, kDayWithoutRi)) {
    return {false,
            std::string(kNotTheGenre) +
                "a day without 日 or 号 (八月十五): every day in the 165 work reports has its 日 "
                "(一月一协调 is a rhythm, not a date)"};
  }
  if (ShortYear(text)) {
    return {false, std::string(kNotTheGenre) +
                       "a year of two or three digits (07年, 789年; none in the 165 work reports, "
                       "whose 200年一遇 "
                       "and 10年 are durations)"};
  }
  if (std::regex_search(input, kNotYearMonthDay)) {
    return {
        false,
        std::string(kNotTheGenre) +
            "a numeric date not in year-month-day order (13.5.2015, 1/2/2020, 27-7-3, 12/1; none "
            "in the 165 work reports, where 1/3 is a fraction and 3-7 a range)"};
  }
  if (std::regex_search(input, kSpaced)) {
    return {false, std::string(kNotTheGenre) +
                       "digits separated by spaces (2010 01 29; none in the 165 work reports)"};
  }
  if (DayAlone(text)) {
    return {
        false,
        std::string(kNotTheGenre) +
            "a day of the month alone (29日, 12号): relative to the month of speaking, and 12号 "
            "is a document or line number in reports"};
  }
  for (const std::string& t : peer_texts) {
    if (!t.empty() && t.find_first_not_of("0123456789 ") == std::string::npos) {
      return {
          false,
          std::string(kNotTheGenre) +
              "a four-digit figure alone (2018): a figure in reports (2018家), or the year of a "
              "document number 〔2018〕 that the document-number recognizer reads"};
    }
  }
  if (Has(input, {"年与", "年之后"})) {
    return {false,
            std::string(kNotTheGenre) +
                "a range written 2007年与2009年间 or 2010年之后2018年之前 (none in the 165 work "
                "reports, which write 2007—2009年)"};
  }
  return {};
}

// One resolved date in our notation: value and end_value; `open_years` for a Timex XXXX-MM-DD
// (the peer's past and future readings), empty otherwise.
struct Expected {
  std::string value;
  std::string end_value;
  std::set<int> open_years;
  bool impossible = false;
};

std::string Show(const std::vector<Expected>& expected) {
  std::string out;
  for (const Expected& e : expected) {
    if (!out.empty()) out += ", ";
    out +=
        e.impossible ? "(impossible)" : e.value + (e.end_value.empty() ? "" : ".." + e.end_value);
    if (!e.open_years.empty()) {
      out += " (year";
      for (int y : e.open_years) out += " " + std::to_string(y);
      out += ")";
    }
  }
  return "[" + out + "]";
}

std::string Show(const std::vector<DateMention>& dates) {
  std::string out;
  for (const DateMention& d : dates) {
    if (!out.empty()) out += ", ";
    out += d.value + (d.end_value.empty() ? "" : ".." + d.end_value) + " \"" + d.text + "\"";
  }
  return "[" + out + "]";
}

int YearOf(const std::string& date) { return date.size() >= 4 ? std::stoi(date.substr(0, 4)) : 0; }

// "2017-04-01" minus one month, as "2017-03": the last month of a range the peer ends exclusively.
std::string MonthBefore(const std::string& date) {
  int year = std::stoi(date.substr(0, 4));
  int month = std::stoi(date.substr(5, 2)) - 1;
  if (month == 0) {
    month = 12;
    --year;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

// The peer's result in our notation.
Expected FromPeer(const json& result) {
  Expected e;
  const json& value = result["Value"];
  const std::string timex = value.value("Timex", "");
  const json& future = value.value("FutureResolution", json::object());
  const json& past = value.value("PastResolution", json::object());
  if (future.value("date", "") == "0001-01-01") {
    e.impossible = true;
    return e;
  }
  if (timex.starts_with("(")) {  // (A,B,PnX)
    const std::string inner = timex.substr(1, timex.size() - 2);
    const size_t c1 = inner.find(',');
    const size_t c2 = inner.find(',', c1 + 1);
    std::string a = inner.substr(0, c1);
    std::string b = inner.substr(c1 + 1, c2 - c1 - 1);
    const char unit = inner.back();
    if (a.starts_with("XXXX")) {
      e.open_years = {YearOf(past.value("startDate", "")), YearOf(future.value("startDate", ""))};
      a = "XXXX" + a.substr(4);
      b = "XXXX" + b.substr(4);
    }
    if (unit == 'Y') {
      e.value = a.substr(0, 4);
      e.end_value = b.substr(0, 4);
    } else if (unit == 'M') {
      e.value = a.substr(0, 7);
      e.end_value = a.starts_with("XXXX") ? b.substr(0, 7) : MonthBefore(b);
    } else {
      e.value = a;
      e.end_value = b;
    }
    return e;
  }
  e.value = timex;
  if (timex.starts_with("XXXX")) {
    e.open_years = {YearOf(past.value("date", past.value("startDate", ""))),
                    YearOf(future.value("date", future.value("startDate", "")))};
  }
  return e;
}

// Whether `actual` (value or end_value) is `expected`, whose XXXX year may be any of `years`
// or left partial ("--01-19").
bool SameDate(const std::string& expected, const std::string& actual, const std::set<int>& years) {
  if (!expected.starts_with("XXXX")) return expected == actual;
  const std::string rest = expected.substr(4);  // "-01-19"
  if (actual == "-" + rest) return true;
  return actual.size() == expected.size() && actual.substr(4) == rest &&
         years.contains(YearOf(actual));
}

bool Matches(const Expected& e, const DateMention& d) {
  return SameDate(e.value, d.value, e.open_years) &&
         SameDate(e.end_value, d.end_value, e.open_years);
}

bool HasDay(const DateMention& d) {
  return d.value.size() == 10 || (d.value.starts_with("--") && d.value.size() == 7);
}

bool Agrees(const std::vector<Expected>& expected, std::vector<DateMention> actual) {
  for (const Expected& e : expected) {
    if (e.impossible) {
      std::erase_if(actual,
                    [](const DateMention& d) { return !HasDay(d); });  // the month of 2019年2月29日
      continue;
    }
    auto it = std::find_if(actual.begin(), actual.end(),
                           [&](const DateMention& d) { return Matches(e, d); });
    if (it == actual.end()) return false;
    actual.erase(it);
  }
  return actual.empty();
}

struct Score {
  int cases = 0;
  int in_scope = 0;
  int agreed = 0;
  double Share() const { return in_scope == 0 ? 1 : static_cast<double>(agreed) / in_scope; }
};

void PrintScore(const std::string& file, const Score& score,
                const std::vector<std::string>& agreements,
                const std::vector<std::string>& disagreements,
                const std::map<std::string, std::vector<std::string>>& out_of_scope) {
  std::cout << file << ": " << score.cases << " cases, " << score.in_scope << " in scope, "
            << score.agreed << " agree: agreement " << score.agreed << "/" << score.in_scope
            << " = " << 100 * score.Share() << "%\n";
  std::cout << "  agreements (" << agreements.size() << "):\n";
  for (const std::string& a : agreements) std::cout << "    " << a << "\n";
  std::cout << "  disagreements in scope (" << disagreements.size() << "):\n";
  for (const std::string& d : disagreements) std::cout << "    " << d << "\n";
  std::cout << "  out of scope (" << score.cases - score.in_scope << "):\n";
  for (const auto& [reason, inputs] : out_of_scope) {
    std::cout << "    " << inputs.size() << " x " << reason << ":";
    for (const std::string& input : inputs) std::cout << " 「" << input << "」";
    std::cout << "\n";
  }
}

// Why we disagree with an in-scope case, from what each side found.
std::string Why(const std::vector<Expected>& expected, const std::vector<DateMention>& actual) {
  if (actual.empty()) return "not recognized";
  if (actual.size() > expected.size()) return "read as more than one date";
  if (actual.size() < expected.size()) return "read as fewer dates";
  return "resolved differently";
}

Score MeasureParser(const std::string& file) {
  Score score;
  std::vector<std::string> agreements;
  std::vector<std::string> disagreements;
  std::map<std::string, std::vector<std::string>> out_of_scope;
  for (const json& test_case : LoadCases(file)) {
    const std::string input = test_case["Input"];
    std::vector<std::string> peer_texts;
    std::vector<Expected> expected;
    for (const json& result : test_case["Results"]) {
      peer_texts.push_back(result["Text"]);
      expected.push_back(FromPeer(result));
    }
    ++score.cases;
    const Scope scope = Classify(input, peer_texts);
    if (!scope.in) {
      out_of_scope[scope.reason].push_back(input);
      continue;
    }
    ++score.in_scope;
    const int year =
        std::stoi(test_case["Context"]["ReferenceDateTime"].get<std::string>().substr(0, 4));
    const std::vector<DateMention> actual =
        RecognizeDates(text::FoldCharacters(input),
                       DateAnchors{.report_year = year, .speaking_year = year, .plans = {}});
    if (Agrees(expected, actual)) {
      ++score.agreed;
      agreements.push_back("「" + input + "」 reference " + std::to_string(year) + ": " +
                           Show(actual));
      continue;
    }
    disagreements.push_back("「" + input + "」 reference " + std::to_string(year) + ": peer " +
                            Show(expected) + ", ours " + Show(actual) + ": " +
                            Why(expected, actual));
  }
  PrintScore(file, score, agreements, disagreements, out_of_scope);
  return score;
}

Score MeasureExtractor(const std::string& file) {
  Score score;
  std::vector<std::string> agreements;
  std::vector<std::string> disagreements;
  std::map<std::string, std::vector<std::string>> out_of_scope;
  for (const json& test_case : LoadCases(file)) {
    const std::string input = test_case["Input"];
    std::vector<std::string> peer_texts;
    std::set<std::pair<int64_t, std::string>> expected;
    for (const json& result : test_case["Results"]) {
      peer_texts.push_back(result["Text"]);
      expected.insert({result["Start"].get<int64_t>(),
                       text::FoldCharacters(result["Text"].get<std::string>())});
    }
    ++score.cases;
    const Scope scope = Classify(input, peer_texts);
    if (!scope.in) {
      out_of_scope[scope.reason].push_back(input);
      continue;
    }
    ++score.in_scope;
    std::set<std::pair<int64_t, std::string>> actual;
    std::string shown;
    for (const DateMention& d : RecognizeDates(text::FoldCharacters(input), DateAnchors{})) {
      actual.insert({d.span.begin, d.text});
      shown += " \"" + d.text + "\"@" + std::to_string(d.span.begin);
    }
    if (actual == expected) {
      ++score.agreed;
      agreements.push_back("「" + input + "」:" + shown);
      continue;
    }
    std::string wanted;
    for (const auto& [start, text] : expected)
      wanted += " \"" + text + "\"@" + std::to_string(start);
    disagreements.push_back("「" + input + "」: peer" + wanted + ", ours" +
                            (shown.empty() ? " none" : shown) + ": " +
                            (actual.empty() ? "not recognized" : "different span"));
  }
  PrintScore(file, score, agreements, disagreements, out_of_scope);
  return score;
}

TEST(DatesPeerSpecTest, ExtractorSpansAgreeOnDaysMonthsAndYears) {
  const Score score = MeasureExtractor("DateTime-DateExtractor.json");
  EXPECT_GE(score.in_scope, 15);
  EXPECT_GE(score.Share(), 0.98);
}

TEST(DatesPeerSpecTest, ParserValuesAgreeOnDaysMonthsAndYears) {
  const Score score = MeasureParser("DateTime-DateParser.json");
  EXPECT_GE(score.in_scope, 15);
  EXPECT_GE(score.Share(), 0.98);
}

TEST(DatesPeerSpecTest, PeriodParserValuesAgreeOnDaysMonthsAndYears) {
  const Score score = MeasureParser("DateTime-DatePeriodParser.json");
  EXPECT_GE(score.in_scope, 20);
  EXPECT_GE(score.Share(), 0.98);
}

}  // namespace
}  // namespace fazhi::extraction
