// Maps numeric statements of a report onto the canonical indicators (data/indicators/).
//
// Each indicator id is reported at most once: the figure that covers the whole jurisdiction for
// the report year. Partial figures (one channel, one organ's or one kind's, a pandemic period or a
// campaign, a prior year or a term of office, a sub-count after 其中, a figure with the wrong
// classifier or counting another noun) and targets (the plans part, 力争) are skipped by general
// rules whose words live in data/indicators/indicators.json (data/indicators/README.md states
// them); zero statements ("暂无行政复议案件") state 0. Nothing is computed from other figures.
//
//   std::vector<Quantity> quantities = RecognizeQuantities(text);
//   // text: "2022年,全区共收到行政复议申请31件,其中受理30件目前已全部审结。"
//   std::vector<Indicator> found = ExtractIndicators(text, quantities, set, 2022);
//   // reconsideration.received 31, reconsideration.accepted 30, reconsideration.concluded 30
#ifndef FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATORS_H_
#define FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATORS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/extraction/indicators/indicator_set.h"
#include "services/extraction/prescan/prescan.h"
#include "services/extraction/record/record.h"

namespace fazhi::extraction {

// `quantities` are the numeric mentions of `normalized_text` (spans in code points), in any
// order. `report_year`, when known, rules out figures stated for other years; `sections`, when
// given, rules out figures in the plans part (goals, not results). The result is in the order
// of `set.indicators()`.
std::vector<Indicator> ExtractIndicators(std::string_view normalized_text,
                                         const std::vector<Quantity>& quantities,
                                         const IndicatorSet& set, std::optional<int> report_year,
                                         const std::vector<Section>& sections = {});
// The same over the text already decoded (the extractor decodes a report once for every
// component); `code_points` must outlive the call only. With the extractor's `prescan` of them
// (marked by MarkIndicatorLandmarks), the landmarks are found at its marked positions only.
std::vector<Indicator> ExtractIndicators(std::u32string_view code_points,
                                         const std::vector<Quantity>& quantities,
                                         const IndicatorSet& set, std::optional<int> report_year,
                                         const std::vector<Section>& sections = {},
                                         const Prescan* prescan = nullptr);

// Marks kLandmark where the indicator rules of `set` look for breaks, brackets, years and zeros.
void MarkIndicatorLandmarks(PrescanTable& table, const IndicatorSet& set);

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_INDICATORS_INDICATORS_H_
