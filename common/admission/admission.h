// Admits costly calls by what they may hold in memory and on the database: at most `max_calls` at
// once, and at most `total_bytes` among them, `call_bytes` for one. A call not admitted within
// `max_wait` gets RESOURCE_EXHAUSTED, which clients retry with backoff. This is the second gate
// after the server's in-flight limit (FAZHI_MAX_INFLIGHT, common/server/service_runner.h), which
// counts calls whatever they cost. The query service admits searches by the text windows they
// read (fewer calls than the pool's connections, so a burst waits here briefly instead of 30 s in
// the pool); ingestion admits documents by the memory their decoding takes.
//
//   Admission admission({.max_calls = 3, .total_bytes = 128 << 20, .call_bytes = 48 << 20,
//                        .what = "searches", .advice = "ask for fewer hits, snippets or context"});
//   absl::StatusOr<Admission::Ticket> ticket = admission.Admit(estimated_bytes, deadline);
//   if (!ticket.ok()) return ticket.status();  // RESOURCE_EXHAUSTED, saying which limit
//   ... read; the ticket gives its share back when it goes out of scope
#ifndef FAZHI_COMMON_ADMISSION_ADMISSION_H_
#define FAZHI_COMMON_ADMISSION_ADMISSION_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace fazhi {

struct AdmissionOptions {
  int max_calls = 3;
  int64_t total_bytes = int64_t{128} << 20;
  int64_t call_bytes = int64_t{48} << 20;
  absl::Duration max_wait = absl::Seconds(1);
  // For the refusals: what is admitted ("searches"), and what a caller over call_bytes can do.
  std::string_view what = "calls";
  std::string_view advice;
};

class Admission final {
 public:
  // A call's share; returns it when destroyed.
  class Ticket final {
   public:
    Ticket(Ticket&& other) noexcept : owner_(other.owner_), bytes_(other.bytes_) {
      other.owner_ = nullptr;
    }
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();

   private:
    friend class Admission;
    Ticket(Admission* owner, int64_t bytes) : owner_(owner), bytes_(bytes) {}
    Admission* owner_;
    int64_t bytes_;
  };

  explicit Admission(AdmissionOptions options) : options_(options) {}

  // Waits until the call fits, at most max_wait (and not past `deadline`). RESOURCE_EXHAUSTED at
  // once for `bytes` over call_bytes, or when the wait runs out.
  absl::StatusOr<Ticket> Admit(int64_t bytes, absl::Time deadline = absl::InfiniteFuture());

  const AdmissionOptions& options() const { return options_; }
  int calls() const;

 private:
  void Release(int64_t bytes);

  const AdmissionOptions options_;
  mutable absl::Mutex mutex_;
  int calls_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_ADMISSION_ADMISSION_H_
