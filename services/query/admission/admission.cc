#include "services/query/admission/admission.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fazhi::query {
namespace {

std::string Megabytes(int64_t bytes) { return absl::StrCat(bytes / (1 << 20), " MiB"); }

}  // namespace

Admission::Ticket::~Ticket() {
  if (owner_ != nullptr) owner_->Release(bytes_);
}

absl::StatusOr<Admission::Ticket> Admission::Admit(int64_t bytes, absl::Time deadline) {
  if (bytes > options_.call_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "search would read up to ", Megabytes(bytes), " of text, over the limit of ",
        Megabytes(options_.call_bytes), " per call: ask for fewer hits, snippets or context"));
  }
  // Never more than the whole budget, so that a call within call_bytes can run when alone.
  bytes = std::min(bytes, options_.total_bytes);
  auto fits = [&]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    return calls_ < options_.max_calls && bytes_ + bytes <= options_.total_bytes;
  };
  absl::MutexLock lock(&mutex_);
  if (!mutex_.AwaitWithDeadline(absl::Condition(&fits), std::min(deadline, absl::Now() + options_.max_wait))) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "too many searches at once (", calls_, " running, ", Megabytes(bytes_),
        " of text in flight): retry later"));
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

}  // namespace fazhi::query
