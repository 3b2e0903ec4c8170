#include "common/server/call_deadline.h"

#include <chrono>

namespace fazhi {

absl::Time CallDeadline(const grpc::ServerContext& context) {
  if (context.deadline() == std::chrono::system_clock::time_point::max())
    return absl::InfiniteFuture();
  return absl::FromChrono(context.deadline());
}

}  // namespace fazhi
