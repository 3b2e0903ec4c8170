// The canonical indicator list (data/indicators/indicators.json, from the project's indicator
// specification; data/indicators/README.md) and its cue words, loaded from data.
//
// Researchers add or tune an indicator by editing data/indicators/indicators.json (documented in
// data/indicators/README.md); nothing is rebuilt. Cue words are kept as code-point strings because
// the extractor matches them over code points.
//
//   absl::StatusOr<IndicatorSet> set =
//       IndicatorSet::LoadFromFile("data/indicators/indicators.json");
//   if (!set.ok()) return set.status();  // "indicators.json: indicators[3] (id 'x'): ..."
//   set->version();                       // "fazhi-indicators-v1.0"
#ifndef FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATOR_SET_H_
#define FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATOR_SET_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::extraction {

using Terms = std::vector<std::u32string>;

enum class IndicatorKind { kCount, kRate };

// One indicator: what it counts and the words that identify a statement of it.
struct IndicatorDefinition {
  std::string id;
  std::string name;
  std::string group;
  IndicatorKind kind = IndicatorKind::kCount;
  std::string unit;
  std::vector<std::string> units;  // classifiers a figure may carry, as UTF-8
  Terms subjects;
  Terms actions;
  Terms excludes;
  Terms names;                 // rate names (kRate)
  Terms requires_in_sentence;  // any one of these must be in the sentence (counts and rates)
  Terms ignore_partial;        // partial-scope markers that do not apply
  Terms zero_subjects;
  bool subcount = false;
  bool needs_group_figure = false;
  bool require_total = false;
};

// Marker words shared by all indicators (the "markers" object of the file).
struct IndicatorMarkers {
  Terms total;
  Terms partial_clause;
  Terms partial_sentence;
  Terms subcount;
  Terms target;
  Terms negation;
  Terms figure_prefix_exclude;
  Terms rate_links;
  Terms year_boundary;
  Terms zero;
  Terms zero_nouns;
  Terms zero_exclude;
  int zero_max_gap = 6;
  // Scope: organs other than the government as a whole (纪委, 法院, 局 ...), the words that
  // contain one without naming such an organ (布局, 司法局 ...), and the words that put the
  // government itself in the sentence (被告).
  Terms organ;
  Terms organ_exempt;
  Terms organ_unless;
  Terms term;          // a term of office or plan period (五年来, 本届政府以来)
  Terms measure_item;  // an enumerated measure (一是, 二是 ...)
  Terms after_figure;  // words that may follow a figure without naming what it counts
};

class IndicatorIndex;

class IndicatorSet final {
 public:
  // Reads and validates the file; errors name the file, the entry and the field.
  static absl::StatusOr<IndicatorSet> LoadFromFile(std::string_view path);
  // Parses file contents; `source_name` prefixes error messages.
  static absl::StatusOr<IndicatorSet> LoadFromJson(std::string_view json_text,
                                                   std::string_view source_name);

  const std::string& version() const { return version_; }
  const IndicatorMarkers& markers() const { return markers_; }
  const std::vector<IndicatorDefinition>& indicators() const { return indicators_; }
  const IndicatorDefinition* Find(std::string_view id) const;
  // What the matcher derives from the set, built once when the set loads.
  const IndicatorIndex& index() const { return *index_; }

 private:
  IndicatorSet() = default;  // only the loaders make a set: index_ is never null

  std::string version_;
  IndicatorMarkers markers_;
  std::vector<IndicatorDefinition> indicators_;
  std::shared_ptr<const IndicatorIndex> index_;  // shared by copies: the set never changes
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATOR_SET_H_
