#include "common/status/grpc_status.h"

#include <gtest/gtest.h>

namespace fazhi {
namespace {

TEST(GrpcStatusTest, KeepsCodeAndMessageBothWays) {
  absl::Status original = absl::NotFoundError("report reports/abc not found");
  grpc::Status wire = ToGrpcStatus(original);
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(wire.error_message(), "report reports/abc not found");
  EXPECT_EQ(FromGrpcStatus(wire), original);
}

TEST(GrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, OnlyTransientCodesAreRetryable) {
  EXPECT_TRUE(IsRetryable(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(IsRetryable(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(IsRetryable(absl::StatusCode::kDeadlineExceeded));
}

}  // namespace
}  // namespace fazhi
