#include "services/extraction/service/lease_keeper.h"

#include <string>

#include "common/logging/logging.h"

namespace fazhi::extraction {

LeaseKeeper::LeaseKeeper(JobQueue* queue, absl::Duration every)
    : queue_(queue), every_(every), thread_([this] { Run(); }) {}

LeaseKeeper::~LeaseKeeper() {
  stopping_.Notify();
  thread_.join();
}

LeaseKeeper::Hold::~Hold() {
  if (keeper_ != nullptr) keeper_->Release(id_);
}

LeaseKeeper::Hold LeaseKeeper::Keep(const std::vector<ClaimedJob>& jobs) {
  std::vector<Claim> claims;
  claims.reserve(jobs.size());
  for (const ClaimedJob& job : jobs) claims.push_back({job.report_id, job.attempt});
  absl::MutexLock lock(&mutex_);
  uint64_t id = next_id_++;
  held_.emplace(id, std::move(claims));
  return Hold(this, id);
}

void LeaseKeeper::Release(uint64_t id) {
  absl::MutexLock lock(&mutex_);
  held_.erase(id);
}

void LeaseKeeper::Run() {
  while (!stopping_.WaitForNotificationWithTimeout(every_)) RenewAll();
}

void LeaseKeeper::RenewAll() {
  std::vector<Claim> claims;
  {
    absl::MutexLock lock(&mutex_);
    for (const auto& [id, held] : held_) claims.insert(claims.end(), held.begin(), held.end());
  }
  for (const Claim& claim : claims) {
    ClaimedJob job{.report_id = claim.report_id, .attempt = claim.attempt};
    absl::Status renewed = queue_->ExtendLease(job, queue_->lease());
    // ABORTED: claimed again after all (its worker was too slow to renew); completing it will
    // say so. Anything else is worth a line: the lease may run out.
    if (!renewed.ok() && !absl::IsAborted(renewed)) {
      LogEvent(spdlog::level::warn, "lease_renewal_failed",
               {{"report", claim.report_id}, {"error", std::string(renewed.message())}});
    }
  }
}

}  // namespace fazhi::extraction
