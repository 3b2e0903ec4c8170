#include "tools/stage_metrics/stage_metrics.h"

#include <httplib.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/compat/string_view.h"

namespace fazhi::tools {
namespace {

constexpr std::string_view kStageLabel = "stage=\"";

// The value of the `stage` label in a sample line's label set, or empty.
std::string_view StageOf(std::string_view labels) {
  size_t begin = labels.find(kStageLabel);
  if (begin == std::string_view::npos) return {};
  begin += kStageLabel.size();
  size_t end = labels.find('"', begin);
  return end == std::string_view::npos ? std::string_view() : labels.substr(begin, end - begin);
}

}  // namespace

absl::StatusOr<std::string> FetchMetrics(std::string_view address) {
  httplib::Client client(absl::StrCat("http://", Absl(address)));
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  httplib::Result response = client.Get("/metrics");
  if (!response || response->status != 200) {
    return absl::UnavailableError(absl::StrCat("no metrics from http://", Absl(address),
                                               "/metrics (is the service's ",
                                               "metrics address set?)"));
  }
  return response->body;
}

StageTotals StageTotalsFrom(std::string_view exposition, std::string_view family) {
  StageTotals totals;
  while (!exposition.empty()) {
    size_t newline = exposition.find('\n');
    std::string_view line = exposition.substr(0, newline);
    exposition =
        newline == std::string_view::npos ? std::string_view() : exposition.substr(newline + 1);
    if (line.substr(0, family.size()) != family) continue;
    std::string_view rest = line.substr(family.size());
    bool is_sum = rest.substr(0, 5) == "_sum{";
    bool is_count = rest.substr(0, 7) == "_count{";
    size_t close = rest.find('}');
    size_t space = rest.rfind(' ');
    if ((!is_sum && !is_count) || close == std::string_view::npos || space < close) continue;
    std::string_view stage = StageOf(rest.substr(0, close));
    if (stage.empty()) continue;
    double value = std::strtod(std::string(rest.substr(space + 1)).c_str(), nullptr);
    StageTotal& total = totals[std::string(stage)];
    (is_sum ? total.seconds : total.count) = value;
  }
  return totals;
}

StageTotals Difference(const StageTotals& after, const StageTotals& before) {
  StageTotals difference = after;
  for (auto& [stage, total] : difference) {
    auto it = before.find(stage);
    if (it == before.end()) continue;
    total.seconds -= it->second.seconds;
    total.count -= it->second.count;
  }
  return difference;
}

}  // namespace fazhi::tools
