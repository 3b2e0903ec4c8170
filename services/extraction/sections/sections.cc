#include "services/extraction/sections/sections.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/text/code_points.h"
#include "common/text/utf8.h"
#include "services/extraction/numbers/numbers.h"
#include "services/extraction/sections/section_cues.h"

namespace fazhi::extraction {
namespace {

using text::DecodeUtf8;

namespace cues = section_cues;

constexpr std::u32string_view kChineseDigits = U"〇一二三四五六七八九十";
// Text before a paragraph part that makes the report say something about its work first.
constexpr int64_t kMinAchievementsText = 300;
// How many lines ahead a line starting with 是 looks for its sibling 二是.
constexpr size_t kLostMarkerLookahead = 6;

struct Line {
  std::string_view text;  // leading and trailing spaces removed
  Span span;              // of `text`, in code points
};

struct Marker {
  int level = 0;
  int number = 0;
  bool arabic_in_parentheses = false;
  std::string_view marker;  // in the line
  std::string_view rest;
};

// The first few code points of a text, decoded on the stack: the future window is short.
class LinePrefix {
 public:
  static constexpr size_t kCapacity = 8;

  explicit LinePrefix(std::string_view s) {
    for (size_t i = 0; i < s.size() && size_ < kCapacity;) {
      const text::DecodedCodepoint d = text::DecodeCodepoint(s, i);
      code_points_[size_++] = d.codepoint;
      i += std::max(1, d.length);
    }
  }
  std::u32string_view view() const { return {code_points_.data(), size_}; }

 private:
  std::array<char32_t, kCapacity> code_points_{};
  size_t size_ = 0;
};

size_t Utf8Length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

// 一 .. 九十九 in Chinese numerals; advances `i`.
std::optional<int> ChineseNumeral(std::u32string_view cps, size_t& i) {
  int value = 0;
  int pending = 0;
  size_t start = i;
  for (; i < cps.size(); ++i) {
    // Most characters are no numeral: one table load (kChineseDigits are all numeral characters)
    // before the search of the digits.
    if (!IsChineseNumeral(cps[i])) break;
    size_t digit = kChineseDigits.find(cps[i]);
    if (digit == std::u32string_view::npos) break;
    if (digit == 10) {
      value += (pending == 0 ? 1 : pending) * 10;
      pending = 0;
    } else {
      pending = int(digit);
    }
  }
  if (i == start || i - start > 3) return std::nullopt;
  return value + pending;
}

std::optional<int> ArabicNumeral(std::u32string_view cps, size_t& i) {
  size_t start = i;
  int value = 0;
  while (i < cps.size() && cps[i] >= '0' && cps[i] <= '9' && i - start < 2)
    value = value * 10 + int(cps[i++] - '0');
  if (i == start || (i < cps.size() && cps[i] >= '0' && cps[i] <= '9')) return std::nullopt;
  return value;
}

bool IsOpen(char32_t c) { return c == '(' || c == U'('; }
bool IsClose(char32_t c) { return c == ')' || c == U')'; }

// Reads a list marker at the start of a line; `cps`: the line's first code points (at most
// LinePrefix::kCapacity, as many as a marker needs).
std::optional<Marker> ParseMarker(std::string_view line, std::u32string_view cps) {
  Marker marker;
  size_t i = 0;
  if (!cps.empty() && IsOpen(cps[0])) {
    i = 1;
    size_t digits_start = i;
    std::optional<int> number = ChineseNumeral(cps, i);
    bool arabic = false;
    if (!number) {
      i = digits_start;
      number = ArabicNumeral(cps, i);
      arabic = true;
    }
    if (!number || i >= cps.size() || !IsClose(cps[i])) return std::nullopt;
    ++i;
    marker.level = arabic ? 4 : 2;
    marker.number = *number;
    marker.arabic_in_parentheses = arabic;
  } else if (std::optional<int> number = ChineseNumeral(cps, i); number.has_value()) {
    if (i >= cps.size()) return std::nullopt;
    if (cps[i] == U'、' || cps[i] == '.') {
      marker.level = 1;
    } else if (cps[i] == U'是') {
      marker.level = 5;
    } else {
      return std::nullopt;
    }
    marker.number = *number;
    ++i;
  } else if (std::optional<int> arabic = ArabicNumeral(cps, (i = 0)); arabic.has_value()) {
    if (i >= cps.size() || (cps[i] != '.' && cps[i] != U'、') || i + 1 >= cps.size() ||
        (cps[i + 1] >= '0' && cps[i + 1] <= '9')) {
      return std::nullopt;
    }
    marker.level = 3;
    marker.number = *arabic;
    ++i;
  } else {
    return std::nullopt;
  }
  size_t bytes = 0;
  for (size_t k = 0; k < i; ++k) bytes += Utf8Length(cps[k]);
  marker.marker = line.substr(0, bytes);
  marker.rest = line.substr(bytes);
  return marker;
}

std::string_view FirstSentence(std::string_view s) {
  size_t end = s.find("。");
  return end == std::string_view::npos ? s : s.substr(0, end);
}

using Searcher = std::boyer_moore_horspool_searcher<std::string_view::const_iterator>;

// The heading cues a heading holds, found in one pass over its bytes: every heading's first
// sentence is asked about forty cues, and most are a few characters long, so one search per cue
// cost more than the heading's length. A cue can start only where its first two bytes do (a
// table of 64 bits per first byte, by the low bits of the second) and its first three bytes pass
// a hashed filter; only there are the cues compared. Continuation bytes are stepped over.
class HeadingCueFinder final {
 public:
  static_assert(cues::kHeadingCues.size() <= 64, "cues are bits of a uint64_t");
  static_assert(std::all_of(cues::kHeadingCues.begin(), cues::kHeadingCues.end(),
                            [](const cues::HeadingCue& c) { return c.cue.size() >= 3; }),
                "a cue is keyed by its first three bytes");
  static_assert(std::none_of(cues::kHeadingCues.begin(), cues::kHeadingCues.end(),
                             [](const cues::HeadingCue& c) {
                               return (static_cast<unsigned char>(c.cue[0]) & 0xC0) == 0x80;
                             }),
                "no cue starts with a continuation byte (Step skips them)");

  HeadingCueFinder() {
    for (size_t i = 0; i < cues::kHeadingCues.size(); ++i) {
      const std::string_view cue = cues::kHeadingCues[i].cue;
      pairs_[Byte(cue, 0)] |= uint64_t{1} << (Byte(cue, 1) % 64);
      const uint32_t key = Key(cue, 0);
      keys_[Hash(key) / 64] |= uint64_t{1} << (Hash(key) % 64);
      auto first = std::find_if(firsts_.begin(), firsts_.end(),
                                [&](const FirstChar& f) { return f.key == key; });
      if (first == firsts_.end()) first = firsts_.insert(firsts_.end(), FirstChar{key, 0});
      first->cues |= uint64_t{1} << i;
      if (cues::kHeadingCues[i].any_level) any_level_ |= uint64_t{1} << i;
    }
  }

  // Bits (by index into kHeadingCues) of the cues in `s`, among those a heading at its level
  // may name.
  uint64_t Find(std::string_view s, bool top_level) const {
    const uint64_t allowed = top_level ? ~uint64_t{0} : any_level_;
    uint64_t found = 0;
    for (size_t pos = 0; pos + 3 <= s.size(); pos += Step(s, pos)) {
      found |= CuesAt(s, pos, allowed & ~found);
    }
    return found;
  }

  // Whether `s` opens with a cue that a heading at any level may name.
  bool OpensWithAnyLevelCue(std::string_view s) const {
    return s.size() >= 3 && CuesAt(s, 0, any_level_) != 0;
  }

 private:
  struct FirstChar {
    uint32_t key = 0;  // the first three bytes
    uint64_t cues = 0;
  };

  // Bits of the `allowed` cues that start at `pos` (which has two bytes after it).
  uint64_t CuesAt(std::string_view s, size_t pos, uint64_t allowed) const {
    if (((pairs_[Byte(s, pos)] >> (Byte(s, pos + 1) % 64)) & 1) == 0) return 0;
    const uint32_t key = Key(s, pos);
    if (((keys_[Hash(key) / 64] >> (Hash(key) % 64)) & 1) == 0) return 0;
    uint64_t found = 0;
    for (const FirstChar& first : firsts_) {
      if (first.key != key) continue;
      for (uint64_t bits = first.cues & allowed; bits != 0; bits &= bits - 1) {
        const int i = std::countr_zero(bits);
        if (s.substr(pos).starts_with(cues::kHeadingCues[i].cue)) found |= uint64_t{1} << i;
      }
      break;
    }
    return found;
  }

  static uint8_t Byte(std::string_view s, size_t pos) { return static_cast<uint8_t>(s[pos]); }
  static bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }
  // From `pos` (with two bytes after it) past the continuation bytes that follow: no cue starts
  // with one, so a Chinese character is one step, not three.
  static size_t Step(std::string_view s, size_t pos) {
    const bool one = IsContinuation(Byte(s, pos + 1));
    const bool two = one && IsContinuation(Byte(s, pos + 2));
    return 1 + size_t{one} + size_t{two};
  }
  static uint32_t Key(std::string_view s, size_t pos) {
    return uint32_t{Byte(s, pos)} << 16 | uint32_t{Byte(s, pos + 1)} << 8 | Byte(s, pos + 2);
  }
  static uint32_t Hash(uint32_t key) { return (key * 0x9E3779B1u) >> 20; }  // 12 bits

  std::array<uint64_t, 256> pairs_{};  // by a cue's first byte: bits of its second byte % 64
  std::array<uint64_t, 64> keys_{};    // 4096 bits, by Hash of a cue's first three bytes
  std::vector<FirstChar> firsts_;
  uint64_t any_level_ = 0;
};

const HeadingCueFinder& HeadingCues() {
  static const HeadingCueFinder finder;
  return finder;
}

// The part the first of kHeadingCues (in their order) that the heading holds names.
std::string_view HeadingPart(std::string_view heading, bool top_level) {
  const uint64_t found = HeadingCues().Find(heading, top_level);
  return found == 0 ? std::string_view() : cues::kHeadingCues[std::countr_zero(found)].part;
}

bool ContainsWithin(std::string_view s, const auto& marks, const auto& objects,
                    size_t window_bytes) {
  for (std::string_view mark : marks) {
    for (size_t pos = s.find(mark); pos != s.npos; pos = s.find(mark, pos + 1)) {
      std::string_view after = s.substr(pos + mark.size(), window_bytes);
      for (std::string_view object : objects) {
        if (after.find(object) != after.npos) return true;
      }
    }
  }
  return false;
}

// "2021年,我县将..." : a year, then the future marker right after.
bool StartsWithYearAndFuture(std::string_view sentence) {
  size_t digits = 0;
  while (digits < sentence.size() && sentence[digits] >= '0' && sentence[digits] <= '9') ++digits;
  if (digits != 4 || !sentence.substr(4).starts_with("年")) return false;
  static_assert(cues::kFutureWindow <= LinePrefix::kCapacity);
  const LinePrefix after(sentence.substr(4 + std::string_view("年").size()));
  return after.view().substr(0, cues::kFutureWindow).find(U'将') != std::u32string_view::npos;
}

// The first "YYYY年" of a heading (ASCII digits).
std::optional<int> HeadingYear(std::string_view heading) {
  static constexpr std::string_view kNian = "年";
  for (size_t pos = heading.find(kNian); pos != heading.npos; pos = heading.find(kNian, pos + 1)) {
    if (pos < 4) continue;
    const std::string_view digits = heading.substr(pos - 4, 4);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    if (pos > 4 && heading[pos - 5] >= '0' && heading[pos - 5] <= '9') continue;
    return (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 +
           (digits[3] - '0');
  }
  return std::nullopt;
}

bool ContainsAnyWord(std::string_view s, const auto& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.find(w) != s.npos; });
}

// "2014年工作安排", "存在的问题" alone on a line: a part heading without a list marker.
// At most 4 bytes a code point: most lines are rejected by their size without counting.
bool IsLongerThan(std::string_view line, size_t code_points) {
  return line.size() > 4 * code_points ||
         text::CountCodepoints(line) > static_cast<int64_t>(code_points);
}

bool IsUnmarkedPartHeading(std::string_view line) {
  if (IsLongerThan(line, cues::kMaxUnmarkedHeadingLength)) return false;
  // A part's name at the start ("存在的问题"), or a year and a part word ("2014年工作安排").
  // Without a year only a line that opens with the name: menus of page chrome name parts too
  // ("年度工作计划及总结").
  const bool named = HeadingCues().OpensWithAnyLevelCue(line);
  if (!named && !(HeadingYear(line) && ContainsAnyWord(line, cues::kDatedPartWords))) return false;
  return !ContainsAnyWord(
      line, std::array<std::string_view, 8>{"。", "，", ",", "；", ";", "：", ":", "、"});
}

// Whether a problems opening (清醒认识到...) is anywhere in the line. Asked of every paragraph, so
// searched skipping ahead by up to an opening's length.
bool OpensProblems(std::string_view line) {
  static const std::vector<Searcher> searchers = [] {
    std::vector<Searcher> built;
    for (std::string_view opening : cues::kProblemOpenings)
      built.emplace_back(opening.begin(), opening.end());
    return built;
  }();
  return std::any_of(searchers.begin(), searchers.end(), [&](const Searcher& searcher) {
    return std::search(line.begin(), line.end(), searcher) != line.end();
  });
}

std::string_view ParagraphPart(std::string_view line, bool look_for_problems) {
  std::string_view sentence = FirstSentence(line);
  for (std::string_view start : cues::kPlanParagraphStarts) {
    if (sentence.starts_with(start)) return cues::kPlans;
  }
  if (StartsWithYearAndFuture(sentence)) return cues::kPlans;
  if (!look_for_problems) return {};
  if (ContainsWithin(sentence, cues::kProblemMarks, cues::kProblemObjects, cues::kCueWindow * 3))
    return cues::kProblems;
  if (OpensProblems(line)) return cues::kProblems;
  return {};
}

// Where each raw line starts, in code points: a '\n' byte is always a '\n' code point of its own
// (never inside a sequence, valid or not), so the k-th line follows the k-th U'\n'.
std::vector<int64_t> LineStarts(std::u32string_view code_points) {
  std::vector<int64_t> starts = {0};
  for (size_t end = text::FindCodePoint(code_points, U'\n'); end != std::u32string_view::npos;
       end = text::FindCodePoint(code_points, U'\n', end + 1)) {
    starts.push_back(static_cast<int64_t>(end) + 1);
  }
  return starts;
}

// The non-blank lines, spaces trimmed. Every space trimmed is one code point (an ASCII byte,
// U+3000 or U+00A0), so a line's span follows from where its raw line starts and ends in code
// points, without counting the characters in between.
std::vector<Line> SplitLines(std::string_view text, std::u32string_view code_points) {
  const std::vector<int64_t> starts = LineStarts(code_points);
  std::vector<Line> lines;
  lines.reserve(starts.size());  // at most one a raw line
  size_t number = 0;
  for (size_t start = 0; start <= text.size(); ++number) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    size_t begin = start;
    int64_t leading = 0;
    for (; begin < end; ++leading) {
      std::string_view rest = text.substr(begin, end - begin);
      if (rest.starts_with(" ") || rest.starts_with("\t"))
        ++begin;
      else if (rest.starts_with("\xE3\x80\x80"))
        begin += 3;
      else if (rest.starts_with("\xC2\xA0"))
        begin += 2;
      else
        break;
    }
    std::string_view line = text.substr(begin, end - begin);
    int64_t trailing = 0;
    for (; !line.empty() && (line.back() == ' ' || line.back() == '\r'); ++trailing)
      line.remove_suffix(1);
    const int64_t raw_end = number + 1 < starts.size() ? starts[number + 1] - 1
                                                       : static_cast<int64_t>(code_points.size());
    if (!line.empty())
      lines.push_back(Line{line, Span{starts[number] + leading, raw_end - trailing}});
    start = end + 1;
  }
  return lines;
}

class Segmenter final {
 public:
  Segmenter(std::string_view text, std::u32string_view code_points, std::optional<int> report_year)
      : code_points_(code_points),
        lines_(SplitLines(text, code_points)),
        report_year_(report_year) {}

  SectionTree Segment() {
    std::vector<std::pair<size_t, Marker>> headings = FindHeadings();
    // A section per heading, and a few that paragraphs open.
    tree_.sections.reserve(headings.size() + 4);
    int top_level = 5;
    for (const auto& [line, marker] : headings) {
      if (marker.level < 5) top_level = std::min(top_level, marker.level);
    }
    std::string_view top_part;
    bool later_part_seen = false;
    for (const auto& [line, marker] : headings) {
      std::string_view heading = FirstSentence(marker.rest);
      bool is_top = marker.level == top_level;
      std::string_view part = HeadingPart(heading, is_top);
      if (is_top && (part.empty() || part == cues::kAchievements) && NamesALaterYear(heading))
        part = cues::kPlans;
      if (is_top) {
        // Unnamed top-level headings: achievements before the later parts; after a plans
        // heading, more of the plans ("二、2026年重点工作" then "三、扩大内需").
        if (part.empty() && !later_part_seen) part = cues::kAchievements;
        if (part.empty() && top_part == cues::kPlans) part = cues::kPlans;
        if (part == cues::kProblems || part == cues::kPlans) later_part_seen = true;
        top_part = part;
      } else if (part.empty()) {
        // Before any top-level heading, a report narrates its work.
        part = top_part.empty() && !later_part_seen ? cues::kAchievements : top_part;
      }
      AddSection(marker.level, marker.marker, heading, part, lines_[line]);
    }
    AddParagraphParts(headings);
    AddAppendix(headings);
    auto earlier = [](const Section& a, const Section& b) { return a.span.begin < b.span.begin; };
    // Headings come in document order: sorted only when a paragraph's part was added (sorting a
    // sorted run still moves sections). With no two at one position, skipping changes nothing.
    auto not_before = [&](const Section& a, const Section& b) { return !earlier(a, b); };
    if (std::adjacent_find(tree_.sections.begin(), tree_.sections.end(), not_before) !=
        tree_.sections.end()) {
      std::sort(tree_.sections.begin(), tree_.sections.end(), earlier);
    }
    for (const Section& section : tree_.sections) {
      if (section.part == cues::kAchievements) tree_.summary.achievements = true;
      if (section.part == cues::kProblems) tree_.summary.problems = true;
      if (section.part == cues::kPlans) tree_.summary.plans = true;
      if (section.part == cues::kLeadersDuties) tree_.summary.leaders_duties = true;
    }
    return std::move(tree_);
  }

 private:
  std::vector<std::pair<size_t, Marker>> FindHeadings() const {
    std::vector<std::pair<size_t, Marker>> headings;
    int last_level2 = 0;
    int last_level4 = 0;
    for (size_t i = 0; i < lines_.size(); ++i) {
      std::optional<Marker> marker = ParseMarker(lines_[i].text, Prefix(lines_[i]));
      if (!marker && LostFirstMarker(i)) {
        marker = Marker{5, 1, false, "", lines_[i].text};
      }
      // Above the 一、 headings: a part heading standing alone ("2014年工作安排").
      if (!marker && IsUnmarkedPartHeading(lines_[i].text))
        marker = Marker{0, 0, false, "", lines_[i].text};
      if (!marker) continue;
      if (marker->arabic_in_parentheses) {
        // (6) after (五) and not continuing a (1)...(5) run is a damaged (六).
        if (last_level2 == marker->number - 1 && last_level4 != marker->number - 1)
          marker->level = 2;
        else
          last_level4 = marker->number;
      }
      if (marker->level == 2) last_level2 = marker->number, last_level4 = 0;
      if (marker->level == 1) last_level2 = 0, last_level4 = 0;
      headings.emplace_back(i, std::move(*marker));
    }
    return headings;
  }

  // A line's first code points, read from the decoded text: every line start is looked at, and
  // the text is already decoded.
  std::u32string_view Prefix(const Line& line) const {
    const auto size = static_cast<size_t>(line.span.end - line.span.begin);
    return code_points_.substr(static_cast<size_t>(line.span.begin),
                               std::min(size, LinePrefix::kCapacity));
  }

  // "    是加强..." followed by "二是...": the 一 was lost in scraping.
  bool LostFirstMarker(size_t i) const {
    if (!lines_[i].text.starts_with("是")) return false;
    for (size_t j = i + 1; j < lines_.size() && j <= i + kLostMarkerLookahead; ++j) {
      if (lines_[j].text.starts_with("二是")) return true;
    }
    return false;
  }

  // Parts no heading names may open with a paragraph.
  void AddParagraphParts(const std::vector<std::pair<size_t, Marker>>& headings) {
    std::vector<bool> is_heading(lines_.size(), false);
    for (const auto& [line, marker] : headings) is_heading[line] = marker.level < 5;
    bool has_plans = HasPart(cues::kPlans);
    bool has_problems = HasPart(cues::kProblems);
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (is_heading[i]) continue;
      if (has_plans && has_problems) break;  // nothing left to open
      std::string_view part = ParagraphPart(lines_[i].text, /*look_for_problems=*/!has_problems);
      if (part.empty() || (part == cues::kPlans ? has_plans : has_problems)) continue;
      (part == cues::kPlans ? has_plans : has_problems) = true;
      AddSection(0, "", FirstSentence(lines_[i].text), part, lines_[i]);
      if (!HasPart(cues::kAchievements) && lines_[i].span.begin >= kMinAchievementsText) {
        tree_.sections.push_back(Section{0, "", "", std::string(cues::kAchievements), {0, 0}});
      }
    }
  }

  // The first short line opening an appendix (名词解释, 附件1) after the first heading.
  void AddAppendix(const std::vector<std::pair<size_t, Marker>>& headings) {
    if (headings.empty()) return;
    for (size_t i = headings.front().first + 1; i < lines_.size(); ++i) {
      const std::string_view line = lines_[i].text;
      if (IsLongerThan(line, cues::kMaxAppendixHeadingLength)) continue;
      if (!std::any_of(cues::kAppendixOpenings.begin(), cues::kAppendixOpenings.end(),
                       [&](std::string_view o) { return line.starts_with(o); })) {
        continue;
      }
      AddSection(0, "", line, cues::kAppendix, lines_[i]);
      return;
    }
  }

  bool NamesALaterYear(std::string_view heading) const {
    std::optional<int> year = HeadingYear(heading);
    return year && report_year_ && *year > *report_year_;
  }

  bool HasPart(std::string_view part) const {
    return std::any_of(tree_.sections.begin(), tree_.sections.end(),
                       [&](const Section& s) { return s.part == part; });
  }

  void AddSection(int level, std::string_view marker, std::string_view heading,
                  std::string_view part, const Line& line) {
    Section& section = tree_.sections.emplace_back();  // built in place: no strings moved
    section.level = level;
    section.marker = marker;
    section.heading = heading;
    section.part = part;
    section.span = line.span;
  }

  std::u32string_view code_points_;
  std::vector<Line> lines_;
  std::optional<int> report_year_;
  SectionTree tree_;
};

}  // namespace

SectionTree SegmentSections(std::string_view normalized_text, std::optional<int> report_year) {
  return SegmentSections(normalized_text, DecodeUtf8(normalized_text), report_year);
}

SectionTree SegmentSections(std::string_view normalized_text, std::u32string_view code_points,
                            std::optional<int> report_year) {
  return Segmenter(normalized_text, code_points, report_year).Segment();
}

std::vector<Span> PartSpans(const std::vector<Section>& sections, std::string_view part,
                            int64_t text_end) {
  int top = 5;
  for (const Section& section : sections) {
    if (section.level >= 1) top = std::min(top, section.level);
  }
  auto opens = [&](const Section& s) { return s.level == 0 || s.level <= top; };
  std::vector<Span> spans;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (!opens(sections[i]) || sections[i].part != part) continue;
    if (!spans.empty() && spans.back().end > sections[i].span.begin) continue;  // already inside
    Span span{sections[i].span.begin, text_end};
    for (size_t j = i + 1; j < sections.size(); ++j) {
      if (opens(sections[j]) && !sections[j].part.empty() && sections[j].part != part) {
        span.end = sections[j].span.begin;
        break;
      }
    }
    spans.push_back(span);
  }
  return spans;
}

}  // namespace fazhi::extraction
