// The per-method gRPC server call counter, shared by everything that finishes a call: the RPC
// metrics interceptor (common/server) and the auth check that refuses calls before any
// interceptor runs (common/security). One place for the metric's name and labels, so refused
// and handled calls add up in one series.
//
//   metrics::CountGrpcCall(&registry, "/fazhi.v1.QueryService/GetReport",
//                          absl::StatusCode::kUnauthenticated);
//   // fazhi_grpc_server_handled_total{grpc_code="UNAUTHENTICATED",grpc_method="GetReport",
//   //                                 grpc_service="fazhi.v1.QueryService"} 1
#ifndef FAZHI_COMMON_METRICS_GRPC_CALLS_H_
#define FAZHI_COMMON_METRICS_GRPC_CALLS_H_

#include <string_view>

#include "absl/status/status.h"
#include "common/metrics/registry.h"

namespace fazhi::metrics {

inline constexpr std::string_view kGrpcHandledName = "fazhi_grpc_server_handled_total";

// "/fazhi.v1.QueryService/GetReport" -> {grpc_service: "fazhi.v1.QueryService",
// grpc_method: "GetReport"}.
Labels GrpcMethodLabels(std::string_view full_method);

// Adds one call of `full_method` that ended with `code`.
void CountGrpcCall(Registry* registry, std::string_view full_method, absl::StatusCode code);

}  // namespace fazhi::metrics

#endif  // FAZHI_COMMON_METRICS_GRPC_CALLS_H_
