// fazhi-load-test: loads running services on this machine for a fixed time and checks that no
// acknowledged document was lost (see load_test.h). Exit 0 only with zero errors and losses.
//
//   fazhi-load-test --duration=60 --streams=4 --clients=4   # addresses from FAZHI_*_ADDR
//   fazhi-load-test --service-pids=ingestion=4121,extraction=4127,query=4133  # + peak memory
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "common/compat/string_view.h"
#include "common/config/settings.h"
#include "tools/load_test/load_test.h"
#include "tools/load_test/peak_memory.h"
#include "tools/tool_flags/tool_flags.h"

namespace fazhi::load_test {
namespace {

constexpr std::string_view kUsage =
    "fazhi-load-test [--duration=SECONDS (60)] [--streams=N (4)] [--clients=M (4)] [--seed=S (1)]\n"
    "                [--verify-timeout=SECONDS (120)] [--ingestion-addr=A] [--query-addr=A]\n"
    "                [--service-pids=NAME=PID,...]\n"
    "Ingests generated reports over N streams while M clients search, list and count facets,\n"
    "prints throughput and p50/p99 latency per operation, then checks every acknowledged report\n"
    "is present and extracted. Loopback addresses only. With --service-pids, ends with each\n"
    "service's peak resident memory (VmHWM).\n";

constexpr std::string_view kServicePidsFlag = "--service-pids=";

int Main(int argc, char** argv) {
  // Settings (--ingestion-addr, --query-addr, FAZHI_*) first; our flags come back in `rest`.
  Settings settings = Settings::FromEnvironment();
  std::vector<std::string> rest;
  if (absl::Status parsed = settings.ApplyCommandLine(argc, argv, &rest); !parsed.ok()) {
    std::cerr << parsed.message() << "\n" << kUsage;
    return 2;
  }
  int64_t duration = 60, streams = 4, clients = 4, seed = 1, verify_timeout = 120;
  std::vector<ServicePid> services;
  for (size_t i = 1; i < rest.size(); ++i) {
    std::string_view arg = rest[i];
    if (arg == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (arg.rfind(kServicePidsFlag, 0) == 0) {
      absl::StatusOr<std::vector<ServicePid>> pids =
          ParseServicePids(arg.substr(kServicePidsFlag.size()));
      if (!pids.ok()) {
        std::cerr << pids.status().message() << "\n" << kUsage;
        return 2;
      }
      services = *std::move(pids);
      continue;
    }
    bool bad = false;
    bool known = tools::ParseIntFlag(arg, "duration", &duration, &bad) ||
                 tools::ParseIntFlag(arg, "streams", &streams, &bad) ||
                 tools::ParseIntFlag(arg, "clients", &clients, &bad) ||
                 tools::ParseIntFlag(arg, "seed", &seed, &bad) ||
                 tools::ParseIntFlag(arg, "verify-timeout", &verify_timeout, &bad);
    if (!known || bad) {
      std::cerr << (bad ? "bad value in '" : "unknown argument '") << arg << "'\n" << kUsage;
      return 2;
    }
  }
  LoadTestOptions options;
  options.ingestion_addr = settings.Get(kIngestionAddr);
  options.query_addr = settings.Get(kQueryAddr);
  options.duration = absl::Seconds(duration);
  options.streams = static_cast<int>(streams);
  options.query_clients = static_cast<int>(clients);
  options.seed = static_cast<uint64_t>(seed);
  options.verify_timeout = absl::Seconds(verify_timeout);

  absl::StatusOr<LoadTestResult> result = RunLoadTest(options);
  if (!result.ok()) {
    std::cerr << result.status().message() << "\n";
    return 2;
  }
  std::cout << FormatResult(*result);
  if (!services.empty()) std::cout << FormatPeakMemory(services);
  bool clean = result->errors() == 0 && result->lost() == 0 && result->not_extracted() == 0;
  std::cout << (clean ? "PASS: no errors, no losses\n" : "FAIL: errors or losses\n");
  return clean ? 0 : 1;
}

}  // namespace
}  // namespace fazhi::load_test

int main(int argc, char** argv) { return fazhi::load_test::Main(argc, argv); }
