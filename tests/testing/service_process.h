// Runs the real fazhi binaries for integration tests: the services (and fazhi-web) on free loopback
// ports against a test database, and CLI commands with their output captured.
//
//   TestDatabase database;
//   ServiceSuite suite(database.url());
//   ASSERT_TRUE(suite.StartAll().ok());
//   auto stub = fazhi::v1::QueryService::NewStub(suite.Channel(suite.query_addr));
//   CommandResult result = RunCli(suite, {"search", "调解"});
#ifndef FAZHI_TESTS_TESTING_SERVICE_PROCESS_H_
#define FAZHI_TESTS_TESTING_SERVICE_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace fazhi::testing {

// A free TCP port on 127.0.0.1 (bound and released, so the kernel picked an unused one).
int FreePort();

// build/bin, where the binaries under test are.
std::string BinaryDir();

// The repository's root (tests/data lives there).
std::string SourceDir();

using Environment = std::map<std::string, std::string>;

// One service binary as a child process, its stderr kept in a log file.
class ServiceProcess final {
 public:
  ServiceProcess(std::string binary, std::string health_addr, Environment environment);
  ~ServiceProcess();

  // Starts the process and waits until it reports SERVING on grpc.health.v1.
  absl::Status Start(absl::Duration timeout = absl::Seconds(20));
  // SIGTERM, then waits for the exit; returns the exit code (-1 if it had to be killed).
  int Stop(absl::Duration timeout = absl::Seconds(15));
  // SIGKILL: a crash, no draining.
  void Kill();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  std::string LogTail(size_t bytes = 4000) const;

 private:
  std::string binary_;
  std::string health_addr_;
  Environment environment_;
  std::string log_path_;
  pid_t pid_ = -1;
};

// Whether grpc.health.v1 at `address` answers SERVING; over TLS when `environment` sets
// FAZHI_TLS_CA. An `http://host:port` address is asked GET /healthz instead (fazhi-web).
bool IsServing(const std::string& address, const Environment& environment = {});

// The three services on free ports against one database; migrations applied by StartAll.
class ServiceSuite final {
 public:
  explicit ServiceSuite(std::string database_url, Environment extra = {});

  absl::Status Migrate();
  // Migrates, then starts extraction, query and ingestion.
  absl::Status StartAll();
  // Starts fazhi-web on web_addr (after the query service), serving build/web.
  absl::Status StartWeb();

  // A channel as the suite's clients connect: TLS when the environment sets FAZHI_TLS_CA, and
  // FAZHI_TOKEN (or `token`, when given) as the bearer token.
  std::shared_ptr<grpc::Channel> Channel(const std::string& address) const;
  std::shared_ptr<grpc::Channel> Channel(const std::string& address, std::string token) const;
  // The settings every binary of the suite gets (database, addresses, extras).
  const Environment& environment() const { return environment_; }

  std::string ingestion_addr;
  std::string extraction_addr;
  std::string query_addr;
  std::string web_addr;          // host:port of fazhi-web's HTTP server
  std::string web_metrics_addr;  // host:port of its /metrics
  std::unique_ptr<ServiceProcess> ingestion;
  std::unique_ptr<ServiceProcess> extraction;
  std::unique_ptr<ServiceProcess> query;
  std::unique_ptr<ServiceProcess> web;

 private:
  Environment environment_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs build/bin/<binary> with `args` and the given environment added; waits for it.
CommandResult RunBinary(const std::string& binary, const std::vector<std::string>& args,
                        const Environment& environment = {});

// Runs the `fazhi` CLI configured for the suite.
CommandResult RunCli(const ServiceSuite& suite, const std::vector<std::string>& args);

}  // namespace fazhi::testing

#endif  // FAZHI_TESTS_TESTING_SERVICE_PROCESS_H_
