// Reads the next message of a client or bidi stream on the server and tells apart the client's
// end of the stream from a message that could not be decoded (malformed protobuf, or a proto3
// `string` field that is not valid UTF-8): gRPC C++'s Read() returns false for both.
//
//   // The stream reads ClientStreamRead<Request> instead of the generated Request:
//   using IngestStream = grpc::ServerReaderWriter<v1::StreamIngestDocumentsResponse,
//                                                 ClientStreamRead<v1::IngestDocumentRequest>>;
//   // and the service's constructor serves the method with it, in place of the generated handler:
//   MarkMethodStreamed(ClientStreamedMethodIndex<v1::IngestDocumentRequest>(
//                          "fazhi.v1.IngestionService.StreamIngestDocuments"),
//                      NewClientStreamHandler(this, &IngestionServiceImpl::ServeStream));
//
//   v1::IngestDocumentRequest request;
//   switch (ReadClientMessage(stream, &request)) {
//     case ClientRead::kMessage: ...  // use `request`
//     case ClientRead::kEnd: return grpc::Status::OK;
//     case ClientRead::kUndecodable:
//       return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
//                           std::string(kUndecodableRequestMessage));
//   }
//
// How: grpc::SerializationTraits, gRPC's hook for a type's (de)serializer, is specialized for our
// own type ClientStreamRead<Message>, which points at the message to decode into: it decodes
// exactly as gRPC's protobuf traits and, when decoding fails, marks that read. The mark belongs to
// the one read (no thread-local state), and the generated code and every other use of the message
// type keep gRPC's own traits. The generated service registers its stream with the generated
// request type, so the service swaps in a handler of the same method reading ClientStreamRead
// (grpc::Service::MarkMethodStreamed, which replaces a sync method's handler; a bidi handler over
// another request type is what the generated code registers, with only the request type changed).
#ifndef FAZHI_COMMON_SERVER_CLIENT_STREAM_READ_H_
#define FAZHI_COMMON_SERVER_CLIENT_STREAM_READ_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/method_handler.h>
#include <grpcpp/support/status.h>
#include <grpcpp/support/sync_stream.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fazhi {

// What a server stream reads: the message it decodes into, and whether decoding failed.
template <typename Message>
struct ClientStreamRead {
  Message* message;
  bool undecodable = false;
};

enum class ClientRead {
  kMessage,      // `message` holds the next message
  kEnd,          // the client closed its side (or the call ended)
  kUndecodable,  // the next message could not be decoded; the stream cannot go on
};

// `stream` is a grpc::ServerReader or grpc::ServerReaderWriter of ClientStreamRead<Message>
// (anything with Read(ClientStreamRead<Message>*)).
template <typename Stream, typename Message>
ClientRead ReadClientMessage(Stream* stream, Message* message) {
  ClientStreamRead<Message> read{message};
  if (stream->Read(&read)) return ClientRead::kMessage;
  return read.undecodable ? ClientRead::kUndecodable : ClientRead::kEnd;
}

// The index of a client-streamed method ("fazhi.v1.IngestionService.StreamIngestDocuments") in
// its service, the one the generated service registers it at. A name that is not a
// client-streamed method taking `Request` is a programming error: it aborts at start-up, which
// every test that starts the service sees.
template <typename Request>
int ClientStreamedMethodIndex(std::string_view full_name) {
  const google::protobuf::MethodDescriptor* method =
      Request::descriptor()->file()->pool()->FindMethodByName(std::string(full_name));
  if (method == nullptr || !method->client_streaming() ||
      method->input_type() != Request::descriptor()) {
    std::fprintf(stderr, "%.*s is no client-streamed method of %s\n",
                 static_cast<int>(full_name.size()), full_name.data(),
                 Request::descriptor()->full_name().c_str());
    std::abort();
  }
  return method->index();
}

// A sync bidi-streaming handler calling `serve` on `service` with a stream that reads
// ClientStreamRead<Request>; for grpc::Service::MarkMethodStreamed, which owns it.
template <typename Service, typename Response, typename Request>
grpc::internal::MethodHandler* NewClientStreamHandler(
    Service* service,
    grpc::Status (Service::*serve)(
        grpc::ServerContext*, grpc::ServerReaderWriter<Response, ClientStreamRead<Request>>*)) {
  return new grpc::internal::BidiStreamingHandler<Service, ClientStreamRead<Request>, Response>(
      [serve](Service* target, grpc::ServerContext* context,
              grpc::ServerReaderWriter<Response, ClientStreamRead<Request>>* stream) {
        return (target->*serve)(context, stream);
      },
      service);
}

}  // namespace fazhi

namespace grpc {

// gRPC's protobuf deserializer (grpcpp/impl/codegen/proto_utils.h), marking a failed read.
template <typename Message>
class SerializationTraits<::fazhi::ClientStreamRead<Message>> {
 public:
  static Status Deserialize(ByteBuffer* buffer, ::fazhi::ClientStreamRead<Message>* read) {
    Status status = GenericDeserialize<ProtoBufferReader, Message>(buffer, read->message);
    read->undecodable = !status.ok();
    return status;
  }
};

}  // namespace grpc

#endif  // FAZHI_COMMON_SERVER_CLIENT_STREAM_READ_H_
