#include "services/ingestion/request_reader.h"

#include <grpcpp/support/byte_buffer.h>
#include <gtest/gtest.h>

#include <string_view>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"

namespace fazhi::ingestion {
namespace {

// A client stream: `Send` makes requests available, `End` half-closes; reads block meanwhile.
// Like gRPC's Read() of the ingestion stream, it decodes each message's bytes with
// grpc::SerializationTraits of ClientStreamRead.
class FakeStream final {
 public:
  void Send(const std::string& content) {
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_content(content);
    SendBytes(request.SerializeAsString());
  }
  void SendBytes(const std::string& bytes) {
    absl::MutexLock lock(&mutex_);
    pending_.push_back(bytes);
  }
  void End() {
    absl::MutexLock lock(&mutex_);
    ended_ = true;
  }
  bool Read(ClientStreamRead<v1::IngestDocumentRequest>* read) {
    absl::MutexLock lock(&mutex_);
    auto ready = [this]()
                     ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { return !pending_.empty() || ended_; };
    mutex_.Await(absl::Condition(&ready));
    if (pending_.empty()) return false;
    grpc::Slice slice(pending_.front());
    grpc::ByteBuffer buffer(&slice, 1);
    pending_.erase(pending_.begin());
    using Traits = grpc::SerializationTraits<ClientStreamRead<v1::IngestDocumentRequest>>;
    if (!Traits::Deserialize(&buffer, read).ok()) return false;
    ++reads_;
    return true;
  }
  int reads() {
    absl::MutexLock lock(&mutex_);
    return reads_;
  }
  RequestReader::ReadFunction Reader() {
    return [this](v1::IngestDocumentRequest* request) { return ReadClientMessage(this, request); };
  }

 private:
  absl::Mutex mutex_;
  std::vector<std::string> pending_ ABSL_GUARDED_BY(mutex_);
  bool ended_ ABSL_GUARDED_BY(mutex_) = false;
  int reads_ ABSL_GUARDED_BY(mutex_) = 0;
};

std::vector<std::string> Contents(const std::vector<v1::IngestDocumentRequest>& batch) {
  std::vector<std::string> contents;
  for (const auto& request : batch) contents.push_back(request.document().content());
  return contents;
}

void WaitForReads(FakeStream& stream, int reads) {
  for (int i = 0; i < 500 && stream.reads() < reads; ++i) absl::SleepFor(absl::Milliseconds(2));
}

TEST(RequestReaderTest, BatchesTakeWhatArrivedInOrderThenEndEmpty) {
  FakeStream stream;
  RequestReader reader(stream.Reader(), {});
  stream.Send("a");
  stream.Send("b");
  stream.Send("c");
  WaitForReads(stream, 3);
  EXPECT_EQ(Contents(reader.TakeBatch(10, 1 << 20)), (std::vector<std::string>{"a", "b", "c"}));
  stream.Send("d");
  EXPECT_EQ(Contents(reader.TakeBatch(10, 1 << 20)), (std::vector<std::string>{"d"}));
  stream.End();
  EXPECT_TRUE(reader.TakeBatch(10, 1 << 20).empty());
  EXPECT_FALSE(reader.undecodable()) << "the client ended the stream";
}

// Field 1 (the document), holding field 2 (file_name, a string) with bytes that are not UTF-8.
constexpr std::string_view kInvalidUtf8Request("\x0a\x04\x12\x02\xff\xfe", 6);

TEST(RequestReaderTest, UndecodableMessageEndsTheStreamAfterTheRequestsBeforeIt) {
  FakeStream stream;
  RequestReader reader(stream.Reader(), {});
  stream.Send("before");
  stream.SendBytes(std::string(kInvalidUtf8Request));
  stream.Send("after");
  EXPECT_EQ(Contents(reader.TakeBatch(10, 1 << 20)), (std::vector<std::string>{"before"}));
  EXPECT_TRUE(reader.TakeBatch(10, 1 << 20).empty()) << "nothing after it is read";
  EXPECT_TRUE(reader.undecodable());
}

TEST(RequestReaderTest, MalformedProtobufIsUndecodable) {
  FakeStream stream;
  RequestReader reader(stream.Reader(), {});
  stream.SendBytes("\x0a\x7f");  // a length running past the end of the message
  EXPECT_TRUE(reader.TakeBatch(10, 1 << 20).empty());
  EXPECT_TRUE(reader.undecodable());
}

TEST(RequestReaderTest, BatchesKeepToTheDocumentAndByteLimitsButTakeAtLeastOne) {
  FakeStream stream;
  RequestReader reader(stream.Reader(), {});
  for (const char* content : {"1111", "22", "3", "44444444", "5"}) stream.Send(content);
  stream.End();
  WaitForReads(stream, 5);
  EXPECT_EQ(Contents(reader.TakeBatch(2, 100)), (std::vector<std::string>{"1111", "22"}));
  EXPECT_EQ(Contents(reader.TakeBatch(10, 3)), (std::vector<std::string>{"3"}));
  EXPECT_EQ(Contents(reader.TakeBatch(10, 3)), (std::vector<std::string>{"44444444"}));
  EXPECT_EQ(Contents(reader.TakeBatch(10, 3)), (std::vector<std::string>{"5"}));
  EXPECT_TRUE(reader.TakeBatch(10, 3).empty());
}

TEST(RequestReaderTest, ReadAheadStopsAtTheQueueLimit) {
  FakeStream stream;
  RequestReader reader(stream.Reader(), {.max_queued_documents = 2});
  for (int i = 0; i < 5; ++i) stream.Send("x");
  WaitForReads(stream, 2);
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(stream.reads(), 2) << "the reader must wait for room";
  EXPECT_EQ(reader.TakeBatch(10, 1 << 20).size(), 2u);
  WaitForReads(stream, 4);
  EXPECT_EQ(reader.TakeBatch(10, 1 << 20).size(), 2u);
  stream.End();
  EXPECT_EQ(reader.TakeBatch(10, 1 << 20).size(), 1u);
}

TEST(RequestReaderTest, DiscardingDropsRequestsUntilTheClientEnds) {
  FakeStream stream;
  RequestReader reader(stream.Reader(), {});
  stream.Send("queued");
  WaitForReads(stream, 1);
  EXPECT_FALSE(reader.DiscardUntilEnd(absl::Milliseconds(20))) << "the client has not ended";
  stream.Send("late");
  stream.End();
  EXPECT_TRUE(reader.DiscardUntilEnd(absl::Seconds(10)));
  EXPECT_EQ(stream.reads(), 2);
  EXPECT_TRUE(reader.TakeBatch(10, 1 << 20).empty());
}

}  // namespace
}  // namespace fazhi::ingestion
