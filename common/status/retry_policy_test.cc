#include "common/status/retry_policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace fazhi {
namespace {

using absl::StatusCode;

TEST(RetryPolicyTest, IdempotentCallsRetryTransientFailuresOnly) {
  for (StatusCode code : {StatusCode::kUnavailable, StatusCode::kCancelled,
                          StatusCode::kDeadlineExceeded, StatusCode::kAborted}) {
    EXPECT_TRUE(IsRetryableFor(CallKind::kIdempotent, code)) << code;
  }
  for (StatusCode code : {StatusCode::kInvalidArgument, StatusCode::kNotFound,
                          StatusCode::kInternal, StatusCode::kPermissionDenied}) {
    EXPECT_FALSE(IsRetryableFor(CallKind::kIdempotent, code)) << code;
  }
}

// CANCELLED reaches a client that did not cancel only when the server ended the call (a shutdown's
// grace ran out mid-stream, issue 20 finding 6).
TEST(RetryPolicyTest, ReadOnlyCallsRetryOnlyUnavailableAndServerCancels) {
  EXPECT_TRUE(IsRetryableFor(CallKind::kReadOnly, StatusCode::kUnavailable));
  EXPECT_TRUE(IsRetryableFor(CallKind::kReadOnly, StatusCode::kCancelled));
  EXPECT_FALSE(IsRetryableFor(CallKind::kReadOnly, StatusCode::kDeadlineExceeded));
  EXPECT_FALSE(IsRetryableFor(CallKind::kReadOnly, StatusCode::kAborted));
}

TEST(RetryPolicyTest, MutationsAreNeverRetriedBlindly) {
  for (StatusCode code :
       {StatusCode::kUnavailable, StatusCode::kDeadlineExceeded, StatusCode::kAborted}) {
    EXPECT_FALSE(IsRetryableFor(CallKind::kMutation, code)) << code;
  }
}

TEST(RetryPolicyTest, BackoffGrowsExponentiallyUpToTheCapWithJitterInTheUpperHalf) {
  RetryPolicy policy{
      .initial_backoff = absl::Milliseconds(100), .max_backoff = absl::Seconds(1), .multiplier = 2};
  absl::BitGen random;
  for (int trial = 0; trial < 200; ++trial) {
    for (auto [retry, ceiling] :
         std::vector<std::pair<int, absl::Duration>>{{1, absl::Milliseconds(100)},
                                                     {2, absl::Milliseconds(200)},
                                                     {3, absl::Milliseconds(400)},
                                                     {5, absl::Seconds(1)},
                                                     {30, absl::Seconds(1)}}) {
      absl::Duration wait = Backoff(policy, retry, random);
      EXPECT_GE(wait, ceiling / 2) << "retry " << retry;
      EXPECT_LE(wait, ceiling) << "retry " << retry;
    }
  }
}

TEST(RetryPolicyTest, LoopStopsAfterMaxAttemptsAndSleepsBetweenThem) {
  std::vector<absl::Duration> sleeps;
  RetryLoop retry(CallKind::kIdempotent, {.max_attempts = 3},
                  [&](absl::Duration wait) { sleeps.push_back(wait); });
  EXPECT_TRUE(retry.ShouldRetry(StatusCode::kUnavailable));
  EXPECT_TRUE(retry.ShouldRetry(StatusCode::kAborted));
  EXPECT_FALSE(retry.ShouldRetry(StatusCode::kUnavailable)) << "third attempt was the last";
  EXPECT_EQ(sleeps.size(), 2u);
  EXPECT_EQ(retry.attempts(), 3);
}

TEST(RetryPolicyTest, LoopDoesNotRetrySuccessOrPermanentErrors) {
  int sleeps = 0;
  RetryLoop retry(CallKind::kIdempotent, {}, [&](absl::Duration) { ++sleeps; });
  EXPECT_FALSE(retry.ShouldRetry(StatusCode::kOk));
  EXPECT_FALSE(retry.ShouldRetry(StatusCode::kInvalidArgument));
  EXPECT_EQ(sleeps, 0);
}

TEST(RetryPolicyTest, ProgressRestoresTheBudgetOfConsecutiveFailures) {
  RetryLoop retry(CallKind::kIdempotent, {.max_attempts = 2}, [](absl::Duration) {});
  EXPECT_TRUE(retry.ShouldRetry(StatusCode::kUnavailable));
  retry.ResetAfterProgress();
  EXPECT_TRUE(retry.ShouldRetry(StatusCode::kUnavailable));
  EXPECT_FALSE(retry.ShouldRetry(StatusCode::kUnavailable));
  EXPECT_EQ(retry.retries(), 2);
}

}  // namespace
}  // namespace fazhi
