#include "services/ingestion/ingestion_service.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/archive/report_names.h"
#include "common/logging/logging.h"
#include "common/metrics/registry.h"
#include "common/status/grpc_status.h"
#include "common/text/decode.h"
#include "common/text/normalize.h"
#include "common/text/sha256.h"
#include "common/text/utf8.h"

namespace fazhi::ingestion {
namespace {

constexpr size_t kMaxRequestIdLength = 200;

// The caller's deadline as an absl::Time; gRPC reports "none" as the largest time_point.
absl::Time CallerDeadline(const grpc::ServerContext& context) {
  if (context.deadline() == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(context.deadline());
}

// Failures after which a stream cannot go on: the archive is unreachable or the caller's time
// is up. The client retries what was not acknowledged.
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
  } else if (absl::IsInvalidArgument(result.status())) {
    outcome = "rejected";
  }
  metrics::Registry& metrics = metrics::Registry::Default();
  metrics.GetCounter("fazhi_ingestion_documents_total", "Documents received, by outcome",
                     {{"outcome", outcome}})
      ->Increment();
  metrics.GetCounter("fazhi_ingestion_bytes_total", "Bytes of documents received, by outcome",
                     {{"outcome", outcome}})
      ->Increment(static_cast<double>(bytes));
}

}  // namespace

absl::StatusOr<v1::IngestDocumentResponse> IngestionServiceImpl::Ingest(
    grpc::ServerContext* context, const v1::IngestDocumentRequest& request) {
  const v1::Document& document = request.document();
  if (request.request_id().size() > kMaxRequestIdLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id is ", request.request_id().size(), " bytes, over the limit of ",
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
  if (context->IsCancelled()) return CancelledError();
  text::DecodeOptions decode_options;
  decode_options.file_name = document.file_name();
  decode_options.content_type = document.content_type();
  decode_options.max_bytes = options_.max_document_bytes;
  absl::StatusOr<text::DecodedDocument> decoded =
      text::DecodeDocument(document.content(), decode_options);
  if (!decoded.ok()) return decoded.status();

  PreparedDocument prepared;
  prepared.original = document.content();
  prepared.content_sha256 = text::Sha256Hex(document.content());
  prepared.encoding = decoded->encoding;
  prepared.format = std::string(text::SourceFormatName(decoded->format));
  prepared.normalized_text = text::NormalizeText(decoded->text);
  prepared.text_length = text::CountCodepoints(prepared.normalized_text);
  prepared.file_name = document.file_name();
  prepared.content_type = document.content_type();
  prepared.source_url = document.source_url();
  if (document.has_retrieved_time()) prepared.retrieved_unix_seconds = document.retrieved_time().seconds();
  prepared.request_id = request.request_id();

  // Decoding and normalizing took a while: nobody may be waiting any more.
  if (context->IsCancelled()) return CancelledError();
  absl::StatusOr<StoredReport> stored = store_->Store(prepared, CallerDeadline(*context));
  if (!stored.ok()) return stored.status();

  v1::IngestDocumentResponse response;
  response.set_name(ReportName(stored->id));
  response.set_duplicate(stored->duplicate);
  response.set_content_sha256(prepared.content_sha256);
  response.set_state(stored->state == v1::REPORT_STATE_PENDING
                         ? RequestExtraction(context, stored->id)
                         : stored->state);
  return response;
}

v1::ReportState IngestionServiceImpl::RequestExtraction(grpc::ServerContext* context,
                                                        const std::string& id) {
  if (context->IsCancelled()) return v1::REPORT_STATE_PENDING;  // the job queue takes it
  grpc::ClientContext call;
  // Never wait longer than the caller will.
  auto deadline = std::chrono::system_clock::now() +
                  absl::ToChronoMilliseconds(options_.extraction_deadline);
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

grpc::Status IngestionServiceImpl::StreamIngestDocuments(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::StreamIngestDocumentsResponse, v1::IngestDocumentRequest>* stream) {
  v1::IngestDocumentRequest request;
  for (int64_t index = 0; stream->Read(&request); ++index) {
    if (context->IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
    v1::StreamIngestDocumentsResponse response;
    response.set_index(index);
    absl::StatusOr<v1::IngestDocumentResponse> result = Ingest(context, request);
    CountDocument(result, request.document().content().size());
    if (result.ok()) {
      *response.mutable_result() = std::move(*result);
    } else if (EndsTheStream(result.status())) {
      return ToGrpcStatus(result.status());
    } else {
      response.set_error_code(static_cast<int>(result.status().code()));
      response.set_error_message(std::string(result.status().message()));
    }
    if (!stream->Write(response)) break;
  }
  return grpc::Status::OK;
}

}  // namespace fazhi::ingestion
