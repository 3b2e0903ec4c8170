// Which failed calls a client may send again, and how long it waits before each new attempt:
// bounded exponential backoff with jitter. Whether a retry is safe depends on the call, not only
// on the error: an idempotent call (ingest, keyed by content and request id) may be repeated after
// UNAVAILABLE, CANCELLED (by the server: the client exits when it cancels), DEADLINE_EXCEEDED or
// ABORTED; a read-only call after UNAVAILABLE or CANCELLED; a mutation that is not idempotent
// (requeue, re-extract) never blindly.
//
//   RetryLoop retry(CallKind::kIdempotent);
//   absl::Status status;
//   do {
//     status = FromGrpcStatus(stub->IngestDocument(&context, request, &response));
//   } while (retry.ShouldRetry(status.code()));  // sleeps the backoff when it returns true
#ifndef FAZHI_COMMON_STATUS_RETRY_POLICY_H_
#define FAZHI_COMMON_STATUS_RETRY_POLICY_H_

#include <functional>

#include "absl/random/bit_gen_ref.h"
#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/time/time.h"

namespace fazhi {

enum class CallKind {
  kIdempotent,  // repeating it has no second effect
  kReadOnly,    // changes nothing
  kMutation,    // may change something twice: the caller decides, not the retry loop
};

// Whether a call of `kind` that failed with `code` may be sent again.
bool IsRetryableFor(CallKind kind, absl::StatusCode code);

struct RetryPolicy {
  int max_attempts = 6;  // first attempt included
  absl::Duration initial_backoff = absl::Milliseconds(200);
  absl::Duration max_backoff = absl::Seconds(5);
  double multiplier = 2;
};

// The wait before retry number `retry` (1 for the second attempt): min(max, initial *
// multiplier^(retry-1)), scaled by a uniform jitter in [0.5, 1] so that clients cut off by the same
// outage do not come back in step.
absl::Duration Backoff(const RetryPolicy& policy, int retry, absl::BitGenRef random);

// Counts attempts of one call and sleeps between them.
class RetryLoop final {
 public:
  using Sleeper = std::function<void(absl::Duration)>;

  explicit RetryLoop(CallKind kind, RetryPolicy policy = {}, Sleeper sleep = absl::SleepFor);

  // After an attempt that ended with `code`: false when it succeeded, may not be retried or the
  // attempts are spent; else sleeps the backoff and returns true.
  bool ShouldRetry(absl::StatusCode code);
  // A partly successful attempt (a stream that got some answers) starts a fresh budget: the
  // bound is on consecutive fruitless attempts.
  void ResetAfterProgress() { attempts_ = 1; }

  int attempts() const { return attempts_; }
  int retries() const { return retries_; }

 private:
  CallKind kind_;
  RetryPolicy policy_;
  Sleeper sleep_;
  absl::BitGen random_;
  int attempts_ = 1;  // the attempt in progress or just finished
  int retries_ = 0;   // all retries, across resets
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_STATUS_RETRY_POLICY_H_
