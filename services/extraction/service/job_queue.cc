#include "services/extraction/service/job_queue.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/archive/indicator_values_schema.h"
#include "common/archive/pages_json.h"
#include "common/archive/record_json.h"
#include "common/archive/records_schema.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"

namespace fazhi::extraction {
namespace {

// The statements run for every batch are prepared once per connection (work.conn().prepare with
// the same text again is a no-op; pqxx prepares again on a new connection): parsing and planning
// them each time was a tenth of PostgreSQL's CPU per report. Not the claim: its best plan depends
// on whether a report id is given.

// Jobs abandoned on their last allowed attempt ($1 = max attempts): their worker stopped (crashed,
// killed, lost its database) and the lease ran out. They go dead with what happened and the error
// of the attempt before, if any; $2 limits this to one report (or ''). Their reports are failed
// by a second statement, only when there are some: an idle worker's claim must not touch (or
// wait for a lock on) the reports table.
constexpr char kBuryAbandonedSql[] = R"sql(
  UPDATE extraction_jobs SET state = 'dead', lease_expire_time = NULL, updated_time = now(),
         last_error = 'attempt ' || attempts || ' of ' || $1::int
                      || ': the worker stopped before finishing (its lease expired)'
                      || CASE WHEN last_error = '' THEN '' ELSE '; before: ' || last_error END
  WHERE state = 'running' AND lease_expire_time < now() AND attempts >= $1::int
    AND ($2 = '' OR report_id = $2)
  RETURNING report_id, last_error)sql";

// The claim itself: $1 the report ('' for any), $2 the lease in seconds, $3 how many. "picked"
// is the selection of jobs, the rest marks them running as one more attempt.
constexpr char kClaimPickedSql[] = R"sql(
  claimed AS (
    UPDATE extraction_jobs j SET state = 'running', attempts = j.attempts + 1,
           lease_expire_time = now() + make_interval(secs => $2), updated_time = now()
    FROM picked WHERE j.report_id = picked.report_id
    RETURNING j.report_id, j.attempts, j.next_attempt_time)
  SELECT report_id, attempts FROM claimed ORDER BY next_attempt_time)sql";

// An abandoned job with attempts left ($4 = max attempts), claimed alone: if its document is what
// stopped the worker, it takes down only itself the next time, not a batch of its neighbours.
const std::string kClaimAbandonedSql = absl::StrCat(R"sql(
  WITH picked AS (
    SELECT report_id FROM extraction_jobs
    WHERE state = 'running' AND lease_expire_time < now() AND attempts < $4::int
      AND ($1 = '' OR report_id = $1)
    ORDER BY lease_expire_time
    LIMIT $3
    FOR UPDATE SKIP LOCKED),)sql",
                                                    kClaimPickedSql);

// Either the oldest due pending jobs (empty report id) or that report's job: asked for by name, a
// pending job is taken at once, without waiting out its backoff.
const std::string kClaimPendingSql = absl::StrCat(R"sql(
  WITH picked AS (
    SELECT report_id FROM extraction_jobs
    WHERE ($1 = '' OR report_id = $1)
      AND state = 'pending' AND (next_attempt_time <= now() OR $1 <> '')
    ORDER BY next_attempt_time
    LIMIT $3
    FOR UPDATE SKIP LOCKED),)sql",
                                                  kClaimPickedSql);

// The texts of claimed jobs, read only once something was claimed: an idle worker's poll must
// not touch (or wait for a lock on) the reports table. Ids are matched with `= ANY (ARRAY(...))`
// here and below: `IN (SELECT ...)` over the JSON array was planned as a scan of the whole table.
constexpr char kLoadTextsName[] = "extraction_load_texts";
constexpr char kLoadTextsSql[] = R"sql(
  SELECT id, normalized_text, COALESCE(pages::text, ''), normalizer_version, converter FROM reports
  WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb))))sql";

// The originals of claimed reports whose stored texts are out of date.
constexpr char kLoadOriginalsName[] = "extraction_load_originals";
constexpr char kLoadOriginalsSql[] = R"sql(
  SELECT id, original, file_name, content_type FROM reports
  WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb))))sql";

// Texts read again from their originals replace the stored ones; a new ingest_xid makes query
// replicas index them again (services/query/service/indexed_archive.h).
constexpr char kStoreTextsName[] = "extraction_store_texts";
constexpr char kStoreTextsSql[] = R"sql(
  UPDATE reports r SET normalized_text = t.normalized_text, text_length = t.text_length,
         pages = t.pages, converter = t.converter, normalizer_version = t.normalizer_version,
         ingest_xid = pg_current_xact_id()
  FROM jsonb_to_recordset($1::jsonb) AS t(report_id text, normalized_text text, text_length bigint,
       pages jsonb, converter text, normalizer_version text)
  WHERE r.id = t.report_id)sql";

// The jobs ($1: [{report_id, attempt}]) whose claim is still current become done; each with how
// many records it has now stored (1: its first).
constexpr char kFinishJobsName[] = "extraction_finish_jobs";
constexpr char kFinishJobsSql[] = R"sql(
  UPDATE extraction_jobs j SET state = 'done', completions = j.completions + 1,
         lease_expire_time = NULL, last_error = '', updated_time = now()
  FROM jsonb_to_recordset($1::jsonb) AS c(report_id text, attempt int)
  WHERE j.report_id = c.report_id AND j.state = 'running' AND j.attempts = c.attempt
  RETURNING j.report_id, j.completions)sql";

constexpr char kStoreRecordsName[] = "extraction_store_records";

// INSERT INTO `table` of rows that arrive ($1) as a JSON array of objects, one member per written
// column (common/archive/table_columns.h): text values cast to their column's type, jsonb values
// as they are. AppendJsonRow writes such an object.
template <typename Column>
std::string InsertJsonRowsSql(std::string_view table, const std::vector<Column>& written) {
  std::vector<std::string> selected, recordset;
  for (const Column& column : written) {
    const bool as_is = column.type == "text" || column.type == "jsonb";
    selected.push_back(as_is ? std::string(column.name)
                             : absl::StrCat(Absl(column.name), "::", Absl(column.type)));
    recordset.push_back(
        absl::StrCat(Absl(column.name), column.type == "jsonb" ? " jsonb" : " text"));
  }
  return absl::StrCat("INSERT INTO ", Absl(table), " (", ColumnNameList(written), ") SELECT ",
                      absl::StrJoin(selected, ", "), " FROM jsonb_to_recordset($1::jsonb) AS r(",
                      absl::StrJoin(recordset, ", "), ")");
}

// A record stored again replaces every column but the key; extract_time, not written, takes its
// default now().
std::string StoreRecordsSql() {
  std::vector<std::string> replaced;
  for (const RecordColumn& column : RecordColumns()) {
    if (column.name != "report_id")
      replaced.push_back(absl::StrCat(Absl(column.name), " = EXCLUDED.", Absl(column.name)));
  }
  return absl::StrCat(InsertJsonRowsSql("records", WrittenRecordColumns()),
                      " ON CONFLICT (report_id) DO UPDATE SET ", absl::StrJoin(replaced, ", "));
}
const std::string kStoreRecordsSql = StoreRecordsSql();

// A record's first value of an indicator wins.
constexpr char kStoreIndicatorsName[] = "extraction_store_indicators";
const std::string kStoreIndicatorsSql =
    absl::StrCat(InsertJsonRowsSql("indicator_values", WrittenIndicatorValueColumns()),
                 " ON CONFLICT (report_id, indicator_id) DO NOTHING");

// Old indicator rows of re-extracted reports go before their new ones are stored ($1: a JSON
// array of ids). A report's first record has none: its rows are written only with a record.
constexpr char kDeleteIndicatorsName[] = "extraction_delete_indicators";
constexpr char kDeleteIndicatorsSql[] =
    "DELETE FROM indicator_values"
    " WHERE report_id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))";

constexpr char kMarkExtractedName[] = "extraction_mark_extracted";
constexpr char kMarkExtractedSql[] =
    "UPDATE reports SET state = 'extracted', error = ''"
    " WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))";

// JSON text that PostgreSQL accepts: invalid UTF-8 is replaced rather than thrown on.
std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One row of InsertJsonRowsSql(table, written), appended to the JSON array `rows` ("[" when
// empty); jsonb values (the record's own JSON) are spliced in as they are.
template <typename Column, typename Source>
void AppendJsonRow(const std::vector<Column>& written, const Source& source, std::string* rows) {
  absl::StrAppend(rows, rows->size() > 1 ? ",{" : "{");
  bool first = true;
  for (const Column& column : written) {
    std::optional<std::string> value = column.ValueOf(source);
    std::string json = !value                   ? "null"
                       : column.type == "jsonb" ? *std::move(value)
                                                : Dump(*std::move(value));
    absl::StrAppend(rows, first ? "\"" : ",\"", Absl(column.name), "\":", json);
    first = false;
  }
  rows->push_back('}');
}

void StoreRereadTexts(pqxx::work& work, const std::vector<FinishedJob>& jobs) {
  nlohmann::json texts = nlohmann::json::array();
  for (const FinishedJob& finished : jobs) {
    if (finished.reread == nullptr) continue;
    const text::ReadText& read = *finished.reread;
    texts.push_back(
        {{"report_id", finished.job->report_id},
         {"normalized_text", read.normalized_text},
         {"text_length", read.text_length},
         {"pages", read.pages.empty() ? nlohmann::json()
                                      : nlohmann::json::parse(PagesToStoredJson(read.pages))},
         {"converter", read.converter},
         {"normalizer_version", read.normalizer_version}});
  }
  if (texts.empty()) return;
  work.conn().prepare(kStoreTextsName, kStoreTextsSql);
  work.exec_prepared0(kStoreTextsName, Dump(texts));
}

// Records, indicator rows and report states of `jobs`, whose claims are current, in a few
// set-based statements; `replaced` (a JSON array) names the reports that had a record before.
void StoreRecords(pqxx::work& work, const std::vector<FinishedJob>& jobs,
                  const nlohmann::json& replaced) {
  std::string records = "[", indicators = "[";
  nlohmann::json ids = nlohmann::json::array();
  for (const FinishedJob& finished : jobs) {
    const std::string& report_id = finished.job->report_id;
    AppendJsonRow(WrittenRecordColumns(), StoredRecord{report_id, *finished.record}, &records);
    for (const v1::Indicator& indicator : finished.record->indicators()) {
      AppendJsonRow(WrittenIndicatorValueColumns(), StoredIndicator{report_id, indicator},
                    &indicators);
    }
    ids.push_back(report_id);
  }
  records += "]";
  indicators += "]";
  std::string id_list = Dump(ids);
  pqxx::connection_base& connection = work.conn();
  connection.prepare(kStoreRecordsName, kStoreRecordsSql);
  work.exec_prepared0(kStoreRecordsName, records);
  if (!replaced.empty()) {
    connection.prepare(kDeleteIndicatorsName, kDeleteIndicatorsSql);
    work.exec_prepared0(kDeleteIndicatorsName, Dump(replaced));
  }
  if (indicators != "[]") {
    connection.prepare(kStoreIndicatorsName, kStoreIndicatorsSql);
    work.exec_prepared0(kStoreIndicatorsName, indicators);
  }
  connection.prepare(kMarkExtractedName, kMarkExtractedSql);
  work.exec_prepared0(kMarkExtractedName, id_list);
  StoreRereadTexts(work, jobs);
}

}  // namespace

pqxx::result JobQueue::ClaimRows(pqxx::work& work, std::string_view report_id, int limit) const {
  std::string report(report_id);
  double lease = absl::ToDoubleSeconds(options_.lease);
  for (const pqxx::row& buried :
       work.exec_params(kBuryAbandonedSql, options_.max_attempts, report)) {
    work.exec_params0(
        "UPDATE reports SET state = 'failed', error = $2 WHERE id = $1 AND state <> 'extracted'",
        buried[0].as<std::string>(), buried[1].as<std::string>());
  }
  pqxx::result abandoned =
      work.exec_params(kClaimAbandonedSql, report, lease, 1, options_.max_attempts);
  if (!abandoned.empty()) return abandoned;
  return work.exec_params(kClaimPendingSql, report, lease, limit);
}

absl::StatusOr<std::vector<ClaimedJob>> JobQueue::Claim(std::string_view report_id, int limit) {
  std::vector<ClaimedJob> claimed;
  absl::Status status = Transaction([&](pqxx::work& work) {
    // Losing a claim in a crash is harmless (see the header); not waiting for it is not.
    work.exec0("SET LOCAL synchronous_commit = off");
    pqxx::result rows = ClaimRows(work, report_id, limit);
    if (rows.empty()) return absl::OkStatus();
    nlohmann::json ids = nlohmann::json::array();
    for (const pqxx::row& row : rows) {
      claimed.push_back(
          ClaimedJob{.report_id = row[0].as<std::string>(), .attempt = row[1].as<int>()});
      ids.push_back(claimed.back().report_id);
    }
    absl::flat_hash_map<std::string, ClaimedJob*> by_id;
    for (ClaimedJob& job : claimed) by_id[job.report_id] = &job;
    work.conn().prepare(kLoadTextsName, kLoadTextsSql);
    nlohmann::json out_of_date = nlohmann::json::array();
    for (const pqxx::row& row : work.exec_prepared(kLoadTextsName, Dump(ids))) {
      ClaimedJob& job = *by_id[row[0].as<std::string>()];
      job.text = row[1].as<std::string>();
      absl::StatusOr<std::vector<text::TextPage>> pages =
          PagesFromStoredJson(row[2].as<std::string>());
      if (!pages.ok()) return pages.status();
      job.pages = *std::move(pages);
      if (!text::IsTextCurrent(row[3].c_str(), row[4].c_str())) {
        out_of_date.push_back(job.report_id);
      }
    }
    if (out_of_date.empty()) return absl::OkStatus();
    work.conn().prepare(kLoadOriginalsName, kLoadOriginalsSql);
    for (const pqxx::row& row : work.exec_prepared(kLoadOriginalsName, Dump(out_of_date))) {
      pqxx::binarystring bytes(row[1]);
      by_id[row[0].as<std::string>()]->original =
          ArchivedOriginal{bytes.str(), row[2].as<std::string>(), row[3].as<std::string>()};
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return claimed;
}

absl::StatusOr<std::optional<ClaimedJob>> JobQueue::ClaimNext() {
  absl::StatusOr<std::vector<ClaimedJob>> jobs = ClaimBatch(1);
  if (!jobs.ok()) return jobs.status();
  if (jobs->empty()) return std::nullopt;
  return std::move(jobs->front());
}

absl::StatusOr<std::vector<ClaimedJob>> JobQueue::ClaimBatch(int limit) {
  if (limit < 1) return absl::InvalidArgumentError("claim at least one job");
  return Claim("", limit);
}

absl::StatusOr<std::optional<ClaimedJob>> JobQueue::ClaimReport(std::string_view report_id) {
  if (report_id.empty()) return absl::InvalidArgumentError("report id is empty");
  absl::StatusOr<std::vector<ClaimedJob>> jobs = Claim(report_id, 1);
  if (!jobs.ok()) return jobs.status();
  if (jobs->empty()) return std::nullopt;
  return std::move(jobs->front());
}

absl::Status JobQueue::Complete(const ClaimedJob& job, const v1::ExtractedRecord& record) {
  absl::StatusOr<std::vector<absl::Status>> completed = CompleteBatch({{&job, &record}});
  if (!completed.ok()) return completed.status();
  return completed->front();
}

absl::StatusOr<std::vector<absl::Status>> JobQueue::CompleteBatch(
    const std::vector<FinishedJob>& jobs) {
  std::vector<absl::Status> outcomes(jobs.size());
  if (jobs.empty()) return outcomes;
  absl::Status status = Transaction([&](pqxx::work& work) {
    nlohmann::json claims = nlohmann::json::array();
    for (const FinishedJob& finished : jobs) {
      claims.push_back(
          {{"report_id", finished.job->report_id}, {"attempt", finished.job->attempt}});
    }
    absl::flat_hash_set<std::string> owned;
    nlohmann::json replaced = nlohmann::json::array();
    work.conn().prepare(kFinishJobsName, kFinishJobsSql);
    for (const pqxx::row& row : work.exec_prepared(kFinishJobsName, Dump(claims))) {
      owned.insert(row[0].as<std::string>());
      if (row[1].as<int>() > 1) replaced.push_back(row[0].as<std::string>());
    }
    std::vector<FinishedJob> current;
    for (size_t i = 0; i < jobs.size(); ++i) {
      const ClaimedJob& job = *jobs[i].job;
      if (owned.contains(job.report_id)) {
        current.push_back(jobs[i]);
        outcomes[i] = absl::OkStatus();
      } else {
        outcomes[i] = absl::AbortedError(absl::StrCat("job of report ", job.report_id,
                                                      " was claimed again; not storing attempt ",
                                                      job.attempt));
      }
    }
    // Records are TOAST-compressed with lz4, a column setting since 0007_lz4_columns.sql.
    if (!current.empty()) StoreRecords(work, current, replaced);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  finished_->Add(static_cast<int64_t>(jobs.size()));
  return outcomes;
}

int64_t FinishedJobs::count() const {
  absl::MutexLock lock(&mutex_);
  return count_;
}

void FinishedJobs::Add(int64_t jobs) {
  absl::MutexLock lock(&mutex_);
  count_ += jobs;
  changed_.SignalAll();
}

void FinishedJobs::WaitForMore(int64_t seen, absl::Time until) const {
  absl::MutexLock lock(&mutex_);
  while (count_ == seen && !changed_.WaitWithDeadline(&mutex_, until)) {
  }
}

absl::Duration JobQueue::BackoffAfter(int attempt) const {
  double factor = std::pow(2.0, std::max(0, attempt - 1));
  return std::min(options_.first_backoff * factor, options_.max_backoff);
}

absl::StatusOr<v1::ReportState> JobQueue::Fail(const ClaimedJob& job, std::string_view error) {
  bool dead = job.attempt >= options_.max_attempts;
  absl::Status status = Transaction([&](pqxx::work& work) {
    work.exec_params0(
        "UPDATE extraction_jobs SET state = $3, last_error = $4, lease_expire_time = NULL,"
        " next_attempt_time = now() + make_interval(secs => $5), updated_time = now()"
        " WHERE report_id = $1 AND attempts = $2",
        job.report_id, job.attempt, dead ? "dead" : "pending", std::string(error),
        absl::ToDoubleSeconds(BackoffAfter(job.attempt)));
    work.exec_params0(
        "UPDATE reports SET state = $2, error = $3 WHERE id = $1 AND state <> 'extracted'",
        job.report_id, dead ? "failed" : "pending", std::string(error));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  finished_->Add(1);
  return dead ? v1::REPORT_STATE_FAILED : v1::REPORT_STATE_PENDING;
}

absl::StatusOr<RequeueCounts> JobQueue::Requeue(bool all, std::string_view extractor_version,
                                                std::string_view indicator_set_version) {
  RequeueCounts counts;
  absl::Status status = Transaction([&](pqxx::work& work) {
    // An archive holds few distinct (normalizer, converter) pairs; this build judges each.
    nlohmann::json out_of_date = nlohmann::json::array();
    for (const pqxx::row& row :
         work.exec("SELECT DISTINCT normalizer_version, converter FROM reports")) {
      if (!text::IsTextCurrent(row[0].c_str(), row[1].c_str())) {
        out_of_date.push_back({{"normalizer_version", row[0].as<std::string>()},
                               {"converter", row[1].as<std::string>()}});
      }
    }
    pqxx::result rows = work.exec_params(
        "WITH stale AS (SELECT * FROM jsonb_to_recordset($4::jsonb)"
        "               AS s(normalizer_version text, converter text)),"
        " queued AS ("
        "  UPDATE extraction_jobs j SET state = 'pending', attempts = 0, next_attempt_time = now(),"
        "   lease_expire_time = NULL, last_error = '', updated_time = now()"
        "  FROM reports r LEFT JOIN records rec ON rec.report_id = r.id"
        "  WHERE j.report_id = r.id AND j.state <> 'running'"
        "    AND ($1 OR rec.report_id IS NULL OR rec.extractor_version <> $2"
        "         OR rec.indicator_set_version <> $3"
        "         OR (r.normalizer_version, r.converter) IN (SELECT * FROM stale))"
        "  RETURNING (r.normalizer_version, r.converter) IN (SELECT * FROM stale) AS reread)"
        " SELECT count(*), count(*) FILTER (WHERE reread) FROM queued",
        all, std::string(extractor_version), std::string(indicator_set_version), Dump(out_of_date));
    counts.queued = rows[0][0].as<int64_t>();
    counts.rereads = rows[0][1].as<int64_t>();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return counts;
}

absl::Status JobQueue::ExtendLease(const ClaimedJob& job, absl::Duration lease) {
  bool current = false;
  absl::Status status = Transaction([&](pqxx::work& work) {
    current = !work.exec_params(
                       "UPDATE extraction_jobs SET lease_expire_time ="
                       "   GREATEST(lease_expire_time, now() + make_interval(secs => $3)),"
                       " updated_time = now()"
                       " WHERE report_id = $1 AND attempts = $2 AND state = 'running' RETURNING 1",
                       job.report_id, job.attempt, absl::ToDoubleSeconds(lease))
                   .empty();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!current) {
    return absl::AbortedError(absl::StrCat("job of report ", job.report_id, " was claimed again"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<JobInfo>> JobQueue::List(std::string_view state,
                                                    std::string_view after_id, int limit,
                                                    int64_t* total) {
  std::vector<JobInfo> jobs;
  absl::Status status = Transaction([&](pqxx::work& work) {
    std::string wanted(state);
    *total = work.exec_params1("SELECT count(*) FROM extraction_jobs WHERE $1 = '' OR state = $1",
                               wanted)[0]
                 .as<int64_t>();
    pqxx::result rows = work.exec_params(
        "SELECT report_id, state, attempts, last_error,"
        " (extract(epoch FROM next_attempt_time) * 1000)::bigint,"
        " (extract(epoch FROM updated_time) * 1000)::bigint"
        " FROM extraction_jobs WHERE ($1 = '' OR state = $1) AND report_id > $2"
        " ORDER BY report_id LIMIT $3",
        wanted, std::string(after_id), limit);
    for (const pqxx::row& row : rows) {
      jobs.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>(),
                      row[3].as<std::string>(), row[4].as<int64_t>(), row[5].as<int64_t>()});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return jobs;
}

absl::StatusOr<int64_t> JobQueue::RequeueJobs(const std::vector<std::string>& report_ids,
                                              std::string_view state) {
  int64_t requeued = 0;
  absl::Status status = Transaction([&](pqxx::work& work) {
    std::string ids = "{";
    for (size_t i = 0; i < report_ids.size(); ++i) ids += (i ? "," : "") + report_ids[i];
    ids += "}";
    // "requeued 0 jobs" for a mistyped name would look like success.
    pqxx::result unknown = work.exec_params(
        "SELECT wanted FROM unnest($1::text[]) AS wanted"
        " WHERE NOT EXISTS (SELECT 1 FROM reports WHERE id = wanted) ORDER BY wanted",
        ids);
    if (!unknown.empty()) {
      return absl::NotFoundError(absl::StrCat(
          "report ", ReportName(unknown[0][0].as<std::string>()), " not found",
          unknown.size() > 1 ? absl::StrCat(" (and ", unknown.size() - 1, " more)") : ""));
    }
    pqxx::result rows = work.exec_params(
        "UPDATE extraction_jobs SET state = 'pending', attempts = 0, next_attempt_time = now(),"
        " lease_expire_time = NULL, updated_time = now()"
        " WHERE state <> 'running' AND (CASE WHEN cardinality($1::text[]) > 0"
        "   THEN report_id = ANY($1::text[]) ELSE state = $2 END)"
        " RETURNING report_id",
        ids, std::string(state));
    for (const pqxx::row& row : rows) {
      work.exec_params0("UPDATE reports SET state = 'pending' WHERE id = $1 AND state = 'failed'",
                        row[0].as<std::string>());
    }
    requeued = static_cast<int64_t>(rows.size());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return requeued;
}

absl::StatusOr<v1::ReportState> JobQueue::ReportState(std::string_view report_id) {
  v1::ReportState state = v1::REPORT_STATE_UNSPECIFIED;
  absl::Status status = Transaction([&](pqxx::work& work) {
    pqxx::result rows =
        work.exec_params("SELECT state FROM reports WHERE id = $1", std::string(report_id));
    if (rows.empty()) {
      return absl::NotFoundError(absl::StrCat("report reports/", Absl(report_id), " not found"));
    }
    state = ReportStateFromColumn(rows[0][0].as<std::string>());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return state;
}

}  // namespace fazhi::extraction
