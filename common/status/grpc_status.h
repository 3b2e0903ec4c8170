// Converts between absl::Status (used inside fazhi) and grpc::Status (used at the RPC edge).
//
// absl::StatusCode values map one to one onto gRPC's codes, so the conversion keeps the code and
// the message (a message over kMaxGrpcMessageBytes is cut, see below):
//
//   absl::StatusOr<Report> report = store.Get(id);
//   if (!report.ok()) return ToGrpcStatus(report.status());
#ifndef FAZHI_COMMON_STATUS_GRPC_STATUS_H_
#define FAZHI_COMMON_STATUS_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <cstddef>

#include "absl/status/status.h"

namespace fazhi {

// The longest message ToGrpcStatus passes on. The message travels in a trailer, percent-encoded
// (up to 3 bytes per byte), and a reply whose metadata exceeds the client's limit (8 KB by
// default) reaches the caller as RESOURCE_EXHAUSTED instead of its own code: a safety net for a
// message that quotes a caller's string whole instead of through QuotedInput.
inline constexpr size_t kMaxGrpcMessageBytes = 2048;

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace fazhi

#endif  // FAZHI_COMMON_STATUS_GRPC_STATUS_H_
