// fazhi-grpc-overhead: a bare gRPC echo server in this process and the three real services (as
// processes, with bearer-token auth and metrics on, against --db) called with the same client
// concurrency; prints calls/s, p50/p99 and the ratio to the echo for each (see grpc_overhead.h).
//
//   fazhi-grpc-overhead --db=postgresql://postgres@127.0.0.1:56700/overhead --clients=16
//
// Flags: --db=URL (required: migrated, nothing written), --clients=N (16), --seconds=S per run
// (3), --rounds=R (3; the probes take turns each round so drift on a shared machine hits all
// alike), --log-level=L (the services' FAZHI_LOG_LEVEL, info as deployed), --bin-dir=DIR (where
// the service binaries are; default: next to this binary), --echo-interceptors=decode,log,metrics
// (give the echo ServiceRunner's interceptors; "log" writes a line per call on stderr),
// --echo-pollers=N (the echo's sync MAX_POLLERS, as ServiceRunner sets it). Exits 1 when a call
// gets an unexpected status; a missed target is reported, not an error.
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/compat/string_view.h"
#include "tests/testing/service_process.h"
#include "tools/grpc_overhead/echo_server.h"
#include "tools/grpc_overhead/grpc_overhead.h"

namespace fazhi::grpc_overhead {
namespace {

struct Flags {
  std::string db;
  RateOptions rate;
  int rounds = 3;
  std::string log_level = "info";
  std::string bin_dir;
  EchoOptions echo;
};

bool ParsePositive(std::string_view text, int* out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size() && *out > 0;
}

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    size_t equals = arg.find('=');
    std::string_view name = arg.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? "" : arg.substr(equals + 1);
    int number = 0;
    bool positive = ParsePositive(value, &number);
    if (name == "--db")
      flags.db = value;
    else if (name == "--log-level" && !value.empty())
      flags.log_level = value;
    else if (name == "--bin-dir" && !value.empty())
      flags.bin_dir = value;
    else if (name == "--clients" && positive)
      flags.rate.clients = number;
    else if (name == "--seconds" && positive)
      flags.rate.duration = absl::Seconds(number);
    else if (name == "--rounds" && positive)
      flags.rounds = number;
    else if (name == "--echo-pollers" && positive)
      flags.echo.max_pollers = number;
    else if (name == "--echo-interceptors" && !value.empty()) {
      flags.echo.interceptors = absl::StrSplit(Absl(value), ',', absl::SkipEmpty());
    } else
      return absl::InvalidArgumentError(absl::StrCat("bad flag: ", std::string(arg)));
  }
  if (flags.db.empty()) return absl::InvalidArgumentError("--db=URL is required");
  if (flags.bin_dir.empty()) {
    flags.bin_dir = std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
  }
  return flags;
}

// A fresh admin token per run: the services check it like any caller's.
std::string RandomToken() {
  std::random_device random;
  std::string token = "bench-";
  for (int i = 0; i < 4; ++i) absl::StrAppendFormat(&token, "%08x", random());
  return token;
}

testing::Environment ServiceEnvironment(const Flags& flags) {
  std::string token = RandomToken();
  return {{"FAZHI_TOKENS", absl::StrCat("admin ", token)},
          {"FAZHI_TOKEN", token},
          {"FAZHI_SERVICE_TOKEN", token},
          {"FAZHI_LOG_LEVEL", flags.log_level},
          {"FAZHI_INGESTION_METRICS_ADDR", absl::StrCat("127.0.0.1:", testing::FreePort())},
          {"FAZHI_EXTRACTION_METRICS_ADDR", absl::StrCat("127.0.0.1:", testing::FreePort())},
          {"FAZHI_QUERY_METRICS_ADDR", absl::StrCat("127.0.0.1:", testing::FreePort())}};
}

std::string AddressOf(const testing::ServiceSuite& suite, std::string_view target) {
  if (target == "ingestion") return suite.ingestion_addr;
  if (target == "extraction") return suite.extraction_addr;
  return suite.query_addr;
}

int Fail(const absl::Status& status) {
  std::cerr << "fazhi-grpc-overhead: " << status.message() << "\n";
  return 1;
}

int Main(int argc, char** argv) {
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) return Fail(flags.status());
  setenv("FAZHI_BIN_DIR", flags->bin_dir.c_str(), 1);  // where ServiceSuite finds the binaries

  absl::StatusOr<std::unique_ptr<EchoServer>> echo = EchoServer::Start(flags->echo);
  if (!echo.ok()) return Fail(echo.status());
  testing::ServiceSuite suite(flags->db, ServiceEnvironment(*flags));
  if (absl::Status started = suite.StartAll(); !started.ok()) return Fail(started);

  std::vector<ProbeResult> results(1);
  results[0].probe = EchoProbe();
  if (!flags->echo.interceptors.empty() || flags->echo.max_pollers > 0) {
    results[0].probe.why = absl::StrCat(
        "grpc::Server, sync handler, interceptors: ",
        flags->echo.interceptors.empty() ? "none" : absl::StrJoin(flags->echo.interceptors, ","),
        ", max pollers: ",
        flags->echo.max_pollers > 0 ? absl::StrCat(flags->echo.max_pollers) : "default");
  }
  for (Probe& probe : ServiceProbes()) results.emplace_back().probe = std::move(probe);
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (const ProbeResult& result : results) {
    channels.push_back(
        result.probe.target == "echo"
            ? grpc::CreateChannel((*echo)->address(), grpc::InsecureChannelCredentials())
            : suite.Channel(AddressOf(suite, result.probe.target)));
  }
  std::cout << absl::StrFormat(
      "gRPC overhead: %d client threads, %d rounds of %d s per call, services at log level %s with "
      "bearer-token auth and metrics on\n",
      flags->rate.clients, flags->rounds, absl::ToInt64Seconds(flags->rate.duration),
      flags->log_level);
  for (int round = 0; round < flags->rounds; ++round) {
    for (size_t i = 0; i < results.size(); ++i) {
      results[i].rate.Add(MeasureCallRate(channels[i], results[i].probe, flags->rate));
    }
    std::cout << "round " << round + 1 << ": echo "
              << static_cast<int64_t>(results.front().rate.PerSecond()) << " calls/s so far\n";
  }
  std::cout << "\n" << FormatTable(results);
  for (const ProbeResult& result : results)
    std::cout << "  " << result.probe.target << " " << result.probe.method << ": "
              << result.probe.why << "\n";
  std::cout << (AllMeetTarget(results) ? "PASS: every service within 1.5x of the echo\n"
                                       : "MISSED: see the table\n");

  bool unexpected = false;
  for (const ProbeResult& result : results) unexpected |= result.rate.unexpected > 0;
  for (auto* process : {suite.ingestion.get(), suite.extraction.get(), suite.query.get()}) {
    process->Stop();
    if (!unexpected) std::filesystem::remove(process->log_path());
  }
  return unexpected ? 1 : 0;
}

}  // namespace
}  // namespace fazhi::grpc_overhead

int main(int argc, char** argv) { return fazhi::grpc_overhead::Main(argc, argv); }
