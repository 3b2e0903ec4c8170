// The real fazhi-query binary as a child process for the benchmark: started on a free loopback
// port (and its metrics on another) against a database, ready once grpc.health.v1 says SERVING,
// stopped with SIGTERM.
//
//   QueryProcess query(bin_dir + "/fazhi-query", database_url, data_dir);
//   absl::Status started = query.Start();
//   auto stub = v1::QueryService::NewStub(query.Channel());
#ifndef FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_PROCESS_H_
#define FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_PROCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/status.h"

namespace fazhi::query_benchmark {

class QueryProcess final {
 public:
  QueryProcess(std::string binary, std::string database_url, std::string data_dir);
  ~QueryProcess();
  QueryProcess(const QueryProcess&) = delete;
  QueryProcess& operator=(const QueryProcess&) = delete;

  // Spawns the binary (its log goes to log_path()) and waits for SERVING: it reads the whole
  // archive into its search index first, so up to 30 minutes while the process lives.
  absl::Status Start();
  void Stop();

  // The process's resident memory now and at its peak, in bytes (VmRSS, VmHWM of
  // /proc/PID/status); zeros when it is not running.
  struct Memory {
    int64_t resident_bytes = 0;
    int64_t peak_resident_bytes = 0;
  };
  Memory ReadMemory() const;

  std::shared_ptr<grpc::Channel> Channel() const;
  const std::string& address() const { return address_; }
  const std::string& metrics_address() const { return metrics_address_; }
  const std::string& log_path() const { return log_path_; }

 private:
  std::string binary_;
  std::string database_url_;
  std::string data_dir_;
  std::string address_;
  std::string metrics_address_;  // its Prometheus endpoint, for the search stages
  std::string log_path_;
  pid_t pid_ = -1;
};

}  // namespace fazhi::query_benchmark

#endif  // FAZHI_TOOLS_QUERY_BENCHMARK_QUERY_PROCESS_H_
