// Background workers that drain the extraction job queue: pending jobs whose direct extraction
// call failed (the service was down, the call timed out), retries after backoff, and jobs whose
// lease expired because their worker died.
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_WORKERS_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_WORKERS_H_

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/extraction/service/job_processor.h"

namespace fazhi::extraction {

class JobWorkers final {
 public:
  JobWorkers(JobQueue* queue, JobProcessor* processor, absl::Duration idle_poll)
      : queue_(queue), processor_(processor), idle_poll_(idle_poll) {}
  ~JobWorkers() { Stop(); }

  void Start(int count);
  // Lets each worker finish its current job, then joins them.
  void Stop();

 private:
  void Run();

  JobQueue* queue_;
  JobProcessor* processor_;
  absl::Duration idle_poll_;
  absl::Notification stopping_;
  std::vector<std::thread> threads_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_WORKERS_H_
