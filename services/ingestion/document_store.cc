#include "services/ingestion/document_store.h"

#include <algorithm>

#include "common/archive/report_names.h"
#include "absl/time/clock.h"
#include "common/metrics/stage_timer.h"
#include "common/text/normalize.h"

namespace fazhi::ingestion {
namespace {

constexpr char kInsertReportSql[] = R"sql(
  INSERT INTO reports (id, content_sha256, original, original_size_bytes, original_encoding,
                       original_format, file_name, content_type, source_url, retrieved_time,
                       request_id, normalized_text, normalizer_version, text_length)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
          CASE WHEN $10 = '' THEN NULL ELSE to_timestamp($10::double precision) END,
          NULLIF($11, ''), $12, $13, $14)
  ON CONFLICT DO NOTHING
  RETURNING id)sql";

// The report already stored under this request id or these bytes, if any.
std::optional<StoredReport> FindExisting(pqxx::work& work, const PreparedDocument& document) {
  pqxx::result rows = work.exec_params(
      "SELECT id, state FROM reports WHERE content_sha256 = $1 OR (request_id = $2 AND $2 <> '')"
      " ORDER BY (request_id = $2) DESC LIMIT 1",
      document.content_sha256, document.request_id);
  if (rows.empty()) return std::nullopt;
  return StoredReport{rows[0][0].as<std::string>(), true,
                      ReportStateFromColumn(rows[0][1].as<std::string>())};
}


// Stores one document in the open transaction, or finds it already stored.
absl::StatusOr<StoredReport> StoreIn(pqxx::work& work, const PreparedDocument& document,
                                     ExtractionRequest extraction) {
  if (std::optional<StoredReport> existing = FindExisting(work, document)) return *existing;
  std::string id = ReportIdFromSha256(document.content_sha256);
  std::string retrieved = document.retrieved_unix_seconds
                              ? std::to_string(*document.retrieved_unix_seconds)
                              : std::string();
  pqxx::binarystring original(document.original.data(), document.original.size());
  pqxx::result inserted = work.exec_params(
      kInsertReportSql, id, document.content_sha256, original,
      static_cast<int64_t>(document.original.size()), document.encoding, document.format,
      document.file_name, document.content_type, document.source_url, retrieved,
      document.request_id, document.normalized_text, std::string(text::kNormalizerVersion),
      document.text_length);
  if (inserted.empty()) {
    // A concurrent ingest of the same bytes or request id won the race: report theirs.
    std::optional<StoredReport> existing = FindExisting(work, document);
    if (!existing) return absl::AbortedError("concurrent ingest of the same document; retry");
    return *existing;
  }
  // When the caller asks the extraction service directly, workers wait a moment before taking
  // the job; queued documents are due at once.
  work.exec_params0(
      "INSERT INTO extraction_jobs (report_id, next_attempt_time) VALUES ($1, now() + $2::interval)",
      id, extraction == ExtractionRequest::kDirect ? "2 seconds" : "0 seconds");
  return StoredReport{id, false, v1::REPORT_STATE_PENDING};
}

}  // namespace

absl::StatusOr<StoredReport> DocumentStore::Store(const PreparedDocument& document,
                                                  absl::Time deadline) {
  absl::StatusOr<std::vector<StoredReport>> stored =
      StoreBatch({&document}, ExtractionRequest::kDirect, deadline);
  if (!stored.ok()) return stored.status();
  return stored->front();
}

absl::StatusOr<std::vector<StoredReport>> DocumentStore::StoreBatch(
    const std::vector<const PreparedDocument*>& documents, ExtractionRequest extraction,
    absl::Time deadline) {
  std::vector<StoredReport> stored;
  double statements_seconds = 0;
  absl::Time start = absl::Now();
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    metrics::StageTimer statements(kStageMetric, "archive");
    stored.clear();  // a retried body starts over
    // TOAST-compressing the original and the text with pglz was PostgreSQL's largest cost per
    // report (perf); lz4 is several times faster at a slightly lower ratio.
    work.exec0("SET LOCAL default_toast_compression = lz4");
    for (const PreparedDocument* document : documents) {
      absl::StatusOr<StoredReport> one = StoreIn(work, *document, extraction);
      if (!one.ok()) return one.status();
      stored.push_back(*std::move(one));
    }
    statements_seconds = statements.Stop();
    return absl::OkStatus();
  }, deadline);
  // "commit" is the transaction's time beyond its statements: BEGIN, waiting for a pooled
  // connection and the COMMIT's flush.
  double transaction_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  metrics::ObserveStage(kStageMetric, "commit",
                        std::max(0.0, transaction_seconds - statements_seconds));
  if (!status.ok()) return status;
  return stored;
}

}  // namespace fazhi::ingestion
