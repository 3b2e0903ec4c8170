#include "tools/ingest_benchmark/ingest_benchmark.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/metrics/benchmark_summary.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "tools/corpus_generator/corpus_generator.h"
#include "tools/tool_flags/tool_flags.h"

namespace fazhi::ingest_benchmark {
namespace {

using tools::Difference;
using tools::FetchMetrics;
using tools::StageTotalsFrom;

constexpr absl::Duration kQueuePoll = absl::Milliseconds(50);
// Families of the stage histograms, by service (services/ingestion, services/extraction/service).
constexpr std::pair<std::string_view, std::string_view> kStageFamilies[] = {
    {"ingestion", "fazhi_ingestion_stage_seconds"},
    {"extraction", "fazhi_extraction_stage_seconds"}};

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
}

// The requests of every report, generated on all cores before the clock starts.
absl::StatusOr<std::vector<v1::IngestDocumentRequest>> GenerateRequests(int64_t count,
                                                                        uint64_t seed) {
  corpus::CorpusGeneratorOptions options;
  options.seed = seed;
  absl::StatusOr<corpus::CorpusGenerator> generator = corpus::CorpusGenerator::Create(options);
  if (!generator.ok()) return generator.status();
  std::vector<v1::IngestDocumentRequest> requests(count);
  int threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int64_t i = t; i < count; i += threads) {
        corpus::GeneratedReport report = generator->Generate(i);
        requests[i].mutable_document()->set_content(std::move(report.bytes));
        requests[i].mutable_document()->set_file_name(report.file_name);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  return requests;
}

struct StreamCounts {
  std::atomic<int64_t> acknowledged{0}, duplicates{0}, rejected{0};
};

// Sends requests[first], requests[first + step], ... over one stream while reading the answers.
grpc::Status SendStream(v1::IngestionService::Stub* stub,
                        const std::vector<v1::IngestDocumentRequest>& requests, size_t first,
                        size_t step, absl::Time deadline, StreamCounts* counts) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline));
  context.set_wait_for_ready(true);  // services just started may still be binding
  auto stream = stub->StreamIngestDocuments(&context);
  std::thread writer([&] {
    for (size_t i = first; i < requests.size(); i += step) {
      if (!stream->Write(requests[i])) break;
    }
    stream->WritesDone();
  });
  for (v1::StreamIngestDocumentsResponse response; stream->Read(&response);) {
    if (response.error_code() != 0) {
      ++counts->rejected;
    } else if (response.result().duplicate()) {
      ++counts->duplicates;
    } else {
      ++counts->acknowledged;
    }
  }
  writer.join();
  return stream->Finish();
}

absl::StatusOr<int64_t> JobsIn(v1::ExtractionService::Stub* stub, const std::string& state) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  context.set_wait_for_ready(true);
  v1::ListJobsRequest request;
  request.set_state(state);
  request.set_page_size(1);
  v1::ListJobsResponse response;
  grpc::Status status = stub->ListJobs(&context, request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("ListJobs: ", status.error_message()));
  }
  return response.total_size();
}

// Polls the queue until no job is pending or running (or `deadline`); returns how many are left.
absl::StatusOr<int64_t> WaitForQueue(v1::ExtractionService::Stub* stub, absl::Time deadline) {
  while (true) {
    absl::StatusOr<int64_t> pending = JobsIn(stub, "pending");
    if (!pending.ok()) return pending.status();
    absl::StatusOr<int64_t> running = JobsIn(stub, "running");
    if (!running.ok()) return running.status();
    if (*pending + *running == 0 || absl::Now() > deadline) return *pending + *running;
    absl::SleepFor(kQueuePoll);
  }
}

// Every service's stage totals now; empty for a service without a metrics address.
absl::StatusOr<std::vector<StageTotals>> ScrapeStages(const IngestBenchmarkOptions& options) {
  std::vector<StageTotals> totals;
  const std::string* addresses[] = {&options.ingestion_metrics_addr,
                                    &options.extraction_metrics_addr};
  for (size_t i = 0; i < std::size(kStageFamilies); ++i) {
    if (addresses[i]->empty()) {
      totals.emplace_back();
      continue;
    }
    absl::StatusOr<std::string> text = FetchMetrics(*addresses[i]);
    if (!text.ok()) return text.status();
    totals.push_back(StageTotalsFrom(*text, kStageFamilies[i].second));
  }
  return totals;
}

}  // namespace

double IngestBenchmarkResult::IngestedPerSecond() const {
  double seconds = absl::ToDoubleSeconds(ingested);
  return seconds > 0 ? static_cast<double>(acknowledged) / seconds : 0;
}

double IngestBenchmarkResult::ExtractedPerSecond() const {
  double seconds = absl::ToDoubleSeconds(extracted);
  return seconds > 0 ? static_cast<double>(acknowledged) / seconds : 0;
}

absl::StatusOr<IngestBenchmarkResult> RunIngestBenchmark(const IngestBenchmarkOptions& options) {
  for (const std::string* address : {&options.ingestion_addr, &options.extraction_addr}) {
    if (!tools::IsLoopbackAddress(*address)) {
      return absl::InvalidArgumentError(absl::StrCat("benchmarks run against this machine only; '",
                                                     *address, "' is not a loopback host:port"));
    }
  }
  if (options.reports < 1 || options.streams < 1) {
    return absl::InvalidArgumentError("need at least one report and one stream");
  }
  absl::StatusOr<std::vector<v1::IngestDocumentRequest>> requests =
      GenerateRequests(options.reports, options.seed);
  if (!requests.ok()) return requests.status();
  auto ingestion = v1::IngestionService::NewStub(Connect(options.ingestion_addr));
  auto extraction = v1::ExtractionService::NewStub(Connect(options.extraction_addr));
  absl::StatusOr<std::vector<StageTotals>> before = ScrapeStages(options);
  if (!before.ok()) return before.status();

  IngestBenchmarkResult result;
  result.reports = options.reports;
  result.streams = options.streams;
  for (const v1::IngestDocumentRequest& request : *requests) {
    result.bytes += static_cast<int64_t>(request.document().content().size());
  }
  StreamCounts counts;
  std::vector<grpc::Status> statuses(options.streams);
  absl::Time start = absl::Now();
  absl::Time deadline = start + options.timeout;
  std::vector<std::thread> streams;
  for (int s = 0; s < options.streams; ++s) {
    streams.emplace_back([&, s] {
      statuses[s] = SendStream(ingestion.get(), *requests, s, options.streams, deadline, &counts);
    });
  }
  for (std::thread& stream : streams) stream.join();
  result.ingested = absl::Now() - start;
  for (const grpc::Status& status : statuses) {
    if (!status.ok()) {
      return absl::UnavailableError(
          absl::StrCat("an ingestion stream failed: ", status.error_message()));
    }
  }
  absl::StatusOr<int64_t> unfinished = WaitForQueue(extraction.get(), deadline);
  if (!unfinished.ok()) return unfinished.status();
  result.extracted = absl::Now() - start;
  result.unfinished = *unfinished;
  absl::StatusOr<int64_t> dead = JobsIn(extraction.get(), "dead");
  if (!dead.ok()) return dead.status();
  result.dead = *dead;
  result.acknowledged = counts.acknowledged;
  result.duplicates = counts.duplicates;
  result.rejected = counts.rejected;

  absl::StatusOr<std::vector<StageTotals>> after = ScrapeStages(options);
  if (!after.ok()) return after.status();
  for (size_t i = 0; i < std::size(kStageFamilies); ++i) {
    for (const auto& [stage, total] : Difference((*after)[i], (*before)[i])) {
      if (total.count > 0) {
        result.stages.push_back({std::string(kStageFamilies[i].first), stage, total});
      }
    }
  }
  if (!options.database_url.empty()) {
    std::vector<std::string_view> documents;
    for (const v1::IngestDocumentRequest& request : *requests) {
      documents.push_back(request.document().content());
    }
    // Transactions the size ingestion's group commit reached in this run.
    int batch = 30;
    for (const StageShare& share : result.stages) {
      if (share.service == "ingestion" && share.stage == "commit" && share.total.count > 0) {
        batch = static_cast<int>(std::max(1.0, result.acknowledged / share.total.count));
      }
    }
    absl::StatusOr<PostgresAloneResult> alone = StorePostgresAlone(
        options.database_url, documents, {.connections = options.streams, .batch = batch});
    if (!alone.ok()) return alone.status();
    result.postgres_alone = *alone;
  }
  return result;
}

void PrintSummary(const IngestBenchmarkResult& result, std::ostream& out) {
  std::string peer;
  if (result.postgres_alone) {
    peer = absl::StrFormat("PostgreSQL alone storing the same originals and texts %.0f reports/s",
                           result.postgres_alone->reports_per_second);
  }
  metrics::PrintSummaryLine(
      out, {.figure = absl::StrFormat("ingestion end to end, %d reports over %d streams, fsync as "
                                      "the cluster has it",
                                      result.reports, result.streams),
            .measured = absl::StrFormat("%.0f reports/s (acknowledged %.0f/s)",
                                        result.ExtractedPerSecond(), result.IngestedPerSecond()),
            .target = ">= 1500 reports/s",
            .peer = peer});
}

std::string FormatResult(const IngestBenchmarkResult& result) {
  std::string out = absl::StrFormat(
      "%d reports (%.1f MB) over %d streams: acknowledged in %.1f s (%.1f reports/s), every record "
      "stored in %.1f s (%.1f reports/s end to end)\n",
      result.reports, result.bytes / 1e6, result.streams, absl::ToDoubleSeconds(result.ingested),
      result.IngestedPerSecond(), absl::ToDoubleSeconds(result.extracted),
      result.ExtractedPerSecond());
  absl::StrAppendFormat(&out, "new %d, duplicate %d, rejected %d, jobs unfinished %d, dead %d\n",
                        result.acknowledged, result.duplicates, result.rejected, result.unfinished,
                        result.dead);
  if (result.postgres_alone) {
    absl::StrAppendFormat(&out,
                          "PostgreSQL alone, the same documents' originals and texts by COPY "
                          "over %d connections: %.1f s (%.1f reports/s)\n",
                          result.streams, result.postgres_alone->seconds,
                          result.postgres_alone->reports_per_second);
  }
  if (result.stages.empty()) return out;
  absl::StrAppendFormat(&out, "%-11s %-16s %9s %8s %10s %7s\n", "service", "stage", "seconds",
                        "count", "ms/report", "share");
  double reports = static_cast<double>(std::max<int64_t>(1, result.acknowledged));
  for (const StageShare& share : result.stages) {
    double service_seconds = 0;
    for (const StageShare& other : result.stages) {
      if (other.service == share.service) service_seconds += other.total.seconds;
    }
    absl::StrAppendFormat(&out, "%-11s %-16s %9.2f %8.0f %10.3f %6.1f%%\n", share.service,
                          share.stage, share.total.seconds, share.total.count,
                          1000 * share.total.seconds / reports,
                          service_seconds > 0 ? 100 * share.total.seconds / service_seconds : 0);
  }
  return out;
}

}  // namespace fazhi::ingest_benchmark
