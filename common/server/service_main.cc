#include "common/server/service_main.h"

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <libpq-fe.h>
#include <malloc.h>
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/database_login.h"
#include "common/logging/logging.h"
#include "common/metrics/registry.h"

namespace fazhi {
namespace {

constexpr std::string_view kWaitingMessage = "waiting for the database; retry later";

// Sleeps for `pause` unless SIGTERM or SIGINT (blocked, see BlockShutdownSignals) comes first;
// returns whether one came.
bool ShutdownSignalledWithin(absl::Duration pause) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  timespec timeout = absl::ToTimespec(pause);
  return sigtimedwait(&signals, nullptr, &timeout) > 0;
}

// Answers every call UNAVAILABLE: the API while the service waits for its database.
class UnavailableReactor final : public grpc::ServerGenericBidiReactor {
 public:
  UnavailableReactor() {
    Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, std::string(kWaitingMessage)));
  }
  void OnDone() override { delete this; }
};

class UnavailableService final : public grpc::CallbackGenericService {
 public:
  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext*) override {
    return new UnavailableReactor();
  }
};

// The service's address while it waits for the database: health NOT_SERVING, every other call
// UNAVAILABLE. Stopped (the port freed) before the real server starts on it.
class WaitingServer final {
 public:
  static std::unique_ptr<WaitingServer> Start(const ServiceRunnerOptions& options) {
    auto waiting = std::unique_ptr<WaitingServer>(new WaitingServer());
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    int bound_port = 0;
    builder.AddListeningPort(
        options.listen_address,
        security::MakeServerCredentials(options.security, &metrics::Registry::Default()),
        &bound_port);
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.RegisterCallbackGenericService(&waiting->service_);
    waiting->server_ = builder.BuildAndStart();
    if (waiting->server_ == nullptr || bound_port == 0)
      return nullptr;  // the real start reports it
    waiting->server_->GetHealthCheckService()->SetServingStatus(false);
    LogEvent(spdlog::level::info, "not_serving_until_database",
             {{"address", options.listen_address}});
    return waiting;
  }
  ~WaitingServer() {
    if (server_ == nullptr) return;
    server_->Shutdown(std::chrono::system_clock::now());
    server_->Wait();
  }

 private:
  WaitingServer() = default;
  UnavailableService service_;
  std::unique_ptr<grpc::Server> server_;
};

absl::Status TryConnect(const std::string& url) {
  try {
    pqxx::connection connection(url);
    return absl::OkStatus();
  } catch (const std::exception& error) {
    return absl::UnavailableError(error.what());
  }
}

// The first line of a libpq error (the rest repeats it per address tried).
std::string FirstLine(std::string_view message) {
  return std::string(message.substr(0, message.find('\n')));
}

absl::StatusOr<DatabaseWaitOptions> WaitOptionsFromSettings(const Settings& settings) {
  absl::StatusOr<int64_t> seconds = settings.GetInt(kDatabaseWaitSeconds);
  if (!seconds.ok()) return seconds.status();
  if (*seconds < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(kDatabaseWaitSeconds.env), " must not be negative"));
  }
  DatabaseWaitOptions options;
  if (*seconds > 0) options.limit = absl::Seconds(*seconds);
  return options;
}

// The command line: settings flags, --help and the service's one-shot flag. Returns the exit
// code when the process should end now (help or a bad argument).
std::optional<int> ParseCommandLine(int argc, char** argv, const ServiceDefinition& definition,
                                    Settings* settings, bool* one_shot) {
  std::vector<std::string> rest;
  if (absl::Status parsed = settings->ApplyCommandLine(argc, argv, &rest); !parsed.ok()) {
    std::cerr << parsed.message() << "\n";
    return 2;
  }
  for (size_t i = 1; i < rest.size(); ++i) {
    if (rest[i] == "--help") {
      std::string flag =
          definition.one_shot_flag.empty() ? "" : absl::StrCat(" [", definition.one_shot_flag, "]");
      std::cout << "fazhi-" << definition.name << flag << ": " << definition.description << "\n"
                << definition.one_shot_help << (definition.one_shot_help.empty() ? "" : "\n")
                << "\n"
                << Settings::HelpText();
      return 0;
    }
    if (definition.one_shot_flag.empty() || rest[i] != definition.one_shot_flag) {
      std::cerr << "unknown argument '" << rest[i] << "'; see --help\n";
      return 2;
    }
    *one_shot = true;
  }
  return std::nullopt;
}

// Waits for the database; while it does, a server on the service's address says NOT_SERVING
// (not for one-shot commands, which serve nothing).
absl::Status AwaitDatabase(const std::string& url, const Settings& settings,
                           const ServiceRunnerOptions* serve_meanwhile) {
  absl::StatusOr<DatabaseWaitOptions> options = WaitOptionsFromSettings(settings);
  if (!options.ok()) return options.status();
  if (TryConnect(url).ok()) return absl::OkStatus();
  std::unique_ptr<WaitingServer> waiting;
  if (serve_meanwhile != nullptr) waiting = WaitingServer::Start(*serve_meanwhile);
  return WaitForDatabase(url, *options);
}

// Whole texts, originals and HTML trees are buffers of megabytes, made and freed by whichever
// gRPC thread serves the call. glibc's dynamic mmap threshold rises to the largest buffer freed,
// after which such buffers come from per-thread arenas that keep the memory once freed: the
// service's resident size grew with every thread that had served a large call. A fixed threshold
// (which turns the dynamic one off) keeps every buffer of 1 MiB or more in its own mapping,
// returned to the system when freed.
void ReturnLargeBuffersToTheSystem() { mallopt(M_MMAP_THRESHOLD, 1 << 20); }

}  // namespace

int StartupFailed(const absl::Status& status) {
  LogEvent(spdlog::level::critical, "startup_failed", {{"error", std::string(status.message())}});
  return 1;
}

std::string DatabaseForLogs(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return "(unparsable database URL)";
  }
  std::string user, host, port, database;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr) continue;
    std::string_view keyword = option->keyword;
    if (keyword == "user") user = option->val;
    if (keyword == "host") host = option->val;
    if (keyword == "port") port = option->val;
    if (keyword == "dbname") database = option->val;
  }
  PQconninfoFree(options);
  return absl::StrCat(user, user.empty() ? "" : "@", host.empty() ? "localhost" : host,
                      port.empty() ? "" : ":", port, "/", database);
}

absl::Status WaitForDatabase(const std::string& url, const DatabaseWaitOptions& options) {
  const absl::Time give_up = absl::Now() + options.limit;
  const std::string database = DatabaseForLogs(url);
  absl::Duration pause = options.first_pause;
  for (int attempt = 1;; ++attempt) {
    absl::Status connected = TryConnect(url);
    if (connected.ok()) {
      if (attempt > 1)
        LogEvent(spdlog::level::info, "database_reachable", {{"database", database}});
      return absl::OkStatus();
    }
    const std::string error = FirstLine(std::string(connected.message()));
    if (absl::Now() + pause > give_up) {
      return absl::UnavailableError(absl::StrCat("database ", database, " unreachable for ",
                                                 absl::FormatDuration(options.limit), ": ", error));
    }
    LogEvent(spdlog::level::warn, "waiting_for_database",
             {{"database", database},
              {"attempt", std::to_string(attempt)},
              {"error", error},
              {"retry_in", absl::FormatDuration(pause)}});
    if (ShutdownSignalledWithin(pause))
      return absl::CancelledError("stopped while waiting for the database");
    pause = std::min(pause * 2, options.max_pause);
  }
}

int ServiceMain(int argc, char** argv, const ServiceDefinition& definition) {
  BlockShutdownSignals();
  ReturnLargeBuffersToTheSystem();
  Settings settings = Settings::FromEnvironment();
  bool one_shot = false;
  if (std::optional<int> exit_code =
          ParseCommandLine(argc, argv, definition, &settings, &one_shot)) {
    return *exit_code;
  }
  InitLogging(definition.name, settings.Get(kLogLevel));
  absl::StatusOr<ServiceRunnerOptions> runner_options = RunnerOptionsFromSettings(
      settings, definition.name, definition.listen_address, definition.metrics_address);
  if (!runner_options.ok()) return StartupFailed(runner_options.status());
  if (absl::Status login = db::UseDatabaseLogin(settings, "fazhi-" + definition.name);
      !login.ok()) {
    return StartupFailed(login);
  }
  std::string url =
      definition.database_url ? definition.database_url(settings) : settings.Get(kDatabaseUrl);
  absl::Status reachable = AwaitDatabase(url, settings, one_shot ? nullptr : &*runner_options);
  if (absl::IsCancelled(reachable)) {
    LogEvent(spdlog::level::info, "stopped", {{"reason", std::string(reachable.message())}});
    return 0;
  }
  if (!reachable.ok()) return StartupFailed(reachable);

  ServiceStart start{.settings = settings, .database_url = url};
  if (one_shot) return definition.one_shot(start);
  ServiceRunner runner(*std::move(runner_options));
  start.runner = &runner;
  absl::StatusOr<std::unique_ptr<ServiceParts>> parts = definition.build(start);
  if (!parts.ok()) return StartupFailed(parts.status());
  absl::Status run = runner.RunUntilSignalled();
  if (!run.ok()) return StartupFailed(run);
  return 0;
}

}  // namespace fazhi
