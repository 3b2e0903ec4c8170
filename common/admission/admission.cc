#include "common/admission/admission.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fazhi {
namespace {

std::string Megabytes(int64_t bytes) { return absl::StrCat(bytes / (1 << 20), " MiB"); }

}  // namespace

Admission::Ticket::~Ticket() {
  if (owner_ != nullptr) owner_->Release(bytes_);
}

absl::StatusOr<Admission::Ticket> Admission::Admit(int64_t bytes, absl::Time deadline) {
  if (bytes > options_.call_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "this call would hold up to ", Megabytes(bytes), ", over the limit of ",
        Megabytes(options_.call_bytes), " per call of the ", std::string(options_.what),
        options_.advice.empty() ? "" : ": ", std::string(options_.advice)));
  }
  // Never more than the whole budget, so that a call within call_bytes can run when alone.
  bytes = std::min(bytes, options_.total_bytes);
  auto fits = [&]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    return calls_ < options_.max_calls && bytes_ + bytes <= options_.total_bytes;
  };
  absl::MutexLock lock(&mutex_);
  if (!mutex_.AwaitWithDeadline(absl::Condition(&fits),
                                std::min(deadline, absl::Now() + options_.max_wait))) {
    return absl::ResourceExhaustedError(
        absl::StrCat("too many ", std::string(options_.what), " at once (", calls_, " running, ",
                     Megabytes(bytes_), " in flight): retry later"));
  }
  ++calls_;
  bytes_ += bytes;
  return Ticket(this, bytes);
}

int Admission::calls() const {
  absl::MutexLock lock(&mutex_);
  return calls_;
}

void Admission::Release(int64_t bytes) {
  absl::MutexLock lock(&mutex_);
  --calls_;
  bytes_ -= bytes;
}

}  // namespace fazhi
