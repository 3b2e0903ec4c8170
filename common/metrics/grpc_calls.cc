#include "common/metrics/grpc_calls.h"

#include <google/protobuf/descriptor.h>

#include <string>

#include "common/compat/string_view.h"

namespace fazhi::metrics {
namespace {

constexpr std::string_view kHandledHelp = "Calls completed, by method and gRPC status code";
constexpr std::string_view kHandlingHelp = "Time from a call's arrival to its status, by method";

// The series counting calls of `full_method` that ended with `code`.
Counter* HandledSeries(Registry* registry, std::string_view full_method, absl::StatusCode code) {
  Labels labels = GrpcMethodLabels(full_method);
  labels.emplace_back("grpc_code", absl::StatusCodeToString(code));
  return registry->GetCounter(kGrpcHandledName, kHandledHelp, labels);
}

}  // namespace

bool IsKnownGrpcMethod(std::string_view full_method) {
  if (full_method.empty() || full_method.front() != '/') return false;
  full_method.remove_prefix(1);
  size_t slash = full_method.rfind('/');
  if (slash == std::string_view::npos) return false;
  std::string service(full_method.substr(0, slash));
  std::string method(full_method.substr(slash + 1));
  // gRPC's own health service is served by the library, not by generated code we link.
  if (service == "grpc.health.v1.Health") return method == "Check" || method == "Watch";
  const google::protobuf::ServiceDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service);
  return descriptor != nullptr && descriptor->FindMethodByName(method) != nullptr;
}

Labels GrpcMethodLabels(std::string_view full_method) {
  if (!IsKnownGrpcMethod(full_method)) full_method = kUnknownGrpcMethod;
  full_method.remove_prefix(1);
  size_t slash = full_method.rfind('/');
  std::string_view service = slash == std::string_view::npos ? "" : full_method.substr(0, slash);
  std::string_view method = full_method.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return {{"grpc_service", std::string(service)}, {"grpc_method", std::string(method)}};
}

void CountGrpcCall(Registry* registry, std::string_view full_method, absl::StatusCode code) {
  HandledSeries(registry, full_method, code)->Increment();
}

GrpcMethodMetrics::GrpcMethodMetrics(Registry* registry, std::string_view full_method)
    : registry_(registry),
      full_method_(full_method),
      handling_(registry->GetHistogram(kGrpcHandlingName, kHandlingHelp, LatencyBuckets(),
                                       GrpcMethodLabels(full_method))) {}

void GrpcMethodMetrics::Finish(absl::StatusCode code, double seconds) {
  handling_->Observe(seconds);
  HandledCounter(code)->Increment();
}

Counter* GrpcMethodMetrics::HandledCounter(absl::StatusCode code) {
  int index = static_cast<int>(code);
  if (index < 0 || index >= kCodes) index = static_cast<int>(absl::StatusCode::kUnknown);
  Counter* counter = handled_[index].load(std::memory_order_acquire);
  if (counter != nullptr) return counter;
  // Racing first calls get the same counter: the registry returns one series per label set.
  counter = HandledSeries(registry_, full_method_, static_cast<absl::StatusCode>(index));
  handled_[index].store(counter, std::memory_order_release);
  return counter;
}

GrpcMethodMetrics* GrpcCallMetrics::ForMethod(std::string_view full_method) {
  // One entry for every unknown path (the map would grow with them as the series would).
  if (!IsKnownGrpcMethod(full_method)) full_method = kUnknownGrpcMethod;
  {
    absl::ReaderMutexLock lock(&mutex_);
    auto found = methods_.find(Absl(full_method));
    if (found != methods_.end()) return found->second.get();
  }
  absl::MutexLock lock(&mutex_);
  std::unique_ptr<GrpcMethodMetrics>& metrics = methods_[std::string(full_method)];
  if (metrics == nullptr) metrics = std::make_unique<GrpcMethodMetrics>(registry_, full_method);
  return metrics.get();
}

}  // namespace fazhi::metrics
