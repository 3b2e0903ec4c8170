// Measuring extraction speed and memory: MB of text per CPU second on one core, peak resident
// memory, and the peer recognizer's figures read back from its JSON line. Used by
// fazhi_extraction_speed_benchmark, which prints them side by side.
//
//   Throughput t = MeasureThroughput(texts, [&](std::string_view s) { Extract(s); }, 1.0);
//   t.MbPerSecond();   // 48.2: MB (10^6 bytes) of text per CPU second of this thread
//   PeakResidentKb();  // 61234: this process's VmHWM so far
//   absl::StatusOr<PeerResult> peer =
//   ParsePeerResult(R"({"bytes":106407,"cpu_seconds":0.46,...})");
//
// CPU time of the measuring thread, not wall time: the machine is shared, and "per core" is what
// the figures promise.
#ifndef FAZHI_TOOLS_EXTRACTION_SPEED_SPEED_H_
#define FAZHI_TOOLS_EXTRACTION_SPEED_SPEED_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace fazhi::extraction::speed {

// CPU seconds used by the calling thread since it started.
double ThreadCpuSeconds();

struct Throughput {
  int64_t bytes = 0;       // text processed, over all passes
  double cpu_seconds = 0;  // spent processing it
  int passes = 0;

  double MbPerSecond() const { return cpu_seconds > 0 ? bytes / 1e6 / cpu_seconds : 0; }
};

// Runs `work` over every text, pass after pass, until at least `min_cpu_seconds` of CPU time
// (and at least one pass) has been spent.
Throughput MeasureThroughput(const std::vector<std::string>& texts,
                             const std::function<void(std::string_view)>& work,
                             double min_cpu_seconds);

// The same over items that are not texts: work(i) for each i, item i counting `bytes[i]` bytes.
Throughput MeasureThroughput(const std::vector<int64_t>& bytes,
                             const std::function<void(size_t)>& work, double min_cpu_seconds);

// The peak resident memory (VmHWM) of this process so far, in kB.
int64_t PeakResidentKb();

// The line tools/peer_benchmark/recognizers_bench.js prints.
struct PeerResult {
  int64_t bytes = 0;
  int64_t paragraphs = 0;
  double cpu_seconds = 0;
  int64_t numbers = 0;
  int64_t percentages = 0;

  double MbPerSecond() const { return cpu_seconds > 0 ? bytes / 1e6 / cpu_seconds : 0; }
};

// INVALID_ARGUMENT naming what is missing when `line` is not the peer's JSON result.
absl::StatusOr<PeerResult> ParsePeerResult(std::string_view line);

}  // namespace fazhi::extraction::speed

#endif  // FAZHI_TOOLS_EXTRACTION_SPEED_SPEED_H_
