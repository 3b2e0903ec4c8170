// `fazhi ingest PATH...`: sends files (folders recursively) over one ingestion stream, with a
// progress bar, and prints each file's report name (or why it failed) and how many were new,
// duplicates or failed. Each document carries its source URL and retrieval time when known
// (--source-url for one file, a manifest for folders: cli/ingest_manifest.h). A stream broken by
// an unavailable server, a deadline or an aborted transaction is resumed with the documents not
// yet acknowledged, after a backoff (common/status/retry_policy.h): ingest is idempotent by
// content and by request id, and each document's request id is derived from its bytes, so a
// document whose acknowledgement was lost comes back as a duplicate, never as a second report.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/file_paths.h"
#include "cli/ingest_manifest.h"
#include "cli/output.h"
#include "cli/service_endpoint.h"
#include "cli/table.h"
#include "common/files/read_file.h"
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

struct IngestFile {
  fs::path path;
  FileSource source;
};

enum class Outcome { kUnsent, kNew, kDuplicate, kFailed };

struct FileResult {
  Outcome outcome = Outcome::kUnsent;
  std::string name;   // reports/…, when archived
  std::string error;  // why it failed
};

struct IngestCounts {
  int new_reports = 0;
  int duplicates = 0;
  int failed = 0;
  int done() const { return new_reports + duplicates + failed; }
};

void DrawProgress(const IngestCounts& counts, size_t total) {
  if (!isatty(STDERR_FILENO) || total == 0) return;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * counts.done() / total);
  std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
            << counts.done() << "/" << total << "  new " << counts.new_reports << "  duplicate "
            << counts.duplicates << "  failed " << counts.failed << std::flush;
}

// A file's request, or why the file cannot be read: such a file is not sent (as an empty
// document it came back as the server's "empty document", hiding the reason).
absl::StatusOr<v1::IngestDocumentRequest> RequestFor(const IngestFile& file) {
  absl::StatusOr<std::string> bytes = ReadFileToString(file.path.string());
  if (!bytes.ok()) return bytes.status();
  v1::IngestDocumentRequest request;
  // Stable across retries and runs: the idempotency key of these bytes.
  request.set_request_id("sha256:" + text::Sha256Hex(*bytes));
  v1::Document& document = *request.mutable_document();
  document.set_content(*std::move(bytes));
  document.set_file_name(file.path.filename().string());
  document.set_source_url(file.source.source_url);
  if (file.source.retrieved_time.has_value()) {
    const absl::Duration since_epoch = *file.source.retrieved_time - absl::UnixEpoch();
    document.mutable_retrieved_time()->set_seconds(absl::ToInt64Seconds(since_epoch));
    document.mutable_retrieved_time()->set_nanos(
        static_cast<int32_t>(absl::ToInt64Nanoseconds(since_epoch % absl::Seconds(1))));
  }
  return request;
}

void RecordFailure(const IngestFile& file, std::string error, FileResult* result,
                   IngestCounts* counts) {
  ++counts->failed;
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  std::cerr << "fazhi: " << file.path.string() << ": " << error << "\n";
  *result = {Outcome::kFailed, "", std::move(error)};
}

// Sends files[pending...] over one stream; records each answer in `results`.
grpc::Status SendOnce(v1::IngestionService::Stub& stub, const std::vector<IngestFile>& files,
                      const std::vector<size_t>& pending, absl::Duration timeout,
                      std::vector<FileResult>* results, IngestCounts* counts) {
  std::unique_ptr<grpc::ClientContext> context = NewCallContext(timeout);
  auto stream = stub.StreamIngestDocuments(context.get());
  // Answers carry the position of their request in this stream: `sent` maps it to the file.
  // Files that cannot be read are skipped, and recorded once the writer is done.
  std::mutex sent_mutex;
  std::vector<size_t> sent;
  std::vector<std::pair<size_t, absl::Status>> unreadable;  // the writer's alone until joined
  std::thread writer([&] {
    for (size_t file_index : pending) {
      absl::StatusOr<v1::IngestDocumentRequest> request = RequestFor(files[file_index]);
      if (!request.ok()) {
        unreadable.emplace_back(file_index, request.status());
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(sent_mutex);
        sent.push_back(file_index);
      }
      if (!stream->Write(*request)) break;
    }
    stream->WritesDone();
  });
  v1::StreamIngestDocumentsResponse response;
  while (stream->Read(&response)) {
    size_t file_index = 0;
    {
      std::lock_guard<std::mutex> lock(sent_mutex);
      if (response.index() < 0 || static_cast<size_t>(response.index()) >= sent.size()) continue;
      file_index = sent[static_cast<size_t>(response.index())];
    }
    FileResult& result = (*results)[file_index];
    if (response.error_code() != 0) {
      RecordFailure(files[file_index], response.error_message(), &result, counts);
    } else if (response.result().duplicate()) {
      ++counts->duplicates;
      result = {Outcome::kDuplicate, response.result().name(), ""};
    } else {
      ++counts->new_reports;
      result = {Outcome::kNew, response.result().name(), ""};
    }
    DrawProgress(*counts, files.size());
  }
  writer.join();
  for (const auto& [file_index, status] : unreadable) {
    RecordFailure(files[file_index], std::string(status.message()), &(*results)[file_index],
                  counts);
    DrawProgress(*counts, files.size());
  }
  return stream->Finish();
}

// The manifests that apply: --manifest, else each folder's manifest.csv.
absl::StatusOr<std::vector<IngestManifest>> ReadManifests(const CommandLine& line) {
  std::vector<fs::path> paths;
  if (line.Has("manifest")) {
    paths.emplace_back(line.Option("manifest"));
  } else {
    for (const std::string& argument : line.positional()) {
      std::error_code error;
      fs::path candidate = fs::path(argument) / kManifestFileName;
      if (fs::is_directory(argument, error) && fs::is_regular_file(candidate, error))
        paths.push_back(candidate);
    }
  }
  std::vector<IngestManifest> manifests;
  for (const fs::path& path : paths) {
    absl::StatusOr<IngestManifest> manifest = IngestManifest::Read(path);
    if (!manifest.ok()) return manifest.status();
    manifests.push_back(*std::move(manifest));
  }
  return manifests;
}

// The files to send, each with where it came from; the manifests themselves are not documents.
std::vector<IngestFile> FilesWithSources(const CommandLine& line,
                                         const std::vector<IngestManifest>& manifests,
                                         int* missing) {
  std::vector<IngestFile> files;
  for (fs::path& path : CollectFiles(line.positional(), missing)) {
    bool is_manifest =
        std::any_of(manifests.begin(), manifests.end(), [&](const IngestManifest& manifest) {
          std::error_code error;
          return fs::equivalent(path, manifest.path(), error);
        });
    if (is_manifest) continue;
    IngestFile file{std::move(path), {line.Option("source-url"), std::nullopt}};
    for (const IngestManifest& manifest : manifests) {
      if (const FileSource* source = manifest.Find(file.path); source != nullptr) {
        file.source = *source;
        break;
      }
    }
    files.push_back(std::move(file));
  }
  return files;
}

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kNew:
      return "new";
    case Outcome::kDuplicate:
      return "duplicate";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kUnsent:
      return "unsent";
  }
  return "";
}

void PrintJson(const std::vector<IngestFile>& files, const std::vector<FileResult>& results,
               const IngestCounts& counts, int retries,
               const std::vector<std::string>& manifest_problems) {
  nlohmann::json documents = nlohmann::json::array();
  for (size_t i = 0; i < files.size(); ++i) {
    nlohmann::json document = {{"file", files[i].path.string()},
                               {"result", std::string(OutcomeName(results[i].outcome))}};
    if (!results[i].name.empty()) document["name"] = results[i].name;
    if (!results[i].error.empty()) document["error"] = results[i].error;
    if (!files[i].source.source_url.empty()) document["source_url"] = files[i].source.source_url;
    documents.push_back(std::move(document));
  }
  nlohmann::json summary = {{"files", files.size()},
                            {"new", counts.new_reports},
                            {"duplicate", counts.duplicates},
                            {"failed", counts.failed},
                            {"retries", retries},
                            {"documents", std::move(documents)},
                            {"manifest_problems", manifest_problems}};
  std::cout << summary.dump(2) << "\n";
}

void PrintTable(const std::vector<IngestFile>& files, const std::vector<FileResult>& results,
                const IngestCounts& counts) {
  Table table({"REPORT", "RESULT", "FILE"});
  for (size_t i = 0; i < files.size(); ++i) {
    const FileResult& result = results[i];
    std::string outcome(OutcomeName(result.outcome));
    if (!result.error.empty()) absl::StrAppend(&outcome, ": ", result.error);
    table.AddRow({result.name.empty() ? "-" : result.name, outcome, files[i].path.string()});
  }
  if (!files.empty()) std::cout << table.Render();
  std::cout << "ingested " << files.size() << " files: " << counts.new_reports << " new, "
            << counts.duplicates << " duplicate, " << counts.failed << " failed\n";
}

}  // namespace

int RunIngest(const Settings& settings, const CommandLine& line) {
  if (line.positional().empty()) return UsageError("ingest", "name files or folders to ingest");
  absl::StatusOr<int> timeout_s = line.IntOption("timeout", 3600);
  if (!timeout_s.ok()) return UsageError("ingest", timeout_s.status().message());
  if (line.Has("source-url")) {
    std::error_code error;
    if (line.positional().size() != 1 || !fs::is_regular_file(line.positional()[0], error)) {
      return UsageError(
          "ingest",
          "--source-url names where ONE file came from; for folders, write a manifest.csv "
          "(file,source_url,retrieved_time) beside the files");
    }
    if (line.Has("manifest"))
      return UsageError("ingest", "give --source-url or --manifest, not both");
  }
  absl::StatusOr<std::vector<IngestManifest>> manifests = ReadManifests(line);
  if (!manifests.ok()) return ReportError(manifests.status(), kExitUsage);

  IngestCounts counts;
  std::vector<IngestFile> files = FilesWithSources(line, *manifests, &counts.failed);
  std::vector<std::string> manifest_problems;
  for (const IngestManifest& manifest : *manifests) {
    for (std::string& problem : manifest.MissingFiles()) {
      std::cerr << "fazhi: " << problem << "\n";
      manifest_problems.push_back(std::move(problem));
    }
  }
  const Endpoint ingestion = ServiceEndpoint(settings, kIngestionAddr);
  auto stub = v1::IngestionService::NewStub(Connect(ingestion.address));
  std::vector<FileResult> results(files.size());
  grpc::Status status;
  RetryLoop retry(CallKind::kIdempotent, kStreamRetry);
  do {
    std::vector<size_t> pending;
    for (size_t i = 0; i < files.size(); ++i) {
      if (results[i].outcome == Outcome::kUnsent) pending.push_back(i);
    }
    if (pending.empty()) {
      status = grpc::Status::OK;  // an interrupted stream whose answers all arrived
      break;
    }
    int done_before = counts.done();
    status = SendOnce(*stub, files, pending, absl::Seconds(*timeout_s), &results, &counts);
    if (counts.done() > done_before) retry.ResetAfterProgress();
    // A service that never answered this command may not be there at all: say so within
    // seconds. One that answered and went away is worth the whole retry budget.
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE && pending.size() == files.size() &&
        counts.done() == done_before) {
      if (absl::Status reachable = AwaitReachable(ingestion); !reachable.ok()) {
        status = grpc::Status(grpc::StatusCode::UNAVAILABLE, std::string(reachable.message()));
        break;
      }
    }
  } while (retry.ShouldRetry(FromGrpcStatus(status).code()));
  if (isatty(STDERR_FILENO) && !files.empty()) std::cerr << "\n";
  counts.failed +=
      static_cast<int>(std::count_if(results.begin(), results.end(), [](const FileResult& result) {
        return result.outcome == Outcome::kUnsent;
      }));
  if (WantsJson(line)) {
    PrintJson(files, results, counts, retry.retries(), manifest_problems);
  } else {
    PrintTable(files, results, counts);
    if (retry.retries() > 0) {
      std::cerr << "fazhi: the stream was resumed " << retry.retries()
                << " times; documents whose acknowledgement was lost count as duplicates\n";
    }
  }
  if (!status.ok()) return ReportRpcError("ingest", status);
  return counts.failed > 0 || !manifest_problems.empty() ? 1 : 0;
}

}  // namespace fazhi::cli
