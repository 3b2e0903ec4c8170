// Renews the leases of claimed extraction jobs while they are worked on, so that only a worker
// that stopped (crashed, killed, cut off from the database) lets a lease run out: a slow document
// (a 10 MB report, minutes of OCR) is never claimed by a second worker while the first still
// works on it, and an expired lease always means an abandoned job (job_queue.h).
//
//   LeaseKeeper keeper(&queue, queue.lease() / 3);   // renews every third of a lease
//   {
//     LeaseKeeper::Hold hold = keeper.Keep(jobs);    // renewed until `hold` goes
//     processor.ProcessBatch(jobs);
//   }
#ifndef FAZHI_SERVICES_EXTRACTION_SERVICE_LEASE_KEEPER_H_
#define FAZHI_SERVICES_EXTRACTION_SERVICE_LEASE_KEEPER_H_

#include <cstdint>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/extraction/service/job_queue.h"

namespace fazhi::extraction {

class LeaseKeeper final {
 public:
  // Renews every `every` (a fraction of the queue's lease) on its own thread.
  LeaseKeeper(JobQueue* queue, absl::Duration every);
  ~LeaseKeeper();
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  // Keeps its jobs' leases until destroyed.
  class Hold final {
   public:
    Hold(Hold&& other) noexcept : keeper_(other.keeper_), id_(other.id_) {
      other.keeper_ = nullptr;
    }
    Hold& operator=(Hold&&) = delete;
    ~Hold();

   private:
    friend class LeaseKeeper;
    Hold(LeaseKeeper* keeper, uint64_t id) : keeper_(keeper), id_(id) {}
    LeaseKeeper* keeper_;
    uint64_t id_;
  };

  Hold Keep(const std::vector<ClaimedJob>& jobs);

 private:
  // A held job: what ExtendLease needs, without its text.
  struct Claim {
    std::string report_id;
    int attempt = 0;
  };

  void Release(uint64_t id);
  void Run();
  void RenewAll();

  JobQueue* queue_;
  absl::Duration every_;
  absl::Mutex mutex_;
  uint64_t next_id_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::flat_hash_map<uint64_t, std::vector<Claim>> held_ ABSL_GUARDED_BY(mutex_);
  absl::Notification stopping_;
  std::thread thread_;
};

}  // namespace fazhi::extraction

#endif  // FAZHI_SERVICES_EXTRACTION_SERVICE_LEASE_KEEPER_H_
