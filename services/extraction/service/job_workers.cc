#include "services/extraction/service/job_workers.h"

#include <string>

#include "common/logging/logging.h"
#include "common/metrics/stage_timer.h"

namespace fazhi::extraction {

void JobWorkers::Start(int count) {
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { Run(); });
}

void JobWorkers::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

void JobWorkers::Run() {
  while (!stopping_.HasBeenNotified()) {
    metrics::StageTimer claim(JobProcessor::kStageMetric, "claim");
    absl::StatusOr<std::vector<ClaimedJob>> jobs = queue_->ClaimBatch(kBatch);
    claim.Stop();
    if (!jobs.ok()) {
      std::string error(jobs.status().message());
      LogEvent(spdlog::level::warn, "claim_failed", {{"error", error}});
      stopping_.WaitForNotificationWithTimeout(idle_poll_ * 4);
      continue;
    }
    if (jobs->empty()) {
      metrics::StageTimer idle(JobProcessor::kStageMetric, "idle");
      stopping_.WaitForNotificationWithTimeout(idle_poll_);
      continue;
    }
    LeaseKeeper::Hold hold = lease_keeper_.Keep(*jobs);
    absl::StatusOr<std::vector<v1::ReportState>> states = processor_->ProcessBatch(*jobs);
    if (!states.ok()) {
      std::string error(states.status().message());
      LogEvent(spdlog::level::warn, "job_failed",
               {{"report", jobs->front().report_id},
                {"batch", std::to_string(jobs->size())},
                {"error", error}});
    }
  }
}

}  // namespace fazhi::extraction
