#include "services/ingestion/document_store.h"

#include "common/archive/report_names.h"
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

}  // namespace

absl::StatusOr<StoredReport> DocumentStore::Store(const PreparedDocument& document,
                                                  absl::Time deadline) {
  StoredReport stored;
  absl::Status status = pool_->WithTransaction([&](pqxx::work& work) {
    if (std::optional<StoredReport> existing = FindExisting(work, document)) {
      stored = *existing;
      return absl::OkStatus();
    }
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
      stored = *existing;
      return absl::OkStatus();
    }
    // Workers wait a moment before taking a new job: the ingestion call asks for it directly.
    work.exec_params0(
        "INSERT INTO extraction_jobs (report_id, next_attempt_time)"
        " VALUES ($1, now() + interval '2 seconds')", id);
    stored = StoredReport{id, false, v1::REPORT_STATE_PENDING};
    return absl::OkStatus();
  }, deadline);
  if (!status.ok()) return status;
  return stored;
}

}  // namespace fazhi::ingestion
