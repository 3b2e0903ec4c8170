#include "common/server/service_runner.h"

#include <signal.h>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include "absl/strings/str_cat.h"
#include "common/logging/logging.h"
#include "common/server/rpc_log_interceptor.h"

namespace fazhi {
namespace {

sigset_t ShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

void BlockShutdownSignals() {
  sigset_t signals = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

absl::Status ServiceRunner::RunUntilSignalled() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(options_.listen_address, grpc::InsecureServerCredentials(), &bound_port);
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  for (grpc::Service* service : services_) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<RpcLogInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || bound_port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options_.listen_address, " (address in use?)"));
  }
  server->GetHealthCheckService()->SetServingStatus(true);
  LogEvent(spdlog::level::info, "serving", {{"address", options_.listen_address}});

  sigset_t signals = ShutdownSignals();
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  LogEvent(spdlog::level::info, "draining",
           {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});

  // Load balancers stop sending calls once health says NOT_SERVING; in-flight calls get the
  // grace period, then are cancelled.
  server->GetHealthCheckService()->SetServingStatus(false);
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoMilliseconds(options_.shutdown_grace));
  if (on_shutdown_) on_shutdown_();
  server->Wait();
  LogEvent(spdlog::level::info, "stopped", {});
  return absl::OkStatus();
}

}  // namespace fazhi
