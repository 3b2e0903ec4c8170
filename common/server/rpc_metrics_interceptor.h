// A server interceptor that records per-method Prometheus metrics for every RPC: calls by gRPC
// status code, a latency histogram and the calls in flight. Calls refused because the server is
// at its in-flight limit (gRPC's "Server Threadpool Exhausted") are counted as shed and get a
// message saying to retry.
//
//   builder.experimental().SetInterceptorCreators(
//       {std::make_unique<RpcMetricsInterceptorFactory>(&metrics::Registry::Default())});
//   // fazhi_grpc_server_handled_total{grpc_code="OK",grpc_method="GetReport",
//   //                                 grpc_service="fazhi.v1.QueryService"} 12
#ifndef FAZHI_COMMON_SERVER_RPC_METRICS_INTERCEPTOR_H_
#define FAZHI_COMMON_SERVER_RPC_METRICS_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

#include <string_view>

#include "common/metrics/grpc_calls.h"
#include "common/metrics/registry.h"

namespace fazhi {

// The message of a call refused by overload shedding.
inline constexpr std::string_view kOverloadedMessage = "server overloaded, retry later";

class RpcMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(metrics::Registry* registry);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  metrics::GrpcCallMetrics calls_;  // per-method series, resolved at a method's first call
  metrics::Gauge* in_flight_;
  metrics::Counter* shed_;
};

}  // namespace fazhi

#endif  // FAZHI_COMMON_SERVER_RPC_METRICS_INTERCEPTOR_H_
