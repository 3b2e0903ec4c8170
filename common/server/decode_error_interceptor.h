// A server interceptor that answers a request gRPC could not decode (malformed protobuf, or a
// proto3 `string` field that is not valid UTF-8) with INVALID_ARGUMENT and a message saying so,
// instead of gRPC C++'s INTERNAL with an empty message. It covers every unary and
// server-streaming method of every service the server hosts, without a list of request types.
//
//   interceptors.push_back(std::make_unique<DecodeErrorInterceptorFactory>());  // first
//   // a request with string field bytes 0xFF 0xFE ->
//   //   INVALID_ARGUMENT "request could not be decoded: malformed protobuf or a string field ..."
//
// How: gRPC's sync server decodes the request before any interceptor runs; when decoding fails
// it still runs POST_RECV_MESSAGE, with no message, and then sends its status without calling
// the handler. Install this factory first, so that interceptors after it see the new status.
// Messages of a client or bidi stream are decoded inside the handler's Read(), which returns
// false alike for a decode failure and for the client's end of the stream; those calls keep the
// handler's status, and the handler tells the two apart with ReadClientMessage()
// (common/server/client_stream_read.h).
#ifndef FAZHI_COMMON_SERVER_DECODE_ERROR_INTERCEPTOR_H_
#define FAZHI_COMMON_SERVER_DECODE_ERROR_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <string_view>

namespace fazhi {

inline constexpr std::string_view kUndecodableRequestMessage =
    "request could not be decoded: malformed protobuf or a string field that is not valid UTF-8";

class DecodeErrorInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_DECODE_ERROR_INTERCEPTOR_H_
