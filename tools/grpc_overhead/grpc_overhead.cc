#include "tools/grpc_overhead/grpc_overhead.h"

#include <grpcpp/generic/generic_stub.h>

#include <chrono>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "fazhi/v1/extraction.pb.h"
#include "fazhi/v1/ingestion.pb.h"
#include "fazhi/v1/query.pb.h"
#include "grpc/health/v1/health.pb.h"
#include "tools/query_benchmark/latency.h"

namespace fazhi::grpc_overhead {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kHealthCheck = "/grpc.health.v1.Health/Check";
// A report name ParseReportName refuses (not 16 hex digits): the services answer before reading
// anything.
constexpr std::string_view kMalformedReportName = "reports/not-a-report";
// A report's shortest useful text: the extractor runs, PostgreSQL is not involved.
constexpr std::string_view kOneLineReport = "2022年共办理行政复议案件12件。";

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

Probe HealthProbe(std::string target) {
  return {.target = std::move(target),
          .method = std::string(kHealthCheck),
          .request = grpc::health::v1::HealthCheckRequest().SerializeAsString(),
          .expected = grpc::StatusCode::OK,
          .why = "health check: auth processor, log and metrics interceptors"};
}

// One thread's share of a run: calls in a loop, each waited for, until `end`.
struct ClientTally {
  int64_t calls = 0;
  int64_t unexpected = 0;
  std::string first_unexpected;
  std::vector<double> latencies_ms;
};

void CallUntil(grpc::GenericStub& stub, const Probe& probe, const RateOptions& options,
               Clock::time_point count_from, Clock::time_point end, ClientTally* tally) {
  grpc::CompletionQueue queue;
  grpc::Slice slice(probe.request);
  const grpc::ByteBuffer request(&slice, 1);
  while (Clock::now() < end) {
    Clock::time_point start = Clock::now();
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         absl::ToChronoMilliseconds(options.deadline));
    grpc::ByteBuffer response;
    grpc::Status status;
    auto call = stub.PrepareUnaryCall(&context, probe.method, request, &queue);
    call->StartCall();
    call->Finish(&response, &status, &tally);
    void* tag = nullptr;
    bool ok = false;
    queue.Next(&tag, &ok);
    if (start < count_from) continue;
    ++tally->calls;
    tally->latencies_ms.push_back(query_benchmark::MillisSince(start));
    if (status.error_code() != probe.expected) {
      if (tally->unexpected++ == 0) {
        tally->first_unexpected =
            absl::StrCat(CodeName(status.error_code()), ": ", status.error_message());
      }
    }
  }
  queue.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (queue.Next(&tag, &ok)) {
  }
}

}  // namespace

Probe EchoProbe() {
  Probe probe = HealthProbe("echo");
  probe.why = "bare grpc::Server, sync handler, nothing else";
  return probe;
}

std::vector<Probe> ServiceProbes() {
  v1::IngestDocumentRequest empty_document;
  empty_document.mutable_document()->set_file_name("empty.txt");
  v1::ExtractReportRequest malformed_extract;
  malformed_extract.set_name(std::string(kMalformedReportName));
  v1::ExtractTextRequest one_line;
  one_line.set_content(std::string(kOneLineReport));
  one_line.set_file_name("one_line.txt");
  v1::GetReportRequest malformed_get;
  malformed_get.set_name(std::string(kMalformedReportName));
  return {
      HealthProbe("ingestion"),
      {.target = "ingestion",
       .method = "/fazhi.v1.IngestionService/IngestDocument",
       .request = empty_document.SerializeAsString(),
       .expected = grpc::StatusCode::INVALID_ARGUMENT,
       .why = "API method, writer token; empty document refused before PostgreSQL"},
      HealthProbe("extraction"),
      {.target = "extraction",
       .method = "/fazhi.v1.ExtractionService/ExtractReport",
       .request = malformed_extract.SerializeAsString(),
       .expected = grpc::StatusCode::INVALID_ARGUMENT,
       .why = "API method, writer token; malformed name refused before PostgreSQL"},
      {.target = "extraction",
       .method = "/fazhi.v1.ExtractionService/ExtractText",
       .request = one_line.SerializeAsString(),
       .expected = grpc::StatusCode::OK,
       .why = "API method answering OK without PostgreSQL: a one-line text extracted"},
      HealthProbe("query"),
      {.target = "query",
       .method = "/fazhi.v1.QueryService/GetReport",
       .request = malformed_get.SerializeAsString(),
       .expected = grpc::StatusCode::INVALID_ARGUMENT,
       .why = "API method, reader token; malformed name refused before PostgreSQL"},
  };
}

void CallRate::Add(const CallRate& other) {
  calls += other.calls;
  if (unexpected == 0 && other.unexpected > 0) first_unexpected = other.first_unexpected;
  unexpected += other.unexpected;
  seconds += other.seconds;
  latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(), other.latencies_ms.end());
}

CallRate MeasureCallRate(const std::shared_ptr<grpc::Channel>& channel, const Probe& probe,
                         const RateOptions& options) {
  grpc::GenericStub stub(channel);
  Clock::time_point count_from = Clock::now() + absl::ToChronoNanoseconds(options.warmup);
  Clock::time_point end = count_from + absl::ToChronoNanoseconds(options.duration);
  std::vector<ClientTally> tallies(options.clients);
  std::vector<std::thread> clients;
  for (ClientTally& tally : tallies) {
    clients.emplace_back(
        [&, tally = &tally] { CallUntil(stub, probe, options, count_from, end, tally); });
  }
  for (std::thread& client : clients) client.join();
  // Calls that started before `end` finish after it: count until the last one came back.
  CallRate rate;
  rate.seconds = std::chrono::duration<double>(Clock::now() - count_from).count();
  for (ClientTally& tally : tallies) {
    rate.calls += tally.calls;
    if (rate.unexpected == 0) rate.first_unexpected = std::move(tally.first_unexpected);
    rate.unexpected += tally.unexpected;
    rate.latencies_ms.insert(rate.latencies_ms.end(), tally.latencies_ms.begin(),
                             tally.latencies_ms.end());
  }
  return rate;
}

std::string FormatTable(const std::vector<ProbeResult>& results) {
  if (results.empty()) return "";
  double echo_rate = results.front().rate.PerSecond();
  std::string out = absl::StrFormat("%-11s %-43s %-17s %9s %7s %7s %8s  %s\n", "target", "method",
                                    "code", "calls/s", "p50 ms", "p99 ms", "vs echo", "target");
  for (const ProbeResult& result : results) {
    query_benchmark::LatencySummary latency = query_benchmark::Summarize(result.rate.latencies_ms);
    double ratio = echo_rate > 0 ? result.rate.PerSecond() / echo_rate : 0;
    bool is_echo = &result == &results.front();
    std::string verdict = is_echo ? "-" : ratio >= kTargetRatio ? "met" : "MISSED";
    if (result.rate.unexpected > 0) {
      verdict = absl::StrCat(result.rate.unexpected, " unexpected: ", result.rate.first_unexpected);
    }
    absl::StrAppendFormat(&out, "%-11s %-43s %-17s %9.0f %7.3f %7.3f %8.2f  %s\n",
                          result.probe.target, result.probe.method, CodeName(result.probe.expected),
                          result.rate.PerSecond(), latency.p50_ms, latency.p99_ms, ratio, verdict);
  }
  absl::StrAppendFormat(
      &out, "target: every service call at >= %.2f of the echo's calls/s (within 1.5x)\n",
      kTargetRatio);
  return out;
}

bool AllMeetTarget(const std::vector<ProbeResult>& results) {
  if (results.empty()) return false;
  double echo_rate = results.front().rate.PerSecond();
  for (const ProbeResult& result : results) {
    if (result.rate.unexpected > 0 || result.rate.calls == 0) return false;
    if (result.rate.PerSecond() < kTargetRatio * echo_rate) return false;
  }
  return true;
}

}  // namespace fazhi::grpc_overhead
