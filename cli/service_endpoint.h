// The services the commands call, each with the program that serves it and the setting of its
// address, so that a call that cannot connect says what to check instead of retrying silently:
// "connection refused at 127.0.0.1:50053: is fazhi-query running? (FAZHI_QUERY_ADDR,
// --query-addr)", "the server at … speaks TLS: set FAZHI_TLS_CA …". A service that is not
// listening yet is waited for a few seconds (it may be starting or restarting); a host that does
// not resolve or a TLS mismatch fails at once.
//
//   Endpoint query = ServiceEndpoint(settings, kQueryAddr);
//   auto stub = v1::QueryService::NewStub(Connect(query.address));
//   if (status.error_code() == grpc::StatusCode::UNAVAILABLE) status = ExplainUnavailable(query,
//   status);
#ifndef FAZHI_CLI_SERVICE_ENDPOINT_H_
#define FAZHI_CLI_SERVICE_ENDPOINT_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cli/connection_check.h"
#include "common/config/settings.h"

namespace fazhi::cli {

// How long a service nothing listens for is waited for before the command gives up: long
// enough for a restart, short enough that a service that is not running is reported at once.
inline constexpr absl::Duration kNotListeningWait = absl::Seconds(6);

struct Endpoint {
  std::string_view program;  // "fazhi-query"
  const Setting* setting;    // kQueryAddr
  std::string address;
};

// `address_setting` is kIngestionAddr, kExtractionAddr or kQueryAddr.
Endpoint ServiceEndpoint(const Settings& settings, const Setting& address_setting);

// What a user should read for `check`'s fault at `endpoint`; empty for kNone.
std::string DescribeConnectionFault(const Endpoint& endpoint, const ConnectionCheck& check);

// OK once the endpoint answers as its channel expects (or the probe cannot tell); UNAVAILABLE
// with DescribeConnectionFault's message at once for a fault that waiting cannot mend, or after
// `wait` for one that it might (nothing listening, no route).
absl::Status AwaitReachable(const Endpoint& endpoint, absl::Duration wait = kNotListeningWait);

// `status` with the reason a connection failed in place of gRPC's message, when it is UNAVAILABLE
// and a probe finds a reason; else `status`. For calls sent once.
grpc::Status ExplainUnavailable(const Endpoint& endpoint, const grpc::Status& status);

}  // namespace fazhi::cli

#endif  // FAZHI_CLI_SERVICE_ENDPOINT_H_
