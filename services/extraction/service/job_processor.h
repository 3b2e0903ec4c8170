// Runs the extractor on claimed jobs and completes or fails them. Shared by the ExtractReport
// RPC (ingestion asking for a report now) and the background workers (the queue's backlog, a
// batch at a time), so both paths store records the same way. A report whose stored text is out
// of date (text::IsTextCurrent) is read again from its archived original first.
//
//   JobProcessor processor(&extractor, &queue);
//   absl::StatusOr<std::vector<ClaimedJob>> jobs = queue.ClaimBatch(16);
//   if (jobs.ok()) processor.ProcessBatch(*jobs);  // one transaction stores the 16 records
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_PROCESSOR_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_PROCESSOR_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/extraction/extractor/extractor.h"
#include "services/extraction/service/job_queue.h"

namespace fazhi::extraction {

class JobProcessor final {
 public:
  // Time by stage (claim, extract, store, idle), for tools/ingest_benchmark.
  static constexpr std::string_view kStageMetric = "fazhi_extraction_stage_seconds";

  JobProcessor(const Extractor* extractor, JobQueue* queue)
      : extractor_(extractor), queue_(queue) {}

  // The report's state afterwards. A failure of the extractor itself is recorded on the job
  // (retried later or dead) and is not an error of this call; database errors are.
  absl::StatusOr<v1::ReportState> Process(const ClaimedJob& job);

  // Process() for each job, completing the successful ones in one transaction; the reports'
  // states afterwards, in order. A database error fails the batch (its jobs stay claimed until
  // their lease expires, as if this worker had died).
  absl::StatusOr<std::vector<v1::ReportState>> ProcessBatch(const std::vector<ClaimedJob>& jobs);

 private:
  // The record, or the state after recording the extractor's failure on the job. A job with an
  // out-of-date text is extracted from its original read again (`reread`), or, if that cannot be
  // read now, from the stored text, with a warning.
  absl::StatusOr<v1::ReportState> Extract(const ClaimedJob& job, v1::ExtractedRecord* record,
                                          std::optional<text::ReadText>* reread);
  // The original read again, after extending the job's lease for it; nullopt when it failed.
  std::optional<text::ReadText> Reread(const ClaimedJob& job);

  const Extractor* extractor_;
  JobQueue* queue_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_PROCESSOR_H_
