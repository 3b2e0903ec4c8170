#include "common/server/service_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/logging/logging.h"
#include "common/metrics/metrics_server.h"
#include "common/reflection/reflection_v1_service.h"
#include "common/server/decode_error_interceptor.h"
#include "common/server/rpc_log_interceptor.h"
#include "common/server/rpc_metrics_interceptor.h"

namespace fazhi {
namespace {

sigset_t ShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

// gRPC's sync server runs each call on a thread from the quota and keeps one thread polling;
// when that last thread finds a call and no thread is left, gRPC refuses the call with
// RESOURCE_EXHAUSTED instead of queueing it. So `max_inflight` handlers need one thread more.
// Health checks are served by gRPC's callback API, outside this pool.
//
// gRPC also keeps at most MAX_POLLERS (default 2) idle threads: with more calls at once, a thread
// that finishes a call exits and the next call starts a new one (perf showed pthread_create,
// stack munmap and the wake-ups dominating a cheap call). So as many threads as may handle calls
// at once are kept, each serving call after call; the quota still caps them.
void SizeHandlerThreads(int max_inflight, grpc::ServerBuilder* builder) {
  constexpr int kKeptWithoutLimit = 64;  // with no limit, as many as FAZHI_MAX_INFLIGHT's default
  const int threads = (max_inflight > 0 ? max_inflight : kKeptWithoutLimit) + 1;
  builder->SetSyncServerOption(grpc::ServerBuilder::MAX_POLLERS, threads);
  if (max_inflight <= 0) return;
  grpc::ResourceQuota quota("fazhi-inflight");
  quota.SetMaxThreads(threads);
  builder->SetResourceQuota(quota);
}

// Metrics are an aid: a busy metrics port is logged, and the service serves without them.
std::unique_ptr<metrics::MetricsServer> StartMetricsServer(const std::string& address) {
  if (address.empty()) return nullptr;
  auto server = metrics::MetricsServer::Start(address, &metrics::Registry::Default());
  if (!server.ok()) {
    LogEvent(spdlog::level::err, "metrics_unavailable",
             {{"error", std::string(server.status().message())}});
    return nullptr;
  }
  LogEvent(spdlog::level::info, "metrics_serving", {{"address", address}});
  return std::move(*server);
}

}  // namespace

absl::StatusOr<ServiceRunnerOptions> RunnerOptionsFromSettings(const Settings& settings,
                                                               std::string service_name,
                                                               const Setting& listen_address,
                                                               const Setting& metrics_address) {
  absl::StatusOr<int64_t> grace_ms = settings.GetInt(kShutdownGraceMs);
  absl::StatusOr<int64_t> drain_ms = settings.GetInt(kDrainPauseMs);
  absl::StatusOr<int64_t> max_inflight = settings.GetInt(kMaxInflight);
  for (const auto* value : {&grace_ms, &drain_ms, &max_inflight}) {
    if (!value->ok()) return value->status();
  }
  absl::StatusOr<security::ServerSecurity> security =
      security::ServerSecurityFromSettings(settings);
  if (!security.ok()) return security.status();
  return ServiceRunnerOptions{.service_name = std::move(service_name),
                              .listen_address = settings.Get(listen_address),
                              .shutdown_grace = absl::Milliseconds(*grace_ms),
                              .drain_pause = absl::Milliseconds(*drain_ms),
                              .metrics_address = settings.Get(metrics_address),
                              .max_inflight = static_cast<int>(*max_inflight),
                              .security = *std::move(security)};
}

void BlockShutdownSignals() {
  sigset_t signals = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int WaitForShutdownSignal() {
  sigset_t signals = ShutdownSignals();
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  return signal_number;
}

absl::Status ServiceRunner::RunUntilSignalled() {
  // Debian's Abseil is built without NDEBUG, so every absl::Mutex lock (gRPC's own included)
  // would record its lock order in a global cycle graph: a few % of a cheap call's CPU.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(
      options_.listen_address,
      security::MakeServerCredentials(options_.security, &metrics::Registry::Default()),
      &bound_port);
  // gRPC sets SO_REUSEPORT by default: a second server on a taken port would bind it too and
  // share its calls. An address in use must fail the start instead.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  for (grpc::Service* service : services_) builder.RegisterService(service);
  ReflectionV1Service reflection_v1;  // v1alpha comes from the plugin above
  builder.RegisterService(&reflection_v1);
  SizeHandlerThreads(options_.max_inflight, &builder);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // First, so that the log and metrics see the status it sets.
  interceptors.push_back(std::make_unique<DecodeErrorInterceptorFactory>());
  interceptors.push_back(std::make_unique<RpcLogInterceptorFactory>());
  interceptors.push_back(
      std::make_unique<RpcMetricsInterceptorFactory>(&metrics::Registry::Default()));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || bound_port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options_.listen_address, " (address in use?)"));
  }
  reflection_v1.SetServer(server.get());
  server->GetHealthCheckService()->SetServingStatus(true);
  security::LogServerSecurity(options_.security);
  LogEvent(spdlog::level::info, "serving", {{"address", options_.listen_address}});
  std::unique_ptr<metrics::MetricsServer> metrics_server =
      StartMetricsServer(options_.metrics_address);

  const int signal_number = WaitForShutdownSignal();
  LogEvent(spdlog::level::info, "draining",
           {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});

  // Load balancers stop sending calls once health says NOT_SERVING: it says so for the drain
  // pause while calls are still served, then new calls are refused and in-flight ones get the
  // grace period before they are cancelled.
  server->GetHealthCheckService()->SetServingStatus(false);
  if (on_drain_) on_drain_();
  absl::SleepFor(options_.drain_pause);
  server->Shutdown(std::chrono::system_clock::now() +
                   absl::ToChronoMilliseconds(options_.shutdown_grace));
  if (on_shutdown_) on_shutdown_();
  server->Wait();
  LogEvent(spdlog::level::info, "stopped", {});
  return absl::OkStatus();
}

}  // namespace fazhi
