// The gRPC IngestionService: decodes and normalizes each document, commits it to the archive,
// then asks the extraction service to extract it (with a deadline). When that call fails the
// job stays queued and the extraction workers pick it up: the document is already safe.
#ifndef FAZHI_SERVICES_INGESTION_INGESTION_SERVICE_H_
#define FAZHI_SERVICES_INGESTION_INGESTION_SERVICE_H_

#include <memory>

#include "absl/time/time.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "services/ingestion/document_store.h"

namespace fazhi::ingestion {

struct IngestionOptions {
  size_t max_document_bytes = 20 * 1024 * 1024;
  absl::Duration extraction_deadline = absl::Seconds(10);
};

class IngestionServiceImpl final : public v1::IngestionService::Service {
 public:
  IngestionServiceImpl(DocumentStore* store,
                       std::unique_ptr<v1::ExtractionService::StubInterface> extraction,
                       IngestionOptions options)
      : store_(store), extraction_(std::move(extraction)), options_(options) {}

  grpc::Status IngestDocument(grpc::ServerContext* context,
                              const v1::IngestDocumentRequest* request,
                              v1::IngestDocumentResponse* response) override;

  grpc::Status StreamIngestDocuments(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::StreamIngestDocumentsResponse, v1::IngestDocumentRequest>* stream)
      override;

 private:
  absl::StatusOr<v1::IngestDocumentResponse> Ingest(grpc::ServerContext* context,
                                                    const v1::IngestDocumentRequest& request);
  // The report's state after asking the extraction service; PENDING when it could not answer.
  v1::ReportState RequestExtraction(grpc::ServerContext* context, const std::string& id);

  DocumentStore* store_;
  std::unique_ptr<v1::ExtractionService::StubInterface> extraction_;
  IngestionOptions options_;
};

}  // namespace fazhi::ingestion

#endif  // FAZHI_SERVICES_INGESTION_INGESTION_SERVICE_H_
