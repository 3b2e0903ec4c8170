#include "tools/load_test/peak_memory.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/compat/string_view.h"

namespace fazhi::load_test {
namespace {

// The value of a `Name:   123 kB` line of a process status.
absl::StatusOr<int64_t> ParseStatusKb(std::string_view status_text, std::string_view name) {
  const std::string field = absl::StrCat(Absl(name), ":");
  for (absl::string_view line : absl::StrSplit(Absl(status_text), '\n')) {
    if (!absl::StartsWith(line, field)) continue;
    line.remove_prefix(field.size());
    line = absl::StripAsciiWhitespace(line);
    if (!absl::ConsumeSuffix(&line, "kB")) break;
    int64_t kb = 0;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &kb)) break;
    return kb;
  }
  return absl::NotFoundError(absl::StrCat("no ", Absl(name), " line in the process status"));
}

absl::StatusOr<int64_t> StatusKb(pid_t pid, std::string_view name) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  if (!in) return absl::NotFoundError(absl::StrCat("no process ", pid));
  std::stringstream text;
  text << in.rdbuf();
  return ParseStatusKb(text.str(), name);
}

}  // namespace

absl::StatusOr<int64_t> ParseVmHwmKb(std::string_view status_text) {
  return ParseStatusKb(status_text, "VmHWM");
}

absl::StatusOr<int64_t> PeakResidentKb(pid_t pid) { return StatusKb(pid, "VmHWM"); }

absl::StatusOr<int64_t> ResidentKb(pid_t pid) { return StatusKb(pid, "VmRSS"); }

RssSampler::RssSampler(pid_t pid)
    : thread_([this, pid] {
        while (running_) {
          absl::StatusOr<int64_t> kb = ResidentKb(pid);
          if (kb.ok()) max_kb_ = std::max(max_kb_.load(), *kb);
          absl::SleepFor(absl::Milliseconds(20));
        }
      }) {}

int64_t RssSampler::Stop() {
  running_ = false;
  if (thread_.joinable()) thread_.join();
  return max_kb_;
}

absl::StatusOr<std::vector<ServicePid>> ParseServicePids(std::string_view text) {
  std::vector<ServicePid> services;
  for (absl::string_view item : absl::StrSplit(Absl(text), ',', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(item, '=');
    int pid = 0;
    if (parts.first.empty() || !absl::SimpleAtoi(parts.second, &pid) || pid <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("service pid '", item, "' is not NAME=PID (e.g. query=4133)"));
    }
    services.push_back({std::string(parts.first), pid});
  }
  return services;
}

std::string FormatPeakMemory(const std::vector<ServicePid>& services) {
  std::string out = "peak resident memory (VmHWM):";
  for (const ServicePid& service : services) {
    absl::StatusOr<int64_t> kb = PeakResidentKb(service.pid);
    absl::StrAppend(&out, &service == &services.front() ? " " : ", ", service.name, " ");
    if (kb.ok()) {
      absl::StrAppendFormat(&out, "%.1f MB", *kb / 1024.0);
    } else {
      absl::StrAppend(&out, "unknown (", kb.status().message(), ")");
    }
  }
  return out + "\n";
}

}  // namespace fazhi::load_test
