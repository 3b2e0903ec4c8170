// A bare gRPC echo server, the baseline of fazhi-grpc-overhead: a grpc::Server with gRPC's
// defaults (sync API, plaintext, no interceptors, no auth, no metrics, no health or reflection
// plugins) serving one trivial method, grpc.health.v1.Health/Check, that answers SERVING from a
// handler of its own. It runs in the measuring process, on a free loopback port.
//
//   absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start();
//   auto channel = grpc::CreateChannel((*echo)->address(), grpc::InsecureChannelCredentials());
//   // call "/grpc.health.v1.Health/Check" on it; the server stops when `echo` is destroyed
//
// EchoOptions add fazhi's pieces one at a time, to split the services' overhead between them:
//   EchoServer::Start({.interceptors = {"metrics"}, .max_pollers = 65});
#ifndef FAZHI_TOOLS_GRPC_OVERHEAD_ECHO_SERVER_H_
#define FAZHI_TOOLS_GRPC_OVERHEAD_ECHO_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/metrics/registry.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi::grpc_overhead {

struct EchoOptions {
  // ServiceRunner's server interceptors by name, in ServiceRunner's order: "decode" (the
  // decode-error interceptor), "log" (one log line per call on stderr), "metrics" (into the
  // echo's own registry). Empty: none, gRPC's defaults.
  std::vector<std::string> interceptors;
  int max_pollers = 0;  // the sync server's MAX_POLLERS; 0: gRPC's default (2)
};

// The names EchoOptions::interceptors accepts.
std::vector<std::string> EchoInterceptorNames();

class EchoServer final {
 public:
  // UNAVAILABLE when no loopback port could be bound; INVALID_ARGUMENT for an unknown
  // interceptor name.
  static absl::StatusOr<std::unique_ptr<EchoServer>> Start(const EchoOptions& options = {});
  ~EchoServer();

  const std::string& address() const { return address_; }
  // Where the "metrics" interceptor counts the echo's calls.
  const metrics::Registry& registry() const { return registry_; }

 private:
  // Answers every Check with SERVING: the least a handler can do.
  class HealthEcho final : public grpc::health::v1::Health::Service {
    grpc::Status Check(grpc::ServerContext* context,
                       const grpc::health::v1::HealthCheckRequest* request,
                       grpc::health::v1::HealthCheckResponse* response) override;
  };

  EchoServer() = default;

  HealthEcho service_;
  metrics::Registry registry_;  // the metrics interceptor's, when asked for
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace fazhi::grpc_overhead

#endif  // FAZHI_TOOLS_GRPC_OVERHEAD_ECHO_SERVER_H_
