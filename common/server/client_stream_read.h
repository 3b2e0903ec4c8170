// Reads the next message of a client or bidi stream on the server and tells apart the client's
// end of the stream from a message that could not be decoded (malformed protobuf, or a proto3
// `string` field that is not valid UTF-8): gRPC C++'s Read() returns false for both.
//
//   v1::IngestDocumentRequest request;
//   switch (ReadClientMessage(stream, &request)) {
//     case ClientRead::kMessage: ...  // use `request`
//     case ClientRead::kEnd: return grpc::Status::OK;
//     case ClientRead::kUndecodable:
//       return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
//       std::string(kUndecodableRequestMessage));
//   }
//
// How: grpc::SerializationTraits, gRPC's hook for a message type's (de)serializer, is specialized
// for the request type of every client-streamed method (the list below; a test compares it with
// the methods of the API's descriptor set). The specialization decodes exactly as gRPC's own
// protobuf traits and notes a failure in a thread_local flag. The sync API decodes inside Read()
// on the calling thread (it plucks the call's completion queue), so the flag read right after
// Read() belongs to that Read() (this holds for the sync API the services use, not for async or
// callback streams, which decode on other threads). An explicit specialization must be seen before
// any use of the type's traits in every translation unit: the generated fazhi/v1/*.grpc.pb.h
// include this header (grpc_cpp_plugin's additional_header_includes, see proto/CMakeLists.txt).
#ifndef FAZHI_COMMON_SERVER_CLIENT_STREAM_READ_H_
#define FAZHI_COMMON_SERVER_CLIENT_STREAM_READ_H_

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/status.h>

#include <string>
#include <type_traits>
#include <vector>

#include "fazhi/v1/ingestion.pb.h"

// The request type of every client-streamed (client or bidi streaming) method of the API: the one
// place to add to when a method starts streaming its requests.
#define FAZHI_CLIENT_STREAMED_REQUESTS(X) X(::fazhi::v1::IngestDocumentRequest)

namespace fazhi {

namespace client_stream_internal {

// Set by a failed decode of a client-streamed message on this thread; ReadClientMessage clears it.
inline thread_local bool undecodable = false;

// gRPC's protobuf traits (grpcpp/impl/codegen/proto_utils.h), noting a failed decode.
template <typename Message>
class RecordingProtoTraits {
 public:
  static grpc::Status Serialize(const grpc::protobuf::MessageLite& message,
                                grpc::ByteBuffer* buffer, bool* own_buffer) {
    return grpc::GenericSerialize<grpc::ProtoBufferWriter, Message>(message, buffer, own_buffer);
  }
  static grpc::Status Deserialize(grpc::ByteBuffer* buffer, grpc::protobuf::MessageLite* message) {
    grpc::Status status =
        grpc::GenericDeserialize<grpc::ProtoBufferReader, Message>(buffer, message);
    if (!status.ok()) undecodable = true;
    return status;
  }
};

}  // namespace client_stream_internal

enum class ClientRead {
  kMessage,      // `message` holds the next message
  kEnd,          // the client closed its side (or the call ended)
  kUndecodable,  // the next message could not be decoded; the stream cannot go on
};

// Whether a type's gRPC traits tell an undecodable message from the end of the stream.
template <typename Message>
inline constexpr bool kReportsUndecodableMessages =
    std::is_base_of_v<client_stream_internal::RecordingProtoTraits<Message>,
                      grpc::SerializationTraits<Message>>;

// `stream` is a grpc::ServerReader or grpc::ServerReaderWriter (anything with Read(Message*)).
template <typename Stream, typename Message>
ClientRead ReadClientMessage(Stream* stream, Message* message) {
  static_assert(kReportsUndecodableMessages<Message>,
                "add the request type to FAZHI_CLIENT_STREAMED_REQUESTS");
  client_stream_internal::undecodable = false;
  if (stream->Read(message)) return ClientRead::kMessage;
  return client_stream_internal::undecodable ? ClientRead::kUndecodable : ClientRead::kEnd;
}

// The full names ("fazhi.v1.IngestDocumentRequest") of FAZHI_CLIENT_STREAMED_REQUESTS.
inline std::vector<std::string> ClientStreamedRequestNames() {
#define FAZHI_REQUEST_NAME(type) type::descriptor()->full_name(),
  return {FAZHI_CLIENT_STREAMED_REQUESTS(FAZHI_REQUEST_NAME)};
#undef FAZHI_REQUEST_NAME
}

}  // namespace fazhi

namespace grpc {

#define FAZHI_RECORDING_TRAITS(type) \
  template <>                        \
  class SerializationTraits<type>    \
      : public ::fazhi::client_stream_internal::RecordingProtoTraits<type> {};
FAZHI_CLIENT_STREAMED_REQUESTS(FAZHI_RECORDING_TRAITS)
#undef FAZHI_RECORDING_TRAITS

}  // namespace grpc

#endif  // FAZHI_COMMON_SERVER_CLIENT_STREAM_READ_H_
