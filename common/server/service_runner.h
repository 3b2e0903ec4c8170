// Starts a fazhi gRPC server the same way for every service: grpc.health.v1 and server reflection
// (v1alpha and v1), one structured log line and Prometheus metrics per RPC, overload shedding past
// a limit of calls in flight, optional TLS and bearer-token auth (common/security), and a clean
// stop on SIGTERM/SIGINT (health turns NOT_SERVING, in-flight calls drain within the grace period,
// then the server stops).
//
//   BlockShutdownSignals();  // first thing in main(), before any thread starts
//   ServiceRunner runner({.service_name = "query", .listen_address = "127.0.0.1:50053"});
//   runner.AddService(&query_service);
//   return runner.RunUntilSignalled().ok() ? 0 : 1;
#ifndef FAZHI_COMMON_SERVER_SERVICE_RUNNER_H_
#define FAZHI_COMMON_SERVER_SERVICE_RUNNER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/settings.h"
#include "common/security/credentials.h"

namespace fazhi {

struct ServiceRunnerOptions {
  std::string service_name;    // for logs: "ingestion", "extraction", "query"
  std::string listen_address;  // host:port
  absl::Duration shutdown_grace = absl::Seconds(5);
  // After SIGTERM, how long health says NOT_SERVING while calls are still served, so that
  // pollers (load balancers, Kubernetes) see it before any call is refused.
  absl::Duration drain_pause = absl::Seconds(2);
  int max_message_bytes = 64 * 1024 * 1024;
  // host:port of the Prometheus /metrics endpoint (metrics::Registry::Default()); empty = off.
  std::string metrics_address;
  // Calls handled at once; more get RESOURCE_EXHAUSTED at once instead of queueing (a stream
  // holds its slot while open). Health checks are exempt. 0 = no limit.
  int max_inflight = 64;
  // TLS and token checks (security::ServerSecurityFromSettings); default: plaintext, no auth.
  security::ServerSecurity security;
};

// The options every service reads alike from its settings: the listen and metrics addresses
// (the service's own settings), shutdown grace, drain pause, in-flight limit and TLS/tokens.
// INVALID_ARGUMENT names a bad value.
absl::StatusOr<ServiceRunnerOptions> RunnerOptionsFromSettings(const Settings& settings,
                                                               std::string service_name,
                                                               const Setting& listen_address,
                                                               const Setting& metrics_address);

// Blocks SIGTERM and SIGINT in the calling thread (and so in threads it starts later), so that
// RunUntilSignalled can wait for them synchronously.
void BlockShutdownSignals();

// Waits (after BlockShutdownSignals) for SIGTERM or SIGINT and returns which came.
int WaitForShutdownSignal();

class ServiceRunner final {
 public:
  explicit ServiceRunner(ServiceRunnerOptions options) : options_(std::move(options)) {}

  void AddService(grpc::Service* service) { services_.push_back(service); }
  // May be changed until RunUntilSignalled.
  ServiceRunnerOptions& options() { return options_; }

  // Called when the drain begins (health turns NOT_SERVING), e.g. to end open streams at their
  // next answer with UNAVAILABLE rather than have them cut off when the grace period ends.
  void OnDrain(std::function<void()> callback) { on_drain_ = std::move(callback); }
  // Called after the server stopped accepting calls (e.g. to stop background workers).
  void OnShutdown(std::function<void()> callback) { on_shutdown_ = std::move(callback); }

  // Starts serving, waits for SIGTERM or SIGINT, then drains and stops.
  absl::Status RunUntilSignalled();

 private:
  ServiceRunnerOptions options_;
  std::vector<grpc::Service*> services_;
  std::function<void()> on_drain_;
  std::function<void()> on_shutdown_;
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_SERVICE_RUNNER_H_
