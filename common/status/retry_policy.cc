#include "common/status/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace fazhi {

bool IsRetryableFor(CallKind kind, absl::StatusCode code) {
  switch (kind) {
    // CANCELLED that the client did not ask for comes from the server (or a proxy) ending the
    // call, e.g. when its shutdown grace ran out mid-stream: transient like UNAVAILABLE.
    case CallKind::kIdempotent:
      return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kCancelled ||
             code == absl::StatusCode::kDeadlineExceeded || code == absl::StatusCode::kAborted;
    case CallKind::kReadOnly:
      return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kCancelled;
    case CallKind::kMutation:
      return false;
  }
  return false;
}

absl::Duration Backoff(const RetryPolicy& policy, int retry, absl::BitGenRef random) {
  double growth = std::pow(policy.multiplier, std::max(0, retry - 1));
  absl::Duration ceiling = std::min(policy.max_backoff, policy.initial_backoff * growth);
  return ceiling * absl::Uniform(absl::IntervalClosed, random, 0.5, 1.0);
}

RetryLoop::RetryLoop(CallKind kind, RetryPolicy policy, Sleeper sleep)
    : kind_(kind), policy_(policy), sleep_(std::move(sleep)) {}

bool RetryLoop::ShouldRetry(absl::StatusCode code) {
  if (code == absl::StatusCode::kOk || !IsRetryableFor(kind_, code)) return false;
  if (attempts_ >= policy_.max_attempts) return false;
  sleep_(Backoff(policy_, attempts_, random_));
  ++attempts_;
  ++retries_;
  return true;
}

}  // namespace fazhi
