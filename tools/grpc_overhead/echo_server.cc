#include "tools/grpc_overhead/echo_server.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "common/server/decode_error_interceptor.h"
#include "common/server/rpc_log_interceptor.h"
#include "common/server/rpc_metrics_interceptor.h"

namespace fazhi::grpc_overhead {
namespace {

using InterceptorFactory = std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>;

struct NamedInterceptor {
  std::string_view name;
  std::function<InterceptorFactory(metrics::Registry*)> make;
};

// ServiceRunner's interceptors, in its order.
const std::vector<NamedInterceptor>& Interceptors() {
  static const auto* interceptors = new std::vector<NamedInterceptor>{
      {"decode",
       [](metrics::Registry*) -> InterceptorFactory {
         return std::make_unique<DecodeErrorInterceptorFactory>();
       }},
      {"log",
       [](metrics::Registry*) -> InterceptorFactory {
         return std::make_unique<RpcLogInterceptorFactory>();
       }},
      {"metrics", [](metrics::Registry* registry) -> InterceptorFactory {
         return std::make_unique<RpcMetricsInterceptorFactory>(registry);
       }}};
  return *interceptors;
}

absl::StatusOr<std::vector<InterceptorFactory>> MakeInterceptors(
    const std::vector<std::string>& names, metrics::Registry* registry) {
  std::vector<InterceptorFactory> factories;
  for (const std::string& name : names) {
    const NamedInterceptor* found = nullptr;
    for (const NamedInterceptor& interceptor : Interceptors()) {
      if (interceptor.name == name) found = &interceptor;
    }
    if (found == nullptr)
      return absl::InvalidArgumentError(absl::StrCat("unknown interceptor: ", name));
    factories.push_back(found->make(registry));
  }
  return factories;
}

}  // namespace

std::vector<std::string> EchoInterceptorNames() {
  std::vector<std::string> names;
  for (const NamedInterceptor& interceptor : Interceptors()) names.emplace_back(interceptor.name);
  return names;
}

grpc::Status EchoServer::HealthEcho::Check(grpc::ServerContext* /*context*/,
                                           const grpc::health::v1::HealthCheckRequest* /*request*/,
                                           grpc::health::v1::HealthCheckResponse* response) {
  response->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
  return grpc::Status::OK;
}

absl::StatusOr<std::unique_ptr<EchoServer>> EchoServer::Start(const EchoOptions& options) {
  std::unique_ptr<EchoServer> echo(new EchoServer());
  absl::StatusOr<std::vector<InterceptorFactory>> interceptors =
      MakeInterceptors(options.interceptors, &echo->registry_);
  if (!interceptors.ok()) return interceptors.status();
  grpc::ServerBuilder builder;
  if (!interceptors->empty())
    builder.experimental().SetInterceptorCreators(std::move(*interceptors));
  if (options.max_pollers > 0) {
    builder.SetSyncServerOption(grpc::ServerBuilder::MAX_POLLERS, options.max_pollers);
  }
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
