// Reads the services' per-stage timing histograms from their Prometheus `/metrics` endpoints, so
// a benchmark can say where the time of a run went (the difference of two scrapes).
//
//   absl::StatusOr<std::string> text = FetchMetrics("127.0.0.1:9451");
//   StageTotals before = StageTotalsFrom(*text, "fazhi_ingestion_stage_seconds");
//   // ... run ...
//   StageTotals spent = Difference(after, before);
//   // spent["decode"] == {.seconds = 3.2, .count = 10000}
//
// A stage is the value of the histogram's `stage` label; its seconds are the histogram's `_sum`
// and its count the `_count` (observations: documents, batches or waits, by stage).
#ifndef FAZHI_TOOLS_STAGE_METRICS_STAGE_METRICS_H_
#define FAZHI_TOOLS_STAGE_METRICS_STAGE_METRICS_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fazhi::tools {

struct StageTotal {
  double seconds = 0;
  double count = 0;
};

// By stage name, in name order.
using StageTotals = std::map<std::string, StageTotal>;

// GET http://{address}/metrics; UNAVAILABLE when the endpoint does not answer with 200.
absl::StatusOr<std::string> FetchMetrics(std::string_view address);

// The `_sum` and `_count` of histogram `family` per value of its `stage` label.
StageTotals StageTotalsFrom(std::string_view exposition, std::string_view family);

// `after - before`, stage by stage (a stage missing from `before` counts from zero).
StageTotals Difference(const StageTotals& after, const StageTotals& before);

}  // namespace fazhi::tools

#endif  // FAZHI_TOOLS_STAGE_METRICS_STAGE_METRICS_H_
