#include "common/server/decode_error_interceptor.h"

#include <grpcpp/grpcpp.h>

#include <string>

namespace fazhi {
namespace {

using grpc::experimental::InterceptionHookPoints;

class DecodeErrorInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit DecodeErrorInterceptor(grpc::experimental::ServerRpcInfo* info)
      : single_request_(info->type() == grpc::experimental::ServerRpcInfo::Type::UNARY ||
                        info->type() == grpc::experimental::ServerRpcInfo::Type::SERVER_STREAMING) {
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // For a single-request method the one message is missing only when decoding failed (a
    // stream's Read() also ends with no message at the client's half-close).
    if (single_request_ &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      undecodable_ = true;
    }
    // Only gRPC's own INTERNAL for the failed decode is rewritten: a call shed before its
    // message was read also has none, and must keep its RESOURCE_EXHAUSTED.
    if (undecodable_ &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::INTERNAL) {
      methods->ModifySendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                             std::string(kUndecodableRequestMessage)));
    }
    methods->Proceed();
  }

 private:
  bool single_request_;
  bool undecodable_ = false;
};

}  // namespace

grpc::experimental::Interceptor* DecodeErrorInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new DecodeErrorInterceptor(info);
}

}  // namespace fazhi
