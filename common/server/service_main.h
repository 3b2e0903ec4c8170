// The main() of every fazhi service: settings from the environment and `--name=value` flags,
// `--help`, logging, the database login, waiting for PostgreSQL, then the service's own parts
// served by a ServiceRunner until SIGTERM. A service says only what differs:
//
//   int main(int argc, char** argv) {
//     return fazhi::ServiceMain(argc, argv, {
//         .name = "query", .description = "answers lookups, lists and searches over the archive",
//         .listen_address = kQueryAddr, .metrics_address = kQueryMetricsAddr,
//         .build = [](ServiceStart& start) -> absl::StatusOr<std::unique_ptr<ServiceParts>> {
//           ...  // pools from start.database_url, the gRPC service; start.runner->AddService(...)
//         }});
//   }
//
// Started while PostgreSQL is unreachable, a service waits for it: it tries to connect every
// 0.2 s, the pause doubling up to 5 s, logging `waiting_for_database` per attempt (the database
// named without its password). Meanwhile it listens on its address with grpc.health.v1 saying
// NOT_SERVING and answers every API call UNAVAILABLE ("waiting for the database"), so that
// clients retry and orchestrators see a live but unready process. FAZHI_DATABASE_WAIT_SECONDS
// bounds the wait (0, the default: no limit); past it the service exits with `startup_failed`.
// SIGTERM during the wait ends the process at once (exit 0).
#ifndef FAZHI_COMMON_SERVER_SERVICE_MAIN_H_
#define FAZHI_COMMON_SERVER_SERVICE_MAIN_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/config/settings.h"
#include "common/server/service_runner.h"

namespace fazhi {

// What a service built once its database answered (pools, stores, gRPC services); it lives
// until the runner has stopped. Services derive a struct of their parts from it.
class ServiceParts {
 public:
  virtual ~ServiceParts() = default;
};

// What a service's build step gets.
struct ServiceStart {
  const Settings& settings;
  std::string database_url;  // the URL waited for (ServiceDefinition::database_url)
  // AddService, OnDrain, OnShutdown, options() (e.g. a larger max_message_bytes); null for a
  // one-shot command.
  ServiceRunner* runner = nullptr;
};

struct ServiceDefinition {
  std::string name;         // "query": logs, and the database login "fazhi-query"
  std::string description;  // the first line of --help
  const Setting& listen_address;
  const Setting& metrics_address;
  // The URL to wait for and build on; default: FAZHI_DATABASE_URL.
  std::function<std::string(const Settings&)> database_url;
  // Once the database answers: builds the service's parts and adds its gRPC services to
  // start.runner. An error ends the start with `startup_failed`.
  std::function<absl::StatusOr<std::unique_ptr<ServiceParts>>(ServiceStart& start)> build;
  // Optionally a command-line word (ingestion's "--migrate-only") that, instead of serving, runs
  // `one_shot` once the database answers (no server is started) and exits with its code.
  std::string one_shot_flag;
  std::string one_shot_help;
  std::function<int(ServiceStart& start)> one_shot;
};

// Runs the service; returns the process's exit code (0 after SIGTERM, 1 when the start failed,
// 2 for a bad command line).
int ServiceMain(int argc, char** argv, const ServiceDefinition& definition);

// Logs `startup_failed` with the error and returns 1 (for one-shot commands).
int StartupFailed(const absl::Status& status);

// How a service waits for its database at start-up.
struct DatabaseWaitOptions {
  absl::Duration first_pause = absl::Milliseconds(200);
  absl::Duration max_pause = absl::Seconds(5);
  absl::Duration limit = absl::InfiniteDuration();  // UNAVAILABLE past it
};

// Connects to `url` until it succeeds, pausing between attempts with exponential backoff and
// logging each failure. CANCELLED when SIGTERM or SIGINT came meanwhile (they must be blocked:
// BlockShutdownSignals); UNAVAILABLE with the last error once `options.limit` passed.
absl::Status WaitForDatabase(const std::string& url, const DatabaseWaitOptions& options);

// `url` as logs may show it: user@host:port/database, without password or options.
std::string DatabaseForLogs(const std::string& url);

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_SERVICE_MAIN_H_
