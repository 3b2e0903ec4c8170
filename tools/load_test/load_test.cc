#include "tools/load_test/load_test.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/compat/string_view.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "tools/corpus_generator/corpus_generator.h"
#include "tools/tool_flags/tool_flags.h"

namespace fazhi::load_test {
namespace {

using query_benchmark::MillisSince;
using Clock = std::chrono::steady_clock;

// Phrases common to rule-of-law reports, so searches find something in any generated archive.
constexpr std::string_view kSearchPhrases[] = {"法治政府", "行政执法",   "行政复议", "依法行政",
                                               "普法",     "规范性文件", "行政诉讼", "法律顾问"};
constexpr absl::Duration kShedPause = absl::Milliseconds(50);
constexpr absl::Duration kErrorPause = absl::Milliseconds(200);
constexpr absl::Duration kCallDeadline = absl::Seconds(30);

// The samples of one operation, shared by the threads that perform it.
class Recorder final {
 public:
  explicit Recorder(std::string name) : name_(std::move(name)) {}

  void Done(Clock::time_point start) {
    double ms = MillisSince(start);
    absl::MutexLock lock(&mutex_);
    samples_ms_.push_back(ms);
  }
  void Failed(const grpc::Status& status) {
    absl::MutexLock lock(&mutex_);
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++shed_;
      return;
    }
    if (errors_++ == 0)
      first_error_ = absl::StrCat(status.error_code(), ": ", status.error_message());
  }
  OperationResult Result() const {
    absl::MutexLock lock(&mutex_);
    return {name_, query_benchmark::Summarize(samples_ms_), errors_, shed_, first_error_};
  }

 private:
  std::string name_;
  mutable absl::Mutex mutex_;
  std::vector<double> samples_ms_ ABSL_GUARDED_BY(mutex_);
  int64_t errors_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t shed_ ABSL_GUARDED_BY(mutex_) = 0;
  std::string first_error_ ABSL_GUARDED_BY(mutex_);
};

void PauseAfter(const grpc::Status& status) {
  absl::SleepFor(status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED ? kShedPause
                                                                             : kErrorPause);
}

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
}

void SetDeadline(grpc::ClientContext* context, absl::Duration timeout) {
  context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
}

v1::IngestDocumentRequest MakeRequest(const corpus::GeneratedReport& report) {
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_content(report.bytes);
  request.mutable_document()->set_file_name(report.file_name);
  return request;
}

// The reports the archive acknowledged, by name.
class Acknowledged final {
 public:
  void Add(const std::string& name) {
    absl::MutexLock lock(&mutex_);
    names_.insert(name);
  }
  std::vector<std::string> Names() const {
    absl::MutexLock lock(&mutex_);
    return {names_.begin(), names_.end()};
  }

 private:
  mutable absl::Mutex mutex_;
  absl::flat_hash_set<std::string> names_ ABSL_GUARDED_BY(mutex_);
};

// One ingestion stream: report `first`, `first + step`, ... one at a time (write, read its
// answer), until `end`. A broken stream is reopened and the unanswered report sent again.
void IngestStream(const corpus::CorpusGenerator& generator, int64_t first, int64_t step,
                  v1::IngestionService::Stub* stub, absl::Time end, Recorder* ingest,
                  Acknowledged* acknowledged) {
  int64_t sequence = first;
  while (absl::Now() < end) {
    grpc::ClientContext context;
    auto stream = stub->StreamIngestDocuments(&context);
    bool broken = false;
    while (absl::Now() < end) {
      v1::IngestDocumentRequest request = MakeRequest(generator.Generate(sequence));
      Clock::time_point start = Clock::now();
      v1::StreamIngestDocumentsResponse response;
      if (!stream->Write(request) || !stream->Read(&response)) {
        broken = true;
        break;
      }
      if (response.error_code() != 0) {
        ingest->Failed(grpc::Status(static_cast<grpc::StatusCode>(response.error_code()),
                                    response.error_message()));
      } else {
        ingest->Done(start);
        acknowledged->Add(response.result().name());
      }
      sequence += step;
    }
    stream->WritesDone();
    grpc::Status status = stream->Finish();
    if (broken) {
      ingest->Failed(status.ok() ? grpc::Status(grpc::StatusCode::UNKNOWN, "stream ended early")
                                 : status);
      PauseAfter(status);
    }
  }
}

grpc::Status Search(v1::QueryService::Stub* stub, uint64_t turn) {
  grpc::ClientContext context;
  SetDeadline(&context, kCallDeadline);
  v1::SearchReportsRequest request;
  request.set_query(std::string(kSearchPhrases[turn % std::size(kSearchPhrases)]));
  request.set_page_size(20);
  v1::SearchReportsResponse response;
  return stub->SearchReports(&context, request, &response);
}

grpc::Status List(v1::QueryService::Stub* stub, uint64_t) {
  grpc::ClientContext context;
  SetDeadline(&context, kCallDeadline);
  v1::ListReportsRequest request;
  request.set_page_size(50);
  request.set_order_by("ingest_time desc");
  v1::ListReportsResponse response;
  return stub->ListReports(&context, request, &response);
}

grpc::Status Facets(v1::QueryService::Stub* stub, uint64_t) {
  grpc::ClientContext context;
  SetDeadline(&context, kCallDeadline);
  v1::GetFacetsRequest request;
  v1::GetFacetsResponse response;
  return stub->GetFacets(&context, request, &response);
}

using QueryCall = grpc::Status (*)(v1::QueryService::Stub*, uint64_t);

// One query client: search, list, facets in turn until `end`.
void QueryClient(int client, v1::QueryService::Stub* stub, absl::Time end,
                 std::vector<std::unique_ptr<Recorder>>* recorders) {
  static constexpr QueryCall kCalls[] = {Search, List, Facets};
  for (uint64_t turn = client; absl::Now() < end; ++turn) {
    size_t which = turn % std::size(kCalls);
    Clock::time_point start = Clock::now();
    grpc::Status status = kCalls[which](stub, turn / std::size(kCalls));
    if (status.ok()) {
      (*recorders)[which]->Done(start);
    } else {
      (*recorders)[which]->Failed(status);
      PauseAfter(status);
    }
  }
}

// Waits until no acknowledged report is pending (or the timeout), then counts them.
void Verify(const std::vector<std::string>& names, v1::QueryService::Stub* stub,
            absl::Duration timeout, LoadTestResult* result) {
  absl::Time start = absl::Now();
  while (true) {
    std::vector<std::string> still_pending;
    result->present = result->extracted = 0;
    for (const std::string& name : names) {
      grpc::ClientContext context;
      SetDeadline(&context, kCallDeadline);
      v1::GetReportRequest request;
      request.set_name(name);
      v1::Report report;
      grpc::Status status = stub->GetReport(&context, request, &report);
      if (!status.ok()) {
        // NOT_FOUND is a loss; anything else (shed, unavailable) is asked again.
        if (status.error_code() != grpc::StatusCode::NOT_FOUND) still_pending.push_back(name);
        continue;
      }
      ++result->present;
      if (report.state() == v1::REPORT_STATE_EXTRACTED) ++result->extracted;
      if (report.state() == v1::REPORT_STATE_PENDING) still_pending.push_back(name);
    }
    if (still_pending.empty() || absl::Now() - start > timeout) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  result->verify_wait = absl::Now() - start;
}

}  // namespace

int64_t LoadTestResult::errors() const {
  int64_t total = 0;
  for (const OperationResult& operation : operations) total += operation.errors;
  return total;
}

absl::StatusOr<LoadTestResult> RunLoadTest(const LoadTestOptions& options) {
  for (const std::string* address : {&options.ingestion_addr, &options.query_addr}) {
    if (!tools::IsLoopbackAddress(*address)) {
      return absl::InvalidArgumentError(absl::StrCat("load tests run against this machine only; '",
                                                     *address, "' is not a loopback host:port"));
    }
  }
  if (options.streams < 1 || options.query_clients < 0 ||
      options.duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("need at least one stream and a positive duration");
  }
  corpus::CorpusGeneratorOptions generator_options;
  generator_options.seed = options.seed;
  absl::StatusOr<corpus::CorpusGenerator> generator =
      corpus::CorpusGenerator::Create(generator_options);
  if (!generator.ok()) return generator.status();

  auto ingestion = v1::IngestionService::NewStub(Connect(options.ingestion_addr));
  auto query = v1::QueryService::NewStub(Connect(options.query_addr));
  Recorder ingest("ingest");
  std::vector<std::unique_ptr<Recorder>> query_recorders;
  for (const char* name : {"search", "list", "facets"}) {
    query_recorders.push_back(std::make_unique<Recorder>(name));
  }
  Acknowledged acknowledged;

  absl::Time start = absl::Now();
  absl::Time end = start + options.duration;
  std::vector<std::thread> threads;
  for (int stream = 0; stream < options.streams; ++stream) {
    threads.emplace_back([&, stream] {
      IngestStream(*generator, stream, options.streams, ingestion.get(), end, &ingest,
                   &acknowledged);
    });
  }
  for (int client = 0; client < options.query_clients; ++client) {
    threads.emplace_back([&, client] { QueryClient(client, query.get(), end, &query_recorders); });
  }
  for (std::thread& thread : threads) thread.join();

  LoadTestResult result;
  result.elapsed = absl::Now() - start;
  result.streams = options.streams;
  result.query_clients = options.query_clients;
  result.operations.push_back(ingest.Result());
  for (const auto& recorder : query_recorders) result.operations.push_back(recorder->Result());
  std::vector<std::string> names = acknowledged.Names();
  result.acknowledged = static_cast<int64_t>(names.size());
  Verify(names, query.get(), options.verify_timeout, &result);
  return result;
}

std::string FormatResult(const LoadTestResult& result) {
  double seconds = absl::ToDoubleSeconds(result.elapsed);
  std::string out = absl::StrFormat("load test: %.1f s, %d ingestion streams, %d query clients\n",
                                    seconds, result.streams, result.query_clients);
  absl::StrAppendFormat(&out, "%-10s %8s %8s %9s %9s %7s %6s\n", "operation", "count", "per_s",
                        "p50_ms", "p99_ms", "errors", "shed");
  for (const OperationResult& operation : result.operations) {
    absl::StrAppendFormat(&out, "%-10s %8d %8.1f %9.2f %9.2f %7d %6d\n", operation.name,
                          operation.latency.count, operation.latency.count / seconds,
                          operation.latency.p50_ms, operation.latency.p99_ms, operation.errors,
                          operation.shed);
    if (!operation.first_error.empty()) {
      absl::StrAppend(&out, "  first ", operation.name, " error: ", operation.first_error, "\n");
    }
  }
  absl::StrAppendFormat(&out,
                        "verify: %d acknowledged, %d present, %d extracted, %d lost, %d not "
                        "extracted (waited %.1f s)\n",
                        result.acknowledged, result.present, result.extracted, result.lost(),
                        result.not_extracted(), absl::ToDoubleSeconds(result.verify_wait));
  return out;
}

}  // namespace fazhi::load_test
