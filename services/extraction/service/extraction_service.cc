#include "services/extraction/service/extraction_service.h"

#include "common/archive/report_names.h"
#include "common/status/grpc_status.h"
#include "common/text/decode.h"
#include "services/extraction/service/record_proto.h"

namespace fazhi::extraction {

absl::StatusOr<v1::ReportState> ExtractionServiceImpl::ExtractNow(const std::string& report_id) {
  absl::StatusOr<std::optional<ClaimedJob>> job = queue_->ClaimReport(report_id);
  if (!job.ok()) return job.status();
  // Not claimable: already done, dead, or being extracted by a worker right now.
  if (!job->has_value()) return queue_->ReportState(report_id);
  return processor_->Process(**job);
}

grpc::Status ExtractionServiceImpl::ExtractReport(grpc::ServerContext* context,
                                                  const v1::ExtractReportRequest* request,
                                                  v1::ExtractReportResponse* response) {
  absl::StatusOr<std::string> id = ParseReportName(request->name());
  if (!id.ok()) return ToGrpcStatus(id.status());
  absl::StatusOr<v1::ReportState> state = ExtractNow(*id);
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

}  // namespace fazhi::extraction
