// What fazhi's server stack costs per call: the same N client threads call, for the same time,
// a bare gRPC echo server (echo_server.h) and then the cheapest real call of each service, one
// that passes through everything every call pays for (the auth metadata processor, the RPC log
// and metrics interceptors, the in-flight limit, status mapping) but touches no PostgreSQL. The
// ratio of call rates is the overhead; issue 6 asks for each service within 1.5x of the echo.
//
//   RateOptions options{.clients = 16, .duration = absl::Seconds(3)};
//   CallRate echo = MeasureCallRate(echo_channel, EchoProbe(), options);
//   for (const Probe& probe : ServiceProbes()) {
//     CallRate rate = MeasureCallRate(ChannelFor(probe.target), probe, options);
//     // rate.PerSecond() / echo.PerSecond() >= kTargetRatio
//   }
#ifndef FAZHI_TOOLS_GRPC_OVERHEAD_GRPC_OVERHEAD_H_
#define FAZHI_TOOLS_GRPC_OVERHEAD_GRPC_OVERHEAD_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"

namespace fazhi::grpc_overhead {

// Issue 6: a service's trivial call at no less than 1/1.5 of the echo server's rate.
inline constexpr double kTargetRatio = 1 / 1.5;

// One kind of call: where it goes, what it sends, the status it must get back.
struct Probe {
  std::string target;   // "echo", "ingestion", "extraction", "query"
  std::string method;   // "/package.Service/Method"
  std::string request;  // the serialized request message
  grpc::StatusCode expected = grpc::StatusCode::OK;
  std::string why;  // what the call exercises, for the report
};

// The bare server's call: grpc.health.v1.Health/Check.
Probe EchoProbe();

// Per service: grpc.health.v1 Check (served by ServiceRunner through the whole interceptor
// chain) and one method of the service's own API rejected by its validation before any
// database work; for extraction also ExtractText of one line, an API call answered OK.
std::vector<Probe> ServiceProbes();

struct RateOptions {
  int clients = 16;                                 // threads, each with one call outstanding
  absl::Duration duration = absl::Seconds(3);       // measured
  absl::Duration warmup = absl::Milliseconds(500);  // called but not counted (connections, caches)
  absl::Duration deadline = absl::Seconds(10);      // per call
};

// Calls made by the measured part of one or more runs.
struct CallRate {
  int64_t calls = 0;
  int64_t unexpected = 0;        // answers with a status other than the probe's `expected`
  std::string first_unexpected;  // "UNAVAILABLE: ..." of the first, for the report
  double seconds = 0;
  std::vector<double> latencies_ms;  // per counted call

  double PerSecond() const { return seconds > 0 ? calls / seconds : 0; }
  // Adds another run of the same probe (rounds alternate between probes to share the drift).
  void Add(const CallRate& other);
};

// Calls `probe` from `options.clients` threads over `channel` (one HTTP/2 connection shared by
// all, as one client process would) for warmup + duration.
CallRate MeasureCallRate(const std::shared_ptr<grpc::Channel>& channel, const Probe& probe,
                         const RateOptions& options);

struct ProbeResult {
  Probe probe;
  CallRate rate;
};

// The table fazhi-grpc-overhead prints: target, method, code, calls/s, p50/p99, ratio to the echo
// (results[0]) and whether each service call meets kTargetRatio.
std::string FormatTable(const std::vector<ProbeResult>& results);

// Whether every service probe meets kTargetRatio against results[0] without unexpected answers.
bool AllMeetTarget(const std::vector<ProbeResult>& results);

}  // namespace fazhi::grpc_overhead

#endif  // FAZHI_TOOLS_GRPC_OVERHEAD_GRPC_OVERHEAD_H_
