#include "services/extraction/service/job_queue.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/archive/record_json.h"
#include "common/archive/report_names.h"
#include "common/compat/string_view.h"

namespace fazhi::extraction {
namespace {

// Either the oldest due job (empty report id) or that report's job: asked for by name, a
// pending job is taken at once, without waiting out its backoff.
constexpr char kClaimSql[] = R"sql(
  UPDATE extraction_jobs SET state = 'running', attempts = attempts + 1,
         lease_expire_time = now() + make_interval(secs => $2), updated_time = now()
  WHERE report_id = (
    SELECT report_id FROM extraction_jobs
    WHERE ($1 = '' OR report_id = $1)
      AND ((state = 'pending' AND (next_attempt_time <= now() OR $1 <> ''))
           OR (state = 'running' AND lease_expire_time < now()))
    ORDER BY next_attempt_time
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
  RETURNING report_id, attempts)sql";

constexpr char kStoreRecordSql[] = R"sql(
  INSERT INTO records (report_id, record, extractor_version, indicator_set_version, extract_time,
                       title, report_year, published_on, document_kind, jurisdiction_code,
                       jurisdiction_name, level, province, prefecture)
  VALUES ($1, $2::jsonb, $3, $4, now(), $5, NULLIF($6, 0), NULLIF($7, '')::date, $8, $9, $10,
          $11, $12, $13)
  ON CONFLICT (report_id) DO UPDATE SET
    record = EXCLUDED.record, extractor_version = EXCLUDED.extractor_version,
    indicator_set_version = EXCLUDED.indicator_set_version, extract_time = EXCLUDED.extract_time,
    title = EXCLUDED.title, report_year = EXCLUDED.report_year,
    published_on = EXCLUDED.published_on, document_kind = EXCLUDED.document_kind,
    jurisdiction_code = EXCLUDED.jurisdiction_code, jurisdiction_name = EXCLUDED.jurisdiction_name,
    level = EXCLUDED.level, province = EXCLUDED.province, prefecture = EXCLUDED.prefecture)sql";

constexpr char kStoreIndicatorSql[] = R"sql(
  INSERT INTO indicator_values (report_id, indicator_id, value, unit, approximate, suspect,
                                confidence, evidence, span_begin, span_end)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (report_id, indicator_id) DO NOTHING)sql";

// A published_on the database would reject becomes NULL rather than failing the job.
std::string ValidIsoDate(const std::string& date) {
  bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-';
  return shaped ? date : "";
}

void StoreRecord(pqxx::work& work, std::string_view report_id, const v1::ExtractedRecord& record) {
  const v1::ReportMetadata& metadata = record.metadata();
  const v1::Jurisdiction& jurisdiction = metadata.jurisdiction();
  std::string id(report_id);
  work.exec_params0(kStoreRecordSql, id, RecordToStoredJson(record), record.extractor_version(),
                    record.indicator_set_version(), metadata.title(), metadata.report_year(),
                    ValidIsoDate(metadata.published_on()), metadata.document_kind(),
                    jurisdiction.code(), jurisdiction.name(), jurisdiction.level(),
                    jurisdiction.province(), jurisdiction.prefecture());
  work.exec_params0("DELETE FROM indicator_values WHERE report_id = $1", id);
  for (const v1::Indicator& indicator : record.indicators()) {
    work.exec_params0(kStoreIndicatorSql, id, indicator.id(), indicator.value(), indicator.unit(),
                      indicator.approximate(), indicator.suspect(), indicator.confidence(),
                      indicator.evidence(), indicator.span().begin(), indicator.span().end());
  }
}

}  // namespace

absl::StatusOr<std::optional<ClaimedJob>> JobQueue::Claim(std::string_view report_id) {
  std::optional<ClaimedJob> claimed;
  absl::Status status = Transaction([&](pqxx::work& work) {
    pqxx::result rows = work.exec_params(kClaimSql, std::string(report_id),
                                         absl::ToDoubleSeconds(options_.lease));
    if (!rows.empty()) claimed = ClaimedJob{rows[0][0].as<std::string>(), rows[0][1].as<int>()};
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return claimed;
}

absl::StatusOr<std::optional<ClaimedJob>> JobQueue::ClaimNext() { return Claim(""); }

absl::StatusOr<std::optional<ClaimedJob>> JobQueue::ClaimReport(std::string_view report_id) {
  if (report_id.empty()) return absl::InvalidArgumentError("report id is empty");
  return Claim(report_id);
}

absl::StatusOr<std::string> JobQueue::LoadText(const ClaimedJob& job) {
  std::string text;
  absl::Status status = Transaction([&](pqxx::work& work) {
    pqxx::result rows =
        work.exec_params("SELECT normalized_text FROM reports WHERE id = $1", job.report_id);
    if (rows.empty()) {
      return absl::NotFoundError(absl::StrCat("report ", job.report_id, " not found"));
    }
    text = rows[0][0].as<std::string>();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return text;
}

absl::Status JobQueue::Complete(const ClaimedJob& job, const v1::ExtractedRecord& record) {
  return Transaction([&](pqxx::work& work) {
    pqxx::result owned = work.exec_params(
        "UPDATE extraction_jobs SET state = 'done', completions = completions + 1,"
        " lease_expire_time = NULL, last_error = '', updated_time = now()"
        " WHERE report_id = $1 AND state = 'running' AND attempts = $2 RETURNING 1",
        job.report_id, job.attempt);
    if (owned.empty()) {
      return absl::AbortedError(absl::StrCat("job of report ", job.report_id,
                                             " was claimed again; not storing attempt ", job.attempt));
    }
    StoreRecord(work, job.report_id, record);
    work.exec_params0("UPDATE reports SET state = 'extracted', error = '' WHERE id = $1",
                      job.report_id);
    return absl::OkStatus();
  });
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
    work.exec_params0("UPDATE reports SET state = $2, error = $3 WHERE id = $1 AND state <> 'extracted'",
                      job.report_id, dead ? "failed" : "pending", std::string(error));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return dead ? v1::REPORT_STATE_FAILED : v1::REPORT_STATE_PENDING;
}

absl::StatusOr<int64_t> JobQueue::Requeue(bool all, std::string_view extractor_version,
                                          std::string_view indicator_set_version) {
  int64_t queued = 0;
  absl::Status status = Transaction([&](pqxx::work& work) {
    pqxx::result rows = work.exec_params(
        "UPDATE extraction_jobs j SET state = 'pending', attempts = 0, next_attempt_time = now(),"
        " lease_expire_time = NULL, last_error = '', updated_time = now()"
        " FROM reports r LEFT JOIN records rec ON rec.report_id = r.id"
        " WHERE j.report_id = r.id AND j.state <> 'running'"
        "   AND ($1 OR rec.report_id IS NULL OR rec.extractor_version <> $2"
        "        OR rec.indicator_set_version <> $3)"
        " RETURNING 1",
        all, std::string(extractor_version), std::string(indicator_set_version));
    queued = static_cast<int64_t>(rows.size());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return queued;
}

absl::StatusOr<std::vector<JobInfo>> JobQueue::List(std::string_view state, std::string_view after_id,
                                                     int limit, int64_t* total) {
  std::vector<JobInfo> jobs;
  absl::Status status = Transaction([&](pqxx::work& work) {
    std::string wanted(state);
    *total = work.exec_params1("SELECT count(*) FROM extraction_jobs WHERE $1 = '' OR state = $1",
                               wanted)[0].as<int64_t>();
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
