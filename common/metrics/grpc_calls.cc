#include "common/metrics/grpc_calls.h"

#include <string>

namespace fazhi::metrics {

Labels GrpcMethodLabels(std::string_view full_method) {
  if (!full_method.empty() && full_method.front() == '/') full_method.remove_prefix(1);
  size_t slash = full_method.rfind('/');
  std::string_view service = slash == std::string_view::npos ? "" : full_method.substr(0, slash);
  std::string_view method = full_method.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return {{"grpc_service", std::string(service)}, {"grpc_method", std::string(method)}};
}

void CountGrpcCall(Registry* registry, std::string_view full_method, absl::StatusCode code) {
  Labels labels = GrpcMethodLabels(full_method);
  labels.emplace_back("grpc_code", absl::StatusCodeToString(code));
  registry->GetCounter(kGrpcHandledName, "Calls completed, by method and gRPC status code", labels)
      ->Increment();
}

}  // namespace fazhi::metrics
