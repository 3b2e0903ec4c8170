// Runs the extractor on one claimed job and completes or fails it. Shared by the ExtractReport
// RPC (ingestion asking for a report now) and the background workers (the queue's backlog), so
// both paths store records the same way.
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_PROCESSOR_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_PROCESSOR_H_

#include "absl/status/statusor.h"
#include "services/extraction/extractor/extractor.h"
#include "services/extraction/service/job_queue.h"

namespace fazhi::extraction {

class JobProcessor final {
 public:
  JobProcessor(const Extractor* extractor, JobQueue* queue) : extractor_(extractor), queue_(queue) {}

  // The report's state afterwards. A failure of the extractor itself is recorded on the job
  // (retried later or dead) and is not an error of this call; database errors are.
  absl::StatusOr<v1::ReportState> Process(const ClaimedJob& job);

 private:
  const Extractor* extractor_;
  JobQueue* queue_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_PROCESSOR_H_
