#include "common/server/client_stream_read.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/support/byte_buffer.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "fazhi/v1/ingestion.pb.h"

namespace fazhi {
namespace {

// The client-streamed methods of the API, from its descriptor set (built from every .proto of
// proto/fazhi/v1 by the fazhi_descriptor_set target).
std::set<std::string> ClientStreamedMethodsOfTheApi() {
  std::ifstream in(FAZHI_DESCRIPTOR_SET, std::ios::binary);
  google::protobuf::FileDescriptorSet files;
  EXPECT_TRUE(files.ParseFromIstream(&in)) << "cannot read " << FAZHI_DESCRIPTOR_SET;
  google::protobuf::DescriptorPool pool;
  for (const google::protobuf::FileDescriptorProto& file : files.file()) {
    EXPECT_NE(pool.BuildFile(file), nullptr) << file.name();
  }
  std::set<std::string> methods;
  for (const google::protobuf::FileDescriptorProto& file : files.file()) {
    const google::protobuf::FileDescriptor* built = pool.FindFileByName(file.name());
    for (int s = 0; built != nullptr && s < built->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = built->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        if (service->method(m)->client_streaming()) {
          methods.insert(service->method(m)->full_name());
        }
      }
    }
  }
  return methods;
}

// The one client-streamed method reads ClientStreamRead (IngestionServiceImpl's constructor). A new
// one must too, or its handler cannot tell an undecodable message from the stream's end.
TEST(ClientStreamReadTest, TheApiStreamsRequestsOnlyWhereTheServiceReadsClientStreamRead) {
  EXPECT_EQ(ClientStreamedMethodsOfTheApi(),
            std::set<std::string>{"fazhi.v1.IngestionService.StreamIngestDocuments"})
      << "serve every client-streamed method with NewClientStreamHandler, then list it here";
}

TEST(ClientStreamReadTest, MethodIndexIsThePositionInTheService) {
  const google::protobuf::ServiceDescriptor* service =
      v1::IngestDocumentRequest::descriptor()->file()->FindServiceByName("IngestionService");
  ASSERT_NE(service, nullptr);
  int index = ClientStreamedMethodIndex<v1::IngestDocumentRequest>(
      "fazhi.v1.IngestionService.StreamIngestDocuments");
  EXPECT_EQ(service->method(index)->name(), "StreamIngestDocuments");
}

TEST(ClientStreamReadDeathTest, MethodIndexOfANameThatIsNoClientStreamAborts) {
  EXPECT_DEATH(ClientStreamedMethodIndex<v1::IngestDocumentRequest>(
                   "fazhi.v1.IngestionService.IngestDocument"),
               "no client-streamed method");
}

// Reads like grpc::ServerReaderWriter of ClientStreamRead: its traits decode the next message.
class BytesStream final {
 public:
  explicit BytesStream(std::vector<std::string> messages) : messages_(std::move(messages)) {}
  bool Read(ClientStreamRead<v1::IngestDocumentRequest>* read) {
    if (next_ == messages_.size()) return false;
    grpc::Slice slice(messages_[next_++]);
    grpc::ByteBuffer buffer(&slice, 1);
    using Traits = grpc::SerializationTraits<ClientStreamRead<v1::IngestDocumentRequest>>;
    return Traits::Deserialize(&buffer, read).ok();
  }

 private:
  std::vector<std::string> messages_;
  size_t next_ = 0;
};

TEST(ClientStreamReadTest, TellsAnUndecodableMessageFromTheEndOfTheStream) {
  v1::IngestDocumentRequest good;
  good.set_request_id("r1");
  // The request id (field 2, a string) with bytes that are not UTF-8.
  const std::string invalid_utf8("\x12\x02\xff\xfe", 4);
  BytesStream stream({good.SerializeAsString(), invalid_utf8, good.SerializeAsString()});
  v1::IngestDocumentRequest request;
  EXPECT_EQ(ReadClientMessage(&stream, &request), ClientRead::kMessage);
  EXPECT_EQ(request.request_id(), "r1");
  EXPECT_EQ(ReadClientMessage(&stream, &request), ClientRead::kUndecodable);
  EXPECT_EQ(ReadClientMessage(&stream, &request), ClientRead::kMessage)
      << "a good message after it clears the flag";
  EXPECT_EQ(ReadClientMessage(&stream, &request), ClientRead::kEnd);
}

TEST(ClientStreamReadTest, DecodesLikeProtobuf) {
  v1::IngestDocumentRequest sent;
  sent.set_request_id("sha256:00");
  sent.mutable_document()->set_file_name("报告.txt");
  sent.mutable_document()->set_content("依法行政");
  BytesStream stream({sent.SerializeAsString()});
  v1::IngestDocumentRequest request;
  ASSERT_EQ(ReadClientMessage(&stream, &request), ClientRead::kMessage);
  EXPECT_EQ(request.SerializeAsString(), sent.SerializeAsString());
}

}  // namespace
}  // namespace fazhi
