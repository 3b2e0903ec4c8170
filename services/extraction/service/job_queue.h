// The extraction job queue in PostgreSQL (table extraction_jobs): at-least-once delivery with a
// lease, attempts with exponential backoff, and a dead state holding the last error.
//
// A job is claimed with FOR UPDATE SKIP LOCKED, so many workers in many processes share the
// queue. Every claim is an attempt. A claim whose lease expired (its worker stopped: crashed,
// killed, cut off) is claimed again alone, before any batch, so a document that kills its worker
// takes down only itself; on its last allowed attempt it goes dead instead, with what happened,
// and its report fails. Workers renew the leases of jobs they still work on (ExtendLease; see
// JobWorkers), so only a stopped worker's lease runs out. Completing a job stores
// the record, its indicator rows and the report's state in the same transaction, and only while
// the claim is still the current one, so a worker that lost its lease cannot overwrite newer work.
//
// A report whose stored text was made by another normalizer or converter than this build's
// (text::IsTextCurrent) is claimed with its original, which the worker reads again; completing
// it stores the new text (and bumps reports.ingest_xid, so query replicas index it again).
//
// Throughput: workers claim jobs in batches (one statement, then one reading their texts) and
// complete a batch in one transaction of a few set-based statements, so a synced commit (an fsync)
// is shared by the batch. A claim commits asynchronously (synchronous_commit off): a claim lost in
// a crash only leaves its job due again, and completing it commits synchronously, which flushes
// the claim first.
//
//   JobQueue queue(pool, {.lease = absl::Seconds(60), .max_attempts = 5});
//   if (auto job = queue.ClaimNext(); job.ok() && job->has_value()) { ... queue.Complete(**job,
//   record); }
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_QUEUE_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_QUEUE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/text/paged_text.h"
#include "common/text/read_document.h"
#include "fazhi/v1/report.pb.h"

namespace fazhi::extraction {

struct JobQueueOptions {
  absl::Duration lease = absl::Seconds(60);
  int max_attempts = 5;
  absl::Duration first_backoff = absl::Seconds(2);
  absl::Duration max_backoff = absl::Minutes(10);
  // The lease while an out-of-date original is read again: OCR of a long scan takes minutes
  // (ConvertLimits::max_ocr_pages pages at a few seconds each).
  absl::Duration reread_lease = absl::Minutes(30);
};

// A job as listed for operators.
struct JobInfo {
  std::string report_id;
  std::string state;
  int attempts = 0;
  std::string last_error;
  int64_t next_attempt_millis = 0;
  int64_t update_millis = 0;
};

// The archived original of a report, with what the decoder needs to read it again.
struct ArchivedOriginal {
  std::string bytes;
  std::string file_name;
  std::string content_type;
};

struct ClaimedJob {
  std::string report_id;
  int attempt = 0;                    // 1 for the first claim
  std::string text;                   // the report's normalized text, read with the claim
  std::vector<text::TextPage> pages;  // where its pages are, for paged documents (PDF, scans)
  // Set when the stored text is out of date (text::IsTextCurrent): the original to read again.
  std::optional<ArchivedOriginal> original;
};

// A job whose extraction succeeded, to be completed with `record`.
struct FinishedJob {
  const ClaimedJob* job = nullptr;
  const v1::ExtractedRecord* record = nullptr;
  // The text read again from the original, stored in place of the old one; null when unchanged.
  const text::ReadText* reread = nullptr;
};

// What ReextractReports queued.
struct RequeueCounts {
  int64_t queued = 0;
  int64_t rereads = 0;  // of them, reports whose text will be read again from the original
};

// Counts the jobs this process has finished (completed or failed), so that a caller waiting for a
// report another worker of the process is extracting wakes when it is done instead of polling.
class FinishedJobs final {
 public:
  int64_t count() const;
  void Add(int64_t jobs);
  // Waits until the count differs from `seen` or `until` passes.
  void WaitForMore(int64_t seen, absl::Time until) const;

 private:
  mutable absl::Mutex mutex_;
  mutable absl::CondVar changed_;
  int64_t count_ ABSL_GUARDED_BY(mutex_) = 0;
};

class JobQueue final {
 public:
  JobQueue(db::ConnectionPool* pool, JobQueueOptions options)
      : pool_(pool), options_(options), finished_(std::make_shared<FinishedJobs>()) {}

  // The same queue with every transaction bounded by `deadline` (an RPC's): each statement gets
  // the time left as its timeout, and DEADLINE_EXCEEDED once it is gone.
  JobQueue WithDeadline(absl::Time deadline) const {
    JobQueue bounded = *this;
    bounded.deadline_ = deadline;
    return bounded;
  }

  // The job due longest, if any is due (pending and past its backoff, or leased and expired).
  absl::StatusOr<std::optional<ClaimedJob>> ClaimNext();

  absl::Duration lease() const { return options_.lease; }

  // Up to `limit` due jobs, longest due first (none when none is due).
  absl::StatusOr<std::vector<ClaimedJob>> ClaimBatch(int limit);

  // The job of one report, if it is claimable now; nullopt when it is done, dead or leased.
  absl::StatusOr<std::optional<ClaimedJob>> ClaimReport(std::string_view report_id);

  // Stores the record and completes the job. ABORTED if the claim is no longer current.
  absl::Status Complete(const ClaimedJob& job, const v1::ExtractedRecord& record);

  // Complete() for many jobs in one transaction: per job (in order) OK, or ABORTED when its
  // claim is no longer current (nothing of it is stored). An error fails the whole batch.
  absl::StatusOr<std::vector<absl::Status>> CompleteBatch(const std::vector<FinishedJob>& jobs);

  // Records a failed attempt: back to pending after a backoff, or dead after max_attempts.
  // Returns the report's resulting state.
  absl::StatusOr<v1::ReportState> Fail(const ClaimedJob& job, std::string_view error);

  // Makes the jobs of reports due again (attempts reset), for all reports or only those whose
  // record is missing or was made by other versions, or whose text was read by another
  // normalizer or converter (those are read again from their originals when claimed).
  absl::StatusOr<RequeueCounts> Requeue(bool all, std::string_view extractor_version,
                                        std::string_view indicator_set_version);

  // Gives a claimed job `lease` from now, never less than it has (workers renew the jobs they
  // work on; reading an original again may take minutes of OCR). ABORTED if the claim is no
  // longer current.
  absl::Status ExtendLease(const ClaimedJob& job, absl::Duration lease);

  // Jobs in `state` (all when empty) with report ids after `after_id`, in id order, at most
  // `limit`; `total` receives how many jobs are in that state.
  absl::StatusOr<std::vector<JobInfo>> List(std::string_view state, std::string_view after_id,
                                            int limit, int64_t* total);

  // Makes the given reports' jobs (or, with no ids, every job in `state`) due again with their
  // attempts reset; running jobs are left alone. Returns how many were requeued; NOT_FOUND when
  // a named report is not in the archive.
  absl::StatusOr<int64_t> RequeueJobs(const std::vector<std::string>& report_ids,
                                      std::string_view state);

  // The report's state; NOT_FOUND for an unknown report.
  absl::StatusOr<v1::ReportState> ReportState(std::string_view report_id);

  // The jobs finished through this queue and its copies (WithDeadline), i.e. by this process.
  const FinishedJobs& finished() const { return *finished_; }

  const JobQueueOptions& options() const { return options_; }

  // Backoff before attempt `attempt + 1`: first_backoff * 2^(attempt-1), capped.
  absl::Duration BackoffAfter(int attempt) const;

 private:
  absl::StatusOr<std::vector<ClaimedJob>> Claim(std::string_view report_id, int limit);
  // Buries abandoned jobs past the limit, then claims one abandoned job or up to `limit`
  // pending ones: (report id, attempt) rows.
  pqxx::result ClaimRows(pqxx::work& work, std::string_view report_id, int limit) const;

  absl::Status Transaction(const std::function<absl::Status(pqxx::work&)>& body) const {
    return pool_->WithTransaction(body, deadline_);
  }

  db::ConnectionPool* pool_;
  JobQueueOptions options_;
  absl::Time deadline_ = absl::InfiniteFuture();
  std::shared_ptr<FinishedJobs> finished_;  // shared by the copies
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_QUEUE_H_
