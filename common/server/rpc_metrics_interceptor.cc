#include "common/server/rpc_metrics_interceptor.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "common/metrics/grpc_calls.h"

namespace fazhi {
namespace {

using grpc::experimental::InterceptionHookPoints;

// What gRPC's sync server answers when its thread quota (our in-flight limit) is used up.
constexpr std::string_view kThreadpoolExhausted = "Server Threadpool Exhausted";

class RpcMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(metrics::GrpcMethodMetrics* method, metrics::Gauge* in_flight,
                        metrics::Counter* shed)
      : method_(method),
        in_flight_(in_flight),
        shed_(shed),
        start_(std::chrono::steady_clock::now()) {
    in_flight_->Add(1);
  }
  ~RpcMetricsInterceptor() override { in_flight_->Add(-1); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods);
    }
    methods->Proceed();
  }

 private:
  void Record(grpc::experimental::InterceptorBatchMethods* methods) {
    grpc::Status status = methods->GetSendStatus();
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
        status.error_message() == kThreadpoolExhausted) {
      shed_->Increment();
      methods->ModifySendStatus(
          grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, std::string(kOverloadedMessage)));
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    method_->Finish(static_cast<absl::StatusCode>(status.error_code()), seconds);
  }

  metrics::GrpcMethodMetrics* method_;
  metrics::Gauge* in_flight_;
  metrics::Counter* shed_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

RpcMetricsInterceptorFactory::RpcMetricsInterceptorFactory(metrics::Registry* registry)
    : calls_(registry),
      in_flight_(registry->GetGauge("fazhi_grpc_server_in_flight",
                                    "Calls started and not yet finished (all methods)")),
      shed_(registry->GetCounter("fazhi_grpc_server_shed_total",
                                 "Calls refused with RESOURCE_EXHAUSTED because the server was at "
                                 "its in-flight limit (FAZHI_MAX_INFLIGHT)")) {}

grpc::experimental::Interceptor* RpcMetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcMetricsInterceptor(calls_.ForMethod(info->method()), in_flight_, shed_);
}

}  // namespace fazhi
