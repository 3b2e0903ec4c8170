// Background workers that drain the extraction job queue: documents ingested over streams (handed
// to the queue, due at once), pending jobs whose direct extraction call failed (the service was
// down, the call timed out), retries after backoff, and jobs whose lease expired because their
// worker died. Each worker claims up to kBatch jobs at a time and stores their records in one
// transaction; their leases are renewed while it works on them (lease_keeper.h), so a slow batch
// is never claimed twice. (A direct ExtractReport call is bounded by its caller's deadline,
// shorter than a lease.)
//
//   JobWorkers workers(&queue, &processor, absl::Milliseconds(500));
//   workers.Start(2);  // one per core: extraction is CPU-bound
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_WORKERS_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_WORKERS_H_

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/extraction/service/job_processor.h"
#include "services/extraction/service/lease_keeper.h"

namespace fazhi::extraction {

class JobWorkers final {
 public:
  // Jobs a worker claims at once: enough to share a commit's fsync, few enough that a worker
  // that dies leaves little to wait for a lease.
  static constexpr int kBatch = 16;

  JobWorkers(JobQueue* queue, JobProcessor* processor, absl::Duration idle_poll)
      : queue_(queue),
        processor_(processor),
        idle_poll_(idle_poll),
        lease_keeper_(queue, queue->lease() / 3) {}
  ~JobWorkers() { Stop(); }

  void Start(int count);
  // Lets each worker finish its current batch, then joins them.
  void Stop();

 private:
  void Run();

  JobQueue* queue_;
  JobProcessor* processor_;
  absl::Duration idle_poll_;
  LeaseKeeper lease_keeper_;
  absl::Notification stopping_;
  std::vector<std::thread> threads_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_JOB_WORKERS_H_
