// The CLI's read-only calls (get, list, search, facets, indicators, jobs), sent again after
// UNAVAILABLE or a server's CANCELLED with the shared backoff (common/status/retry_policy.h): they
// change nothing, so a repeat is safe. Each attempt gets a fresh context and deadline. After
// UNAVAILABLE the endpoint is probed (cli/service_endpoint.h): a server that is up is retried,
// the retry waiting for the channel to connect; one nobody listens for is waited for a few
// seconds, and a wrong host or a TLS mismatch ends the call at once with the reason. Mutations
// (reextract, requeue) do not go through here: they are sent once and a failure is reported.
//
//   grpc::Status status = CallReadOnly(query, kCallTimeout, [&](grpc::ClientContext* context) {
//     return stub->GetReport(context, request, &report);
//   });
#ifndef FAZHI_CLI_READ_ONLY_CALL_H_
#define FAZHI_CLI_READ_ONLY_CALL_H_

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "cli/output.h"
#include "cli/service_endpoint.h"
#include "common/status/grpc_status.h"
#include "common/status/retry_policy.h"

namespace fazhi::cli {

// About 12-20 s of retries in all: long enough to span a service restart, including gRPC's own
// reconnect backoff (reconnects about 1, 2.6, 5.2, 9.3 s after the first failure; calls fail at
// once in between).
inline constexpr RetryPolicy kReadOnlyRetry{.max_attempts = 10,
                                            .initial_backoff = absl::Milliseconds(250),
                                            .max_backoff = absl::Seconds(4)};

template <typename Call>
grpc::Status CallReadOnly(const Endpoint& endpoint, absl::Duration timeout, Call&& call) {
  RetryLoop retry(CallKind::kReadOnly, kReadOnlyRetry);
  grpc::Status status;
  bool endpoint_listening = false;
  do {
    std::unique_ptr<grpc::ClientContext> context = NewCallContext(timeout);
    // Once a probe found the service listening again, the channel may still be in its own
    // reconnect delay (at most 1 s, cli/output.cc): waiting it out beats failing fast and
    // sleeping one more backoff.
    context->set_wait_for_ready(endpoint_listening);
    status = call(context.get());
    endpoint_listening = false;
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
      if (absl::Status reachable = AwaitReachable(endpoint); !reachable.ok()) {
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, std::string(reachable.message()));
      }
      endpoint_listening = true;
    }
  } while (retry.ShouldRetry(FromGrpcStatus(status).code()));
  return status;
}

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_READ_ONLY_CALL_H_
