#include "services/extraction/service/job_workers.h"

#include <string>

#include "common/logging/logging.h"

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
    absl::StatusOr<std::optional<ClaimedJob>> job = queue_->ClaimNext();
    if (!job.ok()) {
      std::string error(job.status().message());
      LogEvent(spdlog::level::warn, "claim_failed", {{"error", error}});
      stopping_.WaitForNotificationWithTimeout(idle_poll_ * 4);
      continue;
    }
    if (!job->has_value()) {
      stopping_.WaitForNotificationWithTimeout(idle_poll_);
      continue;
    }
    absl::StatusOr<v1::ReportState> state = processor_->Process(**job);
    if (!state.ok()) {
      std::string error(state.status().message());
      LogEvent(spdlog::level::warn, "job_failed", {{"report", (*job)->report_id}, {"error", error}});
    }
  }
}

}  // namespace fazhi::extraction
