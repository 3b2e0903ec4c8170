#include "services/extraction/indicators/indicator_index.h"

#include <algorithm>
#include <iterator>

namespace fazhi::extraction {
namespace {

template <typename List, typename Item>
bool Has(const List& list, const Item& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// A unit's length and first bytes in one word: UnitIndex is asked once per quantity, and two
// different units nearly always differ here, so the strings are compared only on a match.
uint64_t UnitKey(std::string_view unit) {
  uint64_t key = unit.size();
  for (size_t i = 0; i < std::min<size_t>(unit.size(), 7); ++i)
    key |= uint64_t{static_cast<unsigned char>(unit[i])} << (8 * (i + 1));
  return key;
}

}  // namespace

IndicatorIndex::IndicatorIndex(const std::vector<IndicatorDefinition>& indicators,
                               const IndicatorMarkers& markers) {
  for (const IndicatorDefinition& d : indicators) {
    for (const std::string& unit : d.units) {
      if (!Has(units_, unit)) units_.push_back(unit);
    }
  }
  for (const std::string& unit : units_) unit_keys_.push_back(UnitKey(unit));
  taking_unit_.resize(units_.size());
  rates_taking_unit_.resize(units_.size());
  std::vector<std::string> groups;
  for (const IndicatorDefinition& d : indicators) {
    IndicatorPlan plan;
    plan.group =
        static_cast<size_t>(std::find(groups.begin(), groups.end(), d.group) - groups.begin());
    if (plan.group == groups.size()) {
      groups.push_back(d.group);
      group_actions_.emplace_back();
    }
    for (const std::u32string& action : d.actions) {
      if (!Has(group_actions_[plan.group], action)) group_actions_[plan.group].push_back(action);
    }
    plan.actions_first = FirstChars(d.actions);
    plan.excludes_first = FirstChars(d.excludes);
    for (const std::u32string& marker : markers.partial_clause) {
      if (!Has(d.ignore_partial, marker)) plan.partial_clause.push_back(marker);
    }
    plan.partial_clause_first = FirstChars(plan.partial_clause);
    plan.names_last = LastChars(d.names);
    plan.zero_subjects_first = FirstChars(d.zero_subjects);
    for (size_t u = 0; u < units_.size(); ++u) {
      if (!Has(d.units, units_[u])) continue;
      taking_unit_[u].push_back(plans_.size());
      if (d.kind == IndicatorKind::kRate) rates_taking_unit_[u].push_back(plans_.size());
    }
    for (const std::u32string& subject : d.subjects) AddSubject(subject, plans_.size());
    plans_.push_back(std::move(plan));
  }
  group_count_ = groups.size();
  for (const Terms& actions : group_actions_) group_actions_first_.push_back(FirstChars(actions));
  total_first_ = FirstChars(markers.total);
  subcount_first_ = FirstChars(markers.subcount);
  target_first_ = FirstChars(markers.target);
  partial_sentence_first_ = FirstChars(markers.partial_sentence);
  organ_first_ = FirstChars(markers.organ);
  for (const std::u32string& organ : markers.organ) {
    std::vector<Exemption>& exemptions = organ_exemptions_.emplace_back();
    for (uint32_t w = 0; w < markers.organ_exempt.size(); ++w) {
      const std::u32string& word = markers.organ_exempt[w];
      for (size_t at = word.find(organ); at != std::u32string::npos;
           at = word.find(organ, at + 1)) {
        exemptions.push_back({w, static_cast<uint32_t>(at)});
      }
    }
  }
  term_first_ = FirstChars(markers.term);
  measure_item_first_ = FirstChars(markers.measure_item);
  after_figure_first_ = FirstChars(markers.after_figure);
  negation_last_ = LastChars(markers.negation);
  figure_prefix_exclude_last_ = LastChars(markers.figure_prefix_exclude);
  rate_links_last_ = LastChars(markers.rate_links);
  ClassifyCharacters(markers);
  GroupSubjectsByFirstCharacter();
}

void IndicatorIndex::AddSubject(const std::u32string& subject, size_t owner) {
  // A subject that several indicators share (行政复议) is listed once: compared once where it
  // may start, and all its indicators marked.
  auto listed = std::find(all_subjects_.begin(), all_subjects_.end(), subject);
  if (listed == all_subjects_.end()) {
    all_subjects_.push_back(subject);
    subject_owners_.emplace_back();
    listed = std::prev(all_subjects_.end());
  }
  std::vector<size_t>& owners = subject_owners_[listed - all_subjects_.begin()];
  if (!Has(owners, owner)) owners.push_back(owner);
}

void IndicatorIndex::GroupSubjectsByFirstCharacter() {
  for (uint32_t t = 0; t < all_subjects_.size(); ++t) {
    if (!all_subjects_[t].empty())
      subjects_by_first_.push_back(t);  // the loader rejects empty terms
  }
  std::stable_sort(
      subjects_by_first_.begin(), subjects_by_first_.end(),
      [this](uint32_t a, uint32_t b) { return all_subjects_[a][0] < all_subjects_[b][0]; });
  for (uint32_t i = 0; i < subjects_by_first_.size(); ++i) {
    const char32_t first = all_subjects_[subjects_by_first_[i]][0];
    if (subject_runs_.empty() || subject_runs_.back().first != first) {
      subject_runs_.push_back({first, i, i});
    }
    subject_runs_.back().end = i + 1;
  }
  subject_run_.assign(kTableSize, 0);
  for (size_t r = 0; r < subject_runs_.size(); ++r) {
    if (subject_runs_[r].first >= kTableSize) continue;  // searched for
    subject_run_[subject_runs_[r].first] =
        r + 1 < kSearchedRun ? static_cast<uint8_t>(r + 1) : kSearchedRun;
  }
}

std::span<const uint32_t> IndicatorIndex::SearchSubjectsStartingWith(char32_t c) const {
  const auto run = std::lower_bound(subject_runs_.begin(), subject_runs_.end(), c,
                                    [](const FirstCharRun& r, char32_t x) { return r.first < x; });
  if (run == subject_runs_.end() || run->first != c) return {};
  return RunOf(*run);
}

size_t IndicatorIndex::UnitIndex(std::string_view unit) const {
  const uint64_t key = UnitKey(unit);
  for (size_t k = 0; k < unit_keys_.size(); ++k) {
    if (unit_keys_[k] == key && units_[k] == unit) return k;
  }
  return std::string::npos;
}

void IndicatorIndex::ClassifyCharacters(const IndicatorMarkers& markers) {
  classes_.assign(kTableSize + 1, 0);
  for (char32_t c : std::u32string_view(U"。；;！？!?\n\r"))
    classes_[c] |= kSentenceBreak | kClauseBreak;
  for (char32_t c : std::u32string_view(U",，:：")) classes_[c] |= kClauseBreak;
  for (char32_t c : std::u32string_view(U"()（）《》")) classes_[c] |= kBracket;
  for (char32_t c = U'0'; c <= U'9'; ++c) classes_[c] |= kAsciiDigit;
  for (const std::u32string& marker : markers.zero) {
    if (marker.empty()) continue;  // the loader rejects empty terms
    classes_[std::min(marker[0], kTableSize)] |= kZeroStart;
  }
}

}  // namespace fazhi::extraction
