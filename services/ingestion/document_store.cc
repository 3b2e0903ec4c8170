#include "services/ingestion/document_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/archive/report_names.h"
#include "common/archive/reports_schema.h"
#include "common/metrics/stage_timer.h"
#include "common/status/quoted_input.h"

namespace fazhi::ingestion {
namespace {

// Prepared once per connection (pqxx re-prepares on a new one): parsing and planning each row's
// INSERT anew was a tenth of PostgreSQL's CPU per report.
constexpr char kInsertReportName[] = "ingestion_insert_report";

// The INSERT of one report into the columns ingestion writes (common/archive/reports_schema.h).
// The text values are parameters $1... in column order and the binary ones (the original) follow
// them, so that each kind binds as one list: pqxx 6 binds a list as all text or all binary.
std::string InsertReportSql() {
  const std::vector<ReportColumn>& written = WrittenReportColumns();
  int next_text = 1;
  int next_binary = 1 + static_cast<int>(std::count_if(
                            written.begin(), written.end(),
                            [](const ReportColumn& column) { return !column.binary(); }));
  std::vector<std::string> placeholders;
  for (const ReportColumn& column : written) {
    placeholders.push_back(absl::StrCat("$", column.binary() ? next_binary++ : next_text++));
  }
  return absl::StrCat("INSERT INTO reports (", ColumnNameList(written), ") VALUES (",
                      absl::StrJoin(placeholders, ", "), ") ON CONFLICT DO NOTHING RETURNING id");
}
const std::string kInsertReportSql = InsertReportSql();

// Reports already stored under any of the batch's hashes ($1) or request ids ($2), JSON arrays.
constexpr char kFindExistingName[] = "ingestion_find_existing";
constexpr char kFindExistingSql[] = R"sql(
  SELECT id, state, content_sha256, COALESCE(request_id, '') FROM reports
  WHERE content_sha256 = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))
  UNION
  SELECT id, state, content_sha256, COALESCE(request_id, '') FROM reports
  WHERE request_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb))))sql";

// Jobs of the reports ($1, a JSON array) due after $2: when the caller asks the extraction service
// directly, workers wait a moment before taking the job; queued documents are due at once.
constexpr char kInsertJobsName[] = "ingestion_insert_jobs";
constexpr char kInsertJobsSql[] = R"sql(
  INSERT INTO extraction_jobs (report_id, next_attempt_time)
  SELECT id, now() + $2::interval FROM jsonb_array_elements_text($1::jsonb) AS id)sql";

// A request id names one document: reused with other bytes, it is refused, naming the report
// it first named (the id truncated: it is the caller's string, of any length).
absl::Status RequestIdTaken(const PreparedDocument& document, const std::string& first_id) {
  return absl::AlreadyExistsError(absl::StrCat(
      "request_id '", QuotedInput(document.request_id), "' was first used for ",
      ReportName(first_id),
      " with other content; a request id names one document (send these bytes under a new one)"));
}

// A report stored before, or earlier in this batch, and the hash of its bytes.
struct KnownReport {
  StoredReport report;
  std::string content_sha256;
};

// The stored report a document repeats (marked duplicate), or AlreadyExists when its request id
// is already bound to other bytes; nullopt when neither its request id nor its bytes are known.
absl::StatusOr<std::optional<StoredReport>> RepeatOf(const PreparedDocument& document,
                                                     const KnownReport* by_request_id,
                                                     const KnownReport* by_sha256) {
  const KnownReport* known = by_request_id != nullptr ? by_request_id : by_sha256;
  if (known == nullptr) return std::nullopt;
  if (by_request_id != nullptr && by_request_id->content_sha256 != document.content_sha256) {
    return RequestIdTaken(document, by_request_id->report.id);
  }
  StoredReport report = known->report;
  report.duplicate = true;
  return report;
}

// The report already stored under this request id or these bytes, if any: after an INSERT that
// lost a race with a concurrent ingest.
absl::StatusOr<std::optional<StoredReport>> FindExisting(pqxx::work& work,
                                                         const PreparedDocument& document) {
  pqxx::result rows = work.exec_params(
      "SELECT id, state, content_sha256, request_id = $2 FROM reports"
      " WHERE content_sha256 = $1 OR (request_id = $2 AND $2 <> '')"
      " ORDER BY (request_id = $2) DESC LIMIT 1",
      document.content_sha256, document.request_id);
  if (rows.empty()) return std::nullopt;
  KnownReport known{
      {rows[0][0].as<std::string>(), false, ReportStateFromColumn(rows[0][1].as<std::string>())},
      rows[0][2].as<std::string>()};
  bool by_request_id = !rows[0][3].is_null() && rows[0][3].as<bool>();
  return RepeatOf(document, by_request_id ? &known : nullptr, by_request_id ? nullptr : &known);
}

// Reports of a batch by hash and by request id: those stored before it, then its own new ones,
// so a document repeated within the batch is a duplicate of its first copy. A request id wins
// over a hash, as it does for one document.
class KnownReports final {
 public:
  void Add(std::string_view sha256, std::string_view request_id, const StoredReport& report) {
    KnownReport known{report, std::string(sha256)};
    by_sha256_.try_emplace(std::string(sha256), known);
    if (!request_id.empty()) by_request_id_.try_emplace(std::string(request_id), known);
  }

  absl::StatusOr<std::optional<StoredReport>> Find(const PreparedDocument& document) const {
    const KnownReport* by_request_id = nullptr;
    if (!document.request_id.empty()) {
      if (auto it = by_request_id_.find(document.request_id); it != by_request_id_.end()) {
        by_request_id = &it->second;
      }
    }
    auto by_sha256 = by_sha256_.find(document.content_sha256);
    return RepeatOf(document, by_request_id,
                    by_sha256 == by_sha256_.end() ? nullptr : &by_sha256->second);
  }

 private:
  absl::flat_hash_map<std::string, KnownReport> by_sha256_;
  absl::flat_hash_map<std::string, KnownReport> by_request_id_;
};

// The reports stored before this batch that any of its documents repeats, in one statement.
KnownReports FindStored(pqxx::work& work, const std::vector<const PreparedDocument*>& documents) {
  nlohmann::json hashes = nlohmann::json::array();
  nlohmann::json request_ids = nlohmann::json::array();
  for (const PreparedDocument* document : documents) {
    hashes.push_back(document->content_sha256);
    if (!document->request_id.empty()) request_ids.push_back(document->request_id);
  }
  auto dump = [](const nlohmann::json& json) {
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  work.conn().prepare(kFindExistingName, kFindExistingSql);
  KnownReports known;
  for (const pqxx::row& row :
       work.exec_prepared(kFindExistingName, dump(hashes), dump(request_ids))) {
    known.Add(row[2].c_str(), row[3].c_str(),
              StoredReport{row[0].as<std::string>(), false,
                           ReportStateFromColumn(row[1].as<std::string>())});
  }
  return known;
}

// Inserts the document's report; nullopt when a concurrent ingest of the same bytes or request
// id got there first.
std::optional<StoredReport> InsertReport(pqxx::work& work, const PreparedDocument& document) {
  std::vector<std::optional<std::string>> text_values;
  std::vector<pqxx::binarystring> binary_values;
  for (const ReportColumn& column : WrittenReportColumns()) {
    if (column.binary()) {
      std::string_view bytes = column.BytesOf(document);
      binary_values.emplace_back(bytes.data(), bytes.size());
    } else {
      text_values.push_back(column.ValueOf(document));
    }
  }
  work.conn().prepare(kInsertReportName, kInsertReportSql);
  pqxx::result inserted =
      work.exec_prepared(kInsertReportName, pqxx::prepare::make_dynamic_params(text_values),
                         pqxx::prepare::make_dynamic_params(binary_values));
  if (inserted.empty()) return std::nullopt;
  return StoredReport{inserted[0][0].as<std::string>(), false, v1::REPORT_STATE_PENDING};
}

// Stores the documents in the open transaction (or finds them already stored): one lookup for
// the batch, one INSERT per new report, one for all their jobs.
absl::StatusOr<std::vector<StoredReport>> StoreAllIn(
    pqxx::work& work, const std::vector<const PreparedDocument*>& documents,
    ExtractionRequest extraction) {
  KnownReports known = FindStored(work, documents);
  std::vector<StoredReport> stored;
  nlohmann::json new_ids = nlohmann::json::array();
  for (const PreparedDocument* document : documents) {
    absl::StatusOr<std::optional<StoredReport>> existing = known.Find(*document);
    if (!existing.ok()) return existing.status();
    if (*existing) {
      stored.push_back(**existing);
      continue;
    }
    std::optional<StoredReport> inserted = InsertReport(work, *document);
    if (!inserted) {
      // A concurrent ingest of the same bytes or request id won the race: report theirs.
      absl::StatusOr<std::optional<StoredReport>> theirs = FindExisting(work, *document);
      if (!theirs.ok()) return theirs.status();
      if (!*theirs) return absl::AbortedError("concurrent ingest of the same document; retry");
      inserted = **theirs;
    } else {
      new_ids.push_back(inserted->id);
    }
    known.Add(document->content_sha256, document->request_id, *inserted);
    stored.push_back(*inserted);
  }
  if (!new_ids.empty()) {
    work.conn().prepare(kInsertJobsName, kInsertJobsSql);
    work.exec_prepared0(kInsertJobsName, new_ids.dump(),
                        extraction == ExtractionRequest::kDirect ? "2 seconds" : "0 seconds");
  }
  return stored;
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
  absl::Status status = pool_->WithTransaction(
      [&](pqxx::work& work) {
        metrics::StageTimer statements(kStageMetric, "archive");
        // The texts are TOAST-compressed with lz4, a column setting since 0007_lz4_columns.sql.
        absl::StatusOr<std::vector<StoredReport>> all = StoreAllIn(work, documents, extraction);
        if (!all.ok()) return all.status();
        stored = *std::move(all);  // a retried body starts over
        statements_seconds = statements.Stop();
        return absl::OkStatus();
      },
      deadline);
  // "commit" is the transaction's time beyond its statements: BEGIN, waiting for a pooled
  // connection and the COMMIT's flush.
  double transaction_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  metrics::ObserveStage(kStageMetric, "commit",
                        std::max(0.0, transaction_seconds - statements_seconds));
  if (!status.ok()) return status;
  return stored;
}

}  // namespace fazhi::ingestion
