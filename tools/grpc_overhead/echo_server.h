// A bare gRPC echo server, the baseline of fazhi-grpc-overhead: a grpc::Server with gRPC's
// defaults (sync API, plaintext, no interceptors, no auth, no metrics, no health or reflection
// plugins) serving one trivial method, grpc.health.v1.Health/Check, that answers SERVING from a
// handler of its own. It runs in the measuring process, on a free loopback port.
//
//   absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start();
//   auto channel = grpc::CreateChannel((*echo)->address(), grpc::InsecureChannelCredentials());
//   // call "/grpc.health.v1.Health/Check" on it; the server stops when `echo` is destroyed
#ifndef FAZHI_TOOLS_GRPC_OVERHEAD_ECHO_SERVER_H_
#define FAZHI_TOOLS_GRPC_OVERHEAD_ECHO_SERVER_H_

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi::grpc_overhead {

class EchoServer final {
 public:
  // UNAVAILABLE when no loopback port could be bound.
  static absl::StatusOr<std::unique_ptr<EchoServer>> Start();
  ~EchoServer();

  const std::string& address() const { return address_; }

 private:
  // Answers every Check with SERVING: the least a handler can do.
  class HealthEcho final : public grpc::health::v1::Health::Service {
    grpc::Status Check(grpc::ServerContext* context,
                       const grpc::health::v1::HealthCheckRequest* request,
                       grpc::health::v1::HealthCheckResponse* response) override;
  };

  EchoServer() = default;

  HealthEcho service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace fazhi::grpc_overhead

#endif  // FAZHI_TOOLS_GRPC_OVERHEAD_ECHO_SERVER_H_
