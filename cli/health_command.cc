// `fazhi wait-ready`: waits until the three services answer SERVING on grpc.health.v1.
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/output.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace fazhi::cli {
namespace {

bool IsServing(const std::string& address) {
  auto stub = grpc::health::v1::Health::NewStub(Connect(address));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  auto context = NewCallContext(absl::Seconds(2));
  grpc::Status status = stub->Check(context.get(), request, &response);
  return status.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace

int RunWaitReady(const Settings& settings, const Args& args) {
  absl::StatusOr<CommandLine> line = CommandLine::Parse(args, {"timeout"});
  if (!line.ok()) return ReportError(line.status(), 2);
  absl::StatusOr<int> timeout_s = line->IntOption("timeout", 30);
  if (!timeout_s.ok()) return ReportError(timeout_s.status(), 2);
  absl::Time deadline = absl::Now() + absl::Seconds(*timeout_s);
  for (const Setting* setting : {&kIngestionAddr, &kExtractionAddr, &kQueryAddr}) {
    std::string address = settings.Get(*setting);
    while (!IsServing(address)) {
      if (absl::Now() > deadline) {
        std::cerr << "fazhi: " << address << " (" << setting->env << ") is not serving after "
                  << *timeout_s << " s\n";
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  return 0;
}

}  // namespace fazhi::cli
