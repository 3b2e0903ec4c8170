// Reads a stream's requests on a thread of its own, ahead of their processing, so the documents
// that arrived while one group was being committed can be committed together (group commit).
// Read-ahead is bounded: past `max_queued_documents` or `max_queued_bytes` the reader waits, and
// gRPC's flow control slows the client down.
//
//   RequestReader reader([&](v1::IngestDocumentRequest* r) { return ReadClientMessage(stream, r);
//   },
//                        {});
//   for (auto batch = reader.TakeBatch(32, 8 << 20); !batch.empty();
//        batch = reader.TakeBatch(32, 8 << 20)) {
//     ... store `batch` in one transaction, answer each ...
//   }
//   if (reader.undecodable()) ... the stream ended on a message that could not be decoded
//
// The read function must return kEnd or kUndecodable once the stream ends; the destructor waits
// for that.
#ifndef FAZHI_SERVICES_INGESTION_REQUEST_READER_H_
#define FAZHI_SERVICES_INGESTION_REQUEST_READER_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/server/client_stream_read.h"
#include "fazhi/v1/ingestion.pb.h"

namespace fazhi::ingestion {

struct RequestReaderLimits {
  size_t max_queued_documents = 64;
  size_t max_queued_bytes = 64 << 20;
};

class RequestReader final {
 public:
  using ReadFunction = std::function<ClientRead(v1::IngestDocumentRequest*)>;

  RequestReader(ReadFunction read, RequestReaderLimits limits);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  // Waits for at least one request, then takes those already read, in order, up to
  // `max_documents` and `max_bytes` of content (at least one, however large). Empty once the
  // stream has ended and everything was taken.
  std::vector<v1::IngestDocumentRequest> TakeBatch(size_t max_documents, size_t max_bytes);

  // From now on requests are read and dropped (the stream is failing); then waits up to
  // `timeout` for the client to end its side. False when it has not: the caller must cancel
  // the call so that the read returns.
  bool DiscardUntilEnd(absl::Duration timeout);

  // Whether the stream ended on a message that could not be decoded (rather than at the
  // client's end); the requests before it were all handed out by TakeBatch.
  bool undecodable();

 private:
  void Run();
  bool HasRoom() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  ReadFunction read_;
  RequestReaderLimits limits_;
  absl::Mutex mutex_;
  std::deque<v1::IngestDocumentRequest> queued_ ABSL_GUARDED_BY(mutex_);
  size_t queued_bytes_ ABSL_GUARDED_BY(mutex_) = 0;
  bool ended_ ABSL_GUARDED_BY(mutex_) = false;
  bool discarding_ ABSL_GUARDED_BY(mutex_) = false;
  bool undecodable_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace fazhi::ingestion

#endif  // FAZHI_SERVICES_INGESTION_REQUEST_READER_H_
