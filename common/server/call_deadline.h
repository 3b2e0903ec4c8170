// The one way a service reads its caller's deadline, to bound the database work of the call:
// ConnectionPool::WithTransaction gives each statement the time left (SET LOCAL
// statement_timeout) and waits for a free connection at most until then.
//
//   absl::Status status = pool->WithTransaction(body, CallDeadline(*context));
#ifndef FAZHI_COMMON_SERVER_CALL_DEADLINE_H_
#define FAZHI_COMMON_SERVER_CALL_DEADLINE_H_

#include <grpcpp/server_context.h>

#include "absl/time/time.h"

namespace fazhi {

// The caller's deadline; absl::InfiniteFuture() when it set none (gRPC reports that as the
// largest time_point).
absl::Time CallDeadline(const grpc::ServerContext& context);

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_CALL_DEADLINE_H_
