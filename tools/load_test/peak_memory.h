// Peak resident memory of running processes, read from Linux's /proc/PID/status (VmHWM: the
// high-water mark of the resident set since the process started), for the load test's report of
// what each service needed under load.
//
//   absl::StatusOr<std::vector<ServicePid>> pids = ParseServicePids("ingestion=4121,query=4133");
//   std::cout << FormatPeakMemory(*pids);
//   // peak resident memory (VmHWM): ingestion 61.2 MB, query 48.0 MB
#ifndef FAZHI_TOOLS_LOAD_TEST_PEAK_MEMORY_H_
#define FAZHI_TOOLS_LOAD_TEST_PEAK_MEMORY_H_

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::load_test {

// The VmHWM line of a /proc/PID/status text, in kB; NOT_FOUND when there is none (a kernel
// thread, or not Linux).
absl::StatusOr<int64_t> ParseVmHwmKb(std::string_view status_text);

// VmHWM of process `pid`; NOT_FOUND when the process is gone.
absl::StatusOr<int64_t> PeakResidentKb(pid_t pid);
// VmRSS (resident now) of process `pid`, for sampling during a run; NOT_FOUND when it is gone.
absl::StatusOr<int64_t> ResidentKb(pid_t pid);

struct ServicePid {
  std::string name;  // "ingestion", "extraction", "query"
  pid_t pid = 0;
};

// "name=pid,name=pid"; INVALID_ARGUMENT naming the bad item.
absl::StatusOr<std::vector<ServicePid>> ParseServicePids(std::string_view text);

// One line: each service's VmHWM in MB, or why it could not be read.
std::string FormatPeakMemory(const std::vector<ServicePid>& services);

// Samples a process's VmRSS every 20 ms on a thread of its own until Stop(), keeping the largest:
// what the memory tests print beside the kernel's VmHWM.
//   RssSampler sampler(pid);  ... the load ...;  int64_t max_kb = sampler.Stop();
class RssSampler final {
 public:
  explicit RssSampler(pid_t pid);
  ~RssSampler() { Stop(); }
  // Stops sampling (once) and returns the largest VmRSS seen, in kB.
  int64_t Stop();

 private:
  std::atomic<bool> running_{true};
  std::atomic<int64_t> max_kb_{0};
  std::thread thread_;
};

}  // namespace fazhi::load_test

#endif  // FAZHI_TOOLS_LOAD_TEST_PEAK_MEMORY_H_
