// The per-method gRPC server call counter, shared by everything that finishes a call: the RPC
// metrics interceptor (common/server) and the auth check that refuses calls before any
// interceptor runs (common/security). One place for the metric's name and labels, so refused
// and handled calls add up in one series.
//
//   metrics::CountGrpcCall(&registry, "/fazhi.v1.QueryService/GetReport",
//                          absl::StatusCode::kUnauthenticated);
//   // fazhi_grpc_server_handled_total{grpc_code="UNAUTHENTICATED",grpc_method="GetReport",
//   //                                 grpc_service="fazhi.v1.QueryService"} 1
//
// GrpcCallMetrics is the hot path's form: each method's series resolved once, then counted
// without building labels or locking the registry.
//
//   metrics::GrpcCallMetrics calls(&registry);
//   calls.ForMethod("/fazhi.v1.QueryService/GetReport")->Finish(absl::StatusCode::kOk, 0.002);
#ifndef FAZHI_COMMON_METRICS_GRPC_CALLS_H_
#define FAZHI_COMMON_METRICS_GRPC_CALLS_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/metrics/registry.h"

namespace fazhi::metrics {

inline constexpr std::string_view kGrpcHandledName = "fazhi_grpc_server_handled_total";
inline constexpr std::string_view kGrpcHandlingName = "fazhi_grpc_server_handling_seconds";

// "/fazhi.v1.QueryService/GetReport" -> {grpc_service: "fazhi.v1.QueryService",
// grpc_method: "GetReport"}. A path naming no method of a service this process links (its
// generated protobuf descriptors, plus gRPC's health check) is {"unknown", "unknown"}: callers
// choose the path, and a series per path would grow /metrics without limit.
Labels GrpcMethodLabels(std::string_view full_method);

// Whether `full_method` names a method of a linked service (see GrpcMethodLabels).
bool IsKnownGrpcMethod(std::string_view full_method);
inline constexpr std::string_view kUnknownGrpcMethod = "/unknown/unknown";

// Adds one call of `full_method` that ended with `code`.
void CountGrpcCall(Registry* registry, std::string_view full_method, absl::StatusCode code);

// One method's series: its latency histogram, and its per-code counters created at the first
// call that ends with that code (so /metrics shows only codes that happened).
class GrpcMethodMetrics final {
 public:
  GrpcMethodMetrics(Registry* registry, std::string_view full_method);

  // Records a call that ended with `code` after `seconds`.
  void Finish(absl::StatusCode code, double seconds);

 private:
  static constexpr int kCodes = 17;  // OK .. UNAUTHENTICATED

  Counter* HandledCounter(absl::StatusCode code);

  Registry* registry_;
  std::string full_method_;
  Histogram* handling_;
  std::array<std::atomic<Counter*>, kCodes> handled_{};
};

// GrpcMethodMetrics by method path, each made once and kept as long as this object.
class GrpcCallMetrics final {
 public:
  explicit GrpcCallMetrics(Registry* registry) : registry_(registry) {}

  GrpcMethodMetrics* ForMethod(std::string_view full_method);

 private:
  Registry* registry_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, std::unique_ptr<GrpcMethodMetrics>> methods_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_GRPC_CALLS_H_
