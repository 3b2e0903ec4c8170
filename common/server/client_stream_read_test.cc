#include "common/server/client_stream_read.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/support/byte_buffer.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace fazhi {
namespace {

// The request types of the client-streamed methods of the API, from its descriptor set (built
// from every .proto of proto/fazhi/v1 by the fazhi_descriptor_set target).
std::set<std::string> ClientStreamedRequestsOfTheApi() {
  std::ifstream in(FAZHI_DESCRIPTOR_SET, std::ios::binary);
  google::protobuf::FileDescriptorSet files;
  EXPECT_TRUE(files.ParseFromIstream(&in)) << "cannot read " << FAZHI_DESCRIPTOR_SET;
  google::protobuf::DescriptorPool pool;
  for (const google::protobuf::FileDescriptorProto& file : files.file()) {
    EXPECT_NE(pool.BuildFile(file), nullptr) << file.name();
  }
  std::set<std::string> requests;
  for (const google::protobuf::FileDescriptorProto& file : files.file()) {
    const google::protobuf::FileDescriptor* built = pool.FindFileByName(file.name());
    for (int s = 0; built != nullptr && s < built->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = built->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        if (service->method(m)->client_streaming()) {
          requests.insert(service->method(m)->input_type()->full_name());
        }
      }
    }
  }
  return requests;
}

TEST(ClientStreamReadTest, EveryClientStreamedRequestTypeReportsUndecodableMessages) {
  std::set<std::string> api = ClientStreamedRequestsOfTheApi();
  EXPECT_FALSE(api.empty()) << "StreamIngestDocuments streams its requests";
  std::vector<std::string> listed = ClientStreamedRequestNames();
  std::set<std::string> listed_set(listed.begin(), listed.end());
  EXPECT_EQ(listed_set, api) << "FAZHI_CLIENT_STREAMED_REQUESTS must list exactly these types";
  static_assert(kReportsUndecodableMessages<v1::IngestDocumentRequest>);
  static_assert(!kReportsUndecodableMessages<v1::IngestDocumentResponse>,
                "other types keep gRPC's own traits");
}

// Reads like grpc::ServerReaderWriter: gRPC's traits decode the next message's bytes.
class BytesStream final {
 public:
  explicit BytesStream(std::vector<std::string> messages) : messages_(std::move(messages)) {}
  bool Read(v1::IngestDocumentRequest* request) {
    if (next_ == messages_.size()) return false;
    grpc::Slice slice(messages_[next_++]);
    grpc::ByteBuffer buffer(&slice, 1);
    return grpc::SerializationTraits<v1::IngestDocumentRequest>::Deserialize(&buffer, request).ok();
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

TEST(ClientStreamReadTest, TraitsSerializeLikeProtobuf) {
  v1::IngestDocumentRequest request;
  request.set_request_id("sha256:00");
  request.mutable_document()->set_file_name("报告.txt");
  grpc::ByteBuffer buffer;
  bool own = false;
  ASSERT_TRUE(
      grpc::SerializationTraits<v1::IngestDocumentRequest>::Serialize(request, &buffer, &own).ok());
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(buffer.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  EXPECT_EQ(bytes, request.SerializeAsString());
}

}  // namespace
}  // namespace fazhi
