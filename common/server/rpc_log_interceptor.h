// A server interceptor that logs one structured line per RPC: method, status code, duration,
// peer and the caller's request id (metadata `x-request-id`), so a document can be followed
// through the services.
#ifndef FAZHI_COMMON_SERVER_RPC_LOG_INTERCEPTOR_H_
#define FAZHI_COMMON_SERVER_RPC_LOG_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

namespace fazhi {

class RpcLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_RPC_LOG_INTERCEPTOR_H_
