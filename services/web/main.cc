// fazhi-web: the researchers' web app and its JSON API over the query service (docs/api.md, The
// JSON API).
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "common/config/settings.h"
#include "common/logging/logging.h"
#include "common/metrics/metrics_server.h"
#include "common/security/credentials.h"
#include "common/server/service_runner.h"
#include "fazhi/v1/query.grpc.pb.h"
#include "services/web/json_gateway.h"
#include "services/web/web_server.h"

namespace fazhi::web {
namespace {

int Fail(const absl::Status& status) {
  LogEvent(spdlog::level::critical, "startup_failed", {{"error", std::string(status.message())}});
  return 1;
}

// The built app: the setting, else build/web beside build/bin/fazhi-web.
std::string StaticDir(const Settings& settings) {
  std::string dir = settings.Get(kWebStaticDir);
  if (!dir.empty()) return dir;
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "" : (binary.parent_path().parent_path() / "web").string();
}

int Main(int argc, char** argv) {
  BlockShutdownSignals();
  Settings settings = Settings::FromEnvironment();
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help") {
      std::cout << "fazhi-web: the web app and JSON API (GET /v1/...) over the query service.\n\n"
                << Settings::HelpText();
      return 0;
    }
  }
  if (absl::Status parsed = settings.ApplyCommandLine(argc, argv); !parsed.ok()) {
    std::cerr << parsed.message() << "\n";
    return 2;
  }
  InitLogging("web", settings.Get(kLogLevel));
  absl::StatusOr<int64_t> deadline_ms = settings.GetInt(kWebDeadlineMs);
  if (!deadline_ms.ok()) return Fail(deadline_ms.status());
  // The token goes per call (the browser's, or FAZHI_WEB_TOKEN), not on the channel.
  absl::StatusOr<security::ChannelSecurity> channel_security =
      security::MakeChannelSecurity(settings.Get(kTlsCa), "");
  if (!channel_security.ok()) return Fail(channel_security.status());
  std::shared_ptr<grpc::Channel> channel =
      security::MakeChannel(settings.Get(kQueryAddr), *channel_security);
  absl::StatusOr<std::unique_ptr<JsonGateway>> gateway = JsonGateway::Create(
      channel, QueryServiceDescriptor(),
      {.deadline = absl::Milliseconds(*deadline_ms), .token = settings.Get(kWebToken)});
  if (!gateway.ok()) return Fail(gateway.status());

  const std::string static_dir = StaticDir(settings);
  if (!std::filesystem::is_regular_file(std::filesystem::path(static_dir) / "index.html")) {
    LogEvent(spdlog::level::warn, "no_web_app",
             {{"static_dir", static_dir}, {"hint", "./dev build makes it (web/build.sh)"}});
  }
  WebServer server(gateway->get(), channel, {.static_dir = static_dir});
  if (absl::Status listening = server.Listen(settings.Get(kWebAddr)); !listening.ok())
    return Fail(listening);
  std::unique_ptr<metrics::MetricsServer> metrics_server;
  if (const std::string address = settings.Get(kWebMetricsAddr); !address.empty()) {
    absl::StatusOr<std::unique_ptr<metrics::MetricsServer>> started =
        metrics::MetricsServer::Start(address, &metrics::Registry::Default());
    if (!started.ok()) return Fail(started.status());
    metrics_server = *std::move(started);
  }
  LogEvent(spdlog::level::info, "serving",
           {{"address", settings.Get(kWebAddr)},
            {"query", settings.Get(kQueryAddr)},
            {"static_dir", static_dir}});
  WaitForShutdownSignal();
  LogEvent(spdlog::level::info, "draining", {});
  server.Stop();
  return 0;
}

}  // namespace
}  // namespace fazhi::web

int main(int argc, char** argv) { return fazhi::web::Main(argc, argv); }
