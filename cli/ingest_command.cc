// `fazhi ingest PATH...`: sends files (folders recursively) over one ingestion stream, with a
// progress bar, and prints how many were new, duplicates or failed. A stream broken by an
// unavailable server, a deadline or an aborted transaction is resumed with the documents not yet
// acknowledged, after a backoff (common/status/retry_policy.h): ingest is idempotent by content
// and by request id, and each document's request id is derived from its bytes, so a document
// whose acknowledgement was lost comes back as a duplicate, never as a second report.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/file_paths.h"
#include "cli/output.h"
#include "common/status/grpc_status.h"
#include "common/status/retry_policy.h"
#include "common/text/sha256.h"
#include "fazhi/v1/ingestion.grpc.pb.h"

namespace fazhi::cli {
namespace {

namespace fs = std::filesystem;

// Consecutive fruitless streams before giving up; a stream that got answers resets the count.
// Ten attempts wait about 20 to 40 s in all: longer than a PostgreSQL crash recovery under load
// (about 10 s on the shared 2-core machine).
constexpr RetryPolicy kStreamRetry{.max_attempts = 10,
                                   .initial_backoff = absl::Milliseconds(250),
                                   .max_backoff = absl::Seconds(8)};

struct IngestCounts {
  int new_reports = 0;
  int duplicates = 0;
  int failed = 0;
  int done() const { return new_reports + duplicates + failed; }
};

absl::StatusOr<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path.string(), ": cannot open"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void DrawProgress(const IngestCounts& counts, size_t total) {
  if (!isatty(STDERR_FILENO) || total == 0) return;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * counts.done() / total);
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
            << counts.done() << "/" << total << "  new " << counts.new_reports << "  duplicate "
            << counts.duplicates << "  failed " << counts.failed << std::flush;
}

// Sends files[pending...] over one stream; records acknowledged ones in `acknowledged`.
grpc::Status SendOnce(v1::IngestionService::Stub& stub, const std::vector<fs::path>& files,
                      const std::vector<size_t>& pending, absl::Duration timeout,
                      std::vector<bool>* acknowledged, IngestCounts* counts) {
  std::unique_ptr<grpc::ClientContext> context = NewCallContext(timeout);
  auto stream = stub.StreamIngestDocuments(context.get());
  std::thread writer([&] {
    for (size_t file_index : pending) {
      absl::StatusOr<std::string> bytes = ReadFile(files[file_index]);
      v1::IngestDocumentRequest request;
      // Stable across retries and runs: the idempotency key of these bytes.
      if (bytes.ok()) request.set_request_id("sha256:" + text::Sha256Hex(*bytes));
      request.mutable_document()->set_content(bytes.ok() ? std::move(*bytes) : std::string());
      request.mutable_document()->set_file_name(files[file_index].filename().string());
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  v1::StreamIngestDocumentsResponse response;
  while (stream->Read(&response)) {
    // Responses carry the position of their request in this stream, i.e. in `pending`.
    if (response.index() < 0 || static_cast<size_t>(response.index()) >= pending.size()) continue;
    size_t file_index = pending[static_cast<size_t>(response.index())];
    (*acknowledged)[file_index] = true;
    if (response.error_code() != 0) {
      ++counts->failed;
      if (isatty(STDERR_FILENO)) std::cerr << "\n";
      std::cerr << "fazhi: " << files[file_index].string() << ": " << response.error_message() << "\n";
    } else if (response.result().duplicate()) {
      ++counts->duplicates;
    } else {
      ++counts->new_reports;
    }
    DrawProgress(*counts, files.size());
  }
  writer.join();
  return stream->Finish();
}

}  // namespace

int RunIngest(const Settings& settings, const CommandLine& line) {
  if (line.positional().empty()) return UsageError("ingest", "name files or folders to ingest");
  absl::StatusOr<int> timeout_s = line.IntOption("timeout", 3600);
  if (!timeout_s.ok()) return UsageError("ingest", timeout_s.status().message());

  IngestCounts counts;
  std::vector<fs::path> files = CollectFiles(line.positional(), &counts.failed);
  auto stub = v1::IngestionService::NewStub(Connect(settings.Get(kIngestionAddr)));
  std::vector<bool> acknowledged(files.size(), false);
  grpc::Status status;
  RetryLoop retry(CallKind::kIdempotent, kStreamRetry);
  do {
    std::vector<size_t> pending;
    for (size_t i = 0; i < files.size(); ++i) {
      if (!acknowledged[i]) pending.push_back(i);
    }
    if (pending.empty()) {
      status = grpc::Status::OK;  // an interrupted stream whose answers all arrived
      break;
    }
    int done_before = counts.done();
    status = SendOnce(*stub, files, pending, absl::Seconds(*timeout_s), &acknowledged, &counts);
    if (counts.done() > done_before) retry.ResetAfterProgress();
  } while (retry.ShouldRetry(FromGrpcStatus(status).code()));
  if (isatty(STDERR_FILENO) && !files.empty()) std::cerr << "\n";
  int unsent = static_cast<int>(std::count(acknowledged.begin(), acknowledged.end(), false));
  counts.failed += unsent;
  if (WantsJson(line)) {
    std::cout << "{\"files\": " << files.size() << ", \"new\": " << counts.new_reports
              << ", \"duplicate\": " << counts.duplicates << ", \"failed\": " << counts.failed
              << ", \"retries\": " << retry.retries() << "}\n";
  } else {
    std::cout << "ingested " << files.size() << " files: " << counts.new_reports << " new, "
              << counts.duplicates << " duplicate, " << counts.failed << " failed\n";
    if (retry.retries() > 0) {
      std::cerr << "fazhi: the stream was resumed " << retry.retries()
                << " times; documents whose acknowledgement was lost count as duplicates\n";
    }
  }
  if (!status.ok()) return ReportRpcError("ingest", status);
  return counts.failed > 0 ? 1 : 0;
}

}  // namespace fazhi::cli
