// The gRPC ExtractionService: extracts an archived report now (ExtractReport, called by
// ingestion after it commits a document) or posted bytes without storing them (ExtractText).
// Database work of a call is bounded by the caller's deadline (DEADLINE_EXCEEDED, nothing stored).
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_EXTRACTION_SERVICE_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_EXTRACTION_SERVICE_H_

#include "fazhi/v1/extraction.grpc.pb.h"
#include "services/extraction/service/job_processor.h"

namespace fazhi::extraction {

class ExtractionServiceImpl final : public v1::ExtractionService::Service {
 public:
  ExtractionServiceImpl(const Extractor* extractor, const JobQueue* queue,
                        size_t max_document_bytes)
      : extractor_(extractor), queue_(queue), max_document_bytes_(max_document_bytes) {}

  grpc::Status ExtractReport(grpc::ServerContext* context, const v1::ExtractReportRequest* request,
                             v1::ExtractReportResponse* response) override;
  grpc::Status ExtractText(grpc::ServerContext* context, const v1::ExtractTextRequest* request,
                           v1::ExtractTextResponse* response) override;
  grpc::Status ReextractReports(grpc::ServerContext* context,
                                const v1::ReextractReportsRequest* request,
                                v1::ReextractReportsResponse* response) override;
  grpc::Status ListJobs(grpc::ServerContext* context, const v1::ListJobsRequest* request,
                        v1::ListJobsResponse* response) override;
  grpc::Status RequeueJobs(grpc::ServerContext* context, const v1::RequeueJobsRequest* request,
                           v1::RequeueJobsResponse* response) override;

 private:
  absl::StatusOr<v1::ReportState> ExtractNow(grpc::ServerContext* context,
                                             const std::string& report_id);
  // The queue, its transactions bounded by the call's deadline.
  JobQueue QueueFor(const grpc::ServerContext& context) const;

  const Extractor* extractor_;
  const JobQueue* queue_;
  size_t max_document_bytes_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_EXTRACTION_SERVICE_H_
