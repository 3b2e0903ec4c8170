// Operating the services: `fazhi health` and `wait-ready` (grpc.health.v1), `reextract`,
// `jobs` and `requeue`.
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/pages.h"
#include "cli/read_only_call.h"
#include "cli/service_endpoint.h"
#include "cli/table.h"
#include "fazhi/v1/extraction.grpc.pb.h"
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

// One service's answer: "127.0.0.1:50051  SERVING" in a table, {"address": ..., "status":
// "serving"} in JSON (the CLI's spelling of grpc.health.v1's enum).
struct ServiceHealth {
  std::string address;
  bool serving = false;
};

int PrintHealth(const std::vector<ServiceHealth>& services, bool json) {
  int exit_code = 0;
  nlohmann::ordered_json listed = nlohmann::ordered_json::array();
  for (const ServiceHealth& service : services) {
    if (!service.serving) exit_code = 1;
    if (json) {
      listed.push_back(
          {{"address", service.address}, {"status", service.serving ? "serving" : "not_serving"}});
    } else {
      std::cout << service.address << "  " << (service.serving ? "SERVING" : "NOT_SERVING") << "\n";
    }
  }
  if (json) std::cout << DumpJson({{"services", std::move(listed)}}, true) << "\n";
  return exit_code;
}

}  // namespace

int RunHealth(const Settings& settings, const CommandLine& line) {
  std::vector<std::string> addresses;
  if (line.Has("addr")) {
    addresses.push_back(line.Option("addr"));
  } else {
    for (const Setting* setting : {&kIngestionAddr, &kExtractionAddr, &kQueryAddr}) {
      addresses.push_back(settings.Get(*setting));
    }
  }
  std::vector<ServiceHealth> services;
  for (const std::string& address : addresses) services.push_back({address, IsServing(address)});
  return PrintHealth(services, WantsJson(line));
}

int RunReextract(const Settings& settings, const CommandLine& line) {
  auto stub = v1::ExtractionService::NewStub(Connect(settings.Get(kExtractionAddr)));
  v1::ReextractReportsRequest request;
  request.set_all(line.Has("all"));
  v1::ReextractReportsResponse response;
  auto context = NewCallContext(absl::Seconds(60));
  grpc::Status status = stub->ReextractReports(context.get(), request, &response);
  if (!status.ok())
    return ReportRpcError("reextract",
                          ExplainUnavailable(ServiceEndpoint(settings, kExtractionAddr), status));
  if (WantsJson(line)) {
    std::cout << ToJson(response, true) << "\n";
    return 0;
  }
  std::cout << "queued " << response.queued_count() << " reports for extraction with "
            << response.extractor_version() << " / " << response.indicator_set_version() << "\n";
  if (response.reread_count() > 0) {
    std::cout << response.reread_count()
              << " of them will be read again from their originals (read by another converter)\n";
  }
  return 0;
}

int RunJobs(const Settings& settings, const CommandLine& line) {
  absl::StatusOr<int> page_size = line.IntOption("page-size", 100);
  if (!page_size.ok()) return UsageError("jobs", page_size.status().message());
  auto stub = v1::ExtractionService::NewStub(Connect(settings.Get(kExtractionAddr)));
  v1::ListJobsRequest request;
  request.set_state(line.Option("state"));
  request.set_page_size(*page_size);
  v1::ListJobsResponse response;
  grpc::Status status = FetchPages(
      request, line.Has("all"),
      [&](const v1::ListJobsRequest& page_request, v1::ListJobsResponse* page) {
        return CallReadOnly(ServiceEndpoint(settings, kExtractionAddr), absl::Seconds(30),
                            [&](grpc::ClientContext* context) {
                              return stub->ListJobs(context, page_request, page);
                            });
      },
      &response);
  if (!status.ok()) return ReportRpcError("jobs", status);
  if (WantsJson(line)) {
    std::cout << ToJson(response, false) << "\n";
    return 0;
  }
  Table table({"REPORT", "STATE", "ATTEMPTS", "LAST ERROR"});
  for (const v1::ExtractionJob& job : response.jobs()) {
    table.AddRow({job.report(), job.state(), std::to_string(job.attempts()),
                  TruncateToWidth(job.last_error(), 60)});
  }
  std::cout << table.Render() << response.total_size() << " jobs\n";
  return 0;
}

int RunRequeue(const Settings& settings, const CommandLine& line) {
  if (line.positional().empty() && !line.Has("state")) {
    return UsageError("requeue", "name reports (reports/ID...) or a state (--state dead)");
  }
  auto stub = v1::ExtractionService::NewStub(Connect(settings.Get(kExtractionAddr)));
  v1::RequeueJobsRequest request;
  for (const std::string& name : line.positional()) request.add_names(name);
  request.set_state(line.Option("state"));
  v1::RequeueJobsResponse response;
  auto context = NewCallContext(absl::Seconds(60));
  grpc::Status status = stub->RequeueJobs(context.get(), request, &response);
  if (!status.ok())
    return ReportRpcError("requeue",
                          ExplainUnavailable(ServiceEndpoint(settings, kExtractionAddr), status));
  if (WantsJson(line)) {
    std::cout << ToJson(response, true) << "\n";
  } else {
    std::cout << "requeued " << response.requeued_count() << " jobs\n";
  }
  return 0;
}

// Waits for each service in turn; with --format json prints their health once all serve, or
// when the wait gives up (then with the one that did not serve).
int RunWaitReady(const Settings& settings, const CommandLine& line) {
  absl::StatusOr<int> timeout_s = line.IntOption("timeout", 30);
  if (!timeout_s.ok()) return UsageError("wait-ready", timeout_s.status().message());
  const bool json = WantsJson(line);
  absl::Time deadline = absl::Now() + absl::Seconds(*timeout_s);
  std::vector<ServiceHealth> services;
  for (const Setting* setting : {&kIngestionAddr, &kExtractionAddr, &kQueryAddr}) {
    std::string address = settings.Get(*setting);
    while (!IsServing(address)) {
      if (absl::Now() > deadline) {
        std::cerr << "fazhi: " << address << " (" << setting->env << ") is not serving after "
                  << *timeout_s << " s\n";
        services.push_back({address, false});
        if (json) PrintHealth(services, true);
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    services.push_back({address, true});
  }
  if (json) PrintHealth(services, true);
  return 0;
}

}  // namespace fazhi::cli
