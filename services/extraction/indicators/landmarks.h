// The report text as the indicator rules read it: code points searched for terms across stray
// spaces (Text), and the landmarks found in one pass over it (Landmarks): sentence and clause
// breaks, brackets and years, so that no figure rescans its sentence.
//
//   Text text(code_points);                                  // "2021年以来,全区共收到申请31件。"
//   Landmarks marks(text, set.index(), set.markers().year_boundary);
//   Range sentence = marks.Sentence(pos, text.size());       // the sentence around pos
//   marks.Scan(sentence.begin, pos).last_year;                // none: 以来 bounds a period
//
// Internal to the indicator matcher; the namespace keeps its short names apart.
#ifndef FAZHI_SERVICES_EXTRACTION_INDICATORS_LANDMARKS_H_
#define FAZHI_SERVICES_EXTRACTION_INDICATORS_LANDMARKS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/code_points.h"
#include "services/extraction/indicators/indicator_index.h"
#include "services/extraction/indicators/indicator_set.h"
#include "services/extraction/prescan/prescan.h"

namespace fazhi::extraction::indicator_text {

// Sentences longer than this are cut: scraped pages sometimes have no punctuation at all.
constexpr int64_t kMaxSentence = 400;

struct Range {
  int64_t begin = 0;
  int64_t end = 0;
};

// ASCII only, as the year rules have always read them (code_points.h's text::IsDigit also takes
// full-width digits).
inline bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// The code-point text with the searches the rules need. Terms match across stray spaces
// ("矛盾 纠纷" matches 矛盾纠纷), since scraping breaks words.
class Text final {
 public:
  explicit Text(std::u32string_view cps) : cps_(cps) {}

  int64_t size() const { return static_cast<int64_t>(cps_.size()); }
  std::u32string_view code_points() const { return cps_; }
  char32_t at(int64_t i) const { return cps_[static_cast<size_t>(i)]; }

  // End of `term` matched at `pos` (spaces inside the text skipped), or -1.
  int64_t MatchAt(int64_t pos, int64_t limit, std::u32string_view term) const {
    if (term.empty()) return pos;
    // Most tries fail at the first character, before which no spaces are skipped.
    if (pos >= limit || at(pos) != term[0]) return -1;
    int64_t i = pos + 1;
    for (size_t j = 1; j < term.size(); ++j) {
      while (i < limit && text::IsSpace(at(i))) ++i;
      if (i >= limit || at(i) != term[j]) return -1;
      ++i;
    }
    return i;
  }

  // First occurrence of any term inside [r.begin, r.end), or {-1, -1}. `terms`: Terms, or any
  // list of code-point strings; `first`: FirstChars(terms).
  template <typename List>
  Range Find(Range r, const List& terms, const text::CharFilter& first) const {
    for (int64_t pos = r.begin; pos < r.end; ++pos) {
      if (!first.MayContain(at(pos))) continue;
      for (const auto& term : terms) {
        const int64_t end = MatchAt(pos, r.end, term);
        if (end >= 0) return {pos, end};
      }
    }
    return {-1, -1};
  }

  template <typename List>
  bool Contains(Range r, const List& terms) const {
    return Find(r, terms, FirstChars(terms)).begin >= 0;
  }
  // For a long list asked about again and again: its filter made once by the caller.
  template <typename List>
  bool Contains(Range r, const List& terms, const text::CharFilter& first) const {
    return Find(r, terms, first).begin >= 0;
  }

  // Whether `term` is at `pos` exactly (no spaces skipped).
  bool EqualsAt(int64_t pos, std::u32string_view term) const {
    return pos >= 0 && pos + static_cast<int64_t>(term.size()) <= size() &&
           cps_.substr(static_cast<size_t>(pos), term.size()) == term;
  }

  // Whether one of `terms` ends exactly at `end` (spaces before `end` skipped). `last`:
  // LastChars(terms), which settles most ends without trying each term.
  bool EndsWith(int64_t end, int64_t floor, const Terms& terms, const text::CharFilter& last,
                int64_t* start = nullptr) const {
    while (end > floor && text::IsSpace(at(end - 1))) --end;
    if (end > floor && !last.MayContain(at(end - 1))) return false;
    for (const std::u32string& term : terms) {
      const int64_t begin = end - static_cast<int64_t>(term.size());
      if (begin < floor) continue;
      // The last characters differ for nearly every term: compared before the whole term.
      if (!term.empty() && term.back() != at(end - 1)) continue;
      if (cps_.substr(begin, term.size()) == term) {
        if (start != nullptr) *start = begin;
        return true;
      }
    }
    return false;
  }

  std::string Utf8(Range r) const {
    return text::EncodeUtf8(cps_.substr(r.begin, r.end - r.begin));
  }

  Range Trim(Range r) const {
    while (r.begin < r.end && text::IsSpace(at(r.begin))) ++r.begin;
    while (r.end > r.begin && text::IsSpace(at(r.end - 1))) --r.end;
    return r;
  }

 private:
  std::u32string_view cps_;
};

// The characters the rules look for that are rare in Chinese prose, found in one pass over the
// text so that no figure rescans its sentence: sentence and clause breaks (line breaks among
// them), brackets and years ("2021年"). Sentence(pos) and Clause(pos) equal scanning out from pos
// to the nearest break (at most kMaxSentence each way).
class Landmarks final {
 public:
  // What the text before a figure in its sentence says about it.
  struct Before {
    bool inside_parentheses = false;
    std::optional<int> last_year;  // the last year that dates what follows it
  };

  // `text` and `index` must outlive the landmarks. With a `prescan` of the text (marked by
  // MarkRecorded), only its kLandmark positions are looked at.
  Landmarks(const Text& text, const IndicatorIndex& index, const Terms& year_boundary,
            const Prescan* prescan = nullptr);

  // Marks kLandmark on the characters the landmarks record.
  static void MarkRecorded(PrescanTable& table, const IndicatorIndex& index);

  // Where a zero marker ("暂无") may start.
  const std::vector<int64_t>& zero_starts() const { return zero_starts_; }

  Range Sentence(int64_t pos, int64_t size) const;
  // Where the paragraph (line) holding pos begins: after the last line break before pos.
  int64_t ParagraphBegin(int64_t pos) const;
  // Clauses are short and only asked about around figures: found by scanning out from pos
  // rather than by recording every comma of the text. Figures come in order and several often
  // share a clause: the last one found between breaks is kept and answers without a scan.
  Range Clause(int64_t pos, int64_t size) const;

  // Reads [sentence_begin, pos): open parentheses, and the last year outside 《》 titles that
  // neither starts a range ("2015-2020年") nor bounds a period ("2021年12月以前").
  Before Scan(int64_t sentence_begin, int64_t pos) const;

 private:
  enum Kind : uint8_t {
    kNone,
    kOpenParenthesis,
    kCloseParenthesis,
    kOpenTitle,
    kCloseTitle,
    kYear
  };

  struct Mark {
    int64_t pos = 0;
    Kind kind = kNone;
    int year = 0;
    // Where the nearest period word after the year (以前, 以来 ...) ends: the year bounds a
    // period for a figure at or after this position.
    int64_t boundary_end = 0;
  };

  void Note(const Text& text, const IndicatorIndex& index, const Terms& year_boundary, int64_t i);

  static Kind BracketKind(char32_t c) {
    if (c == U'(' || c == U'（') return kOpenParenthesis;
    if (c == U')' || c == U'）') return kCloseParenthesis;
    if (c == U'《') return kOpenTitle;
    if (c == U'》') return kCloseTitle;
    return kNone;
  }

  // A year is four ASCII digits and 年, not preceded by a digit or a range dash.
  void AddYear(const Text& text, int64_t i, const Terms& year_boundary);
  // Where the constructor's scan goes on after noting `i`: past the digits that follow a digit.
  static size_t DigitRunEnd(const Text& text, const IndicatorIndex& index, size_t i);

  static bool IsDateTail(char32_t c) {
    return IsAsciiDigit(c) || c == U'月' || c == U'日' || c == U'度' || c == U'底' || c == U'末' ||
           text::IsSpace(c);
  }

  // The index of the first sentence break at or after pos (the number of breaks: none).
  size_t NextSentenceBreak(int64_t pos) const;

  const Text& text_;
  const IndicatorIndex& index_;
  std::vector<int64_t> sentence_breaks_;
  std::vector<Mark> marks_;  // brackets and years, by position
  std::vector<int64_t> zero_starts_;
  // The last clause Clause found bounded by breaks or the text's ends, and the size it was
  // asked with (-1: none yet).
  mutable Range clause_;
  mutable int64_t clause_size_ = -1;
  // The sentence start Scan was last asked about (-1: none yet) and its first mark's index.
  mutable int64_t scan_begin_ = -1;
  mutable std::ptrdiff_t scan_first_ = 0;
  // What NextSentenceBreak last answered.
  mutable size_t next_break_ = 0;
};

}  // namespace fazhi::extraction::indicator_text

#endif  // FAZHI_SERVICES_EXTRACTION_INDICATORS_LANDMARKS_H_
