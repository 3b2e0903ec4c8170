// Writes documents into the archive: the original bytes, the normalized text, the provenance and
// an extraction job, in one transaction. Identical bytes (same SHA-256) or a repeated request id
// give back the report already stored, marked as a duplicate; nothing is overwritten.
//
// StoreBatch commits many documents in one transaction (group commit): one flush of the WAL for
// all of them, and none is acknowledged before that commit.
//
//   DocumentStore store(pool);
//   absl::StatusOr<std::vector<StoredReport>> stored =
//       store.StoreBatch({&first, &second}, ExtractionRequest::kQueued);
#ifndef FAZHI_SERVICES_INGESTION_DOCUMENT_STORE_H_
#define FAZHI_SERVICES_INGESTION_DOCUMENT_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/archive/reports_schema.h"
#include "common/db/connection_pool.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi::ingestion {

// A decoded, normalized document ready to be archived: the reports row it becomes is
// common/archive/reports_schema.h's.
using PreparedDocument = IngestedReport;

// Who starts a new report's extraction: the caller, by asking the extraction service at once
// (the job waits 2 s before the workers may take it), or the workers, from the queue.
enum class ExtractionRequest { kDirect, kQueued };

struct StoredReport {
  std::string id;
  bool duplicate = false;
  v1::ReportState state = v1::REPORT_STATE_PENDING;
};

class DocumentStore final {
 public:
  // Time by stage (archive statements, commit), for tools/ingest_benchmark.
  static constexpr std::string_view kStageMetric = "fazhi_ingestion_stage_seconds";

  explicit DocumentStore(db::ConnectionPool* pool) : pool_(pool) {}

  // Commits the document (or finds it already stored) before returning; statements still
  // running at `deadline` (the caller's) are cancelled with DEADLINE_EXCEEDED.
  absl::StatusOr<StoredReport> Store(const PreparedDocument& document,
                                     absl::Time deadline = absl::InfiniteFuture());

  // Store() for each document (in order) in one transaction. An error is the whole batch's:
  // nothing of it was committed.
  absl::StatusOr<std::vector<StoredReport>> StoreBatch(
      const std::vector<const PreparedDocument*>& documents, ExtractionRequest extraction,
      absl::Time deadline = absl::InfiniteFuture());

 private:
  db::ConnectionPool* pool_;
};

}  // namespace fazhi::ingestion

#endif  // FAZHI_SERVICES_INGESTION_DOCUMENT_STORE_H_
