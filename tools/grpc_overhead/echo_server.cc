#include "tools/grpc_overhead/echo_server.h"

#include "absl/strings/str_cat.h"

namespace fazhi::grpc_overhead {

grpc::Status EchoServer::HealthEcho::Check(grpc::ServerContext* /*context*/,
                                           const grpc::health::v1::HealthCheckRequest* /*request*/,
                                           grpc::health::v1::HealthCheckResponse* response) {
  response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
  return grpc::Status::OK;
}

absl::StatusOr<std::unique_ptr<EchoServer>> EchoServer::Start() {
  std::unique_ptr<EchoServer> echo(new EchoServer());
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&echo->service_);
  echo->server_ = builder.BuildAndStart();
  if (echo->server_ == nullptr || port == 0) {
    return absl::UnavailableError("echo server: cannot listen on a loopback port");
  }
  echo->address_ = absl::StrCat("127.0.0.1:", port);
  return echo;
}

EchoServer::~EchoServer() {
  if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
}

}  // namespace fazhi::grpc_overhead
