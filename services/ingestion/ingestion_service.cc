#include "services/ingestion/ingestion_service.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include "absl/strings/str_cat.h"
#include "common/archive/pages_json.h"
#include "common/archive/report_names.h"
#include "common/logging/logging.h"
#include "common/metrics/registry.h"
#include "common/metrics/stage_timer.h"
#include "common/server/call_deadline.h"
#include "common/server/decode_error_interceptor.h"
#include "common/status/grpc_status.h"
#include "common/text/decode.h"
#include "common/text/html.h"
#include "common/text/normalize.h"
#include "common/text/read_document.h"
#include "common/text/sha256.h"
#include "common/text/utf8.h"

namespace fazhi::ingestion {
namespace {

constexpr size_t kMaxRequestIdLength = 200;
// A stream's documents committed together: what arrived while the previous group was stored, up
// to these limits.
constexpr size_t kMaxBatchDocuments = 32;
constexpr size_t kMaxBatchBytes = 16 << 20;
// How long a failing stream waits for the client to stop sending before cancelling the call.
constexpr absl::Duration kDrainGrace = absl::Seconds(10);

// Failures after which a stream cannot go on: the archive is unreachable or the caller's time
// is up. The client retries what was not acknowledged.
// How a stream ends when the server drains: the client knows which documents were answered.
grpc::Status ShuttingDown(int64_t answered) {
  return grpc::Status(
      grpc::StatusCode::UNAVAILABLE,
      absl::StrCat("the ingestion service is shutting down: the stream's first ", answered,
                   " documents were answered (and stored); send the others again"));
}

bool EndsTheStream(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsAborted(status) ||
         absl::IsDeadlineExceeded(status) || absl::IsCancelled(status);
}

absl::Status CancelledError() { return absl::CancelledError("the caller cancelled the call"); }

// Documents and their bytes by outcome: new, duplicate, rejected (the caller's input was refused)
// or failed (the archive could not take it; the caller may retry).
void CountDocument(const absl::StatusOr<v1::IngestDocumentResponse>& result, size_t bytes) {
  std::string outcome = "failed";
  if (result.ok()) {
    outcome = result->duplicate() ? "duplicate" : "new";
  } else if (absl::IsInvalidArgument(result.status()) || absl::IsAlreadyExists(result.status())) {
    outcome = "rejected";  // bad bytes, or a request id already bound to other ones
  }
  metrics::Registry& metrics = metrics::Registry::Default();
  metrics
      .GetCounter("fazhi_ingestion_documents_total", "Documents received, by outcome",
                  {{"outcome", outcome}})
      ->Increment();
  metrics
      .GetCounter("fazhi_ingestion_bytes_total", "Bytes of documents received, by outcome",
                  {{"outcome", outcome}})
      ->Increment(static_cast<double>(bytes));
}

// google.protobuf.Timestamp's own range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: outside
// it PostgreSQL refuses the value, which is the caller's mistake, not the archive's.
absl::Status CheckRetrievedTime(const google::protobuf::Timestamp& time) {
  constexpr int64_t kMinSeconds = -62135596800;
  constexpr int64_t kMaxSeconds = 253402300799;
  if (time.seconds() < kMinSeconds || time.seconds() > kMaxSeconds || time.nanos() < 0 ||
      time.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat("document.retrieved_time is out of range (seconds ", time.seconds(),
                     ", nanos ", time.nanos(), "): a Timestamp lies in the years 1 to 9999"));
  }
  return absl::OkStatus();
}

}  // namespace

int64_t DecodingBytes(size_t size) {
  return 8 * static_cast<int64_t>(size) + (int64_t{1} << 20) +
         text::MaxHtmlTreeBytes(size + size / 2);
}

IngestionServiceImpl::IngestionServiceImpl(
    DocumentStore* store, std::unique_ptr<v1::ExtractionService::StubInterface> extraction,
    IngestionOptions options)
    : store_(store),
      extraction_(std::move(extraction)),
      options_(options),
      decoding_({.max_calls = 1 << 20,
                 .total_bytes = options.decode_bytes,
                 .call_bytes = std::numeric_limits<int64_t>::max(),  // alone, any document may run
                 .max_wait = absl::Seconds(10),
                 .what = "documents being decoded"}) {
  MarkMethodStreamed(ClientStreamedMethodIndex<v1::IngestDocumentRequest>(
                         "fazhi.v1.IngestionService.StreamIngestDocuments"),
                     NewClientStreamHandler(this, &IngestionServiceImpl::ServeIngestStream));
}

absl::StatusOr<PreparedDocument> IngestionServiceImpl::Prepare(
    grpc::ServerContext* context, const v1::IngestDocumentRequest& request) {
  metrics::StageTimer timer(DocumentStore::kStageMetric, "decode");
  const v1::Document& document = request.document();
  if (request.request_id().size() > kMaxRequestIdLength) {
    return absl::InvalidArgumentError(absl::StrCat("request_id is ", request.request_id().size(),
                                                   " bytes, over the limit of ",
                                                   kMaxRequestIdLength));
  }
  for (const std::string* field : {&request.request_id(), &document.file_name(),
                                   &document.content_type(), &document.source_url()}) {
    if (!text::IsValidUtf8(*field)) {
      return absl::InvalidArgumentError("request strings must be valid UTF-8");
    }
    // PostgreSQL text cannot hold NUL.
    if (field->find('\0') != std::string::npos) {
      return absl::InvalidArgumentError("request strings must not contain NUL characters");
    }
  }
  if (document.has_retrieved_time()) {
    if (absl::Status valid = CheckRetrievedTime(document.retrieved_time()); !valid.ok())
      return valid;
  }
  if (context->IsCancelled()) return CancelledError();
  // Bounded memory: documents wait here (at most 10 s and the caller's deadline) while others'
  // decoding holds the budget.
  absl::StatusOr<Admission::Ticket> decoding =
      decoding_.Admit(DecodingBytes(document.content().size()), CallDeadline(*context));
  if (!decoding.ok()) return decoding.status();
  text::DecodeOptions decode_options;
  decode_options.file_name = document.file_name();
  decode_options.content_type = document.content_type();
  decode_options.max_bytes = options_.max_document_bytes;
  absl::StatusOr<text::ReadText> read = text::ReadDocument(document.content(), decode_options);
  if (!read.ok()) return read.status();

  PreparedDocument prepared;
  prepared.original = document.content();
  prepared.content_sha256 = text::Sha256Hex(document.content());
  prepared.encoding = std::move(read->encoding);
  prepared.format = std::move(read->format);
  prepared.normalized_text = std::move(read->normalized_text);
  prepared.text_length = read->text_length;
  prepared.converter = std::move(read->converter);
  prepared.pages_json = PagesToStoredJson(read->pages);
  prepared.file_name = document.file_name();
  prepared.content_type = document.content_type();
  prepared.source_url = document.source_url();
  if (document.has_retrieved_time())
    prepared.retrieved_unix_seconds = document.retrieved_time().seconds();
  prepared.request_id = request.request_id();

  return prepared;
}

v1::IngestDocumentResponse IngestionServiceImpl::ResponseFor(const StoredReport& stored,
                                                             const PreparedDocument& prepared) {
  v1::IngestDocumentResponse response;
  response.set_name(ReportName(stored.id));
  response.set_duplicate(stored.duplicate);
  response.set_content_sha256(prepared.content_sha256);
  response.set_state(stored.state);
  return response;
}

absl::StatusOr<v1::IngestDocumentResponse> IngestionServiceImpl::Ingest(
    grpc::ServerContext* context, const v1::IngestDocumentRequest& request) {
  absl::StatusOr<PreparedDocument> prepared = Prepare(context, request);
  if (!prepared.ok()) return prepared.status();
  // Decoding and normalizing took a while: nobody may be waiting any more.
  if (context->IsCancelled()) return CancelledError();
  absl::StatusOr<StoredReport> stored = store_->Store(*prepared, CallDeadline(*context));
  if (!stored.ok()) return stored.status();
  v1::IngestDocumentResponse response = ResponseFor(*stored, *prepared);
  if (stored->state == v1::REPORT_STATE_PENDING) {
    response.set_state(RequestExtraction(context, stored->id));
  }
  return response;
}

std::vector<absl::StatusOr<v1::IngestDocumentResponse>> IngestionServiceImpl::IngestBatch(
    grpc::ServerContext* context, const std::vector<v1::IngestDocumentRequest>& batch) {
  std::vector<absl::StatusOr<PreparedDocument>> prepared;
  std::vector<const PreparedDocument*> valid;
  for (const v1::IngestDocumentRequest& request : batch) {
    prepared.push_back(Prepare(context, request));
  }
  for (const auto& document : prepared) {
    if (document.ok()) valid.push_back(&*document);
  }
  absl::StatusOr<std::vector<StoredReport>> stored = std::vector<StoredReport>();
  if (!valid.empty()) {
    stored = store_->StoreBatch(valid, ExtractionRequest::kQueued, CallDeadline(*context));
  }
  std::vector<absl::StatusOr<v1::IngestDocumentResponse>> results;
  size_t next_stored = 0;
  for (const auto& document : prepared) {
    if (!document.ok()) {
      results.push_back(document.status());
    } else if (stored.ok()) {
      results.push_back(ResponseFor((*stored)[next_stored++], *document));
    } else if (EndsTheStream(stored.status()) || valid.size() == 1) {
      results.push_back(stored.status());
    } else {
      // Some document of the batch failed on its own: store each alone to tell which.
      absl::StatusOr<std::vector<StoredReport>> alone =
          store_->StoreBatch({&*document}, ExtractionRequest::kQueued, CallDeadline(*context));
      if (alone.ok()) {
        results.push_back(ResponseFor(alone->front(), *document));
      } else {
        results.push_back(alone.status());
      }
    }
  }
  return results;
}

v1::ReportState IngestionServiceImpl::RequestExtraction(grpc::ServerContext* context,
                                                        const std::string& id) {
  if (context->IsCancelled()) return v1::REPORT_STATE_PENDING;  // the job queue takes it
  grpc::ClientContext call;
  // Never wait longer than the caller will.
  auto deadline =
      std::chrono::system_clock::now() + absl::ToChronoMilliseconds(options_.extraction_deadline);
  call.set_deadline(std::min(deadline, context->deadline()));
  v1::ExtractReportRequest request;
  request.set_name(ReportName(id));
  v1::ExtractReportResponse response;
  grpc::Status status = extraction_->ExtractReport(&call, request, &response);
  if (!status.ok()) {
    LogEvent(spdlog::level::warn, "extraction_deferred",
             {{"report", id}, {"error", status.error_message()}});
    return v1::REPORT_STATE_PENDING;
  }
  return response.state();
}

grpc::Status IngestionServiceImpl::IngestDocument(grpc::ServerContext* context,
                                                  const v1::IngestDocumentRequest* request,
                                                  v1::IngestDocumentResponse* response) {
  absl::StatusOr<v1::IngestDocumentResponse> result = Ingest(context, *request);
  CountDocument(result, request->document().content().size());
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = std::move(*result);
  return grpc::Status::OK;
}

grpc::Status IngestionServiceImpl::AnswerStream(grpc::ServerContext* context, IngestStream* stream,
                                                RequestReader* reader) {
  int64_t index = 0;
  while (true) {
    metrics::StageTimer wait(DocumentStore::kStageMetric, "wait_for_client");
    std::vector<v1::IngestDocumentRequest> batch =
        reader->TakeBatch(kMaxBatchDocuments, kMaxBatchBytes);
    wait.Stop();
    if (batch.empty()) {
      // Everything before the message that could not be decoded was answered; nothing after it
      // was read.
      if (reader->undecodable()) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            std::string(kUndecodableRequestMessage));
      }
      // The reads ended because the server cancelled the call at the end of its grace period.
      if (draining_ && context->IsCancelled()) return ShuttingDown(index);
      return grpc::Status::OK;
    }
    if (context->IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
    std::vector<absl::StatusOr<v1::IngestDocumentResponse>> results = IngestBatch(context, batch);
    metrics::StageTimer respond(DocumentStore::kStageMetric, "respond");
    for (size_t i = 0; i < batch.size(); ++i) {
      CountDocument(results[i], batch[i].document().content().size());
      v1::StreamIngestDocumentsResponse response;
      response.set_index(index++);
      if (results[i].ok()) {
        *response.mutable_result() = *std::move(results[i]);
      } else if (EndsTheStream(results[i].status())) {
        return ToGrpcStatus(results[i].status());
      } else {
        response.set_error_code(static_cast<int>(results[i].status().code()));
        response.set_error_message(std::string(results[i].status().message()));
      }
      if (!stream->Write(response)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading");
      }
    }
    if (draining_) return ShuttingDown(index);
  }
}

grpc::Status IngestionServiceImpl::ServeIngestStream(grpc::ServerContext* context,
                                                     IngestStream* stream) {
  RequestReader reader(
      [stream](v1::IngestDocumentRequest* request) { return ReadClientMessage(stream, request); },
      {.max_queued_documents = 2 * kMaxBatchDocuments, .max_queued_bytes = 4 * kMaxBatchBytes});
  grpc::Status status = AnswerStream(context, stream, &reader);
  // The reader may be waiting for a request: a pipelining client ends its side once it has sent
  // everything; one waiting for an answer never does, and only cancelling frees the reader.
  if (!status.ok() && !reader.DiscardUntilEnd(kDrainGrace)) context->TryCancel();
  return status;
}

}  // namespace fazhi::ingestion
