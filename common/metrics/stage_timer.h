// Time spent per stage of a pipeline, as one histogram family with a `stage` label, so a
// benchmark (tools/ingest_benchmark) can say where a run's time went from two scrapes.
//
//   constexpr std::string_view kStages = "fazhi_ingestion_stage_seconds";
//   {
//     metrics::StageTimer timer(kStages, "decode");
//     ...                                   // observed when `timer` goes out of scope
//   }
//   metrics::ObserveStage(kStages, "commit", 0.004);
//   // fazhi_ingestion_stage_seconds_sum{stage="decode"} 0.0012
#ifndef FAZHI_COMMON_METRICS_STAGE_TIMER_H_
#define FAZHI_COMMON_METRICS_STAGE_TIMER_H_

#include <chrono>
#include <string>
#include <string_view>

#include "common/metrics/registry.h"

namespace fazhi::metrics {

inline Histogram* StageHistogram(std::string_view family, std::string_view stage) {
  return Registry::Default().GetHistogram(family, "Time spent per stage (sum over threads)",
                                          LatencyBuckets(), {{"stage", std::string(stage)}});
}

inline void ObserveStage(std::string_view family, std::string_view stage, double seconds) {
  StageHistogram(family, stage)->Observe(seconds);
}

class StageTimer final {
 public:
  StageTimer(std::string_view family, std::string_view stage)
      : histogram_(StageHistogram(family, stage)), start_(std::chrono::steady_clock::now()) {}
  ~StageTimer() { Stop(); }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

  // Observes the time since construction (once); returns it in seconds.
  double Stop() {
    if (histogram_ == nullptr) return 0;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    histogram_->Observe(seconds);
    histogram_ = nullptr;
    return seconds;
  }

 private:
  Histogram* histogram_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_STAGE_TIMER_H_
