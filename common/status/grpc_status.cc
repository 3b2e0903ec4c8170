#include "common/status/grpc_status.h"

#include <string>

#include "common/compat/string_view.h"
#include "common/status/quoted_input.h"

namespace fazhi {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      QuotedInput(Std(status.message()), kMaxGrpcMessageBytes));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

}  // namespace fazhi
