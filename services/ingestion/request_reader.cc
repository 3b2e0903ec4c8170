#include "services/ingestion/request_reader.h"

namespace fazhi::ingestion {

RequestReader::RequestReader(ReadFunction read, RequestReaderLimits limits)
    : read_(std::move(read)), limits_(limits), thread_([this] { Run(); }) {}

RequestReader::~RequestReader() { thread_.join(); }

bool RequestReader::HasRoom() const {
  return discarding_ || queued_.empty() ||
         (queued_.size() < limits_.max_queued_documents &&
          queued_bytes_ < limits_.max_queued_bytes);
}

void RequestReader::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(this, &RequestReader::HasRoom));
    }
    v1::IngestDocumentRequest request;
    ClientRead read = read_(&request);
    absl::MutexLock lock(&mutex_);
    if (read != ClientRead::kMessage) {
      ended_ = true;
      undecodable_ = read == ClientRead::kUndecodable;
      return;
    }
    if (discarding_) continue;
    queued_bytes_ += request.document().content().size();
    queued_.push_back(std::move(request));
  }
}

std::vector<v1::IngestDocumentRequest> RequestReader::TakeBatch(size_t max_documents,
                                                                size_t max_bytes) {
  absl::MutexLock lock(&mutex_);
  auto ready = [this]()
                   ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return !queued_.empty() || ended_; };
  mutex_.Await(absl::Condition(&ready));
  std::vector<v1::IngestDocumentRequest> batch;
  size_t bytes = 0;
  while (!queued_.empty() && batch.size() < max_documents) {
    size_t size = queued_.front().document().content().size();
    if (!batch.empty() && bytes + size > max_bytes) break;
    bytes += size;
    queued_bytes_ -= size;
    batch.push_back(std::move(queued_.front()));
    queued_.pop_front();
  }
  return batch;
}

bool RequestReader::DiscardUntilEnd(absl::Duration timeout) {
  absl::MutexLock lock(&mutex_);
  discarding_ = true;
  queued_.clear();
  queued_bytes_ = 0;
  return mutex_.AwaitWithTimeout(absl::Condition(&ended_), timeout);
}

bool RequestReader::undecodable() {
  absl::MutexLock lock(&mutex_);
  return undecodable_;
}

}  // namespace fazhi::ingestion
