#include "tools/extraction_speed/speed.h"

#include <sys/resource.h>
#include <time.h>

#include <array>
#include <nlohmann/json.hpp>

namespace fazhi::extraction::speed {

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

Throughput MeasureThroughput(const std::vector<std::string>& texts,
                             const std::function<void(std::string_view)>& work,
                             double min_cpu_seconds) {
  std::vector<int64_t> bytes;
  bytes.reserve(texts.size());
  for (const std::string& text : texts) bytes.push_back(static_cast<int64_t>(text.size()));
  return MeasureThroughput(
      bytes, [&](size_t i) { work(texts[i]); }, min_cpu_seconds);
}

Throughput MeasureThroughput(const std::vector<int64_t>& bytes,
                             const std::function<void(size_t)>& work, double min_cpu_seconds) {
  Throughput t;
  const double start = ThreadCpuSeconds();
  do {
    for (size_t i = 0; i < bytes.size(); ++i) {
      work(i);
      t.bytes += bytes[i];
    }
    ++t.passes;
    t.cpu_seconds = ThreadCpuSeconds() - start;
  } while (t.cpu_seconds < min_cpu_seconds);
  return t;
}

int64_t PeakResidentKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kB on Linux
}

absl::StatusOr<PeerResult> ParsePeerResult(std::string_view line) {
  const nlohmann::json json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return absl::InvalidArgumentError("peer result: not a JSON object");
  static constexpr std::array<std::string_view, 5> kFields = {"bytes", "paragraphs", "cpu_seconds",
                                                              "numbers", "percentages"};
  for (std::string_view field : kFields) {
    if (!json.contains(field) || !json[std::string(field)].is_number()) {
      return absl::InvalidArgumentError("peer result: no number '" + std::string(field) + "'");
    }
  }
  PeerResult peer;
  peer.bytes = json["bytes"].get<int64_t>();
  peer.paragraphs = json["paragraphs"].get<int64_t>();
  peer.cpu_seconds = json["cpu_seconds"].get<double>();
  peer.numbers = json["numbers"].get<int64_t>();
  peer.percentages = json["percentages"].get<int64_t>();
  return peer;
}

}  // namespace fazhi::extraction::speed
