// What the indicator matcher asks of the indicator set for every report, worked out once when
// the set loads instead of once per report or per figure: a table of the character classes the
// rules look for, the set's units and groups as small integers, first-character filters.
//
//   const IndicatorIndex& index = set.index();
//   index.ClassOf(U'。') & IndicatorIndex::kSentenceBreak   // != 0
//   index.UnitIndex("件")                                    // a position in index.units()
//   index.TakingUnit(u)                                      // the indicators accepting unit u
#ifndef FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATOR_INDEX_H_
#define FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATOR_INDEX_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/text/code_points.h"
#include "services/extraction/indicators/indicator_set.h"

namespace fazhi::extraction {

// The per-indicator facts asked of every figure. Owns its terms (no views into the set, which
// may be moved).
struct IndicatorPlan {
  size_t group = 0;  // index of the indicator's group, 0 .. group_count() - 1
  text::CharFilter actions_first;
  text::CharFilter excludes_first;
  Terms partial_clause;  // the shared partial-clause markers minus the indicator's ignore_partial
  text::CharFilter partial_clause_first;
  text::CharFilter names_last;           // LastChars of the rate names
  text::CharFilter zero_subjects_first;  // FirstChars of the zero statements' subjects
};

class IndicatorIndex final {
 public:
  // Character classes, as bits of ClassOf(c).
  static constexpr uint8_t kSentenceBreak = 1;
  static constexpr uint8_t kClauseBreak = 2;  // set for sentence breaks too
  static constexpr uint8_t kBracket = 4;      // ( ) （ ） 《 》
  static constexpr uint8_t kAsciiDigit = 8;   // a year may start here
  static constexpr uint8_t kZeroStart = 16;   // a zero marker ("暂无") may start here

  explicit IndicatorIndex(const std::vector<IndicatorDefinition>& indicators,
                          const IndicatorMarkers& markers);

  // One load whatever c is (the last entry answers beyond the BMP): a scan's loop keeps the
  // table's address in a register.
  uint8_t ClassOf(char32_t c) const { return classes_[std::min(c, kTableSize)]; }

  const std::vector<std::string>& units() const { return units_; }
  // The position of `unit` in units(), or npos when no indicator takes it.
  size_t UnitIndex(std::string_view unit) const;

  size_t group_count() const { return group_count_; }
  // Every action word of a group's indicators, by group index.
  const Terms& group_actions(size_t group) const { return group_actions_[group]; }
  const text::CharFilter& group_actions_first(size_t group) const {
    return group_actions_first_[group];
  }
  const IndicatorPlan& plan(size_t k) const { return plans_[k]; }
  // The indexes of the indicators that accept unit `u` (an index into units()), ascending.
  const std::vector<size_t>& TakingUnit(size_t u) const { return taking_unit_[u]; }
  // The rates among them, ascending.
  const std::vector<size_t>& RatesTakingUnit(size_t u) const { return rates_taking_unit_[u]; }

  // Every indicator's subjects, each once, and for subject t the indexes of the indicators
  // that name it.
  const Terms& all_subjects() const { return all_subjects_; }
  const std::vector<size_t>& subject_owners(size_t t) const { return subject_owners_[t]; }
  // The first position in [from, to) of `text` where a subject may start (its character starts
  // one, or is beyond the BMP), else `to`. Asked of every character around a figure: a loop of
  // its own keeps the table in a register, as a caller's loop with look-ups and calls does not.
  size_t NextSubjectStart(std::u32string_view text, size_t from, size_t to) const {
    const uint8_t* const runs = subject_run_.data();
    for (; from < to; ++from) {
      const char32_t c = text[from];
      if (c >= kTableSize || runs[c] != 0) return from;
    }
    return to;
  }
  // Indexes into all_subjects() of the subjects that start with `c`: at a position only those
  // can match. One table look-up in the BMP.
  std::span<const uint32_t> SubjectsStartingWith(char32_t c) const {
    const uint8_t run = c < kTableSize ? subject_run_[c] : kSearchedRun;
    if (run == 0) return {};
    if (run == kSearchedRun) return SearchSubjectsStartingWith(c);
    return RunOf(subject_runs_[run - 1]);
  }
  const text::CharFilter& total_first() const { return total_first_; }
  const text::CharFilter& subcount_first() const { return subcount_first_; }
  const text::CharFilter& target_first() const { return target_first_; }
  const text::CharFilter& partial_sentence_first() const { return partial_sentence_first_; }
  // Where an organ word may start, and for organ word i the exemptions that contain it, with
  // where it stands in them (局 in 布局: 1).
  const text::CharFilter& organ_first() const { return organ_first_; }
  struct Exemption {
    uint32_t word = 0;  // index into markers.organ_exempt
    uint32_t offset = 0;
  };
  const std::vector<Exemption>& organ_exemptions(size_t organ) const {
    return organ_exemptions_[organ];
  }
  const text::CharFilter& term_first() const { return term_first_; }
  const text::CharFilter& measure_item_first() const { return measure_item_first_; }
  const text::CharFilter& after_figure_first() const { return after_figure_first_; }
  const text::CharFilter& negation_last() const { return negation_last_; }
  const text::CharFilter& figure_prefix_exclude_last() const { return figure_prefix_exclude_last_; }
  const text::CharFilter& rate_links_last() const { return rate_links_last_; }

 private:
  static constexpr char32_t kTableSize = 0x10000;  // the Basic Multilingual Plane

  // In subject_run_: the run is found by a search (a character beyond the BMP, or a run past
  // the 254th).
  static constexpr uint8_t kSearchedRun = 255;

  struct FirstCharRun {
    char32_t first = 0;
    uint32_t begin = 0;  // the run in subjects_by_first_
    uint32_t end = 0;
  };

  void ClassifyCharacters(const IndicatorMarkers& markers);
  void AddSubject(const std::u32string& subject, size_t owner);
  void GroupSubjectsByFirstCharacter();
  std::span<const uint32_t> SearchSubjectsStartingWith(char32_t c) const;
  std::span<const uint32_t> RunOf(const FirstCharRun& run) const {
    return std::span<const uint32_t>(subjects_by_first_).subspan(run.begin, run.end - run.begin);
  }

  // By code point below kTableSize, and last for every code point above (kZeroStart if a marker
  // starts there).
  std::vector<uint8_t> classes_;
  std::vector<std::string> units_;
  std::vector<uint64_t> unit_keys_;  // UnitKey of each of units_, compared before the strings
  size_t group_count_ = 0;
  std::vector<Terms> group_actions_;
  std::vector<text::CharFilter> group_actions_first_;
  std::vector<IndicatorPlan> plans_;
  std::vector<std::vector<size_t>> taking_unit_;        // by unit index
  std::vector<std::vector<size_t>> rates_taking_unit_;  // by unit index
  Terms all_subjects_;
  std::vector<std::vector<size_t>> subject_owners_;  // by index into all_subjects_
  std::vector<uint32_t> subjects_by_first_;  // indexes into all_subjects_, by first character
  std::vector<FirstCharRun> subject_runs_;   // by first character
  // By code point below kTableSize: 0 when no subject starts with it, else 1 + its run in
  // subject_runs_ (or kSearchedRun).
  std::vector<uint8_t> subject_run_;
  text::CharFilter total_first_;
  text::CharFilter subcount_first_;
  text::CharFilter target_first_;
  text::CharFilter partial_sentence_first_;
  text::CharFilter organ_first_;
  std::vector<std::vector<Exemption>> organ_exemptions_;
  text::CharFilter term_first_;
  text::CharFilter measure_item_first_;
  text::CharFilter after_figure_first_;
  text::CharFilter negation_last_;
  text::CharFilter figure_prefix_exclude_last_;
  text::CharFilter rate_links_last_;
};

// The character at one end of each term (`end` picks it: its first or its last). An empty term
// (which matches anywhere) admits all.
template <typename List, typename End>
text::CharFilter EndChars(const List& terms, End end) {
  text::CharFilter chars;
  for (const auto& term : terms) {
    const std::u32string_view t(term);
    if (t.empty()) {
      chars.AddAll();
    } else {
      chars.Add(end(t));
    }
  }
  return chars;
}

// The first characters of a list of terms: a position whose character starts none of them is
// passed over without trying each term.
template <typename List>
text::CharFilter FirstChars(const List& terms) {
  return EndChars(terms, [](std::u32string_view t) { return t.front(); });
}

// The last characters, for the searches that end at a position (Text::EndsWith).
template <typename List>
text::CharFilter LastChars(const List& terms) {
  return EndChars(terms, [](std::u32string_view t) { return t.back(); });
}

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATOR_INDEX_H_
