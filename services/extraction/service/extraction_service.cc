#include "services/extraction/service/extraction_service.h"

#include <chrono>
#include <thread>

#include "common/archive/report_names.h"
#include "common/status/grpc_status.h"
#include "common/text/decode.h"
#include "services/extraction/service/record_proto.h"

namespace fazhi::extraction {
namespace {

constexpr std::chrono::milliseconds kPollInterval{20};

}  // namespace

absl::StatusOr<v1::ReportState> ExtractionServiceImpl::ExtractNow(grpc::ServerContext* context,
                                                                   const std::string& report_id) {
  absl::StatusOr<std::optional<ClaimedJob>> job = queue_->ClaimReport(report_id);
  if (!job.ok()) return job.status();
  if (job->has_value()) return processor_->Process(**job);
  // Not claimable: already done or dead, or a worker is extracting it right now; then wait for
  // the worker (within the caller's deadline) so the answer means what it says.
  while (true) {
    absl::StatusOr<v1::ReportState> state = queue_->ReportState(report_id);
    if (!state.ok() || *state != v1::REPORT_STATE_PENDING) return state;
    if (context->IsCancelled() || std::chrono::system_clock::now() + kPollInterval > context->deadline()) {
      return state;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

grpc::Status ExtractionServiceImpl::ExtractReport(grpc::ServerContext* context,
                                                  const v1::ExtractReportRequest* request,
                                                  v1::ExtractReportResponse* response) {
  absl::StatusOr<std::string> id = ParseReportName(request->name());
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<v1::ReportState> state = ExtractNow(context, *id);
  if (!state.ok()) return ToGrpcStatus(state.status());
  response->set_name(ReportName(*id));
  response->set_state(*state);
  response->set_extractor_version(std::string(Extractor::kExtractorVersion));
  return grpc::Status::OK;
}

grpc::Status ExtractionServiceImpl::ExtractText(grpc::ServerContext* context,
                                                const v1::ExtractTextRequest* request,
                                                v1::ExtractTextResponse* response) {
  text::DecodeOptions options;
  options.file_name = request->file_name();
  options.content_type = request->content_type();
  options.max_bytes = max_document_bytes_;
  absl::StatusOr<ExtractedDocument> extracted = extractor_->ExtractFromBytes(request->content(), options);
  if (!extracted.ok()) return ToGrpcStatus(extracted.status());
  *response->mutable_record() = RecordToProto(extracted->record);
  response->set_normalized_text(std::move(extracted->normalized_text));
  return grpc::Status::OK;
}

grpc::Status ExtractionServiceImpl::ReextractReports(grpc::ServerContext* context,
                                                     const v1::ReextractReportsRequest* request,
                                                     v1::ReextractReportsResponse* response) {
  std::string indicator_version = extractor_->indicator_set().version();
  absl::StatusOr<int64_t> queued =
      queue_->Requeue(request->all(), Extractor::kExtractorVersion, indicator_version);
  if (!queued.ok()) return ToGrpcStatus(queued.status());
  response->set_queued_count(*queued);
  response->set_extractor_version(std::string(Extractor::kExtractorVersion));
  response->set_indicator_set_version(indicator_version);
  return grpc::Status::OK;
}

}  // namespace fazhi::extraction
