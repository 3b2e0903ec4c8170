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

// A message that quotes a megabyte of the caller's input would break the reply's metadata limit
// and reach the caller as RESOURCE_EXHAUSTED; cut, it keeps its code and its start.
TEST(GrpcStatusTest, CutsAMessageLongerThanTheLimitOnAWholeCharacter) {
  const std::string start = "filter: unknown field '";
  const std::string message = start + std::string(1 << 20, 'a') + "法'";
  grpc::Status wire = ToGrpcStatus(absl::InvalidArgumentError(message));
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LE(wire.error_message().size(), kMaxGrpcMessageBytes + std::string("…").size());
  EXPECT_EQ(wire.error_message().substr(0, start.size()), start);
  EXPECT_EQ(wire.error_message().substr(wire.error_message().size() - 3), "…");

  // Cut inside a three-byte character, it backs off to the character's start.
  const std::string chinese = std::string(kMaxGrpcMessageBytes - 1, 'a') + "法律";
  EXPECT_EQ(ToGrpcStatus(absl::InternalError(chinese)).error_message(),
            std::string(kMaxGrpcMessageBytes - 1, 'a') + "…");
  const std::string at_limit(kMaxGrpcMessageBytes, 'b');
  EXPECT_EQ(ToGrpcStatus(absl::InternalError(at_limit)).error_message(), at_limit);
}

TEST(GrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

}  // namespace
}  // namespace fazhi
