// The gRPC IngestionService: decodes and normalizes each document and commits it to the archive.
// A single document (IngestDocument) is then extracted at once: the service asks the extraction
// service (with a deadline); when that call fails the job stays queued and the extraction workers
// pick it up, the document being already safe. A stream's documents are committed in groups (all
// that arrived while the previous group was stored, up to 32) and each is acknowledged only after
// its group's commit; their extraction is left to the workers, who take the queue in batches, so
// their answers say PENDING. A stream message that cannot be decoded ends the stream with
// INVALID_ARGUMENT once the documents before it are answered; nothing after it is read. When the
// service drains (BeginDrain), an open stream ends after its current group with UNAVAILABLE, which
// both sides see: the client sends the documents it has no answer for again (to another replica,
// or after the restart).
#ifndef FAZHI_SERVICES_INGESTION_INGESTION_SERVICE_H_
#define FAZHI_SERVICES_INGESTION_INGESTION_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <memory>

#include "absl/time/time.h"
#include "common/admission/admission.h"
#include "common/server/client_stream_read.h"
#include "fazhi/v1/extraction.grpc.pb.h"
#include "fazhi/v1/ingestion.grpc.pb.h"
#include "services/ingestion/document_store.h"
#include "services/ingestion/request_reader.h"

namespace fazhi::ingestion {

struct IngestionOptions {
  size_t max_document_bytes = 20 * 1024 * 1024;
  absl::Duration extraction_deadline = absl::Seconds(10);
  // Memory all documents being decoded may hold at once (DecodingBytes each).
  int64_t decode_bytes = int64_t{512} << 20;
};

// What decoding a document of `size` bytes may hold at its peak: the bytes repaired, the page's
// text, the normalizer's code points (measured on 10 MB pages: under 8 times the size), and, for
// HTML, the parser's tree, which ReduceHtml bounds by text::MaxHtmlTreeBytes of the page in UTF-8
// (up to 1.5 times the bytes received, for GBK).
int64_t DecodingBytes(size_t size);

class IngestionServiceImpl final : public v1::IngestionService::Service {
 public:
  // The stream reads ClientStreamRead (common/server/client_stream_read.h) to tell a message
  // that cannot be decoded from the client's end of the stream.
  using IngestStream = grpc::ServerReaderWriter<v1::StreamIngestDocumentsResponse,
                                                ClientStreamRead<v1::IngestDocumentRequest>>;

  IngestionServiceImpl(DocumentStore* store,
                       std::unique_ptr<v1::ExtractionService::StubInterface> extraction,
                       IngestionOptions options);

  grpc::Status IngestDocument(grpc::ServerContext* context,
                              const v1::IngestDocumentRequest* request,
                              v1::IngestDocumentResponse* response) override;

  // Serves StreamIngestDocuments in place of the generated handler (see the constructor); the
  // generated virtual StreamIngestDocuments is not overridden, as it is never called.
  grpc::Status ServeIngestStream(grpc::ServerContext* context, IngestStream* stream);

  // The server is draining: open streams end at their next group (ServiceRunner::OnDrain).
  void BeginDrain() { draining_ = true; }

 private:
  // Validates, decodes and normalizes a request; the document borrows the request's bytes.
  absl::StatusOr<PreparedDocument> Prepare(grpc::ServerContext* context,
                                           const v1::IngestDocumentRequest& request);
  static v1::IngestDocumentResponse ResponseFor(const StoredReport& stored,
                                                const PreparedDocument& prepared);
  // One transaction for the batch's valid documents; results in order.
  std::vector<absl::StatusOr<v1::IngestDocumentResponse>> IngestBatch(
      grpc::ServerContext* context, const std::vector<v1::IngestDocumentRequest>& batch);
  // Batches until the client's side ends (OK), a message cannot be decoded (INVALID_ARGUMENT) or
  // a failure ends the stream.
  grpc::Status AnswerStream(grpc::ServerContext* context, IngestStream* stream,
                            RequestReader* reader);
  absl::StatusOr<v1::IngestDocumentResponse> Ingest(grpc::ServerContext* context,
                                                    const v1::IngestDocumentRequest& request);
  // The report's state after asking the extraction service; PENDING when it could not answer.
  v1::ReportState RequestExtraction(grpc::ServerContext* context, const std::string& id);

  DocumentStore* store_;
  std::unique_ptr<v1::ExtractionService::StubInterface> extraction_;
  IngestionOptions options_;
  Admission decoding_;
  std::atomic<bool> draining_ = false;
};

}  // namespace fazhi::ingestion

#endif  // FAZHI_SERVICES_INGESTION_INGESTION_SERVICE_H_
