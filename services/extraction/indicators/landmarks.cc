#include "services/extraction/indicators/landmarks.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace fazhi::extraction::indicator_text {

namespace {

// Every class but a clause break that is not also a sentence break (a comma) is recorded.
constexpr uint8_t kRecorded = static_cast<uint8_t>(~IndicatorIndex::kClauseBreak);

}  // namespace

// Flattened: the scan's per-character calls (Note, the scan's callbacks) cost more than their
// work.
[[gnu::flatten]] Landmarks::Landmarks(const Text& text, const IndicatorIndex& index,
                                      const Terms& year_boundary, const Prescan* prescan)
    : text_(text), index_(index) {
  // Reports break a sentence (or a line) every 35 characters or so: room for one in 32, so the
  // list is seldom regrown and copied.
  sentence_breaks_.reserve(static_cast<size_t>(text.size()) / 32);
  // Most characters have no class: they are passed over without a branch each (ScanFrom), or
  // eight at a time (the prescan's marks).
  ScanMarked(
      prescan, kLandmark, static_cast<size_t>(text.size()),
      [&](size_t i) { return (index.ClassOf(text.at(static_cast<int64_t>(i))) & kRecorded) != 0; },
      [&](size_t i) {
        Note(text, index, year_boundary, static_cast<int64_t>(i));
        return DigitRunEnd(text, index, i);
      });
}

size_t Landmarks::DigitRunEnd(const Text& text, const IndicatorIndex& index, size_t i) {
  // A digit after a digit starts no year and, with no other class, marks nothing: the rest of a
  // run is passed at once rather than noted digit by digit.
  const auto size = static_cast<size_t>(text.size());
  if ((index.ClassOf(text.at(static_cast<int64_t>(i))) & IndicatorIndex::kAsciiDigit) == 0)
    return i + 1;
  size_t j = i + 1;
  while (j < size && index.ClassOf(text.at(static_cast<int64_t>(j))) == IndicatorIndex::kAsciiDigit)
    ++j;
  return j;
}

void Landmarks::MarkRecorded(PrescanTable& table, const IndicatorIndex& index) {
  table.Mark(kLandmark, [&](char32_t c) { return (index.ClassOf(c) & kRecorded) != 0; });
}

Range Landmarks::Clause(int64_t pos, int64_t size) const {
  // Inside the last clause found between breaks (or the text's ends), no break: its bounds
  // hold for pos too, cut at kMaxSentence from pos as the scan cuts them.
  if (size == clause_size_ && pos >= clause_.begin && pos < clause_.end) {
    return {std::max(clause_.begin, pos - kMaxSentence), std::min(clause_.end, pos + kMaxSentence)};
  }
  // The text's view copied and the index referred to from locals: the scan's loops keep both
  // addresses in registers.
  const Text text = text_;
  const IndicatorIndex& index = index_;
  auto is_break = [&text, &index](int64_t i) {
    return (index.ClassOf(text.at(i)) & IndicatorIndex::kClauseBreak) != 0;
  };
  const int64_t floor = std::max<int64_t>(0, pos - kMaxSentence);
  const int64_t ceiling = std::min(size, pos + kMaxSentence);
  Range r{pos, pos};
  while (r.begin > floor && !is_break(r.begin - 1)) --r.begin;
  while (r.end < ceiling && !is_break(r.end)) ++r.end;
  if ((r.begin == 0 || is_break(r.begin - 1)) && (r.end == size || is_break(r.end))) {
    clause_ = r;
    clause_size_ = size;
  }
  return r;
}

Landmarks::Before Landmarks::Scan(int64_t sentence_begin, int64_t pos) const {
  Before before;
  int parentheses = 0;
  int titles = 0;
  // Figures come in order, several to a sentence: its first mark is looked up once.
  if (sentence_begin != scan_begin_) {
    scan_begin_ = sentence_begin;
    scan_first_ = std::lower_bound(marks_.begin(), marks_.end(), sentence_begin,
                                   [](const Mark& m, int64_t p) { return m.pos < p; }) -
                  marks_.begin();
  }
  for (auto it = marks_.begin() + scan_first_; it != marks_.end() && it->pos < pos; ++it) {
    switch (it->kind) {
      case kOpenParenthesis:
        ++parentheses;
        break;
      case kCloseParenthesis:
        parentheses -= parentheses > 0 ? 1 : 0;
        break;
      case kOpenTitle:
        ++titles;
        break;
      case kCloseTitle:
        titles -= titles > 0 ? 1 : 0;
        break;
      case kYear:
        if (it->pos + 4 < pos && titles == 0 && it->boundary_end > pos) before.last_year = it->year;
        break;
      case kNone:
        break;
    }
  }
  before.inside_parentheses = parentheses > 0;
  return before;
}

void Landmarks::Note(const Text& text, const IndicatorIndex& index, const Terms& year_boundary,
                     int64_t i) {
  const char32_t c = text.at(i);
  const uint8_t classes = index.ClassOf(c);
  if ((classes & IndicatorIndex::kSentenceBreak) != 0) sentence_breaks_.push_back(i);
  if ((classes & IndicatorIndex::kBracket) != 0) marks_.push_back({i, BracketKind(c), 0, 0});
  if ((classes & IndicatorIndex::kAsciiDigit) != 0) AddYear(text, i, year_boundary);
  if ((classes & IndicatorIndex::kZeroStart) != 0) zero_starts_.push_back(i);
}

void Landmarks::AddYear(const Text& text, int64_t i, const Terms& year_boundary) {
  // Most digit runs are figures ("479宗"): the 年 four places on settles them first.
  if (i + 4 >= text.size() || text.at(i + 4) != U'年') return;
  if (i > 0 && (IsAsciiDigit(text.at(i - 1)) || text.at(i - 1) == U'-' || text.at(i - 1) == U'—' ||
                text.at(i - 1) == U'~')) {
    return;
  }
  int year = 0;
  for (int k = 0; k < 4; ++k) {
    if (!IsAsciiDigit(text.at(i + k))) return;
    year = year * 10 + static_cast<int>(text.at(i + k) - U'0');
  }
  if (year < 1949 || year > 2100) return;
  // Skip the rest of the date ("年12月31日", "年度", "年底") before looking for 以前/以来.
  int64_t j = i + 5;
  while (j < text.size() && IsDateTail(text.at(j))) ++j;
  int64_t boundary_end = std::numeric_limits<int64_t>::max();
  for (const std::u32string& word : year_boundary) {
    const int64_t end = text.MatchAt(j, text.size(), word);
    if (end >= 0) boundary_end = std::min(boundary_end, end);
  }
  marks_.push_back({i, kYear, year, boundary_end});
}

int64_t Landmarks::ParagraphBegin(int64_t pos) const {
  // Line breaks are sentence breaks: walk back over the sentence breaks before pos.
  auto it = std::lower_bound(sentence_breaks_.begin(), sentence_breaks_.end(), pos);
  while (it != sentence_breaks_.begin()) {
    --it;
    const char32_t c = text_.at(*it);
    if (c == U'\n' || c == U'\r') return *it + 1;
  }
  return 0;
}

Range Landmarks::Sentence(int64_t pos, int64_t size) const {
  const size_t next = NextSentenceBreak(pos);
  const int64_t after = next == sentence_breaks_.size() ? size : sentence_breaks_[next];
  const int64_t before = next == 0 ? 0 : sentence_breaks_[next - 1] + 1;
  return {std::max({before, pos - kMaxSentence, int64_t{0}}),
          std::min({after, pos + kMaxSentence, size})};
}

size_t Landmarks::NextSentenceBreak(int64_t pos) const {
  // Figures come in order, several to a sentence and most a few sentences apart: when every break
  // before the last answer is still before pos, the search goes on from there, a few breaks
  // stepped over before a binary search of the rest.
  const std::vector<int64_t>& breaks = sentence_breaks_;
  auto from = breaks.begin();
  if (next_break_ == 0 || breaks[next_break_ - 1] < pos) {
    from += static_cast<std::ptrdiff_t>(next_break_);
    for (int step = 0; step < 4 && from != breaks.end() && *from < pos; ++step) ++from;
    if (from == breaks.end() || *from >= pos) {
      next_break_ = static_cast<size_t>(from - breaks.begin());
      return next_break_;
    }
  }
  next_break_ = static_cast<size_t>(std::lower_bound(from, breaks.end(), pos) - breaks.begin());
  return next_break_;
}

}  // namespace fazhi::extraction::indicator_text
